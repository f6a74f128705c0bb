"""Conversations without consent kept in the Rasa process's memory (no Redis): forgotten after
UNRECORDED_TTL_SECONDS like in Redis, and never more than UNRECORDED_MAX_CONVERSATIONS."""

import asyncio

from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_components.stores import InMemoryUnrecorded, RelaisTrackerStore


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_conversation_is_forgotten_after_the_ttl_from_its_last_message():
    clock = Clock()
    memory = InMemoryUnrecorded(ttl_seconds=60, max_conversations=10, clock=clock)
    memory.put("a", "first")
    clock.now += 50
    memory.put("a", "second")  # a new message: the delay starts again
    clock.now += 50
    assert memory.get("a") == "second"
    clock.now += 11
    assert memory.get("a") is None and len(memory) == 0


def test_many_chats_stay_within_the_cap_the_least_recently_active_forgotten_first():
    clock = Clock()
    memory = InMemoryUnrecorded(ttl_seconds=3600, max_conversations=100, clock=clock)
    for number in range(5000):
        memory.put(str(number), "tracker")
        clock.now += 0.01
    assert len(memory) == 100
    assert memory.get("4999") == "tracker" and memory.get("4900") == "tracker"
    assert memory.get("4899") is None


def test_after_the_ttl_every_idle_chat_is_gone():
    clock = Clock()
    memory = InMemoryUnrecorded(ttl_seconds=60, max_conversations=10_000, clock=clock)
    for number in range(1000):
        memory.put(str(number), "tracker")
    clock.now += 61
    memory.put("new", "tracker")
    assert len(memory) == 1


def test_the_tracker_store_keeps_unconsented_conversations_within_the_configured_cap(
        tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'relais.db'}")
    monkeypatch.setenv("UNRECORDED_MAX_CONVERSATIONS", "20")
    monkeypatch.delenv("REDIS_URL", raising=False)
    store = RelaisTrackerStore(domain=None)
    for number in range(200):
        tracker = DialogueStateTracker.from_events(f"chat-{number}", [UserUttered("bonjour")])
        asyncio.run(store.save(tracker))
    assert len(store._unrecorded) == 20
