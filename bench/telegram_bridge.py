"""The Telegram edge under load, through the real entry point (`python -m bot` in its own
process) against a fake Bot API server on loopback, with Rasa and the action server.

Default: overhead. 50 chats each send a scripted conversation: latency from the update handed
to getUpdates to the first sendMessage of the answer, against direct REST calls to Rasa by 50
concurrent senders measured in the same run (same Rasa, same scripts), and the ratio. Run
twice: with python-telegram-bot's rate limiter at Telegram's limit for a bot (30 messages/s),
and with the limit raised (as for a bot allowed more, or a self-hosted Bot API server), which
isolates what the bridge itself costs. Also the resident memory of the bridge process.

`--resilience`: messages lost and duplicated in a run of `--minutes` (10) during which Rasa is
killed and restarted twice. A message counts as processed when Rasa's tracker holds its user
event (tagged with the update id); lost = pushed but never processed, duplicated = processed
more than once. The chats consent first, so Rasa keeps their conversations in the database
across its restarts.

Usage: python bench/telegram_bridge.py [--chats 50] [--resilience --minutes 10]
"""

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import time
from collections import Counter
from pathlib import Path

import httpx

from relais.database import upgrade_to_head
from tests.support.fake_bot_api import FakeBotApi
from tests.support.rasa_stack import RasaStack
from tests.support.servers import EDGE_PYTHON, ROOT, free_port, resident_memory_mb, wait_until_up

WORK = ROOT / "var" / "bench" / "telegram"
SCRIPT = [
    "bonjour",
    "je voudrais réduire ma facture de chauffage",
    "merci",
    "comment faire des économies sur l'essence",
    "qui êtes-vous ?",
    "au revoir",
]
RESILIENCE_MESSAGES = [
    "je n'ai plus de chauffage depuis hier",
    "comment économiser l'électricité",
    "merci beaucoup",
    "je voudrais manger local sans me ruiner",
    "qui êtes-vous ?",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class Bridge:
    """`python -m bot` in its own process, pointed at the fake Bot API and the stack."""

    def __init__(self, stack: RasaStack, fake: FakeBotApi, rate: float, log: Path,
                 extra_env: dict[str, str] | None = None) -> None:
        self.port = stack.bridge_port
        env = {
            **os.environ, "PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "ignore",
            "TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_BASE_URL": fake.base_url,
            "RASA_URL": stack.rasa_url, **stack.secrets,
            "ACTION_SERVER_URL": stack.action_server_url, "DATABASE_URL": stack.database_url,
            "BRIDGE_PORT": str(self.port), "TELEGRAM_MAX_MESSAGES_PER_SECOND": str(rate),
            **(extra_env or {}),
        }
        self._log = open(log, "w")
        self.process = subprocess.Popen([EDGE_PYTHON, "-m", "bot"], cwd=ROOT, env=env,
                                        stdout=self._log, stderr=subprocess.STDOUT)

    async def ready(self) -> None:
        await asyncio.to_thread(wait_until_up, f"http://127.0.0.1:{self.port}/health", self.process, 60)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log.close()


async def rest_latencies(stack: RasaStack, chats: int) -> list[float]:
    latencies: list[float] = []
    async with httpx.AsyncClient(timeout=120, headers=stack.edge_headers) as client:
        async def conversation(n: int) -> None:
            for message in SCRIPT:
                start = time.perf_counter()
                response = await client.post(f"{stack.rasa_url}/webhooks/rest/webhook",
                                              json={"sender": f"rest-{n}-{random.random()}", "message": message})
                response.raise_for_status()
                latencies.append(time.perf_counter() - start)

        await asyncio.gather(*(conversation(n) for n in range(chats)))
    return latencies


async def bridge_latencies(fake: FakeBotApi, chats: int, first_chat: int) -> list[float]:
    latencies: list[float] = []

    async def conversation(chat_id: int) -> None:
        for message in SCRIPT:
            before = len(fake.sent("sendMessage", chat_id))
            start = time.perf_counter()
            fake.push_update(fake.text_update(chat_id, message))
            await fake.wait_for("sendMessage", before + 1, chat_id=chat_id, timeout=300)
            latencies.append(time.perf_counter() - start)
            await wait_quiet(fake, chat_id)  # the whole answer is out before the next message

    await asyncio.gather(*(conversation(first_chat + n) for n in range(chats)))
    return latencies


async def wait_quiet(fake: FakeBotApi, chat_id: int, quiet: float = 0.3) -> None:
    count = -1
    while count != len(fake.sent("sendMessage", chat_id)):
        count = len(fake.sent("sendMessage", chat_id))
        await asyncio.sleep(quiet)


def summary(name: str, values: list[float]) -> dict[str, float]:
    return {"name": name, "p50": statistics.median(values) * 1000,
            "p95": percentile(values, 0.95) * 1000, "n": len(values)}


async def overhead(chats: int) -> None:
    url = f"sqlite:///{WORK / 'overhead.db'}"
    (WORK / "overhead.db").unlink(missing_ok=True)
    upgrade_to_head(url)
    rows = []
    bridge_port = free_port()
    with RasaStack(url, WORK / "overhead-stack", f"http://127.0.0.1:{bridge_port}/rasa/callback") as stack:
        stack.bridge_port = bridge_port
        await rest_latencies(stack, 5)  # warm-up
        for label, rate in (("limiter at 30 msg/s", 30.0), ("limiter raised", 10000.0)):
            async with FakeBotApi(first_update_id=random.randint(1, 10**8)) as fake:
                bridge = Bridge(stack, fake, rate, WORK / f"bridge-{int(rate)}.log")
                try:
                    await bridge.ready()
                    first_chat = random.randint(10**6, 10**8)
                    rest = summary("REST direct", await rest_latencies(stack, chats))
                    edge = summary(f"bridge, {label}", await bridge_latencies(fake, chats, first_chat))
                    memory = resident_memory_mb(bridge.process.pid)
                finally:
                    bridge.stop()
            rows.append((rest, edge, memory))
    print(f"\n{chats} chats x {len(SCRIPT)} messages; latency from update in to first sendMessage out")
    print("| run | bridge p50 / p95 | REST direct p50 / p95 (same run) | ratio p50 / p95 | bridge RSS |")
    print("|---|---|---|---|---|")
    for rest, edge, memory in rows:
        print(f"| {edge['name']} | {edge['p50']:.0f} / {edge['p95']:.0f} ms | "
              f"{rest['p50']:.0f} / {rest['p95']:.0f} ms | "
              f"{edge['p50'] / rest['p50']:.2f}x / {edge['p95'] / rest['p95']:.2f}x | {memory:.0f} MB |")


async def resilience(minutes: float, chats: int) -> None:
    url = f"sqlite:///{WORK / 'resilience.db'}"
    (WORK / "resilience.db").unlink(missing_ok=True)
    upgrade_to_head(url)
    bridge_port = free_port()
    with RasaStack(url, WORK / "resilience-stack", f"http://127.0.0.1:{bridge_port}/rasa/callback") as stack:
        stack.bridge_port = bridge_port
        async with FakeBotApi(first_update_id=random.randint(1, 10**8)) as fake:
            bridge = Bridge(stack, fake, 30.0, WORK / "bridge-resilience.log")
            try:
                await bridge.ready()
                chat_ids = [random.randint(10**6, 10**8) for _ in range(chats)]
                for chat_id in chat_ids:
                    await consent(fake, chat_id)
                pushed = await traffic_with_restarts(stack, fake, chat_ids, minutes * 60)
                processed = await wait_processed(stack, chat_ids, pushed)
                memory = resident_memory_mb(bridge.process.pid)
            finally:
                bridge.stop()
    keys = Counter(key for chat_keys in processed.values() for key in chat_keys)
    pushed_keys = {f"tg-{u}" for u in pushed}
    lost = len(pushed_keys - set(keys))
    duplicated = sum(1 for key in pushed_keys if keys.get(key, 0) > 1)
    notices = sum(1 for call in fake.sent("sendMessage") if "problème technique" in call["text"])
    print(f"\n{minutes:g} min, {chats} chats, {len(pushed)} messages, Rasa killed and restarted twice")
    print(f"lost: {lost}, duplicated: {duplicated}, outage notices sent: {notices}, bridge RSS {memory:.0f} MB")


async def consent(fake: FakeBotApi, chat_id: int) -> None:
    fake.push_update(fake.text_update(chat_id, "/start"))
    await fake.wait_for("sendMessage", 1, chat_id=chat_id, timeout=120)
    await wait_quiet(fake, chat_id)
    message = [m for m in fake.delivered(chat_id) if m.get("reply_markup")][-1]
    before = len(fake.sent("sendMessage", chat_id))
    fake.push_update(fake.callback_update(chat_id, message["message_id"], "b0"))  # J'accepte
    await fake.wait_for("sendMessage", before + 1, chat_id=chat_id, timeout=120)


async def traffic_with_restarts(stack, fake, chat_ids, seconds) -> list[int]:
    pushed: list[int] = []
    start = time.monotonic()
    restarts = [seconds / 3, 2 * seconds / 3]

    async def restarter() -> None:
        for at in restarts:
            await asyncio.sleep(max(0.0, start + at - time.monotonic()))
            print(f"  {time.monotonic() - start:.0f} s: killing Rasa", flush=True)
            stack.stop_rasa(hard=True)
            await asyncio.sleep(5)
            await asyncio.to_thread(stack.start_rasa)
            print(f"  {time.monotonic() - start:.0f} s: Rasa is back", flush=True)

    async def chat(chat_id: int) -> None:
        while time.monotonic() - start < seconds:
            update = fake.push_update(fake.text_update(chat_id, random.choice(RESILIENCE_MESSAGES)))
            pushed.append(update["update_id"])
            await asyncio.sleep(random.uniform(4, 12))

    await asyncio.gather(restarter(), *(chat(c) for c in chat_ids))
    return pushed


async def wait_processed(stack, chat_ids, pushed, timeout=600) -> dict[int, list[str]]:
    """Every chat's relais keys in Rasa's tracker, once the edge has caught up (or timed out)."""
    wanted = {f"tg-{u}" for u in pushed}
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(timeout=60) as client:
        while True:
            processed = {}
            for chat_id in chat_ids:
                response = await client.get(f"{stack.rasa_url}/conversations/{chat_id}/tracker",
                                            params={"token": stack.auth_token})
                processed[chat_id] = [
                    (e.get("metadata") or {}).get("relais_key") for e in response.json()["events"]
                    if e["event"] == "user"
                ]
            seen = {key for keys in processed.values() for key in keys}
            if wanted <= seen or time.monotonic() > deadline:
                return processed
            await asyncio.sleep(2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=None)
    parser.add_argument("--resilience", action="store_true")
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    if args.resilience:
        asyncio.run(resilience(args.minutes, args.chats or 20))
    else:
        asyncio.run(overhead(args.chats or 50))


if __name__ == "__main__":
    main()
