"""A danger alert to 10,000 citizens of one département while 20 citizens write: does every
citizen get the alert once, at the pace the bot is allowed, across an edge restart in the
middle, and are the citizens who write answered first? (issue #15)

The edge runs in this process against the fake Bot API on loopback, as `make run` starts it
(bot/composition.py: the outbox pump moves at most BROADCAST_MESSAGES_PER_SECOND a second, none
while that many chats are still busy; python-telegram-bot's rate limiter keeps the bot under
TELEGRAM_MAX_MESSAGES_PER_SECOND). Rasa is a loopback server that answers every message at
once (tests/support/instant_rasa.py): the figures are the edge's, not Rasa's.

The citizens are subscribed and the alert declared (EventService.declare: one alert per
citizen in the outbox) before the edge starts. When half of the alerts are delivered, the edge
is stopped and started again. Twenty citizens, half of them alerted, write one message each at
spread-out points of the broadcast (when 1/21, 2/21, ... of the alerts are out, and only while
an edge is up), pushed as Telegram updates to the fake Bot API.

Printed:
- alerts delivered, lost (alerted citizens who got nothing) and duplicated (got it twice);
- the broadcast's duration and sustained rate (alerts delivered / time from the first alert
  sent to the last), also without the restart's gap, and its ratio to the bot's limit (the
  issue's goal: at least 28 a second for a limit of 30);
- the peak number of sendMessage calls (alerts and answers) in any one-second window against
  that limit;
- the writers' reply latency, p50 / p95 / max: from the update being made available to
  getUpdates to the first sendMessage of Rasa's answer to that chat (goal: p95 at most 1.5 s).

Usage (edge virtualenv):
  PYTHONPATH=. .venv-edge/bin/python bench/alert_broadcast.py [--citizens 10000] [--writers 20]
BENCH_DATABASE_URL runs it on PostgreSQL (in a fresh schema of that database, dropped at the
end) instead of a temporary SQLite file.
"""

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from collections import Counter
from contextlib import ExitStack, contextmanager
from datetime import datetime

from sqlalchemy import insert, select

from bench.send_rates import peak_per_second, percentile
from relais.database import create_engine_from_url, make_session_factory, upgrade_to_head
from relais.models import AlertSubscription, Citizen, utc_now
from relais.services.events import EventDraft, EventService
from relais.services.outbox import OutboxService
from relais.settings import Settings
from tests.support.edge_runner import edge_settings, polling_edge
from tests.support.fake_bot_api import FakeBotApi
from tests.support.instant_rasa import InstantRasa
from tests.support.postgresql import fresh_postgresql_schema

FIRST_CHAT = 910_000  # the subscribed citizens: FIRST_CHAT .. FIRST_CHAT + citizens - 1
FIRST_OUTSIDER = 990_000_000  # writers who are not subscribed (no alert for them)
POSTAL_CODE, DEPARTEMENT = "43100", "43"
ALERT_MARK = "DANGER"  # the alert's text starts with its severity
WRITTEN = "Bonjour, est-ce que je peux boire l'eau du robinet ce soir ?"


def prepare(url: str, citizens: int) -> None:
    """The citizens subscribed (in one transaction: what EventService.subscribe writes for
    each, without 10,000 commits of set-up), then the danger alert declared."""
    engine = create_engine_from_url(url)
    sessions = make_session_factory(engine)
    now = utc_now()
    with sessions() as session, session.begin():
        session.execute(insert(Citizen), [
            {"conversation_id": str(FIRST_CHAT + n), "created_at": now} for n in range(citizens)])
        ids = session.scalars(select(Citizen.id).where(Citizen.conversation_id.in_(
            [str(FIRST_CHAT + n) for n in range(citizens)])).order_by(Citizen.id)).all()
        session.execute(insert(AlertSubscription), [
            {"citizen_id": citizen_id, "postal_code": POSTAL_CODE, "departement": DEPARTEMENT,
             "check_on_me": False, "quiet_from": 21, "quiet_until": 8, "subscribed_at": now}
            for citizen_id in ids])
    declared = EventService(sessions).declare(EventDraft(
        kind="coupure_eau", severity="danger", departements=(DEPARTEMENT,),
        instructions="L'eau du réseau n'est pas potable : ne la buvez pas, même bouillie."))
    assert declared.alerted == citizens, declared
    engine.dispose()


def writer_chats(citizens: int, writers: int) -> list[int]:
    """Alternately an alerted citizen (spread over the broadcast's order) and an outsider."""
    alerted = writers // 2 + writers % 2
    chats = []
    for number in range(writers):
        if number % 2 == 0:
            chats.append(FIRST_CHAT + (number // 2) * citizens // alerted + citizens // (3 * alerted))
        else:
            chats.append(FIRST_OUTSIDER + number)
    return chats


class Tally:
    """What the fake Bot API was asked to send, read incrementally (the run polls it often)."""

    def __init__(self, fake: FakeBotApi, answer_text: str) -> None:
        self._fake = fake
        self._answer_text = answer_text
        self._seen = 0
        self.alerts = 0
        self.answers = 0

    def update(self) -> None:
        calls = self._fake.calls
        for call in calls[self._seen:len(calls)]:
            if call.method != "sendMessage":
                continue
            text = str(call.params.get("text", ""))
            if text.startswith(ALERT_MARK):
                self.alerts += 1
            elif text == self._answer_text:
                self.answers += 1
        self._seen = len(calls)


async def run(url: str, citizens: int, writers: int) -> None:
    started_at = datetime.now()
    prepare(url, citizens)
    chats = writer_chats(citizens, writers)
    async with FakeBotApi(first_update_id=1) as fake, InstantRasa() as rasa:
        tally = Tally(fake, rasa.text)
        configured = edge_settings(fake, rasa.url, url)  # the limits, as the edges have them
        edge_up = asyncio.Event()
        pushed: dict[int, float] = {}

        def settings() -> Settings:  # each edge on its own free port
            return edge_settings(fake, rasa.url, url)

        async def write_spread_out() -> None:
            for number, chat in enumerate(chats):
                threshold = (number + 1) * citizens // (writers + 1)
                while tally.alerts < threshold or not edge_up.is_set():
                    await asyncio.sleep(0.02)
                pushed[chat] = time.monotonic()
                fake.push_update(fake.text_update(chat, WRITTEN))

        async def until(condition) -> None:
            while True:
                tally.update()
                if condition():
                    return
                await asyncio.sleep(0.05)

        writing = asyncio.create_task(write_spread_out())
        edge_started = time.monotonic()
        async with polling_edge(settings()):
            edge_up.set()
            await until(lambda: tally.alerts >= citizens // 2)
            edge_up.clear()
            stopping = time.monotonic()
        at_restart = tally.alerts
        async with polling_edge(settings()):
            restarted = time.monotonic()
            edge_up.set()
            await until(lambda: tally.alerts >= citizens and writing.done()
                        and tally.answers >= writers)
            finished = time.monotonic()
            await asyncio.sleep(3)  # anything sent twice would come now
        await writing

    sends = [call for call in fake.calls if call.method == "sendMessage" and call.status == 200]
    alerts = [call for call in sends if str(call.params.get("text", "")).startswith(ALERT_MARK)]
    per_chat = Counter(int(call.params["chat_id"]) for call in alerts)
    subscribed = range(FIRST_CHAT, FIRST_CHAT + citizens)
    lost = sum(1 for chat in subscribed if per_chat[chat] == 0)
    duplicated = sum(1 for chat in subscribed if per_chat[chat] > 1)
    strays = sum(count for chat, count in per_chat.items() if chat not in subscribed)

    times = sorted(call.at for call in alerts)
    span = times[-1] - times[0]
    before = [at for at in times if at < restarted]
    after = [at for at in times if at >= restarted]
    gap = after[0] - before[-1] if before and after else 0.0
    limit = configured.telegram_max_messages_per_second
    rate, steady = len(alerts) / span, len(alerts) / (span - gap)

    latency_of: dict[int, float] = {}
    for chat, at in pushed.items():
        answers = [call.at for call in sends if call.params.get("chat_id") == chat
                   and call.params.get("text") == rasa.text and call.at >= at]
        if answers:
            latency_of[chat] = answers[0] - at
    latencies = list(latency_of.values())
    alerted_writers = sum(1 for chat in chats if chat in subscribed)

    engine = create_engine_from_url(url)
    left = OutboxService(make_session_factory(engine)).pending()
    engine.dispose()

    print(f"database: {'postgresql' if url.startswith('postgresql') else 'sqlite'}; "
          f"citizens: {citizens}; writers: {len(chats)} ({alerted_writers} alerted); "
          f"pace: {configured.broadcast_messages_per_second:g} moved/s for a bot limit of "
          f"{limit:g}/s; started {started_at:%Y-%m-%d %H:%M}")
    print(f"alerts delivered: {len(alerts)} ({at_restart} before the restart); lost: {lost}; "
          f"duplicated: {duplicated}; to chats not subscribed: {strays}; left in the outbox: {left}")
    print(f"broadcast: {span:.1f} s from the first alert sent to the last "
          f"({times[0] - edge_started:.1f} s after the edge started; restart gap {gap:.1f} s, "
          f"the edge down {restarted - stopping:.1f} s of it)")
    print(f"sustained rate: {rate:.1f} alerts/s ({rate / limit:.2f} of the limit); "
          f"without the restart gap: {steady:.1f} alerts/s ({steady / limit:.2f} of the limit; "
          f"goal 28/s, {28 / limit:.2f})")
    print(f"peak sendMessage in any 1-s window: {peak_per_second([c.at for c in sends])} "
          f"for a limit of {limit:g} (ratio {peak_per_second([c.at for c in sends]) / limit:.2f})")
    if latencies:
        p50, p95 = percentile(latencies, 0.50), percentile(latencies, 0.95)
        print(f"reply latency of the {len(latencies)} writers answered (update available -> "
              f"first sendMessage of the answer): p50 {p50:.2f} s, p95 {p95:.2f} s, "
              f"max {max(latencies):.2f} s, mean {statistics.fmean(latencies):.2f} s "
              f"(goal p95 <= 1.5 s: ratio {p95 / 1.5:.2f})")
        print("  each (s, * alerted): " + " ".join(
            f"{latency:.2f}{'*' if chat in subscribed else ''}"
            for chat, latency in sorted(latency_of.items(), key=lambda item: item[1])))
    print(f"writers not answered: {len(chats) - len(latencies)}; "
          f"total time {finished - edge_started:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--citizens", type=int, default=10_000)
    parser.add_argument("--writers", type=int, default=20)
    args = parser.parse_args()
    with ExitStack() as stack:
        base_url = os.environ.get("BENCH_DATABASE_URL")
        if base_url:
            url = stack.enter_context(contextmanager(fresh_postgresql_schema)(base_url))
        else:
            workdir = stack.enter_context(tempfile.TemporaryDirectory())
            url = f"sqlite:///{workdir}/alerts.db"
        upgrade_to_head(url)
        asyncio.run(run(url, args.citizens, args.writers))


if __name__ == "__main__":
    main()
