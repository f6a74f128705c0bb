"""The fake Telegram Bot API (tests/support/fake_bot_api.py) against the real python-telegram-bot client.

Why: the Telegram channel's tests and benchmarks trust this server to answer like Telegram
does; these tests pin that down over real HTTP on loopback, with `telegram.Bot` unchanged.
"""

import asyncio
import datetime as dtm
import threading
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from aiohttp import web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Conflict, InvalidToken, RetryAfter
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from tests.support.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as server:
        yield server


@pytest_asyncio.fixture
async def bot(fake: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(fake.token, base_url=fake.base_url) as client:
        yield client


async def test_get_me(fake: FakeBotApi, bot: Bot) -> None:
    # `async with bot` already called getMe (Bot.initialize does).
    assert [call.method for call in fake.calls] == ["getMe"]
    me = await bot.get_me()
    assert me.is_bot and me.username == "RelaisTestBot" and me.id == 123456
    assert bot.username == "RelaisTestBot"


async def test_send_message_records_the_decoded_keyboard(fake: FakeBotApi, bot: Bot) -> None:
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Oui", callback_data="oui"),
                InlineKeyboardButton("Non", callback_data="non"),
            ]
        ]
    )
    first = await bot.send_message(chat_id=42, text="On continue ?", reply_markup=keyboard)
    second = await bot.send_message(chat_id=42, text="42")  # a numeric text stays a string

    sent = fake.sent("sendMessage", chat_id=42)
    assert sent[0]["chat_id"] == 42
    assert sent[0]["reply_markup"] == {
        "inline_keyboard": [
            [{"text": "Oui", "callback_data": "oui"}, {"text": "Non", "callback_data": "non"}]
        ]
    }
    assert sent[1]["text"] == "42"
    assert first.reply_markup == keyboard
    assert first.from_user.username == "RelaisTestBot" and first.chat.id == 42
    assert second.message_id == first.message_id + 1
    assert fake.sent("sendMessage", chat_id=7) == []


async def test_get_updates_long_polls_then_forgets_confirmed_updates(
    fake: FakeBotApi, bot: Bot
) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await fake.wait_for("getUpdates", timeout=5)  # the poll is pending on the server
    assert not poll.done()
    pushed = fake.push_update(fake.text_update(42, "Bonjour, j'ai besoin d'aide"))

    updates = await asyncio.wait_for(poll, timeout=5)
    assert time.monotonic() - started < 5  # woken by the push, not by the timeout
    assert len(updates) == 1 and isinstance(updates[0], Update)
    assert updates[0].update_id == pushed["update_id"]
    assert updates[0].message.text == "Bonjour, j'ai besoin d'aide"
    assert updates[0].effective_user.language_code == "fr"

    # Not confirmed yet: asked again without offset, it comes back.
    assert [u.update_id for u in await bot.get_updates(timeout=0)] == [pushed["update_id"]]
    # An offset past it confirms it, for good.
    assert await bot.get_updates(offset=pushed["update_id"] + 1, timeout=0) == ()
    assert await bot.get_updates(timeout=0) == ()


async def test_get_updates_answers_empty_after_the_timeout(fake: FakeBotApi, bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=dtm.timedelta(seconds=0.3)) == ()
    assert 0.25 <= time.monotonic() - started < 3


async def test_a_newer_poll_terminates_the_pending_one(fake: FakeBotApi) -> None:
    # Two Bot instances: one Bot never polls twice at once (its getUpdates pool holds 1).
    async with Bot(fake.token, base_url=fake.base_url) as first, Bot(
        fake.token, base_url=fake.base_url
    ) as second:
        pending = asyncio.create_task(first.get_updates(timeout=10))
        await fake.wait_for("getUpdates")
        newer = await second.get_updates(timeout=0)
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await asyncio.wait_for(pending, timeout=5)
    assert newer == ()


async def test_an_application_polls_and_replies(fake: FakeBotApi) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text(f"Reçu : {update.message.text}")

    application = Application.builder().token(fake.token).base_url(fake.base_url).build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    async with application:
        await application.start()
        await application.updater.start_polling(poll_interval=0, timeout=10)
        # push_update may come from another thread (e.g. a load generator)
        pusher = threading.Thread(target=fake.push_update, args=(fake.text_update(42, "allô"),))
        pusher.start()
        pusher.join()
        (reply,) = await fake.wait_for("sendMessage", chat_id=42, timeout=10)
        await application.updater.stop()
        await application.stop()
    assert reply["text"] == "Reçu : allô"
    assert fake.pending_updates == []  # the updater confirmed it on stop


async def test_get_updates_limit_and_negative_offset(fake: FakeBotApi, bot: Bot) -> None:
    ids = [fake.push_update(fake.text_update(42, f"message {n}"))["update_id"] for n in range(5)]
    assert [u.update_id for u in await bot.get_updates(limit=2, timeout=0)] == ids[:2]
    assert [u.update_id for u in await bot.get_updates(offset=-2, timeout=0)] == ids[3:]
    assert [u.update_id for u in await bot.get_updates(timeout=0)] == ids[3:]


async def test_every_builder_makes_an_update_ptb_parses(fake: FakeBotApi, bot: Bot) -> None:
    sent = await bot.send_message(chat_id=42, text="Choisissez", reply_markup=InlineKeyboardMarkup(
        [[InlineKeyboardButton("A", callback_data="a")]]
    ))
    builders: list[dict[str, Any]] = [
        fake.text_update(42, "salut"),
        fake.command_update(42, "/start parrainage"),
        fake.callback_update(42, sent.message_id, "a"),
        *(fake.media_update(42, kind) for kind in (
            "photo", "voice", "video", "video_note", "audio", "sticker", "document", "animation"
        )),
        fake.location_update(42, 48.8566, 2.3522),
        fake.contact_update(42, "+33612345678", "Camille", user_id=42),
        fake.edited_update(42, 1, "corrigé"),
        fake.group_update(
            -1001234, "/aide@RelaisTestBot", chat_type="supergroup", message_thread_id=7
        ),
    ]
    for update in builders:
        fake.push_update(update)
    updates = await bot.get_updates(timeout=0)
    assert len(updates) == len(builders)
    text, command, callback, photo, voice, video, note, audio, sticker, document, animation, \
        location, contact, edited, group = updates

    assert text.message.text == "salut"
    assert command.message.entities[0].type == "bot_command"
    assert command.message.entities[0].length == len("/start")
    assert callback.callback_query.data == "a"
    assert callback.callback_query.message.message_id == sent.message_id
    assert callback.callback_query.message.reply_markup is not None
    assert photo.message.photo[-1].width == 800
    assert voice.message.voice.mime_type == "audio/ogg"
    assert video.message.video.width == 640
    assert note.message.video_note.length == 240
    assert audio.message.audio.file_id
    assert sticker.message.sticker.emoji
    assert document.message.document.file_name == "document.pdf"
    assert animation.message.animation.file_id and animation.message.document is not None
    assert location.message.location.latitude == pytest.approx(48.8566)
    assert contact.message.contact.user_id == 42
    assert edited.edited_message.text == "corrigé" and edited.edited_message.edit_date is not None
    assert group.message.chat.type == "supergroup" and group.message.chat.is_forum
    assert group.message.message_thread_id == 7 and group.message.is_topic_message
    assert group.message.entities[0].length == len("/aide@RelaisTestBot")
    # message ids increase per chat, across the user's and the bot's messages
    assert text.message.message_id > sent.message_id
    assert command.message.message_id == text.message.message_id + 1


async def test_a_wrong_token_is_refused(fake: FakeBotApi) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("999999:WRONG-TOKEN", base_url=fake.base_url):
            pass
    assert fake.calls == []


async def test_fail_next_429_makes_ptb_raise_retry_after(fake: FakeBotApi, bot: Bot) -> None:
    fake.fail_next("sendMessage", error_code=429, retry_after=3)
    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(chat_id=42, text="Bonjour")
    # (read from the message: `retry_after` itself warns about its future type in PTB 22)
    assert str(raised.value) in {
        "Flood control exceeded. Retry in 3 seconds",
        "Flood control exceeded. Retry in 0:00:03",
    }

    await bot.send_message(chat_id=42, text="Bonjour")  # only the next call failed
    attempts = [call for call in fake.calls if call.method == "sendMessage"]
    assert [call.status for call in attempts] == [429, 200]
    assert len(fake.sent("sendMessage", chat_id=42)) == 2  # attempts are recorded too


async def test_send_document_records_the_bytes(fake: FakeBotApi, bot: Bot) -> None:
    content = b"%PDF-1.4\n% fiche de liaison\n\x00\xff binary"
    message = await bot.send_document(
        chat_id=42, document=content, filename="fiche.pdf", caption="Votre fiche"
    )
    (params,) = fake.sent("sendDocument", chat_id=42)
    assert params["document"] == {"filename": "fiche.pdf", "content": content}
    assert params["caption"] == "Votre fiche"
    assert message.document.file_name == "fiche.pdf"
    assert message.document.mime_type == "application/pdf"
    assert message.caption == "Votre fiche"


async def test_forum_topic_roundtrip(fake: FakeBotApi, bot: Bot) -> None:
    topic = await bot.create_forum_topic(chat_id=-1001234, name="Dossier 12")
    assert topic.name == "Dossier 12" and topic.message_thread_id > 0

    message = await bot.send_message(
        chat_id=-1001234, text="Nouveau message", message_thread_id=topic.message_thread_id
    )
    assert message.message_thread_id == topic.message_thread_id
    assert message.is_topic_message and message.chat.is_forum
    (params,) = fake.sent("sendMessage", chat_id=-1001234)
    assert params["message_thread_id"] == topic.message_thread_id

    assert await bot.edit_forum_topic(-1001234, topic.message_thread_id, name="Dossier 12 (clos)")
    assert await bot.close_forum_topic(-1001234, topic.message_thread_id)
    assert await bot.reopen_forum_topic(-1001234, topic.message_thread_id)
    with pytest.raises(BadRequest):
        await bot.close_forum_topic(-1001234, topic.message_thread_id + 100)
    second = await bot.create_forum_topic(chat_id=-1001234, name="Dossier 13")
    assert second.message_thread_id > message.message_id


async def test_edits_commands_webhook_and_members(fake: FakeBotApi, bot: Bot) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="a")]])
    sent = await bot.send_message(chat_id=42, text="Choisissez", reply_markup=keyboard)
    edited = await bot.edit_message_text("Choisi : A", chat_id=42, message_id=sent.message_id)
    assert edited.text == "Choisi : A" and edited.reply_markup is None  # keyboard removed
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("Choisi : A", chat_id=42, message_id=sent.message_id)

    await bot.set_my_commands([("start", "Commencer"), ("aide", "Obtenir de l'aide")])
    assert [c.command for c in await bot.get_my_commands()] == ["start", "aide"]
    await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()

    await bot.set_webhook("https://relais.example/webhook", secret_token="s3cret")
    assert (await bot.get_webhook_info()).url == "https://relais.example/webhook"
    with pytest.raises(Conflict):
        await bot.get_updates(timeout=0)
    await bot.delete_webhook()
    assert await bot.get_updates(timeout=0) == ()

    fake.chat_members[(-1001234, 42)] = "administrator"
    assert (await bot.get_chat_member(-1001234, 42)).status == "administrator"
    assert (await bot.get_chat_member(-1001234, 43)).status == "member"
    assert (await bot.get_chat(42)).type == "private"
    assert (await bot.copy_message(chat_id=43, from_chat_id=42, message_id=1)).message_id == 1
    assert await bot.send_chat_action(chat_id=42, action="typing")
    assert await bot.answer_callback_query("123456789")
    assert fake.sent("answerCallbackQuery")[0]["callback_query_id"] == "123456789"


async def test_wait_for_times_out_with_what_arrived(fake: FakeBotApi, bot: Bot) -> None:
    await bot.send_message(chat_id=42, text="un")
    assert len(await fake.wait_for("sendMessage", chat_id=42, timeout=1)) == 1
    with pytest.raises(AssertionError, match=r"expected 2 sendMessage call\(s\) to chat 42.*got 1"):
        await fake.wait_for("sendMessage", count=2, chat_id=42, timeout=0.05)


async def test_post_webhook_returns_the_status_of_the_receiver(fake: FakeBotApi) -> None:
    received: list[dict[str, Any]] = []

    async def webhook(request: web.Request) -> web.Response:
        secret: str | None = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        received.append({"secret": secret, "update": await request.json()})
        return web.Response(status=200 if secret == "s3cret" else 403)

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}/webhook"
    try:
        assert await fake.post_webhook(url, fake.text_update(42, "salut"), secret="s3cret") == 200
        assert await fake.post_webhook(url, fake.text_update(42, "salut"), secret="faux") == 403
        assert await fake.post_webhook(url, fake.text_update(42, "salut"), secret=None) == 403
    finally:
        await runner.cleanup()
    assert [r["secret"] for r in received] == ["s3cret", "faux", None]
    assert received[0]["update"]["message"]["text"] == "salut"
    assert received[0]["update"]["update_id"] < received[1]["update"]["update_id"]
