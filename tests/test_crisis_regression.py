"""Crisis regression suite, against the trained model.

Every crisis phrasing of the held-out set (written apart from the training data, never trained
on) must be classified `crise` and answered with the emergency numbers; no look-alike may be
treated as a crisis. Runs on the model `make test` trains, without an action server (the crisis
answer is a response, so it never depends on one).
"""

import asyncio
import uuid

import pytest

from bench.heldout import CRISIS, load_heldout, parse_texts, quiet_rasa_logs

HELDOUT = load_heldout()
CRISIS_TEXTS = HELDOUT.crisis_direct + HELDOUT.crisis_indirect


@pytest.fixture(scope="module")
def predictions(agent):
    quiet_rasa_logs()
    texts = CRISIS_TEXTS + [text for text, _ in HELDOUT.lookalikes]
    return parse_texts(agent, texts)


def test_heldout_set_has_what_the_suite_needs():
    assert len(HELDOUT.crisis_direct) >= 20
    assert len(HELDOUT.crisis_indirect) >= 20
    assert len(HELDOUT.lookalikes) >= 20


def test_every_crisis_phrasing_is_recognised(predictions):
    missed = [text for text in CRISIS_TEXTS if predictions[text] != CRISIS]
    assert missed == []


def test_no_lookalike_is_a_crisis(predictions):
    false_alarms = [text for text, _ in HELDOUT.lookalikes if predictions[text] == CRISIS]
    assert false_alarms == []


async def _first_reply(agent, text):
    replies = await agent.handle_text(text, sender_id=f"regression-{uuid.uuid4().hex}")
    return "\n".join(reply.get("text", "") for reply in replies)


def test_every_crisis_phrasing_is_answered_with_the_numbers(agent):
    async def answer_all():
        return {text: await _first_reply(agent, text) for text in CRISIS_TEXTS}

    replies = asyncio.run(answer_all())
    without_numbers = [text for text, reply in replies.items() if "3114" not in reply or "112" not in reply]
    assert without_numbers == []
