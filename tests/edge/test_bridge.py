"""The bridge's crisis helpers, shared by Telegram and the terminal, and the terminal chat: a
crisis message's first reply is printed before anything waits on Rasa."""

import asyncio

import pytest
import pytest_asyncio

from bot.bridge import (
    FIRST_REPLY_SENT,
    Bridge,
    RecentFirstReplies,
    crisis_kind,
    first_reply_at_once,
    first_reply_given,
)
from bot.conversation import Turn
from bot.rasa_client import RasaClient
from bot.replies import RASA_DOWN_TEXT, URGENT_HINT, outage_replies
from bot.terminal import LocalChat, exchange
from relais.crisis import first_reply
from relais.database import create_engine_from_url, make_session_factory, upgrade_to_head
from relais.services.desk import DeskService
from tests.support.hung_server import HungServer
from tests.support.servers import free_port


@pytest.mark.parametrize("typed, kind", [
    ("mon mari me frappe", "violence"),
    ("je veux mourir", "suicide"),
    ("bonjour", None),
    ("je suis mort de rire", None),
    ("", None),
    (None, None),
])
def test_crisis_kind_is_the_lexicons_when_certain(typed, kind):
    assert crisis_kind(typed) == kind


def test_a_crisis_turn_gets_its_first_reply_and_tells_rasa_it_was_given():
    reply, turn = first_reply_at_once(Turn("7", "mon mari me frappe", "mon mari me frappe", {"a": 1}))
    assert reply.text == first_reply("violence")
    assert turn.metadata == {"a": 1, FIRST_REPLY_SENT: True}
    assert first_reply_at_once(turn) == (None, turn)  # given already
    plain = Turn("7", "bonjour", "bonjour")
    assert first_reply_at_once(plain) == (None, plain)


def test_the_same_block_is_not_given_twice_in_a_row_another_kind_is():
    recent = RecentFirstReplies()
    first, _ = first_reply_at_once(Turn("7", "je veux mourir", "je veux mourir"), recent)
    again, told = first_reply_at_once(Turn("7", "je vais me tuer", "je vais me tuer"), recent)
    other, _ = first_reply_at_once(Turn("7", "mon mari me frappe", "mon mari me frappe"), recent)
    elsewhere, _ = first_reply_at_once(Turn("8", "je veux mourir", "je veux mourir"), recent)
    assert first.text == first_reply("suicide") and again is None
    assert first_reply_given(told.metadata)  # Rasa does not send the block either
    assert other.text == first_reply("violence") and elsewhere.text == first_reply("suicide")


def test_outage_replies_give_each_crisis_kinds_first_reply_then_the_notice():
    replies = outage_replies(["bonjour", "je veux mourir", "mon mari me frappe", "je vais me tuer"])
    assert [r.text for r in replies] == [first_reply("suicide"), first_reply("violence"), RASA_DOWN_TEXT]
    assert [r.text for r in outage_replies(["bonjour"])] == [RASA_DOWN_TEXT + "\n" + URGENT_HINT]


@pytest_asyncio.fixture
async def hung():
    async with HungServer() as server:
        yield server


@pytest.mark.asyncio(loop_scope="function")
async def test_the_terminal_prints_a_crisis_first_reply_before_waiting_on_rasa(tmp_path, hung, capsys):
    url = f"sqlite:///{tmp_path / 'relais.db'}"
    upgrade_to_head(url)
    engine = create_engine_from_url(url)
    rasa = RasaClient(hung.url, timeout=3600)
    local = LocalChat("terminal-test", Bridge(rasa), rasa, DeskService(make_session_factory(engine)))
    talking = asyncio.create_task(exchange(local, "mon mari me frappe", [], RecentFirstReplies()))
    try:
        for _ in range(600):
            if hung.connections:
                break
            await asyncio.sleep(0.05)
        assert hung.connections == 1 and not talking.done()  # Rasa has it, and hangs
        assert first_reply("violence") in capsys.readouterr().out
    finally:
        talking.cancel()
        await asyncio.gather(talking, return_exceptions=True)
        await rasa.close()
        engine.dispose()


@pytest.mark.asyncio(loop_scope="function")
async def test_the_terminal_safety_net_does_not_repeat_a_first_reply_given(capsys):
    rasa = RasaClient(f"http://127.0.0.1:{free_port()}")  # Rasa down: nothing listens
    try:
        replies = await Bridge(rasa).answer_or_safety_net(
            first_reply_at_once(Turn("7", "je veux mourir", "je veux mourir"))[1])
    finally:
        await rasa.close()
    assert [r.text for r in replies] == [RASA_DOWN_TEXT + "\n" + URGENT_HINT]
