"""Relais scaled out on this machine, without containers (issue #17): two Rasa servers and two
action servers as separate processes behind Debian's HAProxy (configured from
deploy/haproxy/haproxy.cfg, tests/support/haproxy.py), all on one PostgreSQL (Rasa's tracker
store and Relais' tables) and one Redis (Rasa's lock store), with Telegram edges in front.

* A Rasa server killed (SIGKILL) while it holds a turn: every chat's conversation goes on
  through the other one; each message reaches Rasa's tracker once, in order, and the citizen
  receives exactly the replies the tracker holds, in order.
* Two messages of one chat sent at once, one straight to each Rasa server: Redis' lock makes
  one turn wait for the other; the tracker holds them one after the other, each answered with
  its own replies.
* Two edges pumping one outbox: an alert reaches each citizen once.

What "two edges" means here: one bot token cannot be polled by two edges (each getUpdates
takes the other's updates; README, Deployment), and the outbox has no column naming a bot (a
second bot with its own token needs its own database). So both edges serve one bot: one polls
and pumps, the other only pumps, as a second edge process of the same bot would. Each has its
own fake Bot API server (same token) so the test sees which edge sent what; Telegram would
see one bot. The edges run in the test's process, each with its own database pool, as the
other edge tests run them (tests/support/edge_runner.py).

Needs TEST_DATABASE_URL, TEST_REDIS_URL and Debian's haproxy; skipped without them, except in
CI (.ci/run sets RELAIS_CI), where their absence fails. The tests share the servers (they
start once, about a minute and a half on 2 cores) and run in this file's order: the Rasa
server is killed last.
"""

import asyncio
import json
import os
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import create_engine, select

from bot.composition import telegram_edge
from bot.replies import RASA_DOWN_TEXT
from relais.database import create_engine_from_url, make_session_factory, upgrade_to_head
from relais.models import RASA_EVENTS, utc_now
from relais.services.events import EventDraft, EventService
from relais.services.inbox import InboxService
from relais.services.outbox import OutboxService
from relais.settings import Settings
from relais.shared_secrets import fresh_secrets
from tests.support import haproxy
from tests.support.clock import FakeClock
from tests.support.edge_runner import QUICK_RETRIES, polling_edge
from tests.support.fake_bot_api import FakeBotApi
from tests.support.paths import ROOT
from tests.support.postgresql import fresh_postgresql_schema
from tests.support.rasa_stack import RasaStack
from tests.support.servers import free_port, running
from tests.support.update_ids import next_update_id_base
from tests.support.waiting import until

on_the_loop = pytest.mark.asyncio(loop_scope="function")

# Rasa's ticket lock lives 60 s by default: a conversation whose turn was on the killed server
# waits that long for the lock its dead holder never releases. 20 s keeps the test short and
# is still ten times a turn here; production keeps Rasa's default.
LOCK_LIFETIME_SECONDS = "20"

CONVERSATION = [
    "bonjour",
    "j'accepte",
    "je voudrais réduire ma facture de chauffage",
    "je suis locataire",
    "avoir moins froid",
    "pas beaucoup de temps",
    "merci",
    "au revoir",
]


@dataclass
class Cluster:
    stacks: list[RasaStack]
    database_url: str
    rasa_url: str  # HAProxy's Rasa frontend
    actions_url: str  # HAProxy's action server frontend
    stats_socket: Path

    @property
    def secrets(self) -> dict[str, str]:
        return self.stacks[0].secrets


def required(variable: str) -> str:
    value = os.environ.get(variable, "")
    if not value:
        absent(f"{variable} is not set")
    return value


def absent(reason: str) -> None:
    if os.environ.get("RELAIS_CI"):
        pytest.fail(f"{reason}: CI must run the scale-out test")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Iterator[Cluster]:
    base_url, redis_url = required("TEST_DATABASE_URL"), required("TEST_REDIS_URL")
    if not haproxy.installed():
        absent("Debian's haproxy is not installed")
    workdir = tmp_path_factory.mktemp("scale-out")
    for database_url in fresh_postgresql_schema(base_url):
        upgrade_to_head(database_url)
        binds = {"health": free_port(), "rasa": free_port(), "actions": free_port()}
        actions_url = f"http://127.0.0.1:{binds['actions']}"
        secrets = fresh_secrets()  # one set for the whole deployment, as in compose's .env
        env = {"REDIS_URL": redis_url, "TICKET_LOCK_LIFETIME": LOCK_LIFETIME_SECONDS}
        stacks = [RasaStack(database_url, workdir / f"stack-{n}", secrets=secrets, env=env,
                            action_endpoint_url=actions_url) for n in (1, 2)]
        with ExitStack() as cleanup:
            # Side by side: each Rasa server takes a minute or more to load the model.
            for stack in stacks:
                cleanup.callback(stack.__exit__, None, None, None)
                stack.launch()
            for stack in stacks:
                stack.wait_until_up()
            stats_socket = workdir / "haproxy.sock"
            config = workdir / "haproxy.cfg"
            config.write_text(haproxy.loopback_config(
                binds,
                {"rasa": [f"127.0.0.1:{stack.rasa_port}" for stack in stacks],
                 "actions": [f"127.0.0.1:{stack.actions_port}" for stack in stacks]},
                stats_socket))
            haproxy.check(config)
            # Started once the servers are up: HAProxy counts them up from the start.
            cleanup.enter_context(running(haproxy.args(config), ROOT,
                                          f"http://127.0.0.1:{binds['health']}/healthz", workdir / "haproxy.log"))
            yield Cluster(stacks, database_url, f"http://127.0.0.1:{binds['rasa']}", actions_url,
                          stats_socket)


def user_events(database_url: str, chat: int) -> list[dict]:
    return [event for event in tracker_events(database_url, chat) if event["event"] == "user"]


def tracker_events(database_url: str, chat: int) -> list[dict]:
    """The chat's conversation as Rasa's tracker store holds it in PostgreSQL, in order."""
    engine = create_engine(database_url, future=True)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(RASA_EVENTS.c.data).where(RASA_EVENTS.c.sender_id == str(chat))
                .order_by(RASA_EVENTS.c.id)).scalars().all()
    finally:
        engine.dispose()
    return [json.loads(row) for row in rows]


def server_errors(cluster: Cluster) -> list[str]:
    """The error lines of the Rasa and action servers' logs: a lost turn's cause, should one be
    lost again (CI lost one once and kept no log of why)."""
    lines = []
    for stack in cluster.stacks:
        for log in sorted(stack.workdir.glob("*.log")):
            lines += [f"{stack.workdir.name}/{log.name}: {line.strip()}"
                      for line in log.read_text(errors="replace").splitlines()
                      if any(word in line for word in ("ERROR", "Error", "Exception", "Traceback", "outlived its lock"))]
    return lines[-40:]


def bot_texts(events: list[dict]) -> list[str]:
    return [event["text"] for event in events if event["event"] == "bot" and event.get("text")]


_chat_ids = iter(range(8_170_000, 8_180_000))


def new_chats(count: int) -> list[int]:
    return [next(_chat_ids) for _ in range(count)]


# ------------------------------------------------------------------------------------ the lock


async def say_to(client: httpx.AsyncClient, url: str, cluster: Cluster, chat: int, text: str) -> list[str]:
    response = await client.post(f"{url}/webhooks/rest/webhook", json={"sender": str(chat), "message": text},
                                 headers=cluster.stacks[0].edge_headers)
    response.raise_for_status()
    return [reply["text"] for reply in response.json() if reply.get("text")]


@on_the_loop
async def test_two_messages_of_one_chat_at_both_servers_at_once_are_answered_one_after_the_other(cluster):
    chats = new_chats(4)
    first, second = "je voudrais réduire ma facture de chauffage", "je suis locataire"
    async with httpx.AsyncClient(timeout=120) as client:
        for chat in chats:  # consent through HAProxy, so that the tracker is in PostgreSQL
            for text in CONVERSATION[:2]:
                await say_to(client, cluster.rasa_url, cluster, chat, text)
        # Every chat at once, each with one message straight to each Rasa server.
        answers = await asyncio.gather(*(
            asyncio.gather(say_to(client, cluster.stacks[0].rasa_url, cluster, chat, first),
                           say_to(client, cluster.stacks[1].rasa_url, cluster, chat, second))
            for chat in chats))

    for chat, replies in zip(chats, answers):
        events = tracker_events(cluster.database_url, chat)
        users = [index for index, event in enumerate(events) if event["event"] == "user"]
        assert [events[i]["text"] for i in users[:2]] == CONVERSATION[:2]
        # Both turns kept, each once (Rasa's own Redis lock store lost one turn in three runs of
        # six here: rasa_components/stores.py, AtomicRedisLockStore).
        assert len(users) == 4, ([(e["event"], e.get("name") or e.get("text")) for e in events], server_errors(cluster))
        third, fourth = users[2:]
        texts = {first: replies[0], second: replies[1]}
        # One turn after the other: the first finished (Rasa listening again) before the
        # second message entered the tracker, and each request got its own turn's replies.
        turn_one, turn_two = events[third:fourth], events[fourth:]
        assert (turn_one[-1]["event"], turn_one[-1].get("name")) == ("action", "action_listen")
        assert texts[events[third]["text"]] == bot_texts(turn_one)
        assert texts[events[fourth]["text"]] == bot_texts(turn_two)
        assert {events[third]["text"], events[fourth]["text"]} == {first, second}
        assert bot_texts(turn_one) and bot_texts(turn_two)


# ------------------------------------------------------------------------- two edges, one outbox


def edge_settings(cluster: Cluster, fake: FakeBotApi) -> Settings:
    """An edge of the deployment: Rasa and the action servers through HAProxy."""
    return Settings(rasa_url=cluster.rasa_url, rasa_auth_token=cluster.secrets["RASA_AUTH_TOKEN"],
                    edge_secret=cluster.secrets["EDGE_SECRET"], action_server_url=cluster.actions_url,
                    database_url=cluster.database_url, telegram_bot_token=fake.token,
                    telegram_api_base_url=fake.base_url, bridge_port=free_port())


@pytest_asyncio.fixture
async def fakes():
    """Two fake Bot API servers of one bot (same token): one per edge."""
    async with FakeBotApi(first_update_id=next_update_id_base()) as one, \
            FakeBotApi(first_update_id=next_update_id_base()) as two:
        yield one, two


def alerted(fake: FakeBotApi) -> Counter:
    return Counter(int(call.params["chat_id"]) for call in fake.calls
                   if call.method == "sendMessage" and call.status == 200)


@on_the_loop
async def test_two_edges_pumping_one_outbox_send_each_alert_once(cluster, fakes):
    engine = create_engine_from_url(cluster.database_url)
    sessions = make_session_factory(engine)
    # Yesterday at noon UTC: outside the quiet hours, so the alerts are due now.
    daytime = (utc_now() - timedelta(days=1)).replace(hour=12, minute=0, second=0, microsecond=0)
    events = EventService(sessions, clock=FakeClock(daytime))
    outbox, inbox = OutboxService(sessions), InboxService(sessions)
    chats = new_chats(120)  # four seconds of one edge's pace (28 a second): both edges claim
    for chat in chats:
        events.subscribe(str(chat), "43100")
    one, two = fakes
    try:
        async with polling_edge(edge_settings(cluster, one)), \
                telegram_edge(edge_settings(cluster, two), QUICK_RETRIES):
            events.declare(EventDraft(kind="coupure_eau", severity="danger", departements=("43",),
                                      instructions="L'eau du réseau n'est pas potable."))
            await until(lambda: set(alerted(one) + alerted(two)) >= set(chats), what="an alert to every chat")
            await until(lambda: outbox.pending() == 0 and inbox.chats_with_work() == [],
                        what="the outbox and the chats' queues empty", every=0.2)
    finally:
        engine.dispose()
    by_one, by_two = alerted(one), alerted(two)
    received = by_one + by_two
    assert sorted(received) == sorted(chats)  # none lost, none sent elsewhere
    assert [chat for chat in chats if received[chat] > 1] == []  # none twice
    assert by_one and by_two  # both edges claimed from the outbox


# -------------------------------------------------------------------- a Rasa server killed


def in_flight(cluster: Cluster, server: str) -> int:
    return haproxy.server_sessions(cluster.stats_socket)[("rasa", server)]


@on_the_loop
async def test_a_rasa_server_killed_mid_conversation_loses_no_turn_and_answers_none_twice(cluster, fake):
    chats = new_chats(4)
    engine = create_engine_from_url(cluster.database_url)
    inbox = InboxService(make_session_factory(engine))
    async with polling_edge(edge_settings(cluster, fake)) as edge:
        for chat in chats:  # each chat's messages are answered one at a time, in order
            for text in CONVERSATION:
                fake.push_update(fake.text_update(chat, text))
        # Mid-conversation, while the first server holds a turn.
        await until(lambda: all(len(fake.delivered(chat)) >= 2 for chat in chats)
                    and in_flight(cluster, "rasa1") > 0, what="the first server busy mid-conversation")
        cluster.stacks[0].stop_rasa(hard=True)
        await until(lambda: all(len(user_events(cluster.database_url, chat)) >= len(CONVERSATION)
                                for chat in chats), what="every message in Rasa's tracker", every=0.5)
        await until(lambda: inbox.chats_with_work() == [], what="every chat's queue done", every=0.5)
        await edge.queue.idle()
    engine.dispose()

    for chat in chats:
        events = tracker_events(cluster.database_url, chat)
        users = [event for event in events if event["event"] == "user"]
        assert [event["text"] for event in users] == CONVERSATION  # none lost, none twice, in order
        keys = [(event.get("metadata") or {}).get("relais_key") for event in users]
        assert len(set(keys)) == len(keys)
        # The citizen got exactly what Rasa answered, in order (and, at most once, the notice
        # that Relais is slow while its turn waited). Compared as one text: the edge cuts and
        # joins Rasa's messages into Telegram's at paragraphs.
        delivered = [message["text"] for message in fake.delivered(chat)]
        assert sum(RASA_DOWN_TEXT in text for text in delivered) <= 1
        assert words([text for text in delivered if RASA_DOWN_TEXT not in text]) == words(bot_texts(events))


def words(texts: list[str]) -> list[str]:
    return " ".join(texts).split()
