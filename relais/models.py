"""Relais' own tables (SQLAlchemy 1.4, 2.0-style declarative models).

Every table is prefixed `relais_`: Rasa's SQL tracker store keeps its `events` table in the same
database, and the prefix keeps the two apart (Alembic only manages `relais_` tables).

A citizen is known only by the conversation id (the Telegram chat id, as text). No name,
username or phone number is ever stored.

All timestamps are timezone-aware UTC datetimes, in Python and in the database.
"""

from datetime import date, datetime, timezone

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    Sequence,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    column,
    inspect,
    or_,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, Session, declarative_base
from sqlalchemy.types import TypeDecorator

from relais.crisis import CRISIS_KINDS
from relais.tracks import PHASES, TRACKS

TABLE_PREFIX = "relais_"

CONSENT_GIVEN = "given"
CONSENT_WITHDRAWN = "withdrawn"
CONSENT_STATUSES = (CONSENT_GIVEN, CONSENT_WITHDRAWN)

PROGRESS_CHECKIN = "checkin"
PROGRESS_GOAL = "goal"
PROGRESS_ACTION_DONE = "action_done"
PROGRESS_ACTION_SKIPPED = "action_skipped"
PROGRESS_KINDS = (PROGRESS_CHECKIN, PROGRESS_GOAL, PROGRESS_ACTION_DONE, PROGRESS_ACTION_SKIPPED)
MOOD_MIN, MOOD_MAX = 1, 5

CASE_REASONS = ("crisis", "citizen_request", "repeated_misunderstanding", "no_progress",
                "welfare_check")
# Priority scale of a case: 1 is the most urgent. Coaches take cases by ascending priority,
# then by opening time. Crisis is always 1 and nothing else ever is.
CASE_PRIORITY = {
    "crisis": 1,
    "citizen_request": 2,
    "repeated_misunderstanding": 3,
    "no_progress": 4,
    # Asked to be checked on after a territorial alert, and silent since (issue #15).
    "welfare_check": 2,
}
CASE_OPEN = "open"
CASE_TAKEN = "taken"
CASE_HANDED_BACK = "handed_back"
CASE_CLOSED = "closed"
CASE_STATUSES = (CASE_OPEN, CASE_TAKEN, CASE_HANDED_BACK, CASE_CLOSED)
# A case is "active" while a human is expected or at work: at most one per citizen.
ACTIVE_CASE_STATUSES = (CASE_OPEN, CASE_TAKEN)

# Deterministic constraint names, so that migrations (and SQLite batch rebuilds) can find them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Base = declarative_base(metadata=MetaData(naming_convention=NAMING_CONVENTION))


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend.

    PostgreSQL stores `timestamptz`; SQLite has no time zone, so values are normalised to UTC
    before they are written and marked UTC when read back. Naive datetimes are refused: they
    are always a bug (local time or UTC? nobody knows later).
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: use an aware UTC datetime")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def _citizen_fk() -> ForeignKey:
    # The database deletes a citizen's rows with the citizen (erasure does it explicitly too).
    return ForeignKey("relais_citizens.id", ondelete="CASCADE")


class Citizen(Base):
    __tablename__ = "relais_citizens"

    id: Mapped[int] = Column(Integer, primary_key=True)
    # The Telegram chat id (also Rasa's sender_id), as text. The only identifier kept.
    conversation_id: Mapped[str] = Column(String(255), nullable=False, unique=True)
    created_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)
    # None until the citizen answers the consent question.
    consent_status: Mapped[str | None] = Column(String(16), nullable=True)
    consent_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)
    consent_notice_version: Mapped[str | None] = Column(String(32), nullable=True)
    # The département of the place the citizen last gave (for the alerts, a doléance, their
    # relais): where the observatory counts them. Nothing finer is kept here.
    departement: Mapped[str | None] = Column(String(3), nullable=True)

    __table_args__ = (
        CheckConstraint(column("consent_status").in_(CONSENT_STATUSES), name="consent_status"),
    )


class Enrolment(Base):
    __tablename__ = "relais_enrolments"

    id: Mapped[int] = Column(Integer, primary_key=True)
    citizen_id: Mapped[int] = Column(Integer, _citizen_fk(), nullable=False)
    track: Mapped[str] = Column(String(32), nullable=False)
    phase: Mapped[str] = Column(String(16), nullable=False)
    started_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)
    updated_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)

    __table_args__ = (
        UniqueConstraint("citizen_id", "track"),
        CheckConstraint(column("track").in_(tuple(TRACKS)), name="track"),
        CheckConstraint(column("phase").in_(PHASES), name="phase"),
    )


class ProgressEntry(Base):
    __tablename__ = "relais_progress"

    id: Mapped[int] = Column(Integer, primary_key=True)
    citizen_id: Mapped[int] = Column(Integer, _citizen_fk(), nullable=False)
    kind: Mapped[str] = Column(String(16), nullable=False)
    track: Mapped[str | None] = Column(String(32), nullable=True)
    mood: Mapped[int | None] = Column(Integer, nullable=True)
    # Unbounded on purpose: whatever the citizen wrote is kept whole.
    text: Mapped[str | None] = Column(Text, nullable=True)
    created_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)

    __table_args__ = (
        CheckConstraint(column("kind").in_(PROGRESS_KINDS), name="kind"),
        CheckConstraint(column("track").in_(tuple(TRACKS)), name="track"),
        CheckConstraint(column("mood").between(MOOD_MIN, MOOD_MAX), name="mood"),
        # The summary reads a citizen's entries by date.
        Index("ix_relais_progress_citizen_id_created_at", "citizen_id", "created_at"),
        # The observatory's refresh reads a period's check-ins.
        Index("ix_relais_progress_created_at", "created_at"),
    )


class Need(Base):
    """A need Relais answered: a track, in urgence or continu, and the urgence's scenario when
    one was recognised. Kept with the coaching memory (consent), at most one a day per citizen,
    track and scenario: what the observatory counts as needs and urgences."""

    __tablename__ = "relais_needs"

    id: Mapped[int] = Column(Integer, primary_key=True)
    citizen_id: Mapped[int] = Column(Integer, _citizen_fk(), nullable=False)
    track: Mapped[str] = Column(String(32), nullable=False)
    phase: Mapped[str] = Column(String(16), nullable=False)
    # The urgence scenario (a topic key of the track's content), if one was recognised.
    scenario: Mapped[str | None] = Column(String(64), nullable=True)
    at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)

    __table_args__ = (
        CheckConstraint(column("track").in_(tuple(TRACKS)), name="track"),
        CheckConstraint(column("phase").in_(PHASES), name="phase"),
        Index("ix_relais_needs_citizen_id_at", "citizen_id", "at"),
        Index("ix_relais_needs_at", "at"),
    )


class Case(Base):
    """A conversation handed to a human coach of the local relais."""

    __tablename__ = "relais_cases"

    id: Mapped[int] = Column(Integer, primary_key=True)
    citizen_id: Mapped[int] = Column(Integer, _citizen_fk(), nullable=False, index=True)
    reason: Mapped[str] = Column(String(32), nullable=False)
    priority: Mapped[int] = Column(Integer, nullable=False)
    status: Mapped[str] = Column(String(16), nullable=False, default=CASE_OPEN)
    relais_code: Mapped[str | None] = Column(String(16), nullable=True)
    assigned_coach: Mapped[str | None] = Column(Text, nullable=True)
    opened_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)
    taken_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)
    handed_back_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)
    closed_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)
    closing_note: Mapped[str | None] = Column(Text, nullable=True)
    # For a crisis: its kind (relais.crisis.CRISIS_KINDS), and when the citizen then described a
    # plan or a means, so that the coaches are called again at once.
    crisis_kind: Mapped[str | None] = Column(String(16), nullable=True)
    alert_raised_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)
    # What the citizen asked about being contacted (« pas après 19 h », « pas d'appel »), as
    # relais.contact_wishes.ContactWishes.to_json(); the desk holds a coach's message against it.
    contact_wishes: Mapped[str | None] = Column(Text, nullable=True)

    __table_args__ = (
        CheckConstraint(column("reason").in_(CASE_REASONS), name="reason"),
        CheckConstraint(column("crisis_kind").in_(CRISIS_KINDS), name="crisis_kind"),
        CheckConstraint(column("status").in_(CASE_STATUSES), name="status"),
        # At most one active case per citizen, enforced by the database itself so that two
        # concurrent escalations cannot both succeed (a partial unique index).
        Index(
            "uq_relais_cases_one_active_per_citizen",
            "citizen_id",
            unique=True,
            sqlite_where=column("status").in_(ACTIVE_CASE_STATUSES),
            postgresql_where=column("status").in_(ACTIVE_CASE_STATUSES),
        ),
        # The observatory's refresh reads a period's cases.
        Index("ix_relais_cases_opened_at", "opened_at"),
    )


INBOX_UPDATE = "update"
INBOX_OUTGOING = "outgoing"
INBOX_KINDS = (INBOX_UPDATE, INBOX_OUTGOING)
INBOX_PENDING = "pending"
INBOX_ANSWERED = "answered"
INBOX_DONE = "done"
INBOX_STATUSES = (INBOX_PENDING, INBOX_ANSWERED, INBOX_DONE)
# Whose queue an entry is in: a citizen's chat (served by bot/chat_queue.py) or a topic of the
# coaches' group (served by bot/desk/queue.py). One table for both: both come from one stream of
# Telegram updates, and an update's id must be recognised whichever lane it went to.
INBOX_CITIZEN = "citizen"
INBOX_DESK = "desk"
INBOX_LANES = (INBOX_CITIZEN, INBOX_DESK)


class InboxEntry(Base):
    """One item of a queue at the Telegram edge, processed in order per queue.

    In the citizens' lane, an item of a chat's queue: either an update received from Telegram
    (stored before Telegram is told it was received, so a crash or a Rasa outage loses nothing)
    or a message to send on Relais' own initiative (from Rasa or a coach). In the desk's lane, an
    update of the coaches' group, in its topic's queue. The content is transient: it is cleared
    once handled; only the update id stays, so that an update delivered twice is handled once.
    """

    __tablename__ = "relais_inbox"

    id: Mapped[int] = Column(Integer, primary_key=True)
    kind: Mapped[str] = Column(String(16), nullable=False)
    # Telegram's update_id (updates only): unique, which makes storing an update idempotent.
    update_id: Mapped[int | None] = Column(BigInteger, nullable=True, unique=True)
    # Whose queue the entry is in (INBOX_LANES): a citizen's chat, or a topic of the coaches' group.
    lane: Mapped[str] = Column(String(16), nullable=False)
    # The citizen's chat (lane citizen) or the coaches' group (lane desk).
    chat_id: Mapped[str] = Column(String(64), nullable=False)
    # The desk's queue of an entry: its forum topic in the coaches' group (0: the general topic).
    topic_id: Mapped[int | None] = Column(BigInteger, nullable=True)
    status: Mapped[str] = Column(String(16), nullable=False, default=INBOX_PENDING)
    # The update (JSON) until it is answered; contacts are removed before it is stored.
    content: Mapped[str | None] = Column(Text, nullable=True)
    # The messages to deliver (JSON), kept until all of them are sent: Rasa is asked once.
    replies: Mapped[str | None] = Column(Text, nullable=True)
    delivered: Mapped[int] = Column(Integer, nullable=False, default=0)
    attempts: Mapped[int] = Column(Integer, nullable=False, default=0)
    received_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)
    done_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)

    __table_args__ = (
        CheckConstraint(column("kind").in_(INBOX_KINDS), name="kind"),
        CheckConstraint(column("status").in_(INBOX_STATUSES), name="status"),
        CheckConstraint(column("lane").in_(INBOX_LANES), name="lane"),
        # A topic for the desk's entries, and for them only.
        CheckConstraint(or_(
            and_(column("lane") == INBOX_CITIZEN, column("topic_id").is_(None)),
            and_(column("lane") == INBOX_DESK, column("topic_id").is_not(None)),
        ), name="topic_of_desk_only"),
        # The workers read the oldest unfinished entry of a chat, or of a topic.
        Index("ix_relais_inbox_chat_id_status_id", "chat_id", "status", "id"),
        Index("ix_relais_inbox_topic_id_status_id", "topic_id", "status", "id"),
    )


class SentKeyboard(Base):
    """The buttons of a message sent on Telegram, so that a tap maps back to the payload that
    Relais itself sent. Telegram's callback data can be forged by a modified client: only the
    index of a button goes to Telegram, never a payload."""

    __tablename__ = "relais_keyboards"

    id: Mapped[int] = Column(Integer, primary_key=True)
    chat_id: Mapped[str] = Column(String(64), nullable=False)
    message_id: Mapped[int] = Column(BigInteger, nullable=False)
    # JSON list of {"title", "payload"}.
    buttons: Mapped[str] = Column(Text, nullable=False)
    sent_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)
    closed_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)

    __table_args__ = (UniqueConstraint("chat_id", "message_id"),)


AUDIT_ACTIONS = ("announced", "reannounced", "taken", "message", "handed_back", "transferred",
                 "closed", "refused", "false_alarm", "alert_raised",
                 # The watchdog of taken cases (relais/services/desk.py): the citizen wrote to
                 # the coach (never what), the coach was reminded to answer.
                 "citizen_message", "reminded",
                 # The citizen's contact instructions changed; the citizen withdrew the request.
                 # The desk posts both in the case's topic (CaseTopic.noticed_until).
                 "contact_wish", "withdrawn",
                 # A coach's message held by those instructions, sent later, or dropped.
                 "held", "held_sent", "held_dropped")


class CaseTopic(Base):
    """The coach desk's forum topic of a case (one topic per case in the coaches' group)."""

    __tablename__ = "relais_case_topics"

    case_id: Mapped[int] = Column(Integer, ForeignKey("relais_cases.id", ondelete="CASCADE"),
                                  primary_key=True)
    chat_id: Mapped[int] = Column(BigInteger, nullable=False)
    thread_id: Mapped[int] = Column(BigInteger, nullable=False)
    card_message_id: Mapped[int | None] = Column(BigInteger, nullable=True)
    announced_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)
    # Last time the desk called for a coach (the case was opened, or still nobody took it).
    last_called_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)
    # The case's priority when coaches were last called: a case raised to a crisis afterwards
    # is called again at once.
    called_priority: Mapped[int] = Column(Integer, nullable=False)
    # The latest of the citizen's acts on the case (audit "contact_wish", "withdrawn") the desk
    # posted in the topic: those after it are still to post.
    noticed_until: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)

    __table_args__ = (UniqueConstraint("chat_id", "thread_id"),)


class HeldMessage(Base):
    """A coach's text that the citizen's contact instructions held (« pas après 19 h »): the
    desk sends it once they allow it, then deletes it; it is dropped when the case is no longer
    taken, and erased with the citizen."""

    __tablename__ = "relais_held_messages"

    id: Mapped[int] = Column(Integer, primary_key=True)
    case_id: Mapped[int] = Column(Integer, ForeignKey("relais_cases.id", ondelete="CASCADE"),
                                  nullable=False, index=True)
    # The coach's Telegram user id (as in the audit) and the first name the citizen sees.
    actor: Mapped[str] = Column(String(64), nullable=False)
    coach_name: Mapped[str] = Column(Text, nullable=False)
    text: Mapped[str] = Column(Text, nullable=False)
    held_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)


class TopicMessage(Base):
    """A message in a case's topic (the card, a relayed message or photo, a coach's or the
    desk's message), by its Telegram id only: if the topic itself cannot be deleted when the
    citizen erases their data, these messages are deleted one by one."""

    __tablename__ = "relais_topic_messages"

    id: Mapped[int] = Column(Integer, primary_key=True)
    chat_id: Mapped[int] = Column(BigInteger, nullable=False)
    thread_id: Mapped[int] = Column(BigInteger, nullable=False)
    message_id: Mapped[int] = Column(BigInteger, nullable=False)

    __table_args__ = (
        # Gone with the case's topic (an erasure, a purge of old cases).
        ForeignKeyConstraint(["chat_id", "thread_id"],
                             ["relais_case_topics.chat_id", "relais_case_topics.thread_id"],
                             ondelete="CASCADE"),
        Index("ix_relais_topic_messages_chat_id_thread_id", "chat_id", "thread_id"),
    )


class TopicErasure(Base):
    """A topic of the coaches' group to delete from Telegram, because its citizen erased their
    data: written by the erasure in the same transaction as the deletion of the rows, so that
    the Telegram edge deletes it even after a restart; deleted once Telegram has done it.
    Holds nothing about the citizen: the group, the topic, the ids of its messages."""

    __tablename__ = "relais_topic_erasures"

    id: Mapped[int] = Column(Integer, primary_key=True)
    chat_id: Mapped[int] = Column(BigInteger, nullable=False)
    thread_id: Mapped[int] = Column(BigInteger, nullable=False)
    # JSON list of the message ids known in the topic (TopicMessage and the card).
    message_ids: Mapped[str] = Column(Text, nullable=False)
    requested_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)


class CaseAudit(Base):
    """Who did what on a case, and when: taken, each message relayed, handed back, moved,
    closed. Never the content of a message."""

    __tablename__ = "relais_case_audit"

    id: Mapped[int] = Column(Integer, primary_key=True)
    case_id: Mapped[int] = Column(Integer, ForeignKey("relais_cases.id", ondelete="CASCADE"),
                                  nullable=False, index=True)
    action: Mapped[str] = Column(String(16), nullable=False)
    # The coach's Telegram user id (or "desk" for the desk itself), never their name.
    actor: Mapped[str] = Column(String(64), nullable=False)
    detail: Mapped[str | None] = Column(Text, nullable=True)
    at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)

    __table_args__ = (CheckConstraint(column("action").in_(AUDIT_ACTIONS), name="action"),)


# --- doléances and envies (issue #14): what citizens ask of their territory -----------------

GRIEVANCE_KINDS = ("doleance", "envie")
# Where the item may go beyond the unit: kept to the unit, counted in published figures, or
# published with its text (masked of names, phone numbers and e-mails).
VISIBILITY_PRIVATE = "private"
VISIBILITY_COUNTED = "counted"
VISIBILITY_PUBLISHED = "published"
GRIEVANCE_VISIBILITIES = (VISIBILITY_PRIVATE, VISIBILITY_COUNTED, VISIBILITY_PUBLISHED)
STATUS_RECEIVED = "recue"
STATUS_STUDIED = "a_l_etude"
STATUS_IN_PROGRESS = "en_cours"
STATUS_DONE = "realisee"
STATUS_REJECTED = "non_retenue"
STATUS_WITHDRAWN = "retiree"
STATUS_MERGED = "fusionnee"
GRIEVANCE_STATUSES = (STATUS_RECEIVED, STATUS_STUDIED, STATUS_IN_PROGRESS, STATUS_DONE,
                      STATUS_REJECTED, STATUS_WITHDRAWN, STATUS_MERGED)
AGENT_ROLES = ("unit", "relais", "negotiator")
TERRITORY_KINDS = ("unit", "departement", "region", "nation")
AGENT_AUDIT_ACTIONS = ("signed_in", "sign_in_refused", "signed_out", "viewed", "status",
                       "answered", "noted", "assigned", "merged", "template_saved",
                       "bulk_answered", "hidden", "exported", "event_declared", "event_updated",
                       "event_ended")


class Grievance(Base):
    """A doléance (what goes wrong) or an envie (a wish, a proposal) a citizen voiced for their
    place, for its neighbourhood unit. The item itself is the consented record: it exists
    without consent to the coaching memory, and goes with the citizen's erasure."""

    __tablename__ = "relais_grievances"

    id: Mapped[int] = Column(Integer, primary_key=True)
    citizen_id: Mapped[int] = Column(Integer, _citizen_fk(), nullable=False, index=True)
    kind: Mapped[str] = Column(String(16), nullable=False)
    text: Mapped[str] = Column(Text, nullable=False)
    theme: Mapped[str] = Column(String(32), nullable=False)
    commune: Mapped[str | None] = Column(String(120), nullable=True)
    postal_code: Mapped[str | None] = Column(String(5), nullable=True)
    departement: Mapped[str | None] = Column(String(3), nullable=True)
    quartier: Mapped[str | None] = Column(String(120), nullable=True)
    # The neighbourhood unit whose postal codes hold the item (directory/units.yml), if any.
    unit_code: Mapped[str | None] = Column(String(32), nullable=True)
    visibility: Mapped[str] = Column(String(16), nullable=False)
    status: Mapped[str] = Column(String(16), nullable=False, default=STATUS_RECEIVED)
    # A unit's own status label shown beside the standard one (« en attente du conseil »).
    custom_status: Mapped[str | None] = Column(String(80), nullable=True)
    status_reason: Mapped[str | None] = Column(Text, nullable=True)
    answer: Mapped[str | None] = Column(Text, nullable=True)
    answered_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)
    assignee_id: Mapped[int | None] = Column(
        Integer, ForeignKey("relais_agents.id", ondelete="SET NULL"), nullable=True)
    merged_into_id: Mapped[int | None] = Column(
        Integer, ForeignKey("relais_grievances.id", ondelete="SET NULL"), nullable=True)
    # Hidden by an agent from the public page (an item published by mistake, an insult).
    hidden: Mapped[bool] = Column(Boolean, nullable=False, default=False)
    # The citizen accepted news at any hour; otherwise none between 21:00 and 08:00.
    notify_any_time: Mapped[bool] = Column(Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)
    updated_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)

    __table_args__ = (
        CheckConstraint(column("kind").in_(GRIEVANCE_KINDS), name="kind"),
        CheckConstraint(column("visibility").in_(GRIEVANCE_VISIBILITIES), name="visibility"),
        CheckConstraint(column("status").in_(GRIEVANCE_STATUSES), name="status"),
        # The agents' list: a territory's items by status, newest first.
        Index("ix_relais_grievances_unit_status_created", "unit_code", "status", "created_at"),
        Index("ix_relais_grievances_dept_status_created", "departement", "status", "created_at"),
        Index("ix_relais_grievances_created_at", "created_at"),
    )


class GrievanceDetail(Base):
    """A detail the citizen added to their item afterwards."""

    __tablename__ = "relais_grievance_details"

    id: Mapped[int] = Column(Integer, primary_key=True)
    grievance_id: Mapped[int] = Column(
        Integer, ForeignKey("relais_grievances.id", ondelete="CASCADE"), nullable=False, index=True)
    text: Mapped[str] = Column(Text, nullable=False)
    at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)


class GrievanceNote(Base):
    """An agents' internal note on an item: never shown to the citizen nor published."""

    __tablename__ = "relais_grievance_notes"

    id: Mapped[int] = Column(Integer, primary_key=True)
    grievance_id: Mapped[int] = Column(
        Integer, ForeignKey("relais_grievances.id", ondelete="CASCADE"), nullable=False, index=True)
    agent_id: Mapped[int | None] = Column(
        Integer, ForeignKey("relais_agents.id", ondelete="SET NULL"), nullable=True)
    text: Mapped[str] = Column(Text, nullable=False)
    at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)


class Agent(Base):
    """A public agent of the web space: a unit's agent (communes or quartiers), a relais' (a
    département) or a territorial crisis negotiator (a region, the nation)."""

    __tablename__ = "relais_agents"

    id: Mapped[int] = Column(Integer, primary_key=True)
    login: Mapped[str] = Column(String(120), nullable=False, unique=True)
    name: Mapped[str] = Column(String(120), nullable=False)
    # hashlib.scrypt, as relais.passwords formats it (salt and parameters inside).
    password_hash: Mapped[str] = Column(String(255), nullable=False)
    role: Mapped[str] = Column(String(16), nullable=False)
    territory_kind: Mapped[str] = Column(String(16), nullable=False)
    territory_code: Mapped[str] = Column(String(32), nullable=False)
    active: Mapped[bool] = Column(Boolean, nullable=False, default=True)
    created_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)

    __table_args__ = (
        CheckConstraint(column("role").in_(AGENT_ROLES), name="role"),
        CheckConstraint(column("territory_kind").in_(TERRITORY_KINDS), name="territory_kind"),
    )


class AgentAudit(Base):
    """Who did what in the web space, and when. The detail never holds a citizen's text."""

    __tablename__ = "relais_agent_audit"

    id: Mapped[int] = Column(Integer, primary_key=True)
    agent_id: Mapped[int | None] = Column(
        Integer, ForeignKey("relais_agents.id", ondelete="SET NULL"), nullable=True, index=True)
    action: Mapped[str] = Column(String(16), nullable=False)
    grievance_id: Mapped[int | None] = Column(Integer, nullable=True)
    detail: Mapped[str | None] = Column(Text, nullable=True)
    at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)

    __table_args__ = (CheckConstraint(column("action").in_(AGENT_AUDIT_ACTIONS), name="action"),)


class AnswerTemplate(Base):
    """An answer a unit reuses (« Merci, votre demande est transmise au conseil municipal »)."""

    __tablename__ = "relais_answer_templates"

    id: Mapped[int] = Column(Integer, primary_key=True)
    territory_kind: Mapped[str] = Column(String(16), nullable=False)
    territory_code: Mapped[str] = Column(String(32), nullable=False)
    title: Mapped[str] = Column(String(120), nullable=False)
    text: Mapped[str] = Column(Text, nullable=False)

    __table_args__ = (UniqueConstraint("territory_kind", "territory_code", "title"),)


# --- territorial events and proactive messages (issue #15) ------------------------------

# What an operator can declare (relais/content/events.yml gives each its words and its track).
EVENT_KINDS = ("rationnement_electricite", "penurie_carburant", "coupure_eau", "inondation",
               "canicule", "fermeture_usine", "penurie_alimentaire", "panne_telecom")
SEVERITY_INFORMATION = "information"
SEVERITY_VIGILANCE = "vigilance"
SEVERITY_DANGER = "danger"
SEVERITIES = (SEVERITY_INFORMATION, SEVERITY_VIGILANCE, SEVERITY_DANGER)
EVENT_ACTIVE = "active"
EVENT_ENDED = "ended"
EVENT_STATUSES = (EVENT_ACTIVE, EVENT_ENDED)
WELFARE_FINE = "fine"
WELFARE_HELP = "help"
WELFARE_ANSWERS = (WELFARE_FINE, WELFARE_HELP)
# What Relais sends first. One outbox for all of it (relais/services/outbox.py).
OUTBOX_ALERT = "alert"
OUTBOX_WELFARE = "welfare"
OUTBOX_CHECKIN = "checkin"
OUTBOX_GRIEVANCE = "grievance"
OUTBOX_KINDS = (OUTBOX_ALERT, OUTBOX_WELFARE, OUTBOX_CHECKIN, OUTBOX_GRIEVANCE)
CHECKIN_WEEKLY = "weekly"
CHECKIN_AFTER_URGENCE = "after_urgence"
CHECKIN_URGENCE_NUDGE = "urgence_nudge"
CHECKIN_STAGES = (CHECKIN_WEEKLY, CHECKIN_AFTER_URGENCE, CHECKIN_URGENCE_NUDGE)


class AlertSubscription(Base):
    """A citizen's consent to territorial alerts, with the place they gave: its own consent,
    asked once, revocable with one word; independent of the coaching memory."""

    __tablename__ = "relais_alert_subscriptions"

    id: Mapped[int] = Column(Integer, primary_key=True)
    citizen_id: Mapped[int] = Column(Integer, _citizen_fk(), nullable=False, unique=True)
    postal_code: Mapped[str | None] = Column(String(5), nullable=True)
    departement: Mapped[str] = Column(String(3), nullable=False)
    # The citizen asked to be checked on after an alert (and their relais told if they are
    # silent): a second message, then a case.
    check_on_me: Mapped[bool] = Column(Boolean, nullable=False, default=False)
    # Local hours (Europe/Paris) between which only `danger` alerts are sent.
    quiet_from: Mapped[int] = Column(Integer, nullable=False, default=21)
    quiet_until: Mapped[int] = Column(Integer, nullable=False, default=8)
    subscribed_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)

    __table_args__ = (Index("ix_relais_alert_subscriptions_departement", "departement"),)


class TerritorialEvent(Base):
    """A disruption an operator declared for some départements: an alert goes to the citizens
    there who subscribed, their conversation switches to urgence for its scenario while it
    lasts, and a welfare check counts who answered."""

    __tablename__ = "relais_events"

    id: Mapped[int] = Column(Integer, primary_key=True)
    kind: Mapped[str] = Column(String(32), nullable=False)
    severity: Mapped[str] = Column(String(16), nullable=False)
    # The départements concerned, space-separated ("43 15"); looked up through the recipients.
    departements: Mapped[str] = Column(String(400), nullable=False)
    instructions: Mapped[str] = Column(Text, nullable=False)
    starts_at: Mapped[datetime] = Column(UTCDateTime, nullable=False)
    ends_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)
    status: Mapped[str] = Column(String(16), nullable=False, default=EVENT_ACTIVE)
    # The outbox priority of all its messages, from the severity it was declared with: an
    # update or the end never overtakes the alert in a citizen's chat.
    priority: Mapped[int] = Column(Integer, nullable=False)
    declared_by: Mapped[int | None] = Column(
        Integer, ForeignKey("relais_agents.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)
    updated_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)

    __table_args__ = (
        CheckConstraint(column("kind").in_(EVENT_KINDS), name="kind"),
        CheckConstraint(column("severity").in_(SEVERITIES), name="severity"),
        CheckConstraint(column("status").in_(EVENT_STATUSES), name="status"),
    )


class EventRecipient(Base):
    """A citizen an event's alert went to, and the welfare check: their answer (fine, or help
    with a track), whether they were asked again, whether their relais was told."""

    __tablename__ = "relais_event_recipients"

    id: Mapped[int] = Column(Integer, primary_key=True)
    event_id: Mapped[int] = Column(
        Integer, ForeignKey("relais_events.id", ondelete="CASCADE"), nullable=False)
    citizen_id: Mapped[int] = Column(Integer, _citizen_fk(), nullable=False, index=True)
    departement: Mapped[str] = Column(String(3), nullable=False)
    alerted_at: Mapped[datetime] = Column(UTCDateTime, nullable=False)
    answer: Mapped[str | None] = Column(String(8), nullable=True)
    help_track: Mapped[str | None] = Column(String(32), nullable=True)
    answered_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)
    reminded_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)
    relayed_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)

    __table_args__ = (
        UniqueConstraint("event_id", "citizen_id"),
        CheckConstraint(column("answer").in_(WELFARE_ANSWERS), name="answer"),
        # The welfare counts: per event and département, by answer.
        Index("ix_relais_event_recipients_event_dept_answer", "event_id", "departement", "answer"),
        # The observatory's refresh reads a period's alerts.
        Index("ix_relais_event_recipients_alerted_at", "alerted_at"),
    )


class CheckinPlan(Base):
    """When Relais checks on a citizen of its own accord: the next day after an urgence, then
    at the day and hour they chose (weekly). Paused or stopped with one word."""

    __tablename__ = "relais_checkin_plans"

    id: Mapped[int] = Column(Integer, primary_key=True)
    citizen_id: Mapped[int] = Column(Integer, _citizen_fk(), nullable=False, unique=True)
    weekday: Mapped[int] = Column(Integer, nullable=False)  # 0 Monday … 6 Sunday, local time
    hour: Mapped[int] = Column(Integer, nullable=False)
    next_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True, index=True)
    paused: Mapped[bool] = Column(Boolean, nullable=False, default=False)
    # The last check-in sent and not answered yet (None once the citizen wrote back).
    unanswered_since: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)
    # What the next due time is for (CHECKIN_STAGES): the weekly check-in; the one the day
    # after an urgence; a day later, a person offered if that one was left unanswered.
    stage: Mapped[str] = Column(String(16), nullable=False, default=CHECKIN_WEEKLY)

    __table_args__ = (CheckConstraint(column("stage").in_(CHECKIN_STAGES), name="stage"),)


class OutboxMessage(Base):
    """A message Relais sends first (an alert, a welfare question, a check-in, a unit's news),
    due at `due_at` (quiet hours applied when written). The Telegram edge claims due messages
    (FOR UPDATE SKIP LOCKED: several edges never claim one twice) and moves them into the
    chat's durable queue in the same transaction: nothing lost or sent twice across restarts."""

    __tablename__ = "relais_outbox"

    id: Mapped[int] = Column(Integer, primary_key=True)
    citizen_id: Mapped[int] = Column(Integer, _citizen_fk(), nullable=False, index=True)
    kind: Mapped[str] = Column(String(16), nullable=False)
    # Lower first: a danger alert before a unit's news.
    priority: Mapped[int] = Column(Integer, nullable=False, default=5)
    due_at: Mapped[datetime] = Column(UTCDateTime, nullable=False)
    # The messages (JSON list of replies as bot.conversation.Reply.to_dict gives them).
    replies: Mapped[str] = Column(Text, nullable=False)
    event_id: Mapped[int | None] = Column(
        Integer, ForeignKey("relais_events.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utc_now)

    __table_args__ = (
        CheckConstraint(column("kind").in_(OUTBOX_KINDS), name="kind"),
        Index("ix_relais_outbox_due", "due_at", "priority", "id"),
    )


# Rasa's SQL tracker store table, as Rasa 3.6 creates it (rasa.core.tracker_store.SQLEvent).
# NOT Relais' table: declared on its own MetaData, so Alembic never creates or drops it. Relais'
# services only read it (export, retention) and delete a sender's rows (erasure), when the table
# exists; Relais' tracker store (rasa_components/stores.py) reads and writes it for Rasa.
RASA_EVENTS = Table(
    "events",
    MetaData(),
    # Rasa's optional sequence: used only where Integer keys do not autoincrement (Oracle).
    Column("id", Integer, Sequence("events_seq", optional=True), primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)


def rasa_events_exist(session: Session) -> bool:
    """Whether Rasa's `events` table is there. Rasa creates it on its first start; before that
    (or with another tracker store) there is nothing of Rasa's to export, keep or erase."""
    return inspect(session.connection()).has_table(RASA_EVENTS.name)


OBSERVATORY_WEEK = "week"
OBSERVATORY_MONTH = "month"
OBSERVATORY_PERIODS = (OBSERVATORY_WEEK, OBSERVATORY_MONTH)


class ObservatoryCell(Base):
    """One published-to-be figure of the observatory: for a period (a week or a month, local
    time), a département and an indicator's key, how many distinct citizens it counts (what
    statistical secrecy is decided on), how many facts, and a sum (seconds waited, moods) for
    means. Refreshed from the other tables by relais.services.observatory; pages read only
    this table. No citizen in it."""

    __tablename__ = "relais_observatory_cells"

    id: Mapped[int] = Column(Integer, primary_key=True)
    period: Mapped[str] = Column(String(8), nullable=False)
    period_start: Mapped[date] = Column(Date, nullable=False)
    # "" for citizens whose département is not known.
    departement: Mapped[str] = Column(String(3), nullable=False)
    indicator: Mapped[str] = Column(String(24), nullable=False)
    key: Mapped[str] = Column(String(64), nullable=False)
    citizens: Mapped[int] = Column(Integer, nullable=False)
    facts: Mapped[int] = Column(Integer, nullable=False)
    total: Mapped[float] = Column(Float, nullable=False, default=0.0)

    __table_args__ = (
        CheckConstraint(column("period").in_(OBSERVATORY_PERIODS), name="period"),
        UniqueConstraint("period", "period_start", "departement", "indicator", "key"),
    )


class ObservatoryRefresh(Base):
    """When each period of the observatory was last computed: a period is computed again
    while it is not over (and once after), never after that."""

    __tablename__ = "relais_observatory_refreshes"

    id: Mapped[int] = Column(Integer, primary_key=True)
    period: Mapped[str] = Column(String(8), nullable=False)
    period_start: Mapped[date] = Column(Date, nullable=False)
    refreshed_at: Mapped[datetime] = Column(UTCDateTime, nullable=False)

    __table_args__ = (UniqueConstraint("period", "period_start"),)


class ObservatoryFigure(Base):
    """A figure of the observatory as published, for a period, a place (a département, a
    region as "region:<code>", the nation "FR", "" for no known département), an indicator
    and a key: the citizens it counts, or None where statistical secrecy hides it (its facts
    and sum then None too). Written by the refresh from the period's cells; the pages read
    these and nothing else."""

    __tablename__ = "relais_observatory_figures"

    id: Mapped[int] = Column(Integer, primary_key=True)
    period: Mapped[str] = Column(String(8), nullable=False)
    period_start: Mapped[date] = Column(Date, nullable=False)
    place: Mapped[str] = Column(String(16), nullable=False)
    indicator: Mapped[str] = Column(String(24), nullable=False)
    key: Mapped[str] = Column(String(64), nullable=False)
    citizens: Mapped[int | None] = Column(Integer, nullable=True)
    facts: Mapped[int | None] = Column(Integer, nullable=True)
    total: Mapped[float | None] = Column(Float, nullable=True)

    __table_args__ = (
        CheckConstraint(column("period").in_(OBSERVATORY_PERIODS), name="period"),
        # A page reads a period's figures of some places.
        UniqueConstraint("period", "period_start", "place", "indicator", "key"),
    )
