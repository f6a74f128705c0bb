"""The coaches' group forgets an erased citizen: what the desk posted in a case's topic is
remembered by message id, and an erasure leaves the topic to delete (data_rights.erase); the
Telegram edge then deletes it (bot/topic_erasure.py). Plain domain code, no Telegram here."""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from relais.database import SessionFactory
from relais.models import CaseTopic, TopicErasure, TopicMessage, utc_now
from relais.services.unit_of_work import run_in_transaction


@dataclass(frozen=True)
class PendingTopicErasure:
    id: int
    chat_id: int
    thread_id: int
    message_ids: list[int]


class TopicErasureService:
    def __init__(self, session_factory: SessionFactory, clock: Callable[[], datetime] = utc_now):
        self._session_factory = session_factory
        self._clock = clock

    def remember(self, chat_id: int, thread_id: int | None, message_ids: Iterable[int]) -> None:
        """Messages now in a topic. Outside a case's topic (the general topic, a topic already
        erased) there is nothing to remember."""
        ids = [int(message_id) for message_id in message_ids]
        if thread_id is None or not ids:
            return

        def work(session: Session) -> None:
            topic = session.scalar(select(CaseTopic.case_id).where(
                CaseTopic.chat_id == chat_id, CaseTopic.thread_id == thread_id))
            if topic is not None:
                session.add_all(TopicMessage(chat_id=chat_id, thread_id=thread_id, message_id=m)
                                for m in ids)

        run_in_transaction(self._session_factory, work)

    def pending(self) -> list[PendingTopicErasure]:
        def work(session: Session) -> list[PendingTopicErasure]:
            rows = session.scalars(select(TopicErasure).order_by(TopicErasure.id)).all()
            return [PendingTopicErasure(row.id, row.chat_id, row.thread_id, json.loads(row.message_ids))
                    for row in rows]

        return run_in_transaction(self._session_factory, work)

    def done(self, erasure_id: int) -> None:
        run_in_transaction(self._session_factory, lambda session: session.execute(
            delete(TopicErasure).where(TopicErasure.id == erasure_id)))


def request_topic_erasures(session: Session, case_ids: Select, now: datetime) -> int:
    """Inside an erasure's transaction: a TopicErasure for each topic of these cases (a select
    of case ids), with the ids of the messages known in it. Returns how many."""
    topics = session.scalars(select(CaseTopic).where(CaseTopic.case_id.in_(case_ids))).all()
    for topic in topics:
        known = session.scalars(select(TopicMessage.message_id).where(
            TopicMessage.chat_id == topic.chat_id, TopicMessage.thread_id == topic.thread_id)).all()
        card = [topic.card_message_id] if topic.card_message_id is not None else []
        message_ids = sorted(set(card) | set(known))
        session.add(TopicErasure(chat_id=topic.chat_id, thread_id=topic.thread_id,
                                 message_ids=json.dumps(message_ids), requested_at=now))
    return len(topics)
