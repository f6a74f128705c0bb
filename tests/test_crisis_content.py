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


def test_each_kind_answers_whether_it_is_free_or_anonymous():
    for kind in CRISIS_KINDS:
        assert crisis_content().by_kind("free_anonymous", kind)


def test_texts_fit_a_phone_screen():
    content = crisis_content()
    for kind in CRISIS_KINDS:
        assert len(content.kind(kind).first) <= 700, kind
    for key in ("prefers_writing", "refuses_call", "repeats", "plan_or_means", "listen"):
        for line in content.lines(key):
            assert len(line) <= 400, key
