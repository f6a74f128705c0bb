"""Rasa's tracker store and lock store as Relais configures them (rasa_components/stores.py)."""

import asyncio
import os

import pytest
from rasa.core.lock_store import InMemoryLockStore, RedisLockStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_components.stores import ERASE_ACTION, RelaisLockStore, RelaisTrackerStore


@pytest.fixture
def tracker_store(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'relais.db'}")
    return RelaisTrackerStore(domain=Domain.empty())


def tracker(sender, *events):
    return DialogueStateTracker.from_events(sender, list(events))


def test_conversations_go_to_the_database_of_database_url(tracker_store, tmp_path):
    asyncio.run(tracker_store.save(tracker("a", UserUttered("bonjour"), ActionExecuted("utter_accueil"))))
    assert (tmp_path / "relais.db").exists()
    restored = asyncio.run(tracker_store.retrieve("a"))
    assert [e.as_dict()["event"] for e in restored.events][-2:] == ["user", "action"]


def test_an_erased_conversation_is_not_written_back(tracker_store):
    asyncio.run(tracker_store.save(tracker("a", UserUttered("bonjour"))))
    erased = tracker("a", UserUttered("bonjour"), UserUttered("oui"), ActionExecuted(ERASE_ACTION))
    asyncio.run(tracker_store.save(erased))
    assert asyncio.run(tracker_store.retrieve("a")) is None


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
