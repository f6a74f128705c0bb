"""`python -m bot` with TELEGRAM_BOT_TOKEN set: the Telegram edge, in long polling or webhook mode.

The composition root of the edge: everything is built and wired here, at start, from the
settings (nothing at import time) — the chats' queue gets the coach desk at construction, and
the desk gets its own queue for the coaches' group's updates.
"""

import asyncio
import logging
import secrets
import signal
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import timedelta

from aiohttp import web
from telegram import BotCommand
from telegram.ext import AIORateLimiter, ExtBot
from telegram.request import HTTPXRequest

from bot.bridge import Bridge
from bot.case_actions import CaseActions, SendToCitizen
from bot.chat_queue import RETRY_DELAYS, ChatQueue
from bot.coach_desk import CoachDesk, DeskConfig
from bot.conversation import Reply
from bot.desk.queue import DeskQueue
from bot.inbound import MENU
from bot.rasa_client import RasaClient
from bot.telegram_delivery import TelegramDelivery
from bot.telegram_edge import (
    ALLOWED_UPDATES,
    POLL_TIMEOUT_SECONDS,
    TelegramEdge,
    local_app,
    webhook_app,
)
from bot.topic_erasure import TopicEraser
from relais import retention
from relais.database import create_engine_from_url, make_session_factory
from relais.directory import RelaisDirectory
from relais.services.desk import DeskService
from relais.services.escalation import EscalationService
from relais.services.inbox import InboxService, KeyboardService
from relais.services.progress import ProgressService
from relais.services.topic_erasure import TopicErasureService
from relais.settings import Settings, load_settings

logger = logging.getLogger(__name__)

# Telegram sends an unacknowledged update again for 24 hours; finished entries are kept as
# long, to recognise it.
KEEP_FINISHED = timedelta(hours=24)
# Buttons older than this answer "no longer available" (and the chat id is not kept longer).
KEEP_KEYBOARDS = timedelta(days=7)
# The edge's housekeeping: finished inbox entries, old keyboards, and what the chats' queue
# remembers in memory, every few minutes; the retention policy's purge, once a day.
HOUSEKEEPING_SECONDS = 600
RETENTION_EVERY_SECONDS = 24 * 3600


def make_bot(settings: Settings) -> ExtBot:
    """The Bot API client, with python-telegram-bot's rate limiter (retries after a 429)."""
    kwargs = {}
    if settings.telegram_api_base_url:
        kwargs["base_url"] = settings.telegram_api_base_url
    return ExtBot(
        settings.telegram_bot_token,
        rate_limiter=AIORateLimiter(
            overall_max_rate=settings.telegram_max_messages_per_second,
            group_max_rate=settings.telegram_max_group_messages_per_minute, max_retries=3,
        ),
        request=HTTPXRequest(connection_pool_size=64),
        get_updates_request=HTTPXRequest(read_timeout=POLL_TIMEOUT_SECONDS + 10),
        **kwargs,
    )


@asynccontextmanager
async def telegram_edge(settings: Settings, retry_delays=RETRY_DELAYS,
                        clock: Callable[[], float] = time.monotonic) -> AsyncIterator[TelegramEdge]:
    """The edge with its bot, database and Rasa client, resumed where it stopped."""
    engine = create_engine_from_url(settings.database_url)
    session_factory = make_session_factory(engine)
    inbox = InboxService(session_factory)
    keyboards = KeyboardService(session_factory)
    rasa = RasaClient.from_settings(settings)
    bot = make_bot(settings)
    delivery = TelegramDelivery(bot, keyboards)
    topic_erasures = TopicErasureService(session_factory)
    # The desk sends to citizens through the queue, which is built after it (it is given the
    # desk): the queue is looked up when a coach's message goes out.
    queue: ChatQueue | None = None

    async def send_later(chat_id: str, replies: list[Reply]) -> None:
        assert queue is not None  # built before any update is read
        await queue.send_later(chat_id, replies)

    desk = _coach_desk(settings, bot, session_factory, rasa, send_later, topic_erasures)
    queue = ChatQueue(inbox, Bridge(rasa), delivery, retry_delays, clock=clock, desk=desk,
                      answer_deadline=settings.rasa_timeout_seconds + 30)
    desk_queue = DeskQueue(inbox, desk, retry_delays) if desk else None
    edge = TelegramEdge(bot, inbox, keyboards, queue, delivery, desk, desk_queue)
    stop_desk = asyncio.Event()
    async with bot:
        await bot.set_my_commands([BotCommand(name, text) for name, text in MENU])
        local = await _serve(local_app(edge, settings.edge_secret), settings.bridge_host, settings.bridge_port)
        resuming = asyncio.create_task(queue.resume())
        desk_resuming = asyncio.create_task(desk_queue.resume()) if desk_queue else None
        watching = asyncio.create_task(desk.watch(stop_desk)) if desk else None
        # Topics exist only with a desk (and the bot can act in its group only then).
        erasing = asyncio.create_task(TopicEraser(bot, topic_erasures).watch(stop_desk)) if desk else None
        try:
            yield edge
        finally:
            stop_desk.set()
            resuming.cancel()
            if desk_resuming:
                desk_resuming.cancel()
            for task in (watching, erasing):
                if task:
                    await asyncio.gather(task, return_exceptions=True)
            if desk_queue:
                await desk_queue.stop()  # before the desk it calls stops
            await edge.stop()
            await queue.stop()
            await local.cleanup()
            await rasa.close()
            engine.dispose()


def _coach_desk(settings: Settings, bot: ExtBot, session_factory, rasa: RasaClient,
                send_later: SendToCitizen, topic_erasures: TopicErasureService) -> CoachDesk | None:
    """The coach desk when COACH_CHAT_ID is set; it takes a citizen's messages while a coach
    has the conversation (`send_later`: the coaches' messages to citizens, queued)."""
    config = DeskConfig.from_settings(settings)
    if config is None:
        return None
    actions = CaseActions(EscalationService(session_factory), DeskService(session_factory), rasa,
                          RelaisDirectory.load(settings.relais_directory), send_later)
    return CoachDesk(bot, config, actions, ProgressService(session_factory),
                     topic_messages=topic_erasures)


async def run(settings: Settings) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with telegram_edge(settings) as edge:
        housekeeping = asyncio.create_task(_housekeeping(edge, settings, stop))
        if settings.telegram_webhook_url:
            await _run_webhook(edge, settings, stop)
        else:
            await edge.bot.delete_webhook()  # getUpdates is refused while a webhook is set
            logger.info("Relais is polling Telegram")
            await edge.poll(stop)
        housekeeping.cancel()


async def _run_webhook(edge: TelegramEdge, settings: Settings, stop: asyncio.Event) -> None:
    secret = settings.telegram_webhook_secret or secrets.token_urlsafe(32)
    site = await _serve(webhook_app(edge, secret), settings.telegram_webhook_listen,
                        settings.telegram_webhook_port)
    await edge.bot.set_webhook(settings.telegram_webhook_url, secret_token=secret,
                               allowed_updates=ALLOWED_UPDATES)
    logger.info("Relais receives Telegram updates at %s", settings.telegram_webhook_url)
    try:
        await stop.wait()
    finally:
        await site.cleanup()


async def _serve(app: web.Application, host: str, port: int) -> web.AppRunner:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner


async def _housekeeping(edge: TelegramEdge, settings: Settings, stop: asyncio.Event) -> None:
    last_retention: float | None = None
    while not stop.is_set():
        # Housekeeping must never stop the edge: each step logs its failure and goes on.
        try:
            await asyncio.to_thread(edge.inbox.purge_done, KEEP_FINISHED)
            await asyncio.to_thread(edge.keyboards.purge, KEEP_KEYBOARDS)
        except Exception:
            logger.exception("Could not purge the inbox")
        edge.queue.prune()
        if last_retention is None or time.monotonic() - last_retention >= RETENTION_EVERY_SECONDS:
            try:
                await asyncio.to_thread(retention.purge, settings)  # logs its counts
                last_retention = time.monotonic()
            except Exception:
                logger.exception("The retention purge failed; tried again at the next round")
        try:
            await asyncio.wait_for(stop.wait(), timeout=HOUSEKEEPING_SECONDS)
        except asyncio.TimeoutError:
            pass


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    asyncio.run(run(load_settings()))
