"""What the Telegram edge keeps in memory per chat is bounded (back to nothing once chats are
idle and the delays are over), and its logs at INFO and above name no chat and quote no
message. Against the fake Bot API and a small fake Rasa on loopback; no trained model."""

import itertools
import logging

import pytest
import pytest_asyncio
from aiohttp import web

from bot.bridge import FIRST_REPLY_AGAIN_AFTER_SECONDS
from bot.chat_queue import FORGET_AFTER_SECONDS
from bot.composition import telegram_edge
from bot.retry_pause import RETRY_DELAYS
from tests.support.edge_runner import DATABASE_DOWN, edge_settings, polling, polling_edge
from tests.support.servers import free_port
from tests.support.waiting import until

pytestmark = pytest.mark.asyncio(loop_scope="function")
_chats = itertools.count(7_310_000)
CALM = "il fait très froid chez moi ce soir"
CRISIS = "je veux mourir"
RASA_TEXT = "Je vous entends. Que voulez-vous faire ?"
BOUND = 60.0  # a safety bound on every wait, never a measure


class Clock:
    def __init__(self) -> None:
        self.now = 50_000.0

    def __call__(self) -> float:
        return self.now


@pytest_asyncio.fixture
async def rasa():
    """Answers every message at once, with a keyboard, as Rasa's REST channel would."""

    async def webhook(request: web.Request) -> web.Response:
        body = await request.json()
        return web.json_response([{"recipient_id": body["sender"], "text": RASA_TEXT,
                                   "buttons": [{"title": "Oui", "payload": "/affirm"}]}])

    async def tracker(request: web.Request) -> web.Response:
        return web.json_response({"events": []})

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    app.router.add_get("/conversations/{sender}/tracker", tracker)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


def texts(fake, chat):
    return [m["text"] for m in fake.delivered(chat)]


async def test_many_chats_leave_nothing_in_memory_once_idle_and_the_delays_are_over(
        fake, rasa, database_url):
    clock = Clock()
    chats = [next(_chats) for _ in range(60)]
    # The edge's own retry delays, as `make run` has them.
    async with polling_edge(edge_settings(fake, rasa, database_url), RETRY_DELAYS, clock=clock) as edge:
        for number, chat in enumerate(chats):
            fake.push_update(fake.text_update(chat, CRISIS if number % 3 == 0 else CALM))
        await until(lambda: all(RASA_TEXT in texts(fake, chat) for chat in chats))
        await edge.queue.idle()
        sizes = edge.queue.memory_sizes()
        # Each chat's worker, wakeup and lock are gone; each message's keys too.
        assert {k: v for k, v in sizes.items() if k != "recent"} == dict.fromkeys(
            ["workers", "wakeups", "told", "telling", "netted", "arrivals", "errors"], 0)
        # Crisis first replies are remembered for the delay (no same block twice), no longer.
        assert sizes["recent"] == 20
        clock.now += FIRST_REPLY_AGAIN_AFTER_SECONDS + 1
        edge.queue.prune()
        assert edge.queue.memory_sizes()["recent"] == 0


async def test_chats_told_of_an_outage_are_forgotten_after_the_delay(fake, hung, database_url):
    clock = Clock()
    chat = next(_chats)
    settings = edge_settings(fake, hung.url, DATABASE_DOWN)  # nothing can be stored
    async with telegram_edge(settings, retry_delays=(0.2,), clock=clock) as edge:
        async with polling(edge):
            fake.push_update(fake.text_update(chat, CRISIS))
            await until(lambda: edge.queue.memory_sizes()["told"] == 1)
            assert edge.queue.memory_sizes()["netted"] == 1  # the crisis got its first reply
        clock.now += FORGET_AFTER_SECONDS + 1
        edge.queue.prune()
        assert edge.queue.memory_sizes() == dict.fromkeys(
            ["workers", "wakeups", "told", "telling", "netted", "arrivals", "recent", "errors"], 0)


async def test_the_edges_logs_name_no_chat_and_quote_no_message(fake, hung, rasa, database_url,
                                                                 caplog):
    answered, waiting = next(_chats), next(_chats)
    caplog.set_level(logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # as bot.telegram_main.main sets it
    try:
        # A conversation Rasa answers (keyboard, tap), then one while Rasa hangs: warnings.
        async with polling_edge(edge_settings(fake, rasa, database_url)):
            fake.push_update(fake.text_update(answered, CALM))
            await until(lambda: RASA_TEXT in texts(fake, answered))
            message_id = fake.delivered(answered)[-1]["message_id"]
            fake.push_update(fake.callback_update(answered, message_id, "b0"))
            await until(lambda: texts(fake, answered).count(RASA_TEXT) == 2)
        async with polling_edge(edge_settings(fake, hung.url, database_url, rasa_timeout_seconds=0.5)):
            fake.push_update(fake.text_update(waiting, CRISIS))
            fake.push_update(fake.text_update(waiting, CALM))
            await fake.wait_for("sendMessage", 2, chat_id=waiting, timeout=BOUND)
            await until(lambda: any("waits for Rasa" in r.getMessage() for r in caplog.records))
    finally:
        logging.getLogger("httpx").setLevel(logging.NOTSET)
    logged = [r for r in caplog.records if r.levelno >= logging.INFO]
    assert any(r.levelno >= logging.WARNING for r in logged)  # the test saw the warnings
    lines = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in logged)
    for secret in (str(answered), str(waiting), CALM, CRISIS, "froid", "mourir"):
        assert secret not in lines, secret
