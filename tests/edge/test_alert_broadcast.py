"""A territorial alert through the edge (issue #15): the durable outbox (relais/services/
outbox.py) moved into the chats' queues by the edge's pump (bot/outbox_pump.py), sent by the
chats' queues to the fake Bot API on loopback. On SQLite, and on PostgreSQL when
TEST_DATABASE_URL is set (each test then gets a fresh schema).

Every wait is for something to have happened (counts of what the fake Bot API recorded, the
outbox and the inbox empty), never for a length of time; an order of sends is asserted, never
a duration. bench/alert_broadcast.py measures the pace and the latencies.
"""

import os
import threading
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from relais.database import create_engine_from_url, make_session_factory, upgrade_to_head
from relais.models import INBOX_OUTGOING, InboxEntry, utc_now
from relais.services.events import EventDraft, EventService
from relais.services.inbox import InboxService
from relais.services.outbox import OutboxService
from tests.support.clock import FakeClock
from tests.support.edge_runner import edge_settings, polling_edge
from tests.support.instant_rasa import InstantRasa
from tests.support.postgresql import fresh_postgresql_schema
from tests.support.waiting import until

on_the_loop = pytest.mark.asyncio(loop_scope="function")  # the tests that drive the edge

FIRST_CHAT = 7_420_000
WRITER = 7_429_999  # not subscribed: no alert for them
INSTRUCTIONS = "L'eau du réseau n'est pas potable : ne la buvez pas, même bouillie."


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A migrated database: an SQLite file, or a fresh PostgreSQL schema (the edge's
    conftest's `sessions` open it)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'relais.db'}"
        upgrade_to_head(url)
        yield url
        return
    base_url = os.environ.get("TEST_DATABASE_URL")
    if not base_url:
        pytest.skip("TEST_DATABASE_URL is not set")
    for url in fresh_postgresql_schema(base_url):
        upgrade_to_head(url)
        yield url


@pytest.fixture
def events(sessions):
    # Yesterday at noon UTC (early afternoon in Paris): outside the quiet hours, and due by now
    # for the edge, whose outbox reads the real time.
    daytime = (utc_now() - timedelta(days=1)).replace(hour=12, minute=0, second=0, microsecond=0)
    return EventService(sessions, clock=FakeClock(daytime))


def subscribe(events: EventService, chats, postal_code: str = "43100") -> None:
    for chat in chats:
        events.subscribe(str(chat), postal_code)


def declare(events: EventService, severity: str = "danger", departement: str = "43") -> None:
    events.declare(EventDraft(kind="coupure_eau", severity=severity, departements=(departement,),
                              instructions=INSTRUCTIONS))


def sends(fake) -> list:
    """The sendMessage calls Telegram accepted, in the order they came."""
    return [call for call in fake.calls if call.method == "sendMessage" and call.status == 200]


def per_chat(fake) -> Counter:
    return Counter(int(call.params["chat_id"]) for call in sends(fake))


@on_the_loop
async def test_an_alert_reaches_each_citizen_once_across_a_restart(fake, hung, database_url, sessions, events):
    chats = [FIRST_CHAT + n for n in range(60)]
    subscribe(events, chats)
    declare(events)
    outbox, inbox = OutboxService(sessions), InboxService(sessions)

    def settings():  # each edge on its own free port; Rasa is not needed for an alert
        return edge_settings(fake, hung.url, database_url)

    async with polling_edge(settings()):
        await until(lambda: len(sends(fake)) >= len(chats) // 3, what="a third of the alerts")
    async with polling_edge(settings()) as edge:
        await until(lambda: set(per_chat(fake)) >= set(chats), what="an alert to every chat")
        await until(lambda: outbox.pending() == 0 and inbox.chats_with_work() == [],
                    what="the outbox and the chats' queues empty", every=0.2)
        await edge.queue.idle()
    received = per_chat(fake)
    assert set(received) == set(chats)  # none lost, none sent elsewhere
    assert all(call.params["text"].startswith("DANGER") for call in sends(fake))
    # None twice: a worker stopped while sending finishes its entry first (ChatQueue.stop).
    assert sorted(chat for chat in chats if received[chat] > 1) == []


def test_two_workers_claiming_at_once_move_every_message_once(database_url, sessions, events):
    chats = [FIRST_CHAT + n for n in range(150)]
    subscribe(events, chats)
    declare(events)
    engines = [create_engine_from_url(database_url) for _ in range(2)]  # two edges, two pools
    outboxes = [OutboxService(make_session_factory(engine)) for engine in engines]
    start = threading.Barrier(2)
    moved: list[list[str]] = [[], []]
    errors: list[BaseException] = []

    def claim(number: int) -> None:
        try:
            start.wait()
            while woken := outboxes[number].move_due(7):
                moved[number].extend(woken)
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=claim, args=(number,)) for number in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for engine in engines:
        engine.dispose()
    assert errors == []
    assert OutboxService(sessions).pending() == 0
    with sessions() as session:
        entries = dict(session.execute(
            select(InboxEntry.chat_id, func.count()).where(InboxEntry.kind == INBOX_OUTGOING)
            .group_by(InboxEntry.chat_id)).all())
    assert entries == {str(chat): 1 for chat in chats}
    assert sorted(moved[0] + moved[1]) == sorted(str(chat) for chat in chats)


@on_the_loop
async def test_a_citizen_who_writes_is_answered_before_the_pending_broadcast(fake, database_url, events):
    chats = [FIRST_CHAT + n for n in range(40)]
    subscribe(events, chats)
    declare(events)  # before the edge starts: the whole broadcast is pending
    async with InstantRasa() as rasa:
        # One alert moved at a time, and none while a chat is busy: the broadcast lasts seconds,
        # the citizen's answer needs one round trip to Rasa.
        settings = edge_settings(fake, rasa.url, database_url, broadcast_messages_per_second=1)
        async with polling_edge(settings):
            fake.push_update(fake.text_update(WRITER, "Est-ce que je peux boire l'eau du robinet ?"))
            await until(lambda: per_chat(fake)[WRITER] >= 1, what="the answer")
            await until(lambda: set(per_chat(fake)) >= set(chats), what="the whole broadcast")
    order = [int(call.params["chat_id"]) for call in sends(fake)]
    answered_at = order.index(WRITER)
    assert fake.delivered(WRITER)[0]["text"] == rasa.text
    assert sorted(order[:answered_at] + order[answered_at + 1:]) == sorted(chats)
    # Most of the broadcast went out after the answer (a broadcast sent at once would have
    # queued all 40 alerts in the bot's rate limiter before it).
    assert len(order) - answered_at - 1 >= len(chats) // 2, order


@on_the_loop
async def test_only_a_danger_alert_rings(fake, hung, database_url, events):
    subscribe(events, [FIRST_CHAT], "43100")
    subscribe(events, [FIRST_CHAT + 1], "15100")
    declare(events, severity="vigilance", departement="43")
    declare(events, severity="danger", departement="15")
    async with polling_edge(edge_settings(fake, hung.url, database_url)):
        await until(lambda: per_chat(fake)[FIRST_CHAT] and per_chat(fake)[FIRST_CHAT + 1],
                    what="both alerts")
    [vigilance] = fake.sent("sendMessage", FIRST_CHAT)
    [danger] = fake.sent("sendMessage", FIRST_CHAT + 1)
    assert vigilance["text"].startswith("Vigilance") and vigilance["disable_notification"] is True
    assert danger["text"].startswith("DANGER") and "disable_notification" not in danger
