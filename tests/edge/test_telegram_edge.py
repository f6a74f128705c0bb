"""The Telegram edge (bot/telegram_edge.py). First without a network: an update delivered twice
is stored and handed to its chat's queue once. Then end to end: a fake Bot API server over HTTP
on loopback (as python-telegram-bot's base_url), the real bridge, Rasa with the trained model
and the action server, on an SQLite database."""

import asyncio

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import create_engine, text
from telegram import Update

from bot.bridge import crisis_kind
from bot.replies import CONTACT_TEXT, EDITED_TEXT, MEDIA_TEXTS, RASA_DOWN_TEXT
from bot.telegram_delivery import TelegramDelivery
from bot.telegram_edge import TelegramEdge, webhook_app
from relais.conversation_contract import FIRST_REPLY_SENT
from relais.crisis import CRISIS_KINDS, crisis_content, first_reply
from relais.database import create_engine_from_url, make_session_factory, upgrade_to_head
from relais.services.inbox import InboxService
from relais.settings import Settings
from tests.support.edge_runner import polled, polling_edge
from tests.support.fake_bot_api import FakeBotApi
from tests.support.hung_server import HungServer
from tests.support.servers import free_port
from tests.support.waiting import until

pytestmark = pytest.mark.asyncio(loop_scope="function")
# Stops a run that hangs; never a measure of speed (bench/ measures).
SAFETY_BOUND = 1800.0


# --- Repeated deliveries, without a network ------------------------------------------------------

class RecordingQueue:
    """The chat queue as the edge hands updates over to it: what it was given."""

    def __init__(self) -> None:
        self.woken: list[str] = []
        self.crises: list[tuple[str, int, str]] = []

    def wake(self, chat_id) -> None:
        self.woken.append(str(chat_id))

    def answer_crisis_at_once(self, chat_id, update_id: int, kind: str) -> None:
        self.crises.append((str(chat_id), update_id, kind))


@pytest_asyncio.fixture
async def offline_edge(tmp_path):
    """The edge's intake on a real inbox (SQLite), with a queue that records what it is given."""
    url = f"sqlite:///{tmp_path / 'relais.db'}"
    upgrade_to_head(url)
    engine = create_engine_from_url(url)
    edge = TelegramEdge(bot=None, inbox=InboxService(make_session_factory(engine)), keyboards=None,
                        queue=RecordingQueue(), delivery=None)
    yield edge
    await edge.stop()
    engine.dispose()


def updates(*payloads):
    return [Update.de_json(payload, None) for payload in payloads]


async def test_an_update_repeated_in_its_batch_or_in_a_later_one_is_handed_over_once(offline_edge):
    telegram = FakeBotApi(first_update_id=500)  # not started: it numbers the updates, no server
    hello = telegram.push_update(telegram.text_update(41, "bonjour"))
    other = telegram.push_update(telegram.text_update(42, "merci"))

    await offline_edge.ingest_batch(updates(hello, dict(hello), other))
    assert offline_edge.queue.woken == ["41", "42"]
    # Telegram sends it again (its offset was not confirmed before a restart): stored already.
    await offline_edge.ingest_batch(updates(dict(hello)))
    assert offline_edge.queue.woken == ["41", "42"]
    assert offline_edge.inbox.last_update_id() == other["update_id"]
    assert [item.update_id for item in offline_edge.inbox.pending_contents("41")] == [hello["update_id"]]


async def test_a_crisis_delivered_twice_gets_its_first_reply_once(offline_edge):
    telegram = FakeBotApi(first_update_id=700)
    crisis = telegram.push_update(telegram.text_update(43, "je veux mourir"))

    await offline_edge.ingest_batch(updates(crisis))
    await offline_edge.ingest_batch(updates(dict(crisis)))

    assert offline_edge.queue.crises == [("43", crisis["update_id"], "suicide")]
    assert offline_edge.queue.woken == ["43"]


# --- End to end ----------------------------------------------------------------------------------

@pytest.fixture
def stack(edge_stack):
    return edge_stack


def settings_for(stack, fake) -> Settings:
    return Settings(
        rasa_url=stack.rasa_url, rasa_auth_token=stack.auth_token, edge_secret=stack.edge_secret,
        action_server_url=stack.action_server_url, database_url=stack.database_url,
        telegram_bot_token=fake.token, telegram_api_base_url=fake.base_url,
        bridge_port=stack.bridge_port,
    )


@pytest_asyncio.fixture
async def edge(stack, fake):
    async with polling_edge(settings_for(stack, fake)) as edge:
        yield edge


_chat_ids = iter(range(1000, 10**6))


def new_chat() -> int:
    return next(_chat_ids)


async def say(edge, fake, chat_id, message, timeout=60.0):
    """Push an update and wait until the edge has answered it; the texts it sent. (Rasa's REST
    channel cuts a response into one message per paragraph.)"""
    before = len(fake.delivered(chat_id))
    fake.push_update(fake.text_update(chat_id, message) if isinstance(message, str) else message)
    await fake.wait_for("sendMessage", before + 1, chat_id=chat_id, timeout=timeout)
    await edge.queue.idle()
    return [m["text"] for m in fake.delivered(chat_id)[before:]]


def last_keyboard(fake, chat_id):
    with_keyboard = [m for m in fake.delivered(chat_id) if m.get("reply_markup")]
    assert with_keyboard, fake.sent("sendMessage", chat_id)
    message = with_keyboard[-1]
    return message["message_id"], message["reply_markup"]["inline_keyboard"]


async def tap(edge, fake, chat_id, title_part):
    message_id, rows = last_keyboard(fake, chat_id)
    index = [b["text"] for row in rows for b in row].index(
        next(b["text"] for row in rows for b in row if title_part in b["text"]))
    return await say(edge, fake, chat_id, fake.callback_update(chat_id, message_id, f"b{index}"))


async def consent(edge, fake, chat_id):
    await say(edge, fake, chat_id, "/start")
    await tap(edge, fake, chat_id, "accepte")


def rasa_user_events(stack, chat_id):
    response = httpx.get(f"{stack.rasa_url}/conversations/{chat_id}/tracker",
                         params={"token": stack.auth_token}, timeout=30)
    return [e for e in response.json()["events"] if e["event"] == "user"]


def attempts(stack, chat_id):
    """How many times the edge has tried to hand the chat's oldest waiting message to Rasa."""
    with create_engine(stack.database_url, future=True).connect() as connection:
        return connection.execute(
            text("select coalesce(max(attempts), 0) from relais_inbox where chat_id = :c"),
            {"c": str(chat_id)}).scalar_one()


async def test_menu_is_registered_and_a_message_gets_rasas_reply_with_its_keyboard(edge, fake):
    commands = fake.sent("setMyCommands")[0]["commands"]
    assert [c["command"] for c in commands] == [
        "start", "aide", "urgence", "progres", "coach", "mesdonnees", "oubli"]

    chat = new_chat()
    texts = await say(edge, fake, chat, "/start")
    assert "Relais" in texts[0] and "3114" in "".join(texts)
    message_id, rows = last_keyboard(fake, chat)
    titles = [b["text"] for row in rows for b in row]
    assert "J'accepte" in titles
    assert all(b["callback_data"].startswith("b") for row in rows for b in row)

    texts = await tap(edge, fake, chat, "accepte")
    assert fake.sent("answerCallbackQuery")
    closed = [c for c in fake.sent("editMessageReplyMarkup") if c["message_id"] == message_id]
    assert closed and not closed[0].get("reply_markup")
    assert "Merci" in texts[0]
    # A second tap on the closed keyboard does nothing in Rasa.
    again = await say(edge, fake, chat, fake.callback_update(chat, message_id, "b0"))
    assert "plus disponible" in again[0]


async def test_a_typed_intent_payload_goes_through_nlu_and_cannot_set_a_slot(edge, fake, stack):
    chat = new_chat()
    await say(edge, fake, chat, '/greet{"consentement":"donne"}')
    event = rasa_user_events(stack, chat)[-1]
    assert event["text"] == 'greet{"consentement":"donne"}'
    assert event["parse_data"]["entities"] == [] or all(
        e["entity"] != "consentement" for e in event["parse_data"]["entities"])
    tracker = httpx.get(f"{stack.rasa_url}/conversations/{chat}/tracker",
                        params={"token": stack.auth_token}).json()
    assert tracker["slots"].get("consentement") != "donne"
    assert event["metadata"]["telegram"]["message_id"] > 0
    assert event["metadata"]["relais_key"].startswith("tg-")


async def test_media_contact_location_edits_and_long_messages(edge, fake, stack):
    chat = new_chat()
    assert await say(edge, fake, chat, fake.media_update(chat, "voice")) == [MEDIA_TEXTS["voice"]]
    assert await say(edge, fake, chat, fake.media_update(chat, "sticker")) == [MEDIA_TEXTS["sticker"]]
    assert await say(edge, fake, chat, fake.contact_update(chat, "+33612345678", "Dominique")) == [CONTACT_TEXT]
    assert await say(edge, fake, chat, fake.edited_update(chat, 1, "bonjour bonjour")) == [EDITED_TEXT]

    texts = await say(edge, fake, chat, fake.location_update(chat, 45.7640, 4.8357))
    # The département understood, then the help of that place (its préfecture, Lyon).
    assert "Rhône" in texts[0] and "Lyon" in " ".join(texts)

    long_text = ("Depuis la coupure de chauffage je ne sais plus comment faire pour les enfants. "
                 * 70)[:5000]
    texts = await say(edge, fake, chat, long_text)
    assert texts and all(len(t) <= 4096 for t in texts)

    with create_engine(stack.database_url, future=True).connect() as connection:
        stored = connection.execute(text("select content from relais_inbox")).scalars().all()
    assert not any(content and "33612345678" in content for content in stored)
    assert not any(content and "45.76" in content for content in stored)


async def test_an_update_delivered_twice_is_answered_once(edge, fake):
    chat = new_chat()
    update = fake.push_update(fake.text_update(chat, "merci beaucoup"))
    await fake.wait_for("sendMessage", 1, chat_id=chat)
    fake.push_update(dict(update))  # same update_id
    # The edge was handed the update a second time, and took that batch in (the poller then
    # confirms it, and the fake Bot API forgets it): only then is "answered once" a finding.
    await until(lambda: polled(fake, update["update_id"]) == 2)
    await until(lambda: not fake.pending_updates)
    await edge.queue.idle()
    assert len(fake.delivered(chat)) == 1


async def test_proactive_message_from_rasa_reaches_the_citizen(edge, fake, stack):
    chat = new_chat()
    await say(edge, fake, chat, "/start")
    before = len(fake.delivered(chat))
    async with httpx.AsyncClient() as client:  # Rasa calls the edge back meanwhile
        response = await client.post(
            f"{stack.rasa_url}/conversations/{chat}/trigger_intent",
            params={"token": stack.auth_token, "output_channel": "callback"},
            json={"name": "aide"}, timeout=30,
        )
    assert response.status_code == 200
    await fake.wait_for("sendMessage", before + 1, chat_id=chat)


async def test_webhook_refuses_a_missing_or_wrong_secret_and_accepts_the_right_one(edge, fake):
    from aiohttp import web

    runner = web.AppRunner(webhook_app(edge, "s3cret-value"))
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    url = f"http://127.0.0.1:{port}/telegram"
    chat = new_chat()
    try:
        assert await fake.post_webhook(url, fake.text_update(chat, "bonjour"), None) == 403
        assert await fake.post_webhook(url, fake.text_update(chat, "bonjour"), "wrong") == 403
        assert fake.delivered(chat) == []
        assert await fake.post_webhook(url, fake.text_update(chat, "bonjour"), "s3cret-value") == 200
        await fake.wait_for("sendMessage", 1, chat_id=chat)
    finally:
        await runner.cleanup()


async def test_rasa_killed_mid_run_every_message_is_answered_once_in_order(stack, fake):
    async with polling_edge(settings_for(stack, fake)) as edge:
        chats = [new_chat() for _ in range(3)]
        for chat in chats:
            await consent(edge, fake, chat)
        before = {chat: len(fake.delivered(chat)) for chat in chats}

        stack.stop_rasa(hard=True)
        messages = ["je n'ai plus de chauffage", "comment économiser l'électricité",
                    "merci beaucoup"]
        for chat in chats:
            for message in messages:
                fake.push_update(fake.text_update(chat, message))
        crisis_chat = chats[0]
        fake.push_update(fake.text_update(crisis_chat, "je veux mourir"))
        # While Rasa is down: told once per chat, and the crisis gets the numbers at once.
        for chat in chats:
            await fake.wait_for("sendMessage", before[chat] + 1, chat_id=chat, timeout=30)
        await until(lambda: all(attempts(stack, chat) >= 3 for chat in chats))  # several retries
        down = {chat: [m["text"] for m in fake.delivered(chat)[before[chat]:]] for chat in chats}
        for chat in chats:
            assert sum(RASA_DOWN_TEXT in t for t in down[chat]) == 1, down[chat]
        assert any("3114" in t and "112" in t for t in down[crisis_chat])

        stack.start_rasa()
        for chat in chats:
            expected = len(messages) + (1 if chat == crisis_chat else 0)
            await until(lambda chat=chat, expected=expected: len(rasa_user_events(stack, chat)) >= 2 + expected,
                        every=1.0)
            keys = [e["metadata"].get("relais_key") for e in rasa_user_events(stack, chat)]
            texts = [e["text"] for e in rasa_user_events(stack, chat)][-expected:]
            assert texts == messages + (["je veux mourir"] if chat == crisis_chat else [])
            assert len(keys) == len(set(keys))  # none processed twice
        await edge.queue.idle()
        assert any("3114" in m["text"] for m in fake.delivered(crisis_chat)[-3:])


async def test_crisis_regression_through_the_bridge(edge, fake):
    """Every crisis phrasing of the held-out sets, through the edge and Rasa. What the lexicon
    recognises gets its kind's first reply from the edge on arrival, first and once, whatever
    Rasa's speed; the rest is Rasa's crisis answer: the numbers, or the caring direct question.
    Conditions only: each wave is done when its updates are acknowledged and every chat's queue
    is empty (Rasa's answers in, or the edge's retries until they are). SAFETY_BOUND stops a
    run that hangs; it is not a measure of speed."""
    from tests.support.heldout import SETS, load_heldout

    texts = [t for name in SETS for h in [load_heldout(name, exclude_training=False)]
             for t in h.crisis_direct + h.crisis_indirect]
    chats = {}
    # In waves of 20 chats at once: each crisis opens a case, and 130 escalations at the same
    # instant on SQLite measure the machine, not the answers.
    for wave in range(0, len(texts), 20):
        batch = {}
        for message in texts[wave:wave + 20]:
            chat = new_chat()
            batch[chat] = fake.push_update(fake.text_update(chat, message))["update_id"]
        pushed = set(batch.values())
        await until(lambda pushed=pushed: not pushed & {u["update_id"] for u in fake.pending_updates},
                    SAFETY_BOUND)
        await asyncio.wait_for(edge.queue.idle(), SAFETY_BOUND)
        chats.update({chat: message for chat, message in zip(batch, texts[wave:wave + 20])})
    content = crisis_content()
    # Asked as is, or after a few words of preface ("Je vous pose la question directement : ").
    questions = [content.kind(kind).question.lower() for kind in CRISIS_KINDS]
    wrong = []
    for chat, message in chats.items():
        sent = [m["text"] for m in fake.delivered(chat)]
        kind = crisis_kind(message)
        if kind is not None:
            first = first_reply(kind)
            if not sent or sent[0] != first or sum(first in t for t in sent) != 1:
                wrong.append(("edge, lexicon", message, sent))
        elif not any("112" in t or any(q in t.lower() for q in questions) for t in sent):
            wrong.append(("Rasa, model", message, sent))
    assert len(chats) >= 120
    assert wrong == [], "\n".join(f"{who}: {m!r} got {s!r}" for who, m, s in wrong)


async def test_a_crisis_while_rasa_hangs_reaches_rasa_once_when_it_is_back_without_the_block_twice(
        stack, fake):
    chat = new_chat()
    async with HungServer() as rasa:
        # Rasa hangs at first (its address accepts and never answers), then comes back there.
        settings = settings_for(stack, fake).copy(
            update={"rasa_url": rasa.url, "rasa_timeout_seconds": 5.0})
        async with polling_edge(settings) as edge:
            update = fake.push_update(fake.text_update(chat, "mon mari me frappe"))
            await fake.wait_for("sendMessage", 1, chat_id=chat, timeout=60)
            first = first_reply("violence")
            assert fake.delivered(chat)[0]["text"] == first
            await until(lambda: rasa.connections >= 1)  # handed to Rasa, which hangs
            rasa.forward_to(stack.rasa_url)
            await asyncio.wait_for(edge.queue.idle_chat(chat), SAFETY_BOUND)
    key = f"tg-{update['update_id']}"
    received = [e for e in rasa_user_events(stack, chat) if e["metadata"].get("relais_key") == key]
    assert len(received) == 1  # processed once
    assert received[0]["metadata"][FIRST_REPLY_SENT] is True
    sent = [m["text"] for m in fake.delivered(chat)]
    assert sum(first in t for t in sent) == 1  # Rasa did not send the block again
    assert [t for t in sent if t != first and RASA_DOWN_TEXT not in t]  # Rasa's answer came


async def test_action_server_down_the_message_waits_and_is_answered_once_it_is_back(edge, fake, stack):
    chat = new_chat()
    stack.stop_actions()
    try:
        fake.push_update(fake.text_update(chat, "je voudrais faire le point"))
        await fake.wait_for("sendMessage", 1, chat_id=chat, timeout=30)
        assert RASA_DOWN_TEXT in fake.delivered(chat)[0]["text"]
        await until(lambda: attempts(stack, chat) >= 3)  # retried meanwhile
        assert len(fake.delivered(chat)) == 1
        assert rasa_user_events(stack, chat) == []  # Rasa was not given the message
    finally:
        stack.start_actions()
    await fake.wait_for("sendMessage", 2, chat_id=chat, timeout=60)
    await edge.queue.idle()
    assert [e["text"] for e in rasa_user_events(stack, chat)] == ["je voudrais faire le point"]


async def test_database_down_updates_are_not_acknowledged_and_a_crisis_still_gets_the_numbers(stack, fake):
    settings = settings_for(stack, fake).copy(
        update={"database_url": "postgresql://relais:relais@127.0.0.1:1/relais"})
    chat = new_chat()
    async with polling_edge(settings):
        fake.push_update(fake.text_update(chat, "je n'en peux plus, je veux mourir"))
        await fake.wait_for("sendMessage", 2, chat_id=chat, timeout=30)
        await until(lambda: len(fake.sent("getUpdates")) >= 3)  # getUpdates retried meanwhile
        texts = [m["text"] for m in fake.delivered(chat)]
        assert "3114" in texts[0] and "112" in texts[0]
        assert sum(RASA_DOWN_TEXT in t for t in texts) == 1 and len(texts) == 2
        assert len(fake.sent("getUpdates")) > 1
        assert fake.pending_updates  # never acknowledged: Telegram still holds it


async def test_typing_indicator_while_rasa_takes_time(edge, fake):
    chat = new_chat()
    async with TelegramDelivery(edge.bot, keyboards=None).typing(chat):
        await fake.wait_for("sendChatAction", 1, chat_id=chat)  # Rasa takes time meanwhile
    assert fake.sent("sendChatAction", chat)[0]["action"] == "typing"
