"""The Telegram edge: updates in (long polling or a webhook checked by its secret), stored in
the inbox before Telegram is told they arrived, then answered in order per chat.

Also serves, on loopback, Rasa's callback channel: what Rasa sends outside a reply (a triggered
intent) is queued for the citizen like any other message.
"""

import asyncio
import hmac
import logging
from typing import Any, Dict, Optional

from aiohttp import web
from telegram import Bot, Update
from telegram.error import TelegramError

from bot.chat_queue import ChatQueue
from bot.coach_desk import CoachDesk
from bot.conversation import replies_from_rasa
from bot.telegram_delivery import TelegramDelivery
from bot.telegram_updates import Arrival, read_update
from relais.services.errors import StorageUnavailable
from relais.services.inbox import InboxService, KeyboardService

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]
POLL_TIMEOUT_SECONDS = 25
STORAGE_RETRY_SECONDS = 2.0
CALLBACK_STORE_ATTEMPTS = 5


class TelegramEdge:
    def __init__(self, bot: Bot, inbox: InboxService, keyboards: KeyboardService, queue: ChatQueue,
                 delivery: TelegramDelivery, desk: Optional[CoachDesk] = None) -> None:
        self.bot = bot
        self.inbox = inbox
        self.keyboards = keyboards
        self.queue = queue
        self._delivery = delivery
        self.desk = desk
        self._tasks: set = set()

    async def ingest(self, update: Update) -> None:
        """Store the update (durably) and hand it to its chat's worker. Raises
        StorageUnavailable when it could not be stored: the caller must not acknowledge it."""
        if self.desk is not None and _chat_id_of(update) == self.desk.config.chat_id:
            # The coaches' group: stored and handled in order like a citizen's chat, so a slow
            # coach action never holds the citizens' messages back, and none is lost.
            # One queue per topic: a case's actions stay in order, cases do not wait for each other.
            arrival = Arrival(_desk_queue(update), {"type": "desk", "update": update.to_dict()})
        else:
            arrival = read_update(update)
        if arrival is None:
            return
        if arrival.callback_query_id:
            self._background(self._delivery.acknowledge_tap(arrival.callback_query_id))
        try:
            stored = await asyncio.to_thread(
                self.inbox.add_update, update.update_id, str(arrival.chat_id), arrival.work
            )
        except StorageUnavailable:
            # Telegram keeps the update and sends it again; meanwhile the citizen is told, and
            # gets the emergency numbers at once if it is a crisis.
            await self.queue.tell_outage(
                arrival.chat_id, [arrival.work.get("typed", "")], [-update.update_id]
            )
            raise
        if stored:
            self.queue.wake(arrival.chat_id)
        if arrival.leave_chat:
            self._background(self._leave(arrival.chat_id))

    async def stop(self) -> None:
        """Cancel the background work (acknowledgements, leaving groups) before the bot closes."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self.desk is not None:
            await self.desk.stop()

    def _background(self, coroutine) -> None:
        # asyncio keeps only weak references to tasks: hold them until they are done.
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def poll(self, stop: asyncio.Event) -> None:
        """Long polling. Telegram forgets an update only when a later getUpdates asks for a
        higher offset, which happens after the update is stored."""
        offset = None
        while not stop.is_set():
            try:
                updates = await self.bot.get_updates(
                    offset=offset, timeout=POLL_TIMEOUT_SECONDS, allowed_updates=ALLOWED_UPDATES
                )
            except TelegramError as error:  # network, flood limit, another poller (Conflict)
                logger.warning("getUpdates failed: %s", error)
                await _sleep_unless(stop, STORAGE_RETRY_SECONDS)
                continue
            for update in updates:
                try:
                    await self.ingest(update)
                except StorageUnavailable:
                    await _sleep_unless(stop, STORAGE_RETRY_SECONDS)
                    break  # the offset stays: Telegram sends it again
                except Exception:
                    # An update that cannot be read must not stop polling (and come back after
                    # every restart): it is logged and skipped.
                    logger.exception("Skipping update %s", update.update_id)
                offset = update.update_id + 1

    async def _leave(self, chat_id: int) -> None:
        await self.queue.idle_chat(chat_id)  # say why first
        try:
            await self.bot.leave_chat(chat_id)
        except TelegramError as error:
            logger.info("Could not leave chat %s: %s", chat_id, error)


def webhook_app(edge: TelegramEdge, secret: str, path: str = "/telegram") -> web.Application:
    """The webhook Telegram posts updates to. Refuses (403) any request without the secret
    given to setWebhook; answers 200 only once the update is stored."""

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return web.Response(status=403, text="forbidden")
        try:
            data = await request.json()
            update = Update.de_json(data, edge.bot)
        except (ValueError, TypeError, KeyError):
            return web.Response(status=400, text="not an update")
        try:
            await edge.ingest(update)
        except StorageUnavailable:
            return web.Response(status=503, text="try again")  # Telegram retries
        return web.Response(text="ok")

    app = web.Application(client_max_size=1024 * 1024)
    app.router.add_post(path, receive)
    return app


def local_app(edge: TelegramEdge) -> web.Application:
    """Loopback only: Rasa's callback channel, and a health check."""

    async def rasa_callback(request: web.Request) -> web.Response:
        try:
            message: Dict[str, Any] = await request.json()
            chat_id = str(int(message["recipient_id"]))  # Telegram chat ids only
        except (ValueError, TypeError, KeyError):
            return web.Response(status=400, text="not a Rasa message")
        replies = replies_from_rasa([message])
        for attempt in range(CALLBACK_STORE_ATTEMPTS):
            if not replies:
                break
            try:
                await edge.queue.send_later(chat_id, replies)
                break
            except StorageUnavailable:
                # Rasa's callback channel does not retry: wait for the database here.
                if attempt == CALLBACK_STORE_ATTEMPTS - 1:
                    logger.error("Lost a proactive message for chat %s", chat_id)
                    return web.Response(status=503, text="try again")
                await asyncio.sleep(STORAGE_RETRY_SECONDS)
        return web.Response(text="ok")

    async def health(request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    app = web.Application()
    app.router.add_post("/rasa/callback", rasa_callback)
    app.router.add_get("/health", health)
    return app


def _desk_queue(update: Update) -> str:
    message = update.callback_query.message if update.callback_query else update.effective_message
    thread = message.message_thread_id if message is not None else None
    return f"desk-{thread or 0}"


def _chat_id_of(update: Update) -> Optional[int]:
    if update.callback_query is not None and update.callback_query.message is not None:
        return update.callback_query.message.chat.id
    chat = update.effective_chat
    return chat.id if chat else None


async def _sleep_unless(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except asyncio.TimeoutError:
        pass
