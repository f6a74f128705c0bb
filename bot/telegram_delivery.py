"""Sending replies on Telegram: text parts, inline keyboards (remembered for the taps), documents,
photos with their caption, and the typing indicator while Rasa thinks."""

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import Bot
from telegram.constants import ChatAction
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.conversation import Reply
from bot.replies import CHOICES_TEXT
from bot.telegram_render import keyboard, split_text
from relais.progress_chart import FILENAME, PictureError, photo_bytes
from relais.services.inbox import KeyboardService

logger = logging.getLogger(__name__)

# Below this, an answer comes too fast for "typing…" to be worth an API call.
TYPING_AFTER_SECONDS = 0.8
# Telegram shows "typing…" for 5 seconds.
TYPING_EVERY_SECONDS = 4.5
# Telegram's longest photo caption (in UTF-16 code units, as Telegram counts).
CAPTION_LIMIT = 1024


class ChatGone(Exception):
    """The citizen blocked the bot or deleted the chat: nothing can be delivered any more."""


class DeliveryFailed(Exception):
    """Telegram could not be reached (network, flood limits): try again later."""


class TelegramDelivery:
    def __init__(self, bot: Bot, keyboards: KeyboardService) -> None:
        self._bot = bot
        self._keyboards = keyboards
        self._urgent = 0  # crisis first replies waiting for Telegram

    async def send(self, chat_id: int, reply: Reply, thread_id: int | None = None) -> None:
        """Deliver one reply. Raises ChatGone or DeliveryFailed; a reply Telegram refuses as
        malformed is logged and skipped (retrying it would block the chat forever)."""
        try:
            await self._send(chat_id, reply, thread_id)
        except Forbidden as error:
            raise ChatGone(str(error)) from error
        except BadRequest as error:
            logger.error("Telegram refused a reply: %s", error)
        except TelegramError as error:
            raise DeliveryFailed(str(error)) from error

    async def send_urgent(self, chat_id: int, reply: Reply) -> None:
        """A crisis first reply. "Typing…" indicators share the bot's rate limit (30 requests a
        second) and are cosmetic: none is sent while such a reply waits for its turn."""
        self._urgent += 1
        try:
            await self.send(chat_id, reply)
        finally:
            self._urgent -= 1

    async def _send(self, chat_id: int, reply: Reply, thread_id: int | None) -> None:
        if reply.copy_of:
            await self._bot.copy_message(
                chat_id, reply.copy_of["chat_id"], reply.copy_of["message_id"],
                message_thread_id=thread_id,
            )
            return
        if reply.photo:
            await self._send_photo(chat_id, reply, thread_id)
            return
        await self._send_text(chat_id, reply, thread_id)
        if reply.document:
            content = json.dumps(reply.document.get("content"), ensure_ascii=False, indent=2)
            await self._bot.send_document(
                chat_id, document=content.encode("utf-8"),
                filename=reply.document.get("filename", "document.json"),
                message_thread_id=thread_id,
            )

    async def _send_text(self, chat_id: int, reply: Reply, thread_id: int | None) -> None:
        parts = split_text(reply.text) or ([CHOICES_TEXT] if reply.buttons else [])
        for number, part in enumerate(parts, start=1):
            markup = keyboard(reply.buttons) if number == len(parts) else None
            sent = await self._bot.send_message(
                chat_id, part, reply_markup=markup, message_thread_id=thread_id,
                disable_notification=reply.silent or None,
            )
            if markup is not None:
                await self._remember(chat_id, sent.message_id, reply)

    async def _send_photo(self, chat_id: int, reply: Reply, thread_id: int | None) -> None:
        """The photo with the text as its caption; a text too long for a caption follows the
        photo, which keeps its first line (the heading) as caption. Buttons go under the last
        message. A payload that is not a PNG is logged and the text sent alone."""
        assert reply.photo is not None
        try:
            png = photo_bytes(reply.photo)
        except PictureError as error:
            logger.error("A reply's photo is unusable, its text is sent alone: %s", error)
            await self._send_text(chat_id, Reply(reply.text, reply.buttons, silent=reply.silent),
                                  thread_id)
            return
        caption, rest = caption_and_rest(reply.text)
        markup = keyboard(reply.buttons) if reply.buttons and not rest else None
        sent = await self._bot.send_photo(
            chat_id, photo=png, filename=str(reply.photo.get("filename") or FILENAME),
            caption=caption or None, reply_markup=markup, message_thread_id=thread_id,
            disable_notification=reply.silent or None,
        )
        if markup is not None:
            await self._remember(chat_id, sent.message_id, reply)
        if rest:
            await self._send_text(chat_id, Reply(rest, reply.buttons, silent=reply.silent),
                                  thread_id)

    async def _remember(self, chat_id: int, message_id: int, reply: Reply) -> None:
        # The message is out: failing here must not send it again. Its buttons then answer
        # "no longer available" and the citizen can type instead.
        buttons = [{"title": b.title, "payload": b.payload} for b in reply.buttons]
        try:
            await asyncio.to_thread(self._keyboards.remember, chat_id, message_id, buttons)
        except Exception:
            logger.exception("Could not remember the keyboard of a message")

    async def close_keyboard(self, chat_id: int, message_id: int) -> None:
        """Remove the buttons of a message once one was tapped (best effort)."""
        try:
            await self._bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
        except TelegramError as error:
            logger.info("Could not close the keyboard of a message: %s", error)

    async def acknowledge_tap(self, callback_query_id: str) -> None:
        try:
            await self._bot.answer_callback_query(callback_query_id)
        except TelegramError as error:
            logger.info("Could not answer callback query %s: %s", callback_query_id, error)

    @asynccontextmanager
    async def typing(self, chat_id: int) -> AsyncIterator[None]:
        """Show "typing…" while the body runs, if it takes more than a moment."""
        task = asyncio.create_task(self._keep_typing(chat_id))
        try:
            yield
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def _keep_typing(self, chat_id: int) -> None:
        await asyncio.sleep(TYPING_AFTER_SECONDS)
        while True:
            if not self._urgent:
                try:
                    await self._bot.send_chat_action(chat_id, ChatAction.TYPING)
                except TelegramError:
                    pass  # cosmetic
            await asyncio.sleep(TYPING_EVERY_SECONDS)


def caption_and_rest(text: str) -> tuple[str, str]:
    """A photo's caption and the text to send after it: all of the text when it fits in a
    caption; else its first line (a heading) when that fits, and the rest after the photo."""
    if _telegram_length(text) <= CAPTION_LIMIT:
        return text, ""
    first, _, rest = text.partition("\n")
    if rest.strip() and _telegram_length(first) <= CAPTION_LIMIT:
        return first, rest.strip("\n")
    return "", text


def _telegram_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
