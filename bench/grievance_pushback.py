"""A unit answers 1,000 citizens at once (two bulk answers of 500): does every citizen get the
answer once, within Telegram's limits, across an edge restart in the middle? (issue #14)

The edge runs in this process against the fake Bot API on loopback (Rasa is not involved: the
news is Relais' own message). Half-way through the deliveries the edge is stopped and started
again. Printed: messages delivered, lost (citizens who got nothing) and duplicated (citizens who
got more than one), the time it took, and the peak number of sendMessage calls in any one-second
window against the limit the edge is configured with (TELEGRAM_MAX_MESSAGES_PER_SECOND, 30 by
default: Telegram's limit for a bot) — a ratio, not a timed assertion.

Usage (edge virtualenv): PYTHONPATH=. .venv-edge/bin/python bench/grievance_pushback.py [--citizens 1000]
BENCH_DATABASE_URL runs it on PostgreSQL instead of a temporary SQLite file.
"""

import argparse
import asyncio
import os
import tempfile
import time
from collections import Counter

from bench.send_rates import peak_per_second
from relais.database import create_engine_from_url, make_session_factory, upgrade_to_head
from relais.services.grievances import Draft, GrievanceService
from relais.services.unit_desk import MAX_BULK, UnitDesk
from relais.territories import Territory
from tests.support.clock import FakeClock
from tests.support.edge_runner import edge_settings, polling_edge
from tests.support.fake_bot_api import FakeBotApi
from tests.support.hung_server import HungServer

FIRST_CHAT = 900_000
PASSWORD = "un mot de passe de banc d'essai"


def prepare(url: str, citizens: int) -> None:
    engine = create_engine_from_url(url)
    sessions = make_session_factory(engine)
    grievances, desk = GrievanceService(sessions), UnitDesk(sessions, clock=FakeClock())
    ids = [grievances.record(str(FIRST_CHAT + n), Draft(
        kind="doleance", text=f"Le car du mercredi ne passe plus ({n})", theme="mobilite",
        visibility="counted", postal_code="43100")).id for n in range(citizens)]
    desk.create_agent("bench", "Agent du banc", PASSWORD, "unit", Territory("unit", "brioude"))
    agent = desk.sign_in("bench", PASSWORD)
    assert agent is not None
    for start in range(0, len(ids), MAX_BULK):
        desk.answer(agent, ids[start:start + MAX_BULK], "La région rétablit le car du mercredi dès lundi.")
    engine.dispose()


async def run(url: str, citizens: int) -> None:
    prepare(url, citizens)
    async with FakeBotApi(first_update_id=1) as fake, HungServer() as rasa:
        def delivered() -> int:
            return len(fake.delivered())

        started = time.perf_counter()
        async with polling_edge(edge_settings(fake, rasa.url, url)):
            while delivered() < citizens // 2:
                await asyncio.sleep(0.1)
        at_restart = delivered()
        async with polling_edge(edge_settings(fake, rasa.url, url)):
            while delivered() < citizens:
                await asyncio.sleep(0.1)
            await asyncio.sleep(3)  # anything sent twice would come now
        elapsed = time.perf_counter() - started
        sends = [call for call in fake.calls if call.method == "sendMessage" and call.status == 200]
        per_chat = Counter(int(call.params["chat_id"]) for call in sends)
        limit = float(os.environ.get("TELEGRAM_MAX_MESSAGES_PER_SECOND", "30"))
        peak = peak_per_second([call.at for call in sends])
        print(f"citizens: {citizens}; delivered: {len(sends)} ({at_restart} before the restart)")
        print(f"lost: {sum(1 for n in range(citizens) if per_chat[FIRST_CHAT + n] == 0)}; "
              f"duplicated: {sum(1 for count in per_chat.values() if count > 1)}")
        print(f"time: {elapsed:.1f} s; peak sendMessage per second: {peak} for a limit of {limit:g} "
              f"(ratio {peak / limit:.2f})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--citizens", type=int, default=1000)
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL")
    with tempfile.TemporaryDirectory() as workdir:
        url = url or f"sqlite:///{workdir}/pushback.db"
        upgrade_to_head(url)
        asyncio.run(run(url, args.citizens))


if __name__ == "__main__":
    main()
