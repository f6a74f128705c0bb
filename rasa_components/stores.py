"""Rasa's tracker store and lock store, configured from Relais' environment variables.

endpoints.yml names these classes so that one setting, DATABASE_URL, serves both Rasa's tracker
store and Relais' tables (one database, SQLite by default, PostgreSQL in production), and
REDIS_URL switches the lock store to Redis for several Rasa servers.
"""

from typing import Any, Dict, Optional, Text

from rasa.core.lock import TicketLock
from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, get_trackers_for_conversation_sessions
from sqlalchemy.engine import make_url

from relais.settings import load_settings

# After this action has run in a turn, the conversation must not be written back (erasure).
ERASE_ACTION = "action_effacer_donnees"
CONSENT_SLOT, CONSENT_GIVEN = "consentement", "donne"


class RelaisTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store on DATABASE_URL, which honours consent and erasure.

    A conversation is written to the database only once the citizen has given consent. Before
    that, after a refusal or a withdrawal, it lives in this process's memory only: the
    conversation works, nothing is recorded, and a restart forgets it.
    """

    def __init__(self, domain=None, event_broker=None, **_: Any) -> None:
        url = make_url(load_settings().database_url)
        dialect = url.get_backend_name()
        super().__init__(
            domain=domain,
            dialect=dialect,
            host=url.host,
            port=url.port,
            db=url.database,
            username=url.username,
            password=url.password,
            event_broker=event_broker,
            query=dict(url.query) or None,
        )
        self._unrecorded: Dict[Text, Text] = {}

    async def save(self, tracker: DialogueStateTracker) -> None:
        # Rasa writes back every event it does not find in the table: after an erasure, that
        # would restore the whole conversation. Delete it instead.
        if erased_in_this_turn(tracker):
            self._unrecorded.pop(tracker.sender_id, None)
            with self.session_scope() as session:
                session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == tracker.sender_id).delete()
                session.commit()
            return
        if tracker.get_slot(CONSENT_SLOT) == CONSENT_GIVEN:
            # Written from the start of the conversation: the citizen agreed to its recording.
            self._unrecorded.pop(tracker.sender_id, None)
            await super().save(tracker)
        else:
            self._unrecorded[tracker.sender_id] = self.serialise_tracker(tracker)

    async def _retrieve(
        self, sender_id: Text, fetch_events_from_all_sessions: bool
    ) -> Optional[DialogueStateTracker]:
        serialised = self._unrecorded.get(sender_id)
        if serialised is None:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        tracker = self.deserialise_tracker(sender_id, serialised)
        if tracker is None or fetch_events_from_all_sessions:
            return tracker
        sessions = get_trackers_for_conversation_sessions(tracker)
        return sessions[-1] if sessions else tracker


def erased_in_this_turn(tracker: DialogueStateTracker) -> bool:
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == ERASE_ACTION:
            return True
    return False


class RelaisLockStore(LockStore):
    """Redis lock store when REDIS_URL is set, else in memory (a single Rasa server)."""

    def __init__(self, endpoint_config: Optional[Any] = None) -> None:
        redis_url = load_settings().redis_url
        self._store: LockStore = _redis_lock_store(redis_url) if redis_url else InMemoryLockStore()

    def get_lock(self, conversation_id: Text) -> Optional[TicketLock]:
        return self._store.get_lock(conversation_id)

    def delete_lock(self, conversation_id: Text) -> None:
        self._store.delete_lock(conversation_id)

    def save_lock(self, lock: TicketLock) -> None:
        self._store.save_lock(lock)


def _redis_lock_store(redis_url: str) -> RedisLockStore:
    url = make_url(redis_url)
    return RedisLockStore(
        host=url.host or "localhost",
        port=url.port or 6379,
        db=int(url.database or 1),
        username=url.username,
        password=url.password,
        key_prefix="relais",
    )
