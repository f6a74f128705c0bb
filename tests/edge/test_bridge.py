"""The bridge (bot/bridge.py), shared by Telegram and the terminal: a turn to Rasa and its replies
back, each message processed by Rasa once across retries (against a stub of Rasa, no network);
its crisis helpers; and the terminal chat: a crisis message's first reply is printed before
anything waits on Rasa."""

import asyncio

import pytest
import pytest_asyncio

from bot.bridge import (
    Bridge,
    RecentFirstReplies,
    crisis_kind,
    first_reply_at_once,
    first_reply_given,
)
from bot.conversation import Turn
from bot.rasa_client import RasaClient, RasaUnavailable
from bot.replies import RASA_DOWN_TEXT, URGENT_HINT, outage_replies
from bot.terminal import LocalChat, exchange
from relais.conversation_contract import FIRST_REPLY_SENT
from relais.crisis import first_reply
from relais.database import create_engine_from_url, make_session_factory, upgrade_to_head
from relais.services.desk import DeskService
from tests.support.hung_server import HungServer
from tests.support.servers import free_port
from tests.support.waiting import until


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
        await until(lambda: hung.connections, what="the message handed to Rasa")
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


class StubRasa:
    """Rasa's REST channel and tracker, as the bridge uses them: `answers` for each message
    sent, `events` for the tracker; `down` makes every call fail as an outage does."""

    def __init__(self, answers=(), events=()):
        self.answers = list(answers)
        self.events_ = list(events)
        self.sent = []
        self.down = False

    async def send(self, sender_id, text, metadata=None):
        if self.down:
            raise RasaUnavailable("connection refused")
        self.sent.append((sender_id, text, metadata))
        return self.answers

    async def events(self, sender_id):
        if self.down:
            raise RasaUnavailable("connection refused")
        return self.events_


def said(key, text):
    return {"event": "user", "text": text, "metadata": {"relais_key": key}}


def bot(text):
    return {"event": "bot", "text": text, "data": {}}


@pytest.mark.asyncio(loop_scope="function")
async def test_a_turn_goes_to_rasa_tagged_with_its_key_and_rasas_messages_come_back_as_replies():
    rasa = StubRasa(answers=[{"text": "Bonjour !", "buttons": [{"title": "Oui", "payload": "/affirm"},
                                                              {"title": "Piège", "payload": "/pirate"}]},
                             {"text": ""}])
    turn = Turn("7", "bonjour", "bonjour", {"telegram": {"message_id": 3}})

    replies = await Bridge(rasa).answer(turn, message_key="tg-10")

    assert rasa.sent == [("7", "bonjour", {"telegram": {"message_id": 3}, "relais_key": "tg-10"})]
    assert turn.metadata == {"telegram": {"message_id": 3}}  # the turn itself is left as it was
    assert [r.text for r in replies] == ["Bonjour !"]  # an empty message is no reply
    assert [b.payload for b in replies[0].buttons] == ["/affirm"]  # only the domain's payloads


@pytest.mark.asyncio(loop_scope="function")
async def test_without_a_key_the_metadata_is_sent_as_is_and_an_empty_answer_is_no_reply():
    rasa = StubRasa(answers=[])
    assert await Bridge(rasa).answer(Turn("7", "bonjour", "bonjour", {"a": 1})) == []
    assert rasa.sent == [("7", "bonjour", {"a": 1})]


@pytest.mark.asyncio(loop_scope="function")
async def test_a_retry_of_a_message_rasa_processed_before_going_down_uses_its_replies_then():
    rasa = StubRasa(answers=[{"text": "Réponse en double"}],
                    events=[said("tg-10", "bonjour"), bot("Bonjour, que puis-je faire ?")])

    replies = await Bridge(rasa).answer(Turn("7", "bonjour", "bonjour"), message_key="tg-10", retry=True)

    assert [r.text for r in replies] == ["Bonjour, que puis-je faire ?"]
    assert rasa.sent == []  # not processed a second time


@pytest.mark.asyncio(loop_scope="function")
async def test_a_retry_of_a_message_rasa_never_received_sends_it():
    rasa = StubRasa(answers=[{"text": "Bonjour !"}], events=[said("tg-9", "avant"), bot("Réponse")])

    replies = await Bridge(rasa).answer(Turn("7", "bonjour", "bonjour"), message_key="tg-10", retry=True)

    assert [r.text for r in replies] == ["Bonjour !"]
    assert [text for _, text, _ in rasa.sent] == ["bonjour"]


@pytest.mark.asyncio(loop_scope="function")
async def test_an_empty_answer_is_an_outage_unless_the_tracker_has_the_message():
    # Rasa's REST channel answers 200 with nothing when its processing failed.
    lost = StubRasa(answers=[], events=[])
    with pytest.raises(RasaUnavailable) as raised:
        await Bridge(lost).answer(Turn("7", "bonjour", "bonjour"), message_key="tg-10")
    assert raised.value.maybe_processed is True

    # Processed, and Rasa had nothing to say (a silent action): no reply, no outage.
    silent = StubRasa(answers=[], events=[said("tg-10", "bonjour")])
    assert await Bridge(silent).answer(Turn("7", "bonjour", "bonjour"), message_key="tg-10") == []


@pytest.mark.asyncio(loop_scope="function")
async def test_the_safety_net_answers_when_rasa_is_down_without_a_first_reply_given_twice():
    rasa = StubRasa()
    rasa.down = True
    bridge = Bridge(rasa)

    replies = await bridge.answer_or_safety_net(Turn("7", "je veux mourir", "je veux mourir"))
    assert [r.text for r in replies] == [first_reply("suicide"), RASA_DOWN_TEXT]

    given = Turn("7", "je veux mourir", "je veux mourir", {FIRST_REPLY_SENT: True})
    assert [r.text for r in await bridge.answer_or_safety_net(given)] == [RASA_DOWN_TEXT + "\n" + URGENT_HINT]

    rasa.down = False
    rasa.answers = [{"text": "Je suis là."}]
    assert [r.text for r in await bridge.answer_or_safety_net(given)] == ["Je suis là."]
