"""`python -m bot` with TELEGRAM_BOT_TOKEN set: the Telegram edge, in long polling or webhook mode.

The edge is built and wired by bot/composition.py, at start, from the settings (nothing at
import time); here it is started, served, kept tidy (housekeeping) and stopped.
"""

import asyncio
import logging
import secrets
import signal
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from aiohttp import web
from telegram import BotCommand

from bot.inbound import MENU
from bot.outbox_pump import OutboxPump
from bot.telegram_edge import ALLOWED_UPDATES, TelegramEdge, local_app, webhook_app
from bot.topic_erasure import TopicEraser
from relais import retention
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


@asynccontextmanager
async def started(edge: TelegramEdge, eraser: TopicEraser | None, settings: Settings,
                  pump: OutboxPump | None = None) -> AsyncIterator[TelegramEdge]:
    """The wired edge (bot/composition.py) at work, resumed where it stopped: its commands set,
    Rasa's callback served, the chats' and the desk's queues resumed, the desk watching; all stopped at the end
    (what the composition built, it closes)."""
    bot, queue, desk, desk_queue = edge.bot, edge.queue, edge.desk, edge.desk_queue
    stop_desk = asyncio.Event()
    async with bot:
        await bot.set_my_commands([BotCommand(name, text) for name, text in MENU])
        local = await _serve(local_app(edge, settings.edge_secret), settings.bridge_host, settings.bridge_port)
        resuming = asyncio.create_task(queue.resume())
        desk_resuming = asyncio.create_task(desk_queue.resume()) if desk_queue else None
        watching = asyncio.create_task(desk.watch(stop_desk)) if desk else None
        erasing = asyncio.create_task(eraser.watch(stop_desk)) if eraser else None
        # What Relais sends first (alerts, a unit's news), paced; it wakes the chats' queue.
        notifying = asyncio.create_task(pump.watch(stop_desk)) if pump else None
        try:
            yield edge
        finally:
            stop_desk.set()
            resuming.cancel()
            if desk_resuming:
                desk_resuming.cancel()
            for task in (watching, erasing, notifying):
                if task:
                    await asyncio.gather(task, return_exceptions=True)
            if desk_queue:
                await desk_queue.stop()  # before the desk it calls stops
            await edge.stop()
            await queue.stop()
            await local.cleanup()


async def run(edge: TelegramEdge, settings: Settings) -> None:
    """Serve the started edge (polling, or a webhook) until SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
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


async def _edge_until_stopped(settings: Settings) -> None:
    # Imported here: the composition module imports this one (it starts the edge it wires).
    from bot.composition import telegram_edge

    async with telegram_edge(settings) as edge:
        await run(edge, settings)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    asyncio.run(_edge_until_stopped(load_settings()))
