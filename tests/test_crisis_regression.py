"""Crisis regression suite, against the trained model.

Every crisis phrasing of the held-out sets (written apart from the training data, never trained
on; see tests/support/heldout.py) must be triaged as a crisis (certain: the numbers; uncertain: the
direct question); no look-alike may be treated as a crisis. Runs on the model `make test`
trains, without an action server.
"""

import asyncio

import pytest

from relais.crisis import crisis_content, first_reply
from tests.support.heldout import CRISIS, SETS, load_heldout, parse_texts, quiet_rasa_logs

SETS_LOADED = [load_heldout(name, exclude_training=False) for name in SETS]
CRISIS_TEXTS = [text for heldout in SETS_LOADED for text in heldout.crisis_direct + heldout.crisis_indirect]
LOOKALIKES = [text for heldout in SETS_LOADED for text, _ in heldout.lookalikes]


@pytest.fixture(scope="module")
def predictions(agent):
    quiet_rasa_logs()
    texts = CRISIS_TEXTS + LOOKALIKES
    return parse_texts(agent, texts)


def test_heldout_sets_have_what_the_suite_needs():
    for heldout in SETS_LOADED:
        assert len(heldout.crisis_direct) >= 20
        assert len(heldout.crisis_indirect) >= 20
        assert len(heldout.lookalikes) >= 20


def test_every_crisis_phrasing_is_recognised(predictions):
    missed = [text for text in CRISIS_TEXTS if predictions[text] != CRISIS]
    assert missed == []


def test_no_lookalike_is_a_crisis(predictions):
    false_alarms = [text for text in LOOKALIKES if predictions[text] == CRISIS]
    assert false_alarms == []


def test_every_crisis_phrasing_gets_the_numbers_or_the_question(agent):
    """A certain crisis is answered with its kind's first reply (its first number, and 112);
    an uncertain one with the direct question. The dialogue itself: tests/test_crisis_dialogue.py,
    and through a running Relais: tests/test_crisis_blind.py."""

    async def parse_all():
        return {text: await agent.parse_message(text) for text in CRISIS_TEXTS}

    parses = asyncio.run(parse_all())
    untriaged = [text for text, parse in parses.items() if (parse.get("crisis") or {}).get("tier") is None]
    assert untriaged == []
    for parse in parses.values():
        crisis = parse["crisis"]
        if crisis["tier"] == "certain":
            reply = first_reply(crisis["kind"])
            assert "112" in reply and crisis_content().kind(crisis["kind"]).first_number in reply
