"""Rasa's tracker store and lock store as Relais configures them (rasa_components/stores.py)."""

import asyncio
import os

import pytest
from rasa.core.lock_store import InMemoryLockStore, RedisLockStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_components.stores import ERASE_ACTION, RelaisLockStore, RelaisTrackerStore


@pytest.fixture
def tracker_store(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'relais.db'}")
    return RelaisTrackerStore(domain=Domain.empty())


def tracker(sender, *events):
    return DialogueStateTracker.from_events(sender, list(events))


CONSENT = SlotSet("consentement", "donne")


def stored_events(tmp_path, sender):
    import sqlite3

    with sqlite3.connect(tmp_path / "relais.db") as connection:
        return connection.execute("select count(*) from events where sender_id = ?", (sender,)).fetchone()[0]


def test_a_consenting_conversation_goes_to_the_database_of_database_url(tracker_store, tmp_path):
    asyncio.run(tracker_store.save(tracker("a", UserUttered("bonjour"), CONSENT, ActionExecuted("utter_menu"))))
    assert stored_events(tmp_path, "a") == 3
    restored = asyncio.run(tracker_store.retrieve("a"))
    assert [e.as_dict()["event"] for e in restored.events][-3:] == ["user", "slot", "action"]


def test_without_consent_nothing_is_written_but_the_conversation_goes_on(tracker_store, tmp_path):
    asyncio.run(tracker_store.save(tracker("b", UserUttered("bonjour"), SlotSet("consentement", "refuse"))))
    assert stored_events(tmp_path, "b") == 0
    assert len(asyncio.run(tracker_store.retrieve("b")).events) == 2
    # Another process (a restart) knows nothing of it.
    assert asyncio.run(RelaisTrackerStore(domain=Domain.empty()).retrieve("b")) is None


def test_a_withdrawal_stops_the_recording(tracker_store, tmp_path):
    asyncio.run(tracker_store.save(tracker("c", UserUttered("oui"), CONSENT)))
    withdrawn = tracker("c", UserUttered("oui"), CONSENT, UserUttered("je retire"), SlotSet("consentement", "refuse"))
    asyncio.run(tracker_store.save(withdrawn))
    assert stored_events(tmp_path, "c") == 2
    assert len(asyncio.run(tracker_store.retrieve("c")).events) == 4


def test_an_erased_conversation_is_not_written_back(tracker_store, tmp_path):
    asyncio.run(tracker_store.save(tracker("a", UserUttered("bonjour"), CONSENT)))
    erased = tracker("a", UserUttered("bonjour"), CONSENT, UserUttered("oui"), ActionExecuted(ERASE_ACTION))
    asyncio.run(tracker_store.save(erased))
    assert asyncio.run(tracker_store.retrieve("a")) is None
    assert stored_events(tmp_path, "a") == 0


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
