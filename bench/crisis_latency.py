"""Crisis first replies at the Telegram edge while Rasa hangs: how long from a crisis update
handed to getUpdates to the first sendMessage of its chat (the kind's first reply).

The real edge (`python -m bot` in its own process: python-telegram-bot against the fake Bot API
on loopback, its rate limiter at Telegram's 30 messages/s, an SQLite database) and a Rasa that
accepts connections and never answers (tests/support/hung_server.py). Two runs:

- `at once`: N chats each send one crisis message from the lexicon (every kind), all in the same
  instant, while Rasa hangs on each of them;
- `behind a stuck message`: N other chats first send an ordinary message, which hangs on Rasa
  (their queues are busy, "typing…" is shown to each, sharing the rate limit); once all are
  stuck, each sends one crisis message, all in the same instant.

Latency is measured in this process: the time the update was queued in the fake Bot API to the
time the fake received the chat's first sendMessage. Target: max <= 2 s. Speed is measured
here, never asserted in tests.

Usage: python bench/crisis_latency.py [--chats 50]
"""

import argparse
import asyncio
import os
import random
import statistics
import time
from collections import Counter
from types import SimpleNamespace

from bench.telegram_bridge import Bridge, percentile
from bot.bridge import crisis_kind
from relais.crisis import first_reply
from relais.database import upgrade_to_head
from relais.shared_secrets import fresh_secrets
from tests.support.fake_bot_api import FakeBotApi
from tests.support.hung_server import HungServer
from tests.support.servers import ROOT, free_port

WORK = ROOT / "var" / "bench" / "crisis"
TARGET_SECONDS = 2.0
BOUND_SECONDS = 60.0  # a chat not answered by then counts as not answered
# One message per chat, every kind of the lexicon (checked at start: a phrase the lexicon no
# longer recognises is left out and said so).
CRISIS_MESSAGES = [
    "je veux mourir",
    "mon mari me frappe",
    "je me scarifie depuis des semaines",
    "le voisin frappe ses enfants tous les soirs",
    "mon père ne respire plus",
    "ça sent le gaz dans tout l'immeuble",
    "mon frère veut se suicider",
    "je vais me tuer ce soir",
    "mon conjoint m'a étranglée hier soir",
    "j'ai envie de me couper les bras",
    "ma fille de 8 ans est maltraitée par son beau-père",
    "ma mère a fait un malaise",
    "il y a le feu dans la cuisine",
    "je veux en finir avec la vie",
]
ORDINARY_MESSAGE = "bonjour, j'ai une question sur ma facture d'électricité"


def crisis_messages() -> list[tuple[str, str]]:
    """(message, kind) for the phrases the lexicon recognises."""
    found = [(message, crisis_kind(message)) for message in CRISIS_MESSAGES]
    for message, kind in found:
        if kind is None:
            print(f"  (left out: the lexicon no longer recognises « {message} »)")
    return [(message, kind) for message, kind in found if kind is not None]


async def until(condition, bound: float = BOUND_SECONDS) -> bool:
    deadline = time.monotonic() + bound
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.02)
    return True


def first_send(fake: FakeBotApi, chat_id: int, since: float) -> tuple[float, str] | None:
    """When the fake received the chat's first successful sendMessage after `since`, and its
    text."""
    for call in fake.calls:
        if (call.method == "sendMessage" and call.params.get("chat_id") == chat_id
                and call.status == 200 and call.at >= since):
            return call.at, call.params.get("text") or ""
    return None


async def crisis_burst(fake: FakeBotApi, chats: list[int],
                       messages: list[tuple[str, str]]) -> dict[str, object]:
    """Each chat sends one crisis message, all in the same instant; latencies of the first
    replies, and how many were the right kind's first reply."""
    pushed: dict[int, tuple[float, str]] = {}
    for number, chat in enumerate(chats):
        message, kind = messages[number % len(messages)]
        pushed[chat] = (time.monotonic(), kind)
        fake.push_update(fake.text_update(chat, message))
    await until(lambda: all(first_send(fake, c, pushed[c][0]) for c in chats))
    latencies, right = [], 0
    for chat, (at, kind) in pushed.items():
        sent = first_send(fake, chat, at)
        if sent is None:
            continue
        latencies.append(sent[0] - at)
        right += sent[1] == first_reply(kind)
    return {"latencies": latencies, "right": right, "chats": len(chats)}


async def stuck_on_rasa(fake: FakeBotApi, rasa: HungServer, chats: list[int]) -> None:
    """Each chat sends an ordinary message, which hangs on Rasa."""
    connections = rasa.connections
    for chat in chats:
        fake.push_update(fake.text_update(chat, ORDINARY_MESSAGE))
    if not await until(lambda: rasa.connections >= connections + len(chats)):
        print(f"  (only {rasa.connections - connections} of {len(chats)} messages reached Rasa)")


def row(name: str, result: dict[str, object]) -> str:
    values = sorted(result["latencies"])
    if not values:
        return f"| {name} | 0/{result['chats']} | - | - | - | not met |"
    p50, p95, worst = statistics.median(values), percentile(values, 0.95), values[-1]
    met = "met" if worst <= TARGET_SECONDS and len(values) == result["chats"] else "NOT met"
    return (f"| {name} | {len(values)}/{result['chats']} ({result['right']} right kind) | "
            f"{p50 * 1000:.0f} ms | {p95 * 1000:.0f} ms | {worst * 1000:.0f} ms | {met} |")


async def one_run(chats: int, messages: list[tuple[str, str]], behind_stuck: bool,
                  name: str) -> dict[str, object]:
    """A fresh edge, database and hung Rasa (each hung call holds one of the edge's connections
    to Rasa, a hundred at most)."""
    (WORK / f"{name}.db").unlink(missing_ok=True)
    url = f"sqlite:///{WORK / f'{name}.db'}"
    upgrade_to_head(url)
    async with HungServer() as rasa, FakeBotApi(first_update_id=random.randint(1, 10**8)) as fake:
        # No action server to check: every message goes straight to the hung Rasa.
        stack = SimpleNamespace(rasa_url=rasa.url, secrets=fresh_secrets(), action_server_url="",
                                database_url=url, bridge_port=free_port())
        edge = Bridge(stack, fake, 30.0, WORK / f"{name}.log")
        try:
            await edge.ready()
            first = random.randint(10**6, 10**8)
            await crisis_burst(fake, [first], messages)  # warm-up: connections, first write
            measured = list(range(first + 1, first + 1 + chats))
            if behind_stuck:
                await stuck_on_rasa(fake, rasa, measured)
            return await crisis_burst(fake, measured, messages)
        finally:
            edge.stop()


async def run(chats: int) -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    messages = crisis_messages()
    kinds = Counter(kind for _, kind in (messages * chats)[:chats])
    at_once = await one_run(chats, messages, behind_stuck=False, name="at-once")
    behind = await one_run(chats, messages, behind_stuck=True, name="behind-stuck")
    load = os.getloadavg()[0]
    print(f"\nCrisis first replies with Rasa hung (accepts, never answers); {chats} chats per run, "
          f"kinds {dict(kinds)}; python-telegram-bot's rate limiter at 30 msg/s; load {load:.2f}")
    print("Latency: crisis update available to getUpdates -> first sendMessage of its chat")
    print(f"| run | answered | p50 | p95 | max | target max <= {TARGET_SECONDS:g} s |")
    print("|---|---|---|---|---|---|")
    print(row("at once", at_once))
    print(row("behind a message stuck on Rasa", behind))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(run(args.chats))


if __name__ == "__main__":
    main()
