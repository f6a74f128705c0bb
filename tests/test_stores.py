"""Rasa's tracker store and lock store as Relais configures them (rasa_components/stores.py)."""

import asyncio
import os
import threading
import uuid

import pytest
import sqlalchemy as sa
from rasa.core.lock_store import InMemoryLockStore, RedisLockStore
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_components.stores import RedisUnrecorded, RelaisLockStore, RelaisTrackerStore
from relais.conversation_contract import ERASE_ACTION
from relais.models import RASA_EVENTS as EVENTS
from tests.support.postgresql import fresh_postgresql_schema


def consent_domain():
    return Domain.from_dict({"slots": {"consentement": {"type": "text", "mappings": [{"type": "custom"}]}}})


@pytest.fixture(params=["sqlite", "postgresql"])
def tracker_store(request, tmp_path, monkeypatch):
    """Relais' tracker store on an SQLite file, or on a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'relais.db'}")
        yield RelaisTrackerStore(domain=consent_domain())
        return
    if not os.environ.get("TEST_DATABASE_URL"):
        pytest.skip("TEST_DATABASE_URL is not set")
    for url in fresh_postgresql_schema(os.environ["TEST_DATABASE_URL"]):
        monkeypatch.setenv("DATABASE_URL", url)
        store = RelaisTrackerStore(domain=consent_domain())
        yield store
        store.engine.dispose()


def test_relais_declares_the_events_table_as_rasa_does():
    # The store reads and writes Rasa's table through relais.models.RASA_EVENTS.
    rasa = SQLTrackerStore.SQLEvent.__table__

    def shape(table):
        columns = [(c.name, repr(c.type), c.nullable, c.primary_key, bool(c.index)) for c in table.columns]
        sequences = [(c.name, c.default.name, c.default.optional) for c in table.columns
                     if isinstance(c.default, sa.Sequence)]
        return table.name, columns, sequences

    assert shape(EVENTS) == shape(rasa)


def tracker(sender, *events):
    return DialogueStateTracker.from_events(sender, list(events))


CONSENT = SlotSet("consentement", "donne")


def event_names(store, sender):
    query = sa.select(EVENTS.c.type_name).where(EVENTS.c.sender_id == sender).order_by(EVENTS.c.id)
    with store.engine.connect() as connection:
        return list(connection.execute(query).scalars())


def stored_events(store, sender):
    return len(event_names(store, sender))


def test_a_consenting_conversation_goes_to_the_database_of_database_url(tracker_store, tmp_path):
    asyncio.run(tracker_store.save(tracker("a", UserUttered("bonjour"), CONSENT, ActionExecuted("utter_menu"))))
    assert stored_events(tracker_store, "a") == 3
    restored = asyncio.run(tracker_store.retrieve("a"))
    assert [e.as_dict()["event"] for e in restored.events][-3:] == ["user", "slot", "action"]


def test_without_consent_nothing_is_written_but_the_conversation_goes_on(tracker_store, tmp_path):
    asyncio.run(tracker_store.save(tracker("b", UserUttered("bonjour"), SlotSet("consentement", "refuse"))))
    assert stored_events(tracker_store, "b") == 0
    assert len(asyncio.run(tracker_store.retrieve("b")).events) == 2
    # Another process (a restart) knows nothing of it.
    assert asyncio.run(RelaisTrackerStore(domain=Domain.empty()).retrieve("b")) is None


def test_a_withdrawal_stops_the_recording(tracker_store, tmp_path):
    asyncio.run(tracker_store.save(tracker("c", UserUttered("oui"), CONSENT)))
    withdrawn = tracker("c", UserUttered("oui"), CONSENT, UserUttered("je retire"), SlotSet("consentement", "refuse"))
    asyncio.run(tracker_store.save(withdrawn))
    assert stored_events(tracker_store, "c") == 2
    assert len(asyncio.run(tracker_store.retrieve("c")).events) == 4


def test_an_erased_conversation_is_not_written_back(tracker_store, tmp_path):
    asyncio.run(tracker_store.save(tracker("a", UserUttered("bonjour"), CONSENT)))
    erased = tracker("a", UserUttered("bonjour"), CONSENT, UserUttered("oui"), ActionExecuted(ERASE_ACTION))
    asyncio.run(tracker_store.save(erased))
    assert asyncio.run(tracker_store.retrieve("a")) is None
    assert stored_events(tracker_store, "a") == 0


def test_lock_store_in_memory_by_default(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert isinstance(RelaisLockStore()._store, InMemoryLockStore)


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="TEST_REDIS_URL is not set")
def test_lock_store_on_redis_serialises_a_conversation(monkeypatch):
    monkeypatch.setenv("REDIS_URL", os.environ["TEST_REDIS_URL"])
    store = RelaisLockStore()
    assert isinstance(store._store, RedisLockStore)
    first = store.issue_ticket("citizen-1")
    second = store.issue_ticket("citizen-1")
    lock = store.get_lock("citizen-1")
    assert lock.is_locked(second) and not lock.is_locked(first)
    store.finish_serving("citizen-1", first)
    store.finish_serving("citizen-1", second)
    store.delete_lock("citizen-1")
    assert store.get_lock("citizen-1") is None


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="TEST_REDIS_URL is not set")
def test_two_servers_taking_tickets_at_once_never_get_the_same_one(monkeypatch):
    """Rasa's RedisLockStore reads, changes and writes a lock in separate calls: two servers
    taking a ticket at once could both get the same one (tests/edge/test_scale_out.py)."""
    monkeypatch.setenv("REDIS_URL", os.environ["TEST_REDIS_URL"])
    servers = [RelaisLockStore(), RelaisLockStore()]  # two Rasa servers, two connections
    conversation = f"citizen-{uuid.uuid4().hex}"
    start = threading.Barrier(2)
    tickets: list[list[int]] = [[], []]

    def take(number: int) -> None:
        start.wait()
        for _ in range(200):
            tickets[number].append(servers[number].issue_ticket(conversation))

    threads = [threading.Thread(target=take, args=(number,)) for number in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    issued = tickets[0] + tickets[1]
    assert sorted(issued) == list(range(400))  # each number once, none lost
    for number, server in enumerate(servers):
        for ticket in tickets[number]:
            server.cleanup(conversation, ticket)
    assert servers[0].get_lock(conversation) is None  # the last one out removed the lock


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="TEST_REDIS_URL is not set")
def test_a_turn_waiting_behind_a_dead_server_is_served_once_the_dead_ticket_expires(monkeypatch):
    """A server killed mid-turn leaves its ticket; another server's ticket taken right after
    it waits for that one to expire, then is served (with Rasa's store it expired too, and
    its turn waited forever)."""
    monkeypatch.setenv("REDIS_URL", os.environ["TEST_REDIS_URL"])
    monkeypatch.setattr("rasa_components.stores.LOCK_LIFETIME", 0.5)
    killed, alive = RelaisLockStore(), RelaisLockStore()
    conversation = f"citizen-{uuid.uuid4().hex}"
    dead = killed.issue_ticket(conversation, lock_lifetime=0.5)

    async def turn() -> int:
        async with alive.lock(conversation, lock_lifetime=0.5, wait_time_in_seconds=0.05) as lock:
            return lock.now_serving

    served = asyncio.run(asyncio.wait_for(turn(), timeout=30))
    assert served == dead + 1
    assert alive.get_lock(conversation) is None  # cleaned up after the turn


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="TEST_REDIS_URL is not set")
def test_a_turn_longer_than_the_lock_lifetime_keeps_the_next_one_waiting(monkeypatch):
    """A slow turn on one server (CI lost a turn when one outlasted its 20 s lifetime): its
    ticket is renewed while it runs, so the other server's turn starts only after it ended."""
    monkeypatch.setenv("REDIS_URL", os.environ["TEST_REDIS_URL"])
    monkeypatch.setattr("rasa_components.stores.LOCK_LIFETIME", 0.4)
    slow_server, other_server = RelaisLockStore(), RelaisLockStore()
    conversation = f"citizen-{uuid.uuid4().hex}"
    moments: list[str] = []

    async def turn(server: RelaisLockStore, name: str, seconds: float) -> None:
        async with server.lock(conversation, lock_lifetime=0.4, wait_time_in_seconds=0.05):
            moments.append(f"{name} starts")
            await asyncio.sleep(seconds)
            moments.append(f"{name} ends")

    async def both() -> None:
        slow = asyncio.create_task(turn(slow_server, "slow", 1.6))  # four lifetimes
        await asyncio.sleep(0.1)
        await turn(other_server, "other", 0)
        await slow

    asyncio.run(asyncio.wait_for(both(), timeout=30))
    assert moments == ["slow starts", "slow ends", "other starts", "other ends"]
    assert other_server.get_lock(conversation) is None


def test_each_turn_appends_only_its_new_events(tracker_store, tmp_path):
    asyncio.run(tracker_store.save(tracker("d", UserUttered("bonjour"), CONSENT)))
    for turn in range(3):
        current = asyncio.run(tracker_store.retrieve("d"))
        current.update(UserUttered(f"message {turn}"))
        current.update(ActionExecuted("utter_menu"))
        asyncio.run(tracker_store.save(current))
        asyncio.run(tracker_store.save(current))  # saved twice: nothing new the second time
    assert event_names(tracker_store, "d") == ["user", "slot"] + ["user", "action"] * 3


def concurrent_writes(store, other_store, sender):
    """Another Rasa server writes to the conversation between this one's read and save (the
    lock store normally prevents it); returns the rows, for comparison with Rasa's own store."""
    asyncio.run(store.save(tracker(sender, UserUttered("bonjour"), CONSENT)))
    mine = asyncio.run(store.retrieve(sender))
    theirs = asyncio.run(other_store.retrieve(sender))
    theirs.update(UserUttered("depuis l'autre serveur"))
    asyncio.run(other_store.save(theirs))
    mine.update(UserUttered("ici"))
    mine.update(ActionExecuted("utter_menu"))
    asyncio.run(store.save(mine))
    return [(e.type_name, getattr(e, "text", None)) for e in asyncio.run(other_store.retrieve(sender)).events]


def test_rows_written_by_another_server_meanwhile_are_handled_as_rasa_does(tracker_store, tmp_path):
    other_store = RelaisTrackerStore(domain=consent_domain())
    relais_rows = concurrent_writes(tracker_store, other_store, "g")
    other_store.engine.dispose()
    rasa = SQLTrackerStore(domain=consent_domain(), db=str(tmp_path / "rasa.db"))
    rasa_rows = concurrent_writes(rasa, SQLTrackerStore(domain=consent_domain(), db=str(tmp_path / "rasa.db")), "g")
    # The count kept since the read is stale, so it is not used: the rows are counted again.
    assert relais_rows == rasa_rows


def test_a_new_session_is_read_alone_and_the_rows_stay_in_order(tracker_store):
    from rasa.shared.core.events import SessionStarted

    asyncio.run(tracker_store.save(tracker("f", UserUttered("hier"), CONSENT)))
    current = asyncio.run(tracker_store.retrieve("f"))
    for event in (ActionExecuted("action_session_start"), SessionStarted(), CONSENT, UserUttered("aujourd'hui")):
        current.update(event)
    asyncio.run(tracker_store.save(current))
    latest = asyncio.run(tracker_store.retrieve("f"))
    assert [e.as_dict().get("text") for e in latest.events if isinstance(e, UserUttered)] == ["aujourd'hui"]
    full = asyncio.run(tracker_store.retrieve_full_tracker("f"))
    assert [e.as_dict().get("text") for e in full.events if isinstance(e, UserUttered)] == ["hier", "aujourd'hui"]


@pytest.mark.parametrize("store_class", [RelaisTrackerStore, RelaisLockStore])
def test_several_rasa_processes_without_redis_are_refused(monkeypatch, tmp_path, store_class):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'relais.db'}")
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("SANIC_WORKERS", "2")
    with pytest.raises(ValueError, match="SANIC_WORKERS=2 needs REDIS_URL"):
        store_class()


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="TEST_REDIS_URL is not set")
def test_with_redis_every_rasa_process_sees_an_unconsented_conversation(monkeypatch, tmp_path):
    import redis

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'relais.db'}")
    monkeypatch.setenv("REDIS_URL", os.environ["TEST_REDIS_URL"])
    monkeypatch.setenv("SANIC_WORKERS", "2")
    monkeypatch.setenv("UNRECORDED_TTL_SECONDS", "600")
    first, second = RelaisTrackerStore(domain=consent_domain()), RelaisTrackerStore(domain=consent_domain())
    sender = f"sans-consentement-{os.getpid()}"
    asyncio.run(first.save(tracker(sender, UserUttered("bonjour"), SlotSet("consentement", "refuse"))))
    seen_by_second = asyncio.run(second.retrieve(sender))
    assert [e.type_name for e in seen_by_second.events] == ["user", "slot"]
    assert stored_events(first, sender) == 0
    key = RedisUnrecorded.KEY_PREFIX + sender
    client = redis.Redis.from_url(os.environ["TEST_REDIS_URL"])
    assert 0 < client.ttl(key) <= 600
    # Consent given in the other process: the conversation moves to the database, out of Redis.
    seen_by_second.update(UserUttered("finalement oui"))
    seen_by_second.update(CONSENT)
    asyncio.run(second.save(seen_by_second))
    assert not client.exists(key)
    assert stored_events(first, sender) == 4
    assert len(asyncio.run(first.retrieve(sender)).events) == 4


def test_a_withdrawal_holds_after_a_restart(tracker_store, monkeypatch):
    """Issue #11 item 3: consent, withdrawal, Rasa restarted (or the unrecorded copy expired),
    one more message: consent must not come back, and no row may be written."""
    from relais.database import create_engine_from_url, make_session_factory, upgrade_to_head
    from relais.services import ConsentService

    url = os.environ["DATABASE_URL"]
    upgrade_to_head(url)
    engine = create_engine_from_url(url)
    consent = ConsentService(make_session_factory(engine))
    consent.record_consent("w", True, "test")
    asyncio.run(tracker_store.save(tracker("w", UserUttered("oui"), CONSENT, ActionExecuted("utter_menu"))))
    # The consent action records the withdrawal, then Rasa saves the turn.
    consent.record_consent("w", False, "test")
    withdrawn = asyncio.run(tracker_store.retrieve("w"))
    withdrawn.update(UserUttered("je retire mon consentement"))
    withdrawn.update(SlotSet("consentement", "refuse"))
    asyncio.run(tracker_store.save(withdrawn))
    assert stored_events(tracker_store, "w") == 3

    restarted = RelaisTrackerStore(domain=consent_domain())  # a new process: nothing in memory
    after_restart = asyncio.run(restarted.retrieve("w"))
    assert after_restart.get_slot("consentement") == "refuse"
    after_restart.update(UserUttered("un message de plus"))
    after_restart.update(ActionExecuted("utter_menu"))
    asyncio.run(restarted.save(after_restart))
    assert stored_events(tracker_store, "w") == 3
    assert asyncio.run(restarted.retrieve("w")).get_slot("consentement") == "refuse"

    # Consent given again: the conversation is recorded again, all of it, in order.
    consent.record_consent("w", True, "test")
    again = asyncio.run(restarted.retrieve("w"))
    again.update(UserUttered("finalement oui"))
    again.update(CONSENT)
    asyncio.run(restarted.save(again))
    assert event_names(tracker_store, "w") == ["user", "slot", "action", "slot", "user", "action", "user", "slot"]
    restarted.engine.dispose()
    engine.dispose()
