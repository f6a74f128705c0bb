"""A crisis never waits at the Telegram edge: its first reply goes out on arrival whatever Rasa
does (here a Rasa that accepts connections and never answers, tests/support/hung_server.py) and
whatever the chat's queue holds; during a database outage every update of a batch gets the
safety net; a crisis during a taken case reaches the coaches' topic even if Telegram refuses it
for a while. Against the fake Bot API on loopback and an SQLite database; no trained model.

Nothing here measures time (bench/crisis_latency.py does): the tests wait on conditions, with
a generous bound that only stops a run that hangs.
"""

import asyncio
import itertools
import json

import pytest
from sqlalchemy import create_engine, text

from bot.replies import MEDIA_TEXTS, RASA_DOWN_TEXT, URGENT_HINT
from relais.conversation_contract import FIRST_REPLY_SENT
from relais.crisis import first_reply, kind_label
from relais.database import create_engine_from_url, make_session_factory
from relais.services.escalation import EscalationService
from tests.support.edge_runner import DATABASE_DOWN, edge_settings, polling_edge
from tests.support.servers import free_port
from tests.support.waiting import until

pytestmark = pytest.mark.asyncio(loop_scope="function")
BOUND = 60.0  # a safety bound on every wait, never a measure
_chats = itertools.count(910_000)
_coach_groups = itertools.count(-1009000000, -1)
ALICE = 501


def texts(fake, chat):
    return [m["text"] for m in fake.delivered(chat)]


def stored_metadata(database_url, update_id):
    with create_engine(database_url, future=True).connect() as connection:
        content = connection.execute(
            text("select content from relais_inbox where update_id = :u"), {"u": update_id}
        ).scalar_one()
    return json.loads(content)["metadata"]


async def test_a_crisis_gets_its_first_reply_at_once_while_rasa_hangs_and_only_once(
        fake, hung, database_url):
    chat = next(_chats)
    # Rasa's HTTP timeout short: the outage notice comes once the call gives up.
    async with polling_edge(edge_settings(fake, hung.url, database_url, rasa_timeout_seconds=1.0)):
        update = fake.push_update(fake.text_update(chat, "mon mari me frappe"))
        await fake.wait_for("sendMessage", 1, chat_id=chat, timeout=BOUND)
        first = first_reply("violence")
        assert texts(fake, chat) == [first]
        assert "17" in first and "3919" in first and "112" in first
        # Then the message goes to Rasa, which hangs; the citizen is told, without the block again.
        await until(lambda: any(RASA_DOWN_TEXT in t for t in texts(fake, chat)))
        assert hung.connections >= 1
        assert texts(fake, chat)[0] == first and texts(fake, chat).count(first) == 1
        # Kept in the entry: after a restart the block is not sent again, and Rasa is told.
        assert stored_metadata(database_url, update["update_id"])[FIRST_REPLY_SENT] is True


async def test_a_crisis_behind_a_message_stuck_on_rasa_gets_its_first_reply_at_once(
        fake, hung, database_url):
    chat = next(_chats)
    async with polling_edge(edge_settings(fake, hung.url, database_url)):
        fake.push_update(fake.text_update(chat, "bonjour, j'ai une question sur ma facture"))
        await until(lambda: hung.connections >= 1)  # the chat's first message waits on Rasa
        fake.push_update(fake.text_update(chat, "je veux mourir"))
        await fake.wait_for("sendMessage", 1, chat_id=chat, timeout=BOUND)
        assert texts(fake, chat) == [first_reply("suicide")]
        assert "3114" in texts(fake, chat)[0]
        assert hung.connections == 1  # the crisis message waits its turn for Rasa, in order


async def test_a_restart_does_not_send_the_first_reply_again(fake, hung, database_url):
    chat = next(_chats)
    settings = edge_settings(fake, hung.url, database_url)
    async with polling_edge(settings) as edge:
        update = fake.push_update(fake.text_update(chat, "je veux mourir"))
        await fake.wait_for("sendMessage", 1, chat_id=chat, timeout=BOUND)
        await until(lambda: hung.connections >= 1)
        await until(lambda: FIRST_REPLY_SENT in stored_metadata(database_url, update["update_id"]))
        assert edge.inbox.next_for_chat(str(chat)) is not None  # still waiting for Rasa
    async with polling_edge(settings):  # the entry is resumed and handed to Rasa again
        await until(lambda: hung.connections >= 2)
        assert texts(fake, chat) == [first_reply("suicide")]


async def test_a_second_crisis_of_the_same_kind_does_not_get_the_same_block_again(
        fake, hung, database_url):
    chat = next(_chats)
    async with polling_edge(edge_settings(fake, hung.url, database_url, rasa_timeout_seconds=1.0)):
        fake.push_update(fake.text_update(chat, "je veux mourir"))
        fake.push_update(fake.text_update(chat, "je vais me tuer ce soir"))
        fake.push_update(fake.text_update(chat, "mon mari me frappe"))
        await fake.wait_for("sendMessage", 2, chat_id=chat, timeout=BOUND)
        await until(lambda: any(RASA_DOWN_TEXT in t for t in texts(fake, chat)))
        sent = texts(fake, chat)
        # Another kind has its own block; the same kind a moment later is left to the dialogue.
        assert set(sent[:2]) == {first_reply("suicide"), first_reply("violence")}
        assert sent.count(first_reply("suicide")) == 1 and sent.count(first_reply("violence")) == 1


async def test_a_batch_during_a_database_outage_gets_the_safety_net_update_by_update(fake, hung):
    anne, paul, zoe = next(_chats), next(_chats), next(_chats)
    for chat, message in [(anne, "bonjour"), (paul, "merci pour hier"),
                          (zoe, "mon mari me frappe"), (anne, "je veux mourir")]:
        fake.push_update(fake.text_update(chat, message))
    async with polling_edge(edge_settings(fake, hung.url, DATABASE_DOWN)):
        for chat in (anne, paul, zoe):
            await fake.wait_for("sendMessage", 1, chat_id=chat, timeout=BOUND)
        # Telegram sends the batch again at each getUpdates: nothing is said twice.
        await until(lambda: len(fake.sent("getUpdates")) >= 3)
        assert texts(fake, zoe) == [first_reply("violence"), RASA_DOWN_TEXT]
        assert texts(fake, anne) == [first_reply("suicide"), RASA_DOWN_TEXT]
        assert texts(fake, paul) == [RASA_DOWN_TEXT + "\n" + URGENT_HINT]
        assert len(fake.pending_updates) == 4  # none acknowledged: Telegram still holds them


async def test_a_voice_note_gets_the_numbers_hint(fake, hung, database_url):
    chat = next(_chats)
    async with polling_edge(edge_settings(fake, hung.url, database_url)):
        fake.push_update(fake.media_update(chat, "voice"))
        await fake.wait_for("sendMessage", 1, chat_id=chat, timeout=BOUND)
        assert texts(fake, chat) == [MEDIA_TEXTS["voice"]]
        assert URGENT_HINT in texts(fake, chat)[0] and hung.connections == 0


async def test_a_crisis_during_a_taken_case_is_relayed_once_the_topic_answers_and_coaches_are_alerted(
        fake, database_url):
    coaches, chat = next(_coach_groups), next(_chats)
    engine = create_engine_from_url(database_url)
    case = EscalationService(make_session_factory(engine)).open_case(str(chat), "citizen_request")
    engine.dispose()
    # Rasa is not there (a closed port): what coaches and citizens say is recorded best effort.
    settings = edge_settings(fake, f"http://127.0.0.1:{free_port()}", database_url,
                             coach_chat_id=coaches, coach_on_duty="@astreinte",
                             coach_admin_ids=str(ALICE),  # coaches act only when listed
                             telegram_max_group_messages_per_minute=100000,
                             pseudonym_secret="clé de test des pseudonymes")
    async with polling_edge(settings) as edge:
        card = await the_card(fake, coaches)
        fake.push_update(coach_takes(card, case.id))
        await until(lambda: any("vous rejoint" in t for t in texts(fake, chat)))

        fake.fail_next("sendMessage", 500, times=2, chat_id=coaches)  # the group, not the citizen
        fake.push_update(fake.text_update(chat, "mon mari me frappe"))
        await fake.wait_for("sendMessage", 2, chat_id=chat, timeout=BOUND)
        assert texts(fake, chat)[-1] == first_reply("violence")  # at once, whatever the topic does

        thread = card["message_thread_id"]
        in_topic = lambda: [m["text"] for m in fake.delivered(coaches)  # noqa: E731
                            if m.get("message_thread_id") == thread]
        general = lambda: [m["text"] for m in fake.delivered(coaches)  # noqa: E731
                           if not m.get("message_thread_id")]
        await until(lambda: any("mon mari me frappe" in t for t in in_topic()))
        await until(lambda: any("@astreinte" in t and "CRISE" in t for t in general()))
        await asyncio.wait_for(edge.idle(), BOUND)

        refused = [c for c in fake.calls if c.method == "sendMessage"
                   and c.params.get("chat_id") == coaches and c.status == 500]
        assert len(refused) == 2
        assert sum("mon mari me frappe" in t for t in in_topic()) == 1  # relayed, once
        assert any(f"évoque une crise ({kind_label('violence')})" in t for t in in_topic())
        alerts = [t for t in general() if "@astreinte" in t]
        assert len(alerts) == 1 and kind_label("violence") in alerts[0]
        assert f"n°{case.id}" in alerts[0]
        assert texts(fake, chat).count(first_reply("violence")) == 1
        assert edge.inbox.next_for_chat(str(chat)) is None  # finished once relayed


async def the_card(fake, coaches):
    """The card of the case the desk announces (a topic, then the card with its buttons)."""
    await until(lambda: any(m.get("reply_markup") for m in fake.delivered(coaches)))
    return [m for m in fake.delivered(coaches) if m.get("reply_markup")][0]


def coach_takes(card, case_id):
    coach = {"id": ALICE, "is_bot": False, "first_name": "Alice"}
    return {"callback_query": {"id": f"cq{next(_chats)}", "from": coach, "chat_instance": "x",
                               "data": f"take:{case_id}", "message": card}}
