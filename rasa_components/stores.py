"""Rasa's tracker store and lock store, configured from Relais' environment variables.

endpoints.yml names these classes so that one setting, DATABASE_URL, serves both Rasa's tracker
store and Relais' tables (one database, SQLite by default, PostgreSQL in production), and
REDIS_URL switches the lock store, and the conversations kept out of the database, to Redis for
several Rasa servers or worker processes (SANIC_WORKERS).
"""

import asyncio
import itertools
import json
import logging
import time
from collections import OrderedDict
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, AsyncContextManager, AsyncIterator, Callable, Dict, Optional, Tuple, Union

import redis
import sqlalchemy as sa
from rasa.core.lock import TicketLock
from rasa.core.lock_store import (
    LOCK_LIFETIME,
    InMemoryLockStore,
    LockError,
    LockStore,
    RedisLockStore,
)
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, get_trackers_for_conversation_sessions
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.engine import make_url

from relais.conversation_contract import (
    CONSENT_SLOT,
    CONSENT_SLOT_GIVEN,
    CONSENT_SLOT_REFUSED,
    ERASE_ACTION,
)
from relais.models import CONSENT_WITHDRAWN, RASA_EVENTS, Citizen
from relais.settings import Settings, load_settings

logger = logging.getLogger(__name__)

# Rasa's `events` table, read and written with SQLAlchemy Core statements built once: Rasa's
# ORM queries cost a third of a message's time under load (rows mapped to objects, a count
# over a subquery before each save). Same table (relais.models declares it as Rasa creates it),
# same rows, same order as Rasa's own code.
_SENDER = sa.bindparam("sender_id")
_SESSION_START = (
    sa.select(sa.func.max(RASA_EVENTS.c.timestamp))
    .where(RASA_EVENTS.c.sender_id == _SENDER, RASA_EVENTS.c.type_name == SessionStarted.type_name)
    .scalar_subquery()
)
ALL_EVENTS = sa.select(RASA_EVENTS.c.id, RASA_EVENTS.c.data).where(RASA_EVENTS.c.sender_id == _SENDER).order_by(RASA_EVENTS.c.id)
# Events of the latest session (all of them if no session started), as Rasa's _event_query.
SESSION_EVENTS = ALL_EVENTS.where(sa.or_(RASA_EVENTS.c.timestamp >= _SESSION_START, _SESSION_START.is_(None)))
SESSION_EVENT_COUNT = sa.select(sa.func.count()).select_from(SESSION_EVENTS.subquery())
LAST_EVENT_ID = sa.select(sa.func.max(RASA_EVENTS.c.id)).where(RASA_EVENTS.c.sender_id == _SENDER)
# The citizen's answer as Relais' consent service recorded it (relais_citizens), the record of
# a withdrawal: the rows above end with the consent given, as they stopped at the withdrawal.
CITIZENS = Citizen.__table__
CONSENT_STATUS = sa.select(CITIZENS.c.consent_status).where(CITIZENS.c.conversation_id == _SENDER)


@dataclass(frozen=True)
class StoredPrefix:
    """The tracker this is attached to was read from the rows of its session, the last of them
    `last_id`: while that is still the sender's last row, its first `length` events are stored
    and the next save appends the rest. (Rows are only ever appended, or all deleted by an
    erasure, and Rasa's lock keeps other servers off the conversation during a turn.)"""

    last_id: Optional[int]
    length: int


STORED_PREFIX = "_relais_stored_prefix"  # attribute of the DialogueStateTracker objects


class RelaisTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store on DATABASE_URL, which honours consent and erasure.

    A conversation is written to the database only once the citizen has given consent. Before
    that, after a refusal or a withdrawal, it lives in memory only: the conversation works,
    nothing is recorded, and a restart forgets it. That memory is this process's, or Redis's
    when REDIS_URL is set, so that every Rasa process sees the conversation.

    A withdrawal holds across a restart or the expiry of that memory: the consent service
    records it in relais_citizens (in the same database), and a conversation read back from
    the table, whose rows stop at the consent given, is read with the withdrawal applied.
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
        self._unrecorded = _unrecorded_conversations()
        self._citizens_table_seen = False

    async def save(self, tracker: DialogueStateTracker) -> None:
        # Rasa writes back every event it does not find in the table: after an erasure, that
        # would restore the whole conversation. Delete it instead.
        if erased_in_this_turn(tracker):
            self._unrecorded.pop(tracker.sender_id)
            with self.engine.begin() as connection:
                connection.execute(RASA_EVENTS.delete().where(RASA_EVENTS.c.sender_id == tracker.sender_id))
            return
        if tracker.get_slot(CONSENT_SLOT) == CONSENT_SLOT_GIVEN:
            # Written from the start of the conversation: the citizen agreed to its recording.
            self._unrecorded.pop(tracker.sender_id)
            await self.stream_events(tracker)
            self._append_new_events(tracker)
        else:
            self._unrecorded.put(tracker.sender_id, self.serialise_tracker(tracker))

    def _append_new_events(self, tracker: DialogueStateTracker) -> None:
        """Insert the events of `tracker` that are not in the table yet (Rasa's `save`).

        Rasa counts the session's rows before each save to know where the new events start.
        The count taken when this tracker was read is reused instead, as long as the last row
        it was read from is still the sender's last (one indexed query tells).
        """
        sender_id = tracker.sender_id
        with self.engine.begin() as connection:
            last_id = connection.execute(LAST_EVENT_ID, {"sender_id": sender_id}).scalar_one()
            known: Optional[StoredPrefix] = getattr(tracker, STORED_PREFIX, None)
            if known is not None and known.last_id == last_id:
                start = known.length
            else:
                start = connection.execute(SESSION_EVENT_COUNT, {"sender_id": sender_id}).scalar_one()
            new_events = list(itertools.islice(tracker.events, start, None))
            if new_events:
                connection.execute(RASA_EVENTS.insert(), [_event_row(sender_id, event) for event in new_events])
        # The new rows' ids are not known here: a second save of this tracker counts again.
        if new_events:
            setattr(tracker, STORED_PREFIX, None)

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> Optional[DialogueStateTracker]:
        serialised = self._unrecorded.get(sender_id)
        if serialised is None:
            return self._read_tracker(sender_id, fetch_events_from_all_sessions)
        tracker = self.deserialise_tracker(sender_id, serialised)
        if tracker is None or fetch_events_from_all_sessions:
            return tracker
        sessions = get_trackers_for_conversation_sessions(tracker)
        return sessions[-1] if sessions else tracker

    def _read_tracker(self, sender_id: str, all_sessions: bool) -> Optional[DialogueStateTracker]:
        """The conversation from the table: its latest session, or every session (Rasa's
        `_retrieve`). A tracker of the latest session remembers how many rows it was read from."""
        with self.engine.connect() as connection:
            rows = connection.execute(ALL_EVENTS if all_sessions else SESSION_EVENTS, {"sender_id": sender_id}).all()
            if not rows or not self.domain:
                return None
            tracker = DialogueStateTracker.from_dict(sender_id, [json.loads(data) for _, data in rows], self.domain.slots)
            withdrawn = tracker.get_slot(CONSENT_SLOT) == CONSENT_SLOT_GIVEN and self._withdrawn(connection, sender_id)
        if not all_sessions:
            setattr(tracker, STORED_PREFIX, StoredPrefix(rows[-1].id, len(rows)))
        if withdrawn:
            # Not a row: the save that follows keeps the conversation out of the table. Should
            # the citizen consent again, it is written with the rest (the prefix is unchanged).
            tracker.update(SlotSet(CONSENT_SLOT, CONSENT_SLOT_REFUSED))
        return tracker

    def _withdrawn(self, connection: sa.engine.Connection, sender_id: str) -> bool:
        if not self._has_citizens_table(connection):
            return False
        status = connection.execute(CONSENT_STATUS, {"sender_id": sender_id}).scalar_one_or_none()
        return status == CONSENT_WITHDRAWN

    def _has_citizens_table(self, connection: sa.engine.Connection) -> bool:
        # Relais' tables exist once migrated (make run migrates before starting Rasa); a bare
        # tracker store (tests, another deployment) has none and no withdrawal to honour.
        if not self._citizens_table_seen:
            self._citizens_table_seen = sa.inspect(connection).has_table(CITIZENS.name)
        return self._citizens_table_seen


def _event_row(sender_id: str, event: Event) -> Dict[str, Any]:
    """One row of the table, with the columns Rasa's `save` fills."""
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


def erased_in_this_turn(tracker: DialogueStateTracker) -> bool:
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == ERASE_ACTION:
            return True
    return False


class InMemoryUnrecorded:
    """Conversations without consent, in this process's memory. As in Redis, each is forgotten
    `ttl_seconds` after its last message; and at most `max_conversations` are kept, the least
    recently active forgotten first, so that the process's memory stays bounded."""

    def __init__(self, ttl_seconds: float, max_conversations: int,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl_seconds = ttl_seconds
        self._max_conversations = max_conversations
        self._clock = clock
        # Ordered by last write: the oldest, first to expire, are at the front.
        self._trackers: OrderedDict[str, Tuple[float, str]] = OrderedDict()

    def get(self, sender_id: str) -> Optional[str]:
        self._forget_expired()
        entry = self._trackers.get(sender_id)
        return entry[1] if entry is not None else None

    def put(self, sender_id: str, serialised: str) -> None:
        self._trackers[sender_id] = (self._clock() + self._ttl_seconds, serialised)
        self._trackers.move_to_end(sender_id)
        self._forget_expired()
        while len(self._trackers) > self._max_conversations:
            self._trackers.popitem(last=False)

    def pop(self, sender_id: str) -> None:
        self._trackers.pop(sender_id, None)

    def __len__(self) -> int:
        return len(self._trackers)

    def _forget_expired(self) -> None:
        now = self._clock()
        while self._trackers:
            expires_at = next(iter(self._trackers.values()))[0]
            if expires_at > now:
                return
            self._trackers.popitem(last=False)


class RedisUnrecorded:
    """Conversations without consent, in Redis's memory, shared by every Rasa process; each
    expires `ttl_seconds` after its last message."""

    KEY_PREFIX = "relais:unrecorded:"

    def __init__(self, redis_url: str, ttl_seconds: int) -> None:
        self._redis = redis.Redis.from_url(redis_url, db=1)  # db 1 unless the URL names one, as the lock store
        self._ttl_seconds = ttl_seconds

    def get(self, sender_id: str) -> Optional[str]:
        serialised = self._redis.get(self.KEY_PREFIX + sender_id)
        return serialised.decode("utf-8") if serialised is not None else None

    def put(self, sender_id: str, serialised: str) -> None:
        self._redis.set(self.KEY_PREFIX + sender_id, serialised, ex=self._ttl_seconds)

    def pop(self, sender_id: str) -> None:
        self._redis.delete(self.KEY_PREFIX + sender_id)


def _unrecorded_conversations() -> Union[InMemoryUnrecorded, RedisUnrecorded]:
    settings = load_settings()
    _refuse_several_processes_without_redis(settings)
    if settings.redis_url:
        return RedisUnrecorded(settings.redis_url, settings.unrecorded_ttl_seconds)
    return InMemoryUnrecorded(settings.unrecorded_ttl_seconds, settings.unrecorded_max_conversations)


def _refuse_several_processes_without_redis(settings: Settings) -> None:
    # Rasa allows several workers with any custom lock store; in memory, each process would
    # have its own locks and its own unconsented conversations, and a citizen's messages would
    # be handled concurrently or lose their context.
    if settings.sanic_workers > 1 and not settings.redis_url:
        raise ValueError(
            f"SANIC_WORKERS={settings.sanic_workers} needs REDIS_URL: the Rasa processes share "
            "conversation locks and unrecorded conversations through Redis."
        )


class RelaisLockStore(LockStore):
    """Redis lock store when REDIS_URL is set, else in memory (a single Rasa process). Every
    operation is the chosen store's: with Redis, its atomic ones (AtomicRedisLockStore)."""

    def __init__(self, endpoint_config: Optional[Any] = None) -> None:
        settings = load_settings()
        _refuse_several_processes_without_redis(settings)
        self._store: LockStore = _redis_lock_store(settings.redis_url) if settings.redis_url else InMemoryLockStore()

    def get_lock(self, conversation_id: str) -> Optional[TicketLock]:
        return self._store.get_lock(conversation_id)

    def delete_lock(self, conversation_id: str) -> None:
        self._store.delete_lock(conversation_id)

    def save_lock(self, lock: TicketLock) -> None:
        self._store.save_lock(lock)

    def lock(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME,
             wait_time_in_seconds: float = 1) -> AsyncContextManager[TicketLock]:
        return self._store.lock(conversation_id, lock_lifetime, wait_time_in_seconds)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        return self._store.issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: str) -> None:
        self._store.update_lock(conversation_id)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self._store.finish_serving(conversation_id, ticket_number)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        self._store.cleanup(conversation_id, ticket_number)


# The longest a turn keeps its conversation's lock, in lifetimes (10 minutes with Rasa's 60 s).
MAX_TURN_LIFETIMES = 10


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's Redis lock store, each change of a conversation's lock made in one step.

    Rasa's RedisLockStore reads a lock, changes it and writes it back in separate calls. Two Rasa
    servers given a message of one conversation at the same moment both read the same lock and
    both take the same ticket number: both run the turn at once, and the tracker keeps one of
    the two turns (tests/edge/test_scale_out.py saw it; RasaHQ/rasa#9213). Ending a turn had the
    same flaw: a ticket issued between "nobody waits" and the lock's deletion was deleted with
    it. Here each read-change-write is a Redis transaction on the lock's key (WATCH, MULTI,
    EXEC), which redis-py runs again when another server changed the key meanwhile. Same keys
    and same serialised locks as Rasa's store.

    And a ticket waiting for its turn is kept alive. Rasa's expires `lifetime` after it was
    taken, as the holder's does: when a holder dies (a server killed mid-turn), a ticket taken
    less than a second after the holder's (Rasa looks every second) expired with it, and the
    lock, left with no ticket to serve, kept its waiter looping until the REST channel's timeout
    (90 s in tests/edge/test_scale_out.py). Here each look renews the waiting ticket.

    The holder's ticket is kept alive too, for as long as its turn runs. Rasa's expires
    `lifetime` after it was taken even while its turn still runs: a turn slower than that (a
    loaded machine, a slow action server) lets the next ticket in, both turns run at once and
    the tracker keeps one of them (CI lost a turn so, with tests/edge/test_scale_out.py's 20 s
    lifetime). Only the ticket of a server that stopped, or whose event loop stalled for a
    whole lifetime, expires."""

    @asynccontextmanager
    async def lock(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = 1) -> AsyncIterator[TicketLock]:
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        try:
            lock = await self._acquire_lock(conversation_id, ticket, wait_time_in_seconds, lock_lifetime)
            keep_alive = asyncio.create_task(self._keep_alive(conversation_id, ticket, lock_lifetime))
            try:
                yield lock
            finally:
                keep_alive.cancel()
        finally:
            self.cleanup(conversation_id, ticket)

    async def _keep_alive(self, conversation_id: str, ticket: int, lifetime: float) -> None:
        # Four renewals per lifetime: a ticket survives a loop busy for three quarters of one.
        # At most MAX_TURN_LIFETIMES: a turn hung for good lets the conversation go on (a review).
        for _ in range(4 * MAX_TURN_LIFETIMES):
            await asyncio.sleep(lifetime / 4)
            try:
                if self._renew(conversation_id, ticket, lifetime) is None:
                    logger.warning("The turn of conversation %s outlived its lock.", conversation_id)
                    return
            except redis.RedisError:  # Redis away for a moment: the next renewal may get through
                logger.warning("Could not renew the lock of conversation %s.", conversation_id, exc_info=True)

    async def _acquire_lock(self, conversation_id: str, ticket: int, wait_time_in_seconds: float,
                            lifetime: float = LOCK_LIFETIME) -> TicketLock:
        while True:
            lock = self._renew(conversation_id, ticket, lifetime)
            if lock is None:  # our ticket expired (this process stalled longer than its lifetime)
                raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
            if not lock.is_locked(ticket):
                return lock
            await asyncio.sleep(wait_time_in_seconds)

    def _renew(self, conversation_id: str, ticket_number: int, lifetime: float) -> Optional[TicketLock]:
        """The lock, expired tickets removed and `ticket_number`'s given `lifetime` more; None if
        that ticket is no longer there."""

        def renew(pipe: Any) -> Optional[TicketLock]:
            lock = self._read(pipe, conversation_id)
            pipe.multi()
            if lock is None:
                return None
            lock.remove_expired_tickets()
            ticket = next((t for t in lock.tickets if t.number == ticket_number), None)
            if ticket is None:
                pipe.set(self._key(conversation_id), lock.dumps())
                return None
            ticket.expires = time.time() + lifetime
            pipe.set(self._key(conversation_id), lock.dumps())
            return lock

        return self._atomically(conversation_id, renew)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(pipe: Any) -> int:
            lock = self._read(pipe, conversation_id) or TicketLock(conversation_id)
            ticket = lock.issue_ticket(lock_lifetime)
            pipe.multi()
            pipe.set(self._key(conversation_id), lock.dumps())
            return ticket

        return self._atomically(conversation_id, issue)

    def update_lock(self, conversation_id: str) -> None:
        def update(pipe: Any) -> None:
            lock = self._read(pipe, conversation_id)
            pipe.multi()
            if lock is not None:
                lock.remove_expired_tickets()
                pipe.set(self._key(conversation_id), lock.dumps())

        self._atomically(conversation_id, update)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def finish(pipe: Any) -> None:
            lock = self._read(pipe, conversation_id)
            pipe.multi()
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
                pipe.set(self._key(conversation_id), lock.dumps())

        self._atomically(conversation_id, finish)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """The turn's ticket removed, and the lock with it if nobody else holds a ticket."""

        def clean(pipe: Any) -> None:
            lock = self._read(pipe, conversation_id)
            pipe.multi()
            if lock is None:
                return
            lock.remove_ticket_for(ticket_number)
            if lock.is_someone_waiting():
                pipe.set(self._key(conversation_id), lock.dumps())
            else:
                pipe.delete(self._key(conversation_id))

        self._atomically(conversation_id, clean)

    def _key(self, conversation_id: str) -> str:
        return self.key_prefix + conversation_id

    def _read(self, pipe: Any, conversation_id: str) -> Optional[TicketLock]:
        serialised = pipe.get(self._key(conversation_id))  # WATCHed: read at once, not queued
        return TicketLock.from_dict(json.loads(serialised)) if serialised else None

    def _atomically(self, conversation_id: str, change: Callable[[Any], Any]) -> Any:
        return self.red.transaction(change, self._key(conversation_id), value_from_callable=True)


def _redis_lock_store(redis_url: str) -> AtomicRedisLockStore:
    url = make_url(redis_url)
    return AtomicRedisLockStore(
        host=url.host or "localhost",
        port=url.port or 6379,
        db=int(url.database or 1),
        username=url.username,
        password=url.password,
        key_prefix="relais",
    )
