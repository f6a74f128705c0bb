"""The durable outbox: everything Relais sends first (territorial alerts, welfare questions,
check-ins, a unit's news of a doléance), written in the database with the change that causes it.

A message is due at `due_at` (the quiet hours are applied when it is written). The Telegram
edge claims due messages, highest priority first, and moves them into the chat's durable queue
(relais/services/inbox.py) in the same transaction: the claim locks the rows with
`FOR UPDATE SKIP LOCKED` on PostgreSQL, so several edges (or a restarted one) never move a
message twice, and a crash before the commit leaves it in the outbox. SQLite has one writer at
a time, which gives the same guarantee. From the chat's queue, each message is sent once, in
order with the rest of the chat (the queue's own guarantees).
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from relais.database import SessionFactory
from relais.models import (
    INBOX_ANSWERED,
    INBOX_CITIZEN,
    INBOX_OUTGOING,
    Citizen,
    InboxEntry,
    OutboxMessage,
    utc_now,
)
from relais.services.unit_of_work import run_in_transaction


@dataclass(frozen=True)
class Outgoing:
    """One message to write in the outbox for a citizen (by their row id)."""

    citizen_id: int
    kind: str
    due_at: datetime
    replies: list[dict[str, Any]]
    priority: int = 5
    event_id: int | None = None


def reply(text: str, buttons: Iterable[tuple[str, str]] = (), silent: bool = False,
          photo: dict[str, str] | None = None) -> dict[str, Any]:
    """A message as the edge's queue stores it (bot.conversation.Reply.to_dict). With a
    `photo` (relais.progress_chart.photo_payload), the text is its caption."""
    message: dict[str, Any] = {
        "text": text, "buttons": [{"title": title, "payload": payload} for title, payload in buttons],
        "document": None, "copy_of": None,
    }
    if photo is not None:
        message["photo"] = photo
    if silent:
        message["silent"] = True  # Telegram's disable_notification
    return message


def write(session: Session, messages: list[Outgoing], now: datetime) -> None:
    """Write messages in the caller's transaction (one statement: an alert to a whole
    département is thousands of rows)."""
    if not messages:
        return
    session.execute(insert(OutboxMessage), [
        {"citizen_id": m.citizen_id, "kind": m.kind, "priority": m.priority, "due_at": m.due_at,
         "replies": json.dumps(m.replies, ensure_ascii=False), "event_id": m.event_id,
         "created_at": now}
        for m in messages
    ])


class OutboxService:
    def __init__(self, session_factory: SessionFactory, clock: Callable[[], datetime] = utc_now):
        self._session_factory = session_factory
        self._clock = clock

    def move_due(self, limit: int = 100) -> list[str]:
        """Move at most `limit` messages due now into their chats' durable queues, most urgent
        first; the chats to wake (each once, in the order of their first message)."""

        def work(session: Session) -> list[str]:
            now = self._clock()
            due = session.execute(
                select(OutboxMessage.id, OutboxMessage.replies, Citizen.conversation_id)
                .join(Citizen, Citizen.id == OutboxMessage.citizen_id)
                .where(OutboxMessage.due_at <= now)
                .order_by(OutboxMessage.priority, OutboxMessage.due_at, OutboxMessage.id)
                .limit(limit)
                .with_for_update(skip_locked=True, of=OutboxMessage)
            ).all()
            if not due:
                return []
            session.execute(insert(InboxEntry), [
                {"kind": INBOX_OUTGOING, "lane": INBOX_CITIZEN, "chat_id": chat_id,
                 "status": INBOX_ANSWERED, "replies": replies, "received_at": now,
                 "delivered": 0, "attempts": 0}
                for _id, replies, chat_id in due
            ])
            session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_([row[0] for row in due])))
            return list(dict.fromkeys(row[2] for row in due))

        return run_in_transaction(self._session_factory, work)

    def pending(self) -> int:
        """Messages not moved yet (due or not): what a broadcast still has to send."""

        def work(session: Session) -> int:
            return int(session.scalar(select(func.count()).select_from(OutboxMessage)) or 0)

        return run_in_transaction(self._session_factory, work)
