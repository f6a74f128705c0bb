"""The inbox of the Telegram edge: nothing a citizen sends is lost, nothing is answered twice,
and each chat is served in the order its messages arrived.

Two lanes share the table (one stream of Telegram updates, one update id each): the citizens'
chats (`next_for_chat`...) and the coaches' group's topics, each the desk's queue
(`next_for_topic`...). Each lane's queries see its own entries only.

Life of an entry: `pending` (stored; for an update, before Telegram is told it was received),
`answered` (the messages to send are stored, so Rasa is never asked twice), `done` (all sent;
the content is cleared, only the update id stays to recognise an update delivered twice).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from relais.database import SessionFactory, rowcount
from relais.models import (
    INBOX_ANSWERED,
    INBOX_CITIZEN,
    INBOX_DESK,
    INBOX_DONE,
    INBOX_OUTGOING,
    INBOX_PENDING,
    INBOX_UPDATE,
    InboxEntry,
    SentKeyboard,
    utc_now,
)
from relais.services.unit_of_work import run_in_transaction
from relais.work import ChatWork, Desk, Rasa, Tap, Work, work_from_dict


@dataclass(frozen=True)
class QueuedItem:
    """An entry of a citizen's chat."""

    id: int
    kind: str
    chat_id: str
    update_id: int | None
    status: str
    content: ChatWork | None
    replies: list[dict[str, Any]] | None
    delivered: int
    attempts: int


@dataclass(frozen=True)
class DeskTopic:
    """A topic of the coaches' group: the desk's queue its updates are stored in."""

    chat_id: str  # the coaches' group
    topic_id: int  # the topic's thread id; 0: the group's general topic


@dataclass(frozen=True)
class DeskItem:
    """An update of the coaches' group, in its topic's queue."""

    id: int
    update_id: int
    topic_id: int
    work: Desk


# The chat of a finished entry: none (the column is required).
FINISHED_CHAT = ""


class InboxService:
    def __init__(self, session_factory: SessionFactory, clock: Callable[[], datetime] = utc_now):
        self._session_factory = session_factory
        self._clock = clock

    def add_update(self, update_id: int, chat_id: str, content: ChatWork) -> bool:
        """Store a Telegram update of a citizen's chat. False when it was stored already
        (Telegram delivers an update again when it did not see it acknowledged): it must not be
        processed a second time."""
        return self.add_updates([(update_id, chat_id, content)])[0]

    def add_desk_update(self, update_id: int, topic: DeskTopic, content: Desk) -> bool:
        """Store an update of the coaches' group in its topic's queue (see add_update)."""
        return self.add_updates([(update_id, topic, content)])[0]

    def add_updates(self, updates: list[tuple[int, str | DeskTopic, Work]]) -> list[bool]:
        """Store several Telegram updates, (update id, where, content), in one transaction:
        all or none, in their order. Where: a citizen's chat id, or a topic of the coaches'
        group (its content is then Desk work). For each, False when it was stored already, in
        either lane (see add_update). Two deliveries at once: the loser's unique-constraint
        conflict is retried by run_in_transaction, and then finds the winner's rows."""

        def work(session: Session) -> list[bool]:
            ids = [update_id for update_id, _, _ in updates]
            known = set(session.scalars(
                select(InboxEntry.update_id).where(InboxEntry.update_id.in_(ids))
            )) if ids else set()
            stored = []
            for update_id, where, content in updates:
                new = update_id not in known
                if new:
                    known.add(update_id)  # the same update twice in a batch: stored once
                    session.add(InboxEntry(
                        kind=INBOX_UPDATE, update_id=update_id, **_lane_of(where, content),
                        content=_dumps(content), received_at=self._clock(),
                    ))
                stored.append(new)
            return stored

        return run_in_transaction(self._session_factory, work)

    def add_outgoing(self, chat_id: str, messages: list[dict[str, Any]]) -> int:
        """Queue messages to send on Relais' own initiative, after what the chat already has."""

        def work(session: Session) -> int:
            entry = InboxEntry(
                kind=INBOX_OUTGOING, lane=INBOX_CITIZEN, chat_id=str(chat_id),
                status=INBOX_ANSWERED,
                replies=json.dumps(messages, ensure_ascii=False), received_at=self._clock(),
            )
            session.add(entry)
            session.flush()
            return entry.id

        return run_in_transaction(self._session_factory, work)

    def chats_with_work(self) -> list[str]:
        """Chats with unfinished entries (to resume after a restart)."""

        def work(session: Session) -> list[str]:
            return list(session.scalars(
                select(InboxEntry.chat_id)
                .where(InboxEntry.lane == INBOX_CITIZEN, InboxEntry.status != INBOX_DONE)
                .distinct()
            ))

        return run_in_transaction(self._session_factory, work)

    def next_for_chat(self, chat_id: str) -> QueuedItem | None:
        """The oldest unfinished entry of the chat, or None."""

        def work(session: Session) -> QueuedItem | None:
            entry = session.scalars(
                select(InboxEntry)
                .where(InboxEntry.lane == INBOX_CITIZEN, InboxEntry.chat_id == str(chat_id),
                       InboxEntry.status != INBOX_DONE)
                .order_by(InboxEntry.id)
                .limit(1)
            ).one_or_none()
            return _item(entry) if entry else None

        return run_in_transaction(self._session_factory, work)

    def pending_contents(self, chat_id: str) -> list[QueuedItem]:
        """Every update of the chat still waiting for Rasa (the safety net reads them)."""

        def work(session: Session) -> list[QueuedItem]:
            entries = session.scalars(
                select(InboxEntry)
                .where(InboxEntry.lane == INBOX_CITIZEN, InboxEntry.chat_id == str(chat_id),
                       InboxEntry.status == INBOX_PENDING)
                .order_by(InboxEntry.id)
            ).all()
            return [_item(entry) for entry in entries]

        return run_in_transaction(self._session_factory, work)

    def resolve_tap(self, entry_id: int, tap: Tap) -> Rasa | None:
        """The Rasa work for a tapped button: its payload, taken from the keyboard (which
        closes) and kept in the entry in the same transaction, so a retry does the same thing.
        None when the keyboard is unknown or closed, or has no such button."""

        def work(session: Session) -> Rasa | None:
            entry = session.get(InboxEntry, entry_id)
            if entry is None:
                raise LookupError(f"no inbox entry {entry_id}")  # the caller's bug
            content = _loads(entry.content)
            if isinstance(content, Rasa):
                return content  # resolved by an earlier attempt
            button = _take_button(session, entry.chat_id, tap.message_id, tap.index, self._clock())
            if button is None:
                return None
            resolved = Rasa(message=button["payload"], typed="", metadata=tap.metadata)
            entry.content = _dumps(resolved)
            return resolved

        return run_in_transaction(self._session_factory, work)

    def add_to_metadata(self, update_id: int, values: dict[str, Any]) -> bool:
        """Add `values` to the metadata of an update still waiting for Rasa: what the edge did at
        once and Rasa must know (a crisis first reply already sent), kept across a restart.
        False when the update is not stored, or no longer waits for Rasa."""

        def work(session: Session) -> bool:
            entry = session.scalars(
                select(InboxEntry).where(InboxEntry.lane == INBOX_CITIZEN,
                                         InboxEntry.update_id == update_id)
            ).one_or_none()
            if entry is None or entry.status != INBOX_PENDING or not entry.content:
                return False
            content = _loads(entry.content)
            if not isinstance(content, (Rasa, Tap)):
                return False  # no metadata: nothing goes to Rasa
            entry.content = _dumps(content.with_metadata(values))
            return True

        return run_in_transaction(self._session_factory, work)

    def topics_with_work(self) -> list[int]:
        """Topics of the coaches' group with unfinished updates (to resume after a restart)."""

        def work(session: Session) -> list[int]:
            return list(session.scalars(
                select(InboxEntry.topic_id)
                .where(InboxEntry.lane == INBOX_DESK, InboxEntry.status != INBOX_DONE)
                .distinct()
            ))

        return run_in_transaction(self._session_factory, work)

    def next_for_topic(self, topic_id: int) -> DeskItem | None:
        """The oldest unfinished update of the topic, or None."""

        def work(session: Session) -> DeskItem | None:
            entry = session.scalars(
                select(InboxEntry)
                .where(InboxEntry.lane == INBOX_DESK, InboxEntry.topic_id == topic_id,
                       InboxEntry.status != INBOX_DONE)
                .order_by(InboxEntry.id)
                .limit(1)
            ).one_or_none()
            return _desk_item(entry) if entry else None

        return run_in_transaction(self._session_factory, work)

    def count_attempt(self, entry_id: int) -> None:
        self._update(entry_id, attempts=InboxEntry.attempts + 1)

    def save_replies(self, entry_id: int, replies: list[dict[str, Any]]) -> None:
        """What to send for this entry, stored before anything is sent."""
        self._update(
            entry_id, status=INBOX_ANSWERED, replies=json.dumps(replies, ensure_ascii=False)
        )

    def count_delivered(self, entry_id: int, delivered: int) -> None:
        self._update(entry_id, delivered=delivered)

    def finish(self, entry_id: int) -> None:
        """All sent (or the desk's update handled): the content and the chat go, the update id
        stays (duplicates are recognised). Without the chat: a citizen who erased their data in
        this very entry's turn leaves no row naming them behind."""
        self._update(
            entry_id, status=INBOX_DONE, content=None, replies=None, done_at=self._clock(),
            chat_id=FINISHED_CHAT,
        )

    def purge_done(self, older_than: timedelta) -> int:
        """Forget finished entries. Telegram redelivers an update for at most 24 hours."""
        cutoff = self._clock() - older_than

        def work(session: Session) -> int:
            result = session.execute(
                delete(InboxEntry).where(
                    InboxEntry.status == INBOX_DONE, InboxEntry.done_at < cutoff
                )
            )
            return rowcount(result) or 0

        return run_in_transaction(self._session_factory, work)

    def last_update_id(self) -> int | None:
        def work(session: Session) -> int | None:
            latest: int | None = session.scalar(select(func.max(InboxEntry.update_id)))
            return latest

        return run_in_transaction(self._session_factory, work)

    def _update(self, entry_id: int, **values: Any) -> None:
        def work(session: Session) -> None:
            session.execute(update(InboxEntry).where(InboxEntry.id == entry_id).values(**values))

        run_in_transaction(self._session_factory, work)


class KeyboardService:
    """Buttons sent on Telegram, looked up when the citizen taps one."""

    def __init__(self, session_factory: SessionFactory, clock: Callable[[], datetime] = utc_now):
        self._session_factory = session_factory
        self._clock = clock

    def remember(self, chat_id: str, message_id: int, buttons: list[dict[str, str]]) -> None:
        def work(session: Session) -> None:
            session.add(SentKeyboard(
                chat_id=str(chat_id), message_id=message_id, sent_at=self._clock(),
                buttons=json.dumps(buttons, ensure_ascii=False),
            ))

        run_in_transaction(self._session_factory, work)

    def take(self, chat_id: str, message_id: int, index: int) -> dict[str, str] | None:
        """The button tapped, closing its keyboard; None when the keyboard is unknown, closed
        already (a second tap, or a tap on an old message) or has no such button."""

        def work(session: Session) -> dict[str, str] | None:
            return _take_button(session, chat_id, message_id, index, self._clock())

        return run_in_transaction(self._session_factory, work)

    def purge(self, older_than: timedelta) -> int:
        """Forget keyboards sent long ago: a tap on them then says the choice has expired."""
        cutoff = self._clock() - older_than

        def work(session: Session) -> int:
            result = session.execute(delete(SentKeyboard).where(SentKeyboard.sent_at < cutoff))
            return rowcount(result) or 0

        return run_in_transaction(self._session_factory, work)


def _take_button(session: Session, chat_id: str, message_id: int, index: int,
                 now: datetime) -> dict[str, str] | None:
    keyboard = session.scalars(
        select(SentKeyboard).where(
            SentKeyboard.chat_id == str(chat_id), SentKeyboard.message_id == message_id
        )
    ).one_or_none()
    if keyboard is None or keyboard.closed_at is not None:
        return None
    buttons: list[dict[str, str]] = json.loads(keyboard.buttons)
    if not 0 <= index < len(buttons):
        return None
    keyboard.closed_at = now
    return buttons[index]


def _lane_of(where: str | DeskTopic, content: Work) -> dict[str, Any]:
    """The columns that place an update in its lane; Desk work goes to a topic, and only it."""
    if isinstance(where, DeskTopic) != isinstance(content, Desk):
        raise ValueError("an update of the coaches' group goes to a topic, and only it")
    if isinstance(where, DeskTopic):
        return {"lane": INBOX_DESK, "chat_id": where.chat_id, "topic_id": where.topic_id}
    return {"lane": INBOX_CITIZEN, "chat_id": str(where)}


def _item(entry: InboxEntry) -> QueuedItem:
    content = _loads(entry.content)
    if isinstance(content, Desk):  # never stored in a citizen's lane (see _lane_of)
        raise ValueError(f"inbox entry {entry.id}: an update of the coaches' group in a chat")
    return QueuedItem(
        id=entry.id,
        kind=entry.kind,
        chat_id=entry.chat_id,
        update_id=entry.update_id,
        status=entry.status,
        content=content,
        replies=json.loads(entry.replies) if entry.replies else None,
        delivered=entry.delivered,
        attempts=entry.attempts,
    )


def _desk_item(entry: InboxEntry) -> DeskItem:
    work = _loads(entry.content)
    if not isinstance(work, Desk) or entry.update_id is None or entry.topic_id is None:
        raise ValueError(f"inbox entry {entry.id}: not an update of the coaches' group")
    return DeskItem(id=entry.id, update_id=entry.update_id, topic_id=entry.topic_id, work=work)


def _dumps(work: Work) -> str:
    return json.dumps(work.to_dict(), ensure_ascii=False)


def _loads(content: str | None) -> Work | None:
    return work_from_dict(json.loads(content)) if content else None
