"""The Telegram edge with its poller, as `make run` starts it, against the fake Bot API; and
waiting until an update pushed to the fake Bot API has been taken in by the edge."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.composition import telegram_edge
from relais.settings import Settings
from tests.support.fake_bot_api import FakeBotApi
from tests.support.servers import free_port
from tests.support.waiting import SAFETY_BOUND, until

# A database nothing answers (nothing listens on port 1): the database is down.
DATABASE_DOWN = "postgresql://relais:relais@127.0.0.1:1/relais"
# Retries after a failed call to Rasa, short so that the tests of an outage run quickly.
QUICK_RETRIES = (0.5, 1.0, 2.0)


@asynccontextmanager
async def polling(edge) -> AsyncIterator:
    """The edge's poller (getUpdates) running until the block ends; the edge stays open."""
    stop = asyncio.Event()
    poller = asyncio.create_task(edge.poll(stop))
    try:
        yield edge
    finally:
        stop.set()
        poller.cancel()
        await asyncio.gather(poller, return_exceptions=True)


@asynccontextmanager
async def polling_edge(settings: Settings, retry_delays=QUICK_RETRIES, **options) -> AsyncIterator:
    """The edge with its poller, as `make run` starts it, until the block ends (the poller stops
    first, then the edge closes). `options` go to bot.composition.telegram_edge (a clock)."""
    async with telegram_edge(settings, retry_delays, **options) as edge, polling(edge):
        yield edge


def polled(fake: FakeBotApi, update_id: int) -> int:
    """How many times getUpdates handed the update out (more than once: a repeated delivery)."""
    return sum(1 for call in fake.calls if call.method == "getUpdates" and call.result
               for update in call.result if update["update_id"] == update_id)


async def taken_in(edge, fake: FakeBotApi, update: dict, bound: float = SAFETY_BOUND) -> None:
    """Wait until the edge has stored `update` and handed it to its queue (a chat's, or a topic's
    of the coaches' group), then until the queues have done their work. The poller confirms an
    update (the next getUpdates asks for a higher offset, and the fake Bot API forgets it) only
    once its batch is stored and handed over, so: polled, no longer pending, then idle."""
    update_id = update["update_id"]
    await until(lambda: polled(fake, update_id) >= 1, bound, f"update {update_id} polled")
    await until(lambda: all(u["update_id"] != update_id for u in fake.pending_updates), bound,
                f"update {update_id} confirmed")
    await asyncio.wait_for(edge.idle(), bound)


def edge_settings(fake: FakeBotApi, rasa_url: str, database_url: str, **extra) -> Settings:
    """Settings of an edge with no action server to check (the message goes straight to
    `rasa_url`, often a fake or hung Rasa), on its own free port."""
    return Settings(rasa_url=rasa_url, action_server_url="", database_url=database_url,
                    telegram_bot_token=fake.token, telegram_api_base_url=fake.base_url,
                    bridge_port=free_port(), **extra)
