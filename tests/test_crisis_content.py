"""The crisis texts (relais/content/crisis.yml): each kind gives its own numbers first, in order,
and 112; the low-mood answers and the fallback do not carry them."""

import re

import pytest

from relais.crisis import CRISIS_KINDS, crisis_content, first_reply, kind_label

# The first number each kind must give (DESIGN.md, "Contracts").
FIRST_NUMBER = {
    "suicide": "3114", "self_harm": "3114", "violence": "17", "child": "119", "medical": "15",
    "danger": "112", "other_at_risk": "3114",
}
_NUMBER = re.compile(r"(?<!\d)(?<!\d )(3114|3919|119|112|114|115|15|17|18)(?!\d)(?! \d)")


@pytest.mark.parametrize("kind", CRISIS_KINDS)
def test_each_kind_gives_its_numbers_first_and_in_order(kind):
    content = crisis_content().kind(kind)
    text = first_reply(kind)
    assert content.first_number == FIRST_NUMBER[kind]
    assert _NUMBER.search(text).group(1) == FIRST_NUMBER[kind]
    assert "112" in text
    positions = [text.index(number) for number in content.numbers]
    assert positions == sorted(positions), f"{kind}: numbers not in the declared order"


@pytest.mark.parametrize("kind", CRISIS_KINDS)
def test_each_kind_has_a_question_a_reminder_safety_steps_and_a_label(kind):
    content = crisis_content().kind(kind)
    assert content.question.endswith("?")
    assert content.first_number in content.reminder
    assert len(content.safety) >= 3
    assert kind_label(kind)


def test_violence_advice_assumes_the_aggressor_may_read_the_phone():
    text = first_reply("violence")
    assert "3919" in text and "114" in text
    assert "effacer" in text
    assert "restez près de quelqu'un" not in text.lower()


def test_each_kind_has_its_own_answers_in_the_dialogue():
    table = crisis_content().dialogue
    for key in ("free_anonymous", "refuses_call", "what_to_do", "who_answers"):
        assert set(table[key]) == set(CRISIS_KINDS), key


def test_a_medical_emergency_never_tells_the_person_not_to_call():
    text = crisis_content().by_kind("refuses_call", "medical")
    assert "15" in text and "pas obligé" not in text


def test_texts_fit_a_phone_screen():
    content = crisis_content()
    for kind in CRISIS_KINDS:
        assert len(content.kind(kind).first) <= 700, kind
    for key in ("prefers_writing", "repeats", "plan_or_means", "listen"):
        for line in content.lines(key):
            assert len(line) <= 400, key
    for key in ("refuses_call", "free_anonymous", "what_to_do", "who_answers"):
        for kind in CRISIS_KINDS:
            assert len(content.by_kind(key, kind)) <= 400, (key, kind)
    for key in ("in_writing", "other_at_risk_answers", "medical_answers", "violence_answers"):
        for name, line in content.dialogue[key].items():
            assert len(line) <= 400, (key, name)
