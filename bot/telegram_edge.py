"""The Telegram edge: updates in (long polling or a webhook checked by its secret), stored in
the inbox before Telegram is told they arrived, then answered in order per chat; the coaches'
group's updates go to the desk's own lane of the inbox and queue, in order per topic.

Also serves, on loopback, Rasa's callback channel: what Rasa sends outside a reply (a triggered
intent) is queued for the citizen like any other message, once the request shows EDGE_SECRET
(rasa_components/channels.py sends it).
"""

import asyncio
import hmac
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from telegram import Bot, Update
from telegram.error import TelegramError

from bot.bridge import crisis_kind
from bot.chat_queue import ChatQueue, update_key
from bot.coach_desk import CoachDesk
from bot.conversation import replies_from_rasa
from bot.desk.queue import DeskQueue
from bot.telegram_delivery import TelegramDelivery
from bot.telegram_updates import Arrival, read_update
from relais.services.errors import StorageUnavailable
from relais.services.inbox import DeskTopic, InboxService, KeyboardService
from relais.shared_secrets import EDGE_SECRET_HEADER, matches
from relais.work import Desk, Rasa, typed_of

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]
POLL_TIMEOUT_SECONDS = 25
STORAGE_RETRY_SECONDS = 2.0
CALLBACK_STORE_ATTEMPTS = 5


@dataclass(frozen=True)
class DeskArrival:
    """An update of the coaches' group: stored in the desk's lane, in its topic's queue."""

    topic: DeskTopic
    work: Desk


class TelegramEdge:
    def __init__(self, bot: Bot, inbox: InboxService, keyboards: KeyboardService, queue: ChatQueue,
                 delivery: TelegramDelivery, desk: CoachDesk | None = None,
                 desk_queue: DeskQueue | None = None) -> None:
        self.bot = bot
        self.inbox = inbox
        self.keyboards = keyboards
        self.queue = queue
        self._delivery = delivery
        self.desk = desk
        # The coaches' group's updates, served in order per topic (with the desk, and only then).
        self.desk_queue = desk_queue
        self._tasks: set = set()
        # Storing updates has a thread of its own: in the shared pool it would queue behind the
        # chats' workers' database calls, and a crisis is answered once its update is stored.
        self._store_thread = ThreadPoolExecutor(1, thread_name_prefix="inbox-store")

    async def ingest(self, update: Update) -> None:
        """Store the update (durably) and hand it to its chat's worker; a crisis message gets
        its first reply at once, beside the chat's queue. Raises StorageUnavailable when it
        could not be stored: the caller must not acknowledge it (the citizen is told)."""
        await self.ingest_batch([update])

    async def ingest_batch(self, updates: list[Update]) -> None:
        """`ingest` for a getUpdates batch, stored in one transaction: all or none. One commit
        instead of one per update: under a burst, the crises at the end of the batch are
        answered sooner. An update that cannot be read is logged and skipped. Raises
        StorageUnavailable when nothing could be stored: each update got the safety net."""
        arrivals = []
        for update in updates:
            try:
                arrival = self._arrival(update)
            except Exception:  # it must not stop the others, nor come back after every restart
                logger.exception("Skipping update %s", update.update_id)
                continue
            if arrival is not None:
                arrivals.append((update, arrival))
        for _, arrival in arrivals:
            if isinstance(arrival, Arrival) and arrival.callback_query_id:
                self._background(self._delivery.acknowledge_tap(arrival.callback_query_id))
        rows = [(update.update_id, _where(arrival), arrival.work) for update, arrival in arrivals]
        try:
            stored = await asyncio.get_running_loop().run_in_executor(
                self._store_thread, self.inbox.add_updates, rows)
        except StorageUnavailable:
            # Telegram keeps the updates and sends them again; meanwhile each chat is told, and
            # a crisis gets its first reply at once.
            await self._safety_net([update for update, _ in arrivals])
            raise
        for (update, arrival), new in zip(arrivals, stored):
            if isinstance(arrival, DeskArrival):
                if new and self.desk_queue is not None:
                    self.desk_queue.wake(arrival.topic.topic_id)
                continue
            if new:
                self._hand_over(update, arrival)
            if arrival.leave_chat:
                self._background(self._leave(arrival.chat_id))

    def _hand_over(self, update: Update, arrival: Arrival) -> None:
        kind = _crisis_kind_of(arrival)
        if kind is not None:
            # Stored first, so that a repeated delivery is recognised and not answered twice.
            self.queue.answer_crisis_at_once(arrival.chat_id, update.update_id, kind)
        self.queue.wake(arrival.chat_id)

    def _arrival(self, update: Update) -> Arrival | DeskArrival | None:
        group = self.desk.config.chat_id if self.desk is not None else None
        if group is not None and _chat_id_of(update) == group:
            # The coaches' group: stored, so that none is lost, and handled by the desk's own
            # queue, so that a slow coach action never holds the citizens' messages back.
            return DeskArrival(DeskTopic(str(group), _topic_of(update)), Desk(update.to_dict()))
        return read_update(update)

    async def _safety_net(self, updates: list[Update]) -> None:
        """Updates that cannot be stored now (the database is down): each chat is told once, and
        a crisis message gets its first reply. Chats are told concurrently, a crisis first in
        its chat."""
        waiting: dict[Any, tuple[list[str], list[int]]] = {}
        for update in updates:
            try:
                arrival = self._arrival(update)
            except Exception:
                logger.exception("Cannot read update %s", update.update_id)
                continue
            if not isinstance(arrival, Arrival):
                continue  # nothing, or the coaches' group: nobody to tell
            texts, keys = waiting.setdefault(arrival.chat_id, ([], []))
            texts.append(typed_of(arrival.work))
            keys.append(update_key(update.update_id))
        told = await asyncio.gather(*(
            self.queue.tell_outage(chat_id, texts, keys) for chat_id, (texts, keys) in waiting.items()
        ), return_exceptions=True)
        for error in told:
            if isinstance(error, Exception):
                logger.error("Could not tell a chat about the outage: %r", error)

    async def idle(self) -> None:
        """Wait until the desk's queue, then the chats' queue (to which coaches' messages go),
        have finished their work (tests and benchmarks)."""
        if self.desk_queue is not None:
            await self.desk_queue.idle()
        await self.queue.idle()

    async def stop(self) -> None:
        """Cancel the background work (acknowledgements, leaving groups) before the bot closes."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self.desk is not None:
            await self.desk.stop()
        self._store_thread.shutdown(wait=False)

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
            try:
                await self.ingest_batch(updates)
            except StorageUnavailable:
                # The offset stays: Telegram sends the batch again. Meanwhile each of its
                # updates got the safety net: a crisis its first reply, each chat the notice once.
                await _sleep_unless(stop, STORAGE_RETRY_SECONDS)
                continue
            except Exception:
                # A bug with one update must neither stop polling nor hold the others back.
                logger.exception("Could not store the batch at once: one update at a time")
                offset = await self._ingest_one_by_one(updates, offset, stop)
                continue
            if updates:
                offset = updates[-1].update_id + 1

    async def _ingest_one_by_one(self, updates: list[Update], offset: int | None,
                                 stop: asyncio.Event) -> int | None:
        """The next offset after storing `updates` one at a time: an update that fails is
        logged and skipped (it would come back after every restart); the database failing stops
        at that update (Telegram sends it again)."""
        for update in updates:
            try:
                await self.ingest(update)
            except StorageUnavailable:
                await _sleep_unless(stop, STORAGE_RETRY_SECONDS)
                break
            except Exception:
                logger.exception("Skipping update %s", update.update_id)
            offset = update.update_id + 1
        return offset

    async def _leave(self, chat_id: int) -> None:
        await self.queue.idle_chat(chat_id)  # say why first
        try:
            await self.bot.leave_chat(chat_id)
        except TelegramError as error:
            logger.info("Could not leave a group: %s", error)


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


def local_app(edge: TelegramEdge, edge_secret: str | None) -> web.Application:
    """Loopback only: Rasa's callback channel, and a health check. A callback without the
    edge's secret is refused (401): any local process could otherwise send any text to any
    chat, with buttons that the edge would trust (and without a secret configured, every
    callback is refused)."""

    async def rasa_callback(request: web.Request) -> web.Response:
        if not matches(request.headers.get(EDGE_SECRET_HEADER), edge_secret):
            return web.Response(status=401, text="unauthorized")
        try:
            message: dict[str, Any] = await request.json()
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
                    logger.error("Lost a proactive message from Rasa: the database is down")
                    return web.Response(status=503, text="try again")
                await asyncio.sleep(STORAGE_RETRY_SECONDS)
        return web.Response(text="ok")

    async def health(request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    app = web.Application()
    app.router.add_post("/rasa/callback", rasa_callback)
    app.router.add_get("/health", health)
    return app


def _crisis_kind_of(arrival: Arrival) -> str | None:
    """The crisis kind of a citizen's message for Rasa (the coaches' group is not read)."""
    if not isinstance(arrival.work, Rasa):
        return None
    return crisis_kind(arrival.work.typed)


def _where(arrival: Arrival | DeskArrival) -> str | DeskTopic:
    """Where the inbox stores an arrival: a citizen's chat, or a topic of the coaches' group."""
    return arrival.topic if isinstance(arrival, DeskArrival) else str(arrival.chat_id)


def _topic_of(update: Update) -> int:
    """The topic of an update of the coaches' group; 0: the group's general topic."""
    message = update.callback_query.message if update.callback_query else update.effective_message
    thread = message.message_thread_id if message is not None else None
    return thread or 0


def _chat_id_of(update: Update) -> int | None:
    if update.callback_query is not None and update.callback_query.message is not None:
        return update.callback_query.message.chat.id
    chat = update.effective_chat
    return chat.id if chat else None


async def _sleep_unless(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except asyncio.TimeoutError:
        pass
