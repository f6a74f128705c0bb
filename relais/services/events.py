"""Territorial events in the database (issue #15): the citizens' subscriptions to alerts, the
events operators declare, the alerts written to the outbox, and the welfare check.

Declaring an event writes, in one transaction, the event, one recipient row per subscribed
citizen of its départements and one alert per recipient in the durable outbox: an event exists
if and only if its alerts are on their way. Updates and the end are announced the same way.
The welfare check reads the recipients: who answered (fine, or help with which track), who is
silent; `follow_up_silent` writes the second message to silent citizens who asked for it, and
then opens a case for their relais.
"""

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from relais import alert_words
from relais import events as rules
from relais.database import SessionFactory
from relais.directory import RelaisDirectory, extract_postal_code, postal_code_to_departement
from relais.models import (
    ACTIVE_CASE_STATUSES,
    CASE_OPEN,
    CASE_PRIORITY,
    EVENT_ACTIVE,
    EVENT_ENDED,
    EVENT_KINDS,
    OUTBOX_ALERT,
    OUTBOX_WELFARE,
    SEVERITIES,
    WELFARE_ANSWERS,
    WELFARE_FINE,
    WELFARE_HELP,
    AgentAudit,
    AlertSubscription,
    Case,
    EventRecipient,
    TerritorialEvent,
    utc_now,
)
from relais.services import outbox
from relais.services.citizens import (
    check_conversation_id,
    find_citizen,
    get_or_create_citizen,
    note_departement,
)
from relais.services.unit_of_work import run_in_transaction
from relais.tracks import TRACKS

WELFARE_REASON = "welfare_check"
# The alert's buttons (relais.alert_words reads them back when tapped).
NEED_HELP_PAYLOAD = alert_words.payload(alert_words.NEED_HELP)
FINE_PAYLOAD = alert_words.payload(alert_words.FINE)


@dataclass(frozen=True)
class EventDraft:
    kind: str
    severity: str
    departements: tuple[str, ...]
    instructions: str
    starts_at: datetime | None = None  # now when not given
    ends_at: datetime | None = None


@dataclass(frozen=True)
class EventView:
    id: int
    kind: str
    label: str
    severity: str
    departements: tuple[str, ...]
    instructions: str
    starts_at: datetime
    ends_at: datetime | None
    status: str
    alerted: int


@dataclass(frozen=True)
class WelfareCount:
    """The welfare check of one département of an event."""

    departement: str
    alerted: int
    fine: int
    help: int
    wrote: int  # answered in their own words, neither button
    silent: int
    reminded: int
    relayed: int
    help_by_track: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class CitizenEvent:
    """The event a citizen was alerted to and that still lasts: what the conversation follows."""

    event_id: int
    kind: str
    label: str
    severity: str
    topic_key: str
    track: str
    territory: str
    answer: str | None
    instructions: str = ""  # the operator's, as last updated


@dataclass(frozen=True)
class Subscription:
    postal_code: str | None
    departement: str
    check_on_me: bool
    quiet_from: int = rules.DEFAULT_QUIET_FROM  # local hours; nothing but danger inside
    quiet_until: int = rules.DEFAULT_QUIET_UNTIL


class EventService:
    def __init__(self, session_factory: SessionFactory, directory: RelaisDirectory | None = None,
                 clock: Callable[[], datetime] = utc_now):
        self._session_factory = session_factory
        self._directory = directory
        self._clock = clock

    # --- the citizen's subscription ------------------------------------------------------

    def subscribe(self, conversation_id: str, postal_code: str,
                  check_on_me: bool | None = None) -> Subscription:
        """Subscribe (or move) the citizen to the alerts of their postal code. ValueError when
        it is not a postal code."""
        conversation_id = check_conversation_id(conversation_id)
        code, _reason = extract_postal_code(postal_code)
        if code is None:
            raise ValueError("not a postal code")

        def work(session: Session) -> Subscription:
            now = self._clock()
            citizen = get_or_create_citizen(session, conversation_id, now)
            row = _subscription(session, citizen.id)
            if row is None:
                row = AlertSubscription(citizen_id=citizen.id, subscribed_at=now, check_on_me=False)
                session.add(row)
            row.postal_code = code
            row.departement = postal_code_to_departement(code)
            note_departement(citizen, row.departement)
            if check_on_me is not None:
                row.check_on_me = check_on_me
            session.flush()
            self._alert_of_events_under_way(session, row, now)
            return _subscription_view(row)

        return run_in_transaction(self._session_factory, work)

    def _alert_of_events_under_way(self, session: Session, row: AlertSubscription,
                                   now: datetime) -> None:
        """A citizen who subscribes while an event lasts in their département gets its alert
        at once (and counts in its welfare check), as if they had been there when declared."""
        known = select(EventRecipient.event_id).where(EventRecipient.citizen_id == row.citizen_id)
        under_way = session.scalars(
            select(TerritorialEvent).where(TerritorialEvent.status == EVENT_ACTIVE,
                                           TerritorialEvent.id.not_in(known))
            .order_by(TerritorialEvent.id)
        ).all()
        for event in under_way:
            departements = tuple(event.departements.split())
            if row.departement not in departements:
                continue
            at = rules.send_at(now, event.severity, *_quiet(row))
            session.add(EventRecipient(event_id=event.id, citizen_id=row.citizen_id,
                                       departement=row.departement, alerted_at=at))
            text = rules.alert_text(event.kind, event.severity, departements, event.instructions,
                                    self._relais_contact(row.postal_code))
            outbox.write(session, [outbox.Outgoing(
                citizen_id=row.citizen_id, kind=OUTBOX_ALERT, event_id=event.id,
                priority=event.priority, due_at=at,
                replies=[outbox.reply(text, _alert_buttons(), silent=rules.is_silent(event.severity))],
            )], now)

    def set_check_on_me(self, conversation_id: str, check_on_me: bool) -> Subscription | None:
        def work(session: Session) -> Subscription | None:
            citizen = find_citizen(session, check_conversation_id(conversation_id))
            row = _subscription(session, citizen.id) if citizen else None
            if row is None:
                return None
            row.check_on_me = check_on_me
            return _subscription_view(row)

        return run_in_transaction(self._session_factory, work)

    def set_quiet_hours(self, conversation_id: str, quiet_from: int | None,
                        quiet_until: int | None) -> Subscription | None:
        """The citizen's quiet hours (local, 0-23; None keeps that end as it is); None when
        not subscribed. ValueError on an hour out of range."""
        for hour in (quiet_from, quiet_until):
            if hour is not None and not 0 <= hour <= 23:
                raise ValueError(f"not an hour: {hour}")

        def work(session: Session) -> Subscription | None:
            citizen = find_citizen(session, check_conversation_id(conversation_id))
            row = _subscription(session, citizen.id) if citizen else None
            if row is None:
                return None
            current_from, current_until = _quiet(row)
            row.quiet_from = current_from if quiet_from is None else quiet_from
            row.quiet_until = current_until if quiet_until is None else quiet_until
            return _subscription_view(row)

        return run_in_transaction(self._session_factory, work)

    def unsubscribe(self, conversation_id: str) -> bool:
        """Stop the alerts and forget the place given for them; False when not subscribed."""

        def work(session: Session) -> bool:
            citizen = find_citizen(session, check_conversation_id(conversation_id))
            row = _subscription(session, citizen.id) if citizen else None
            if row is None:
                return False
            session.delete(row)
            return True

        return run_in_transaction(self._session_factory, work)

    def subscription_of(self, conversation_id: str) -> Subscription | None:
        def work(session: Session) -> Subscription | None:
            citizen = find_citizen(session, check_conversation_id(conversation_id))
            row = _subscription(session, citizen.id) if citizen else None
            return _subscription_view(row) if row else None

        return run_in_transaction(self._session_factory, work)

    # --- the operators' events -----------------------------------------------------------

    def declare(self, draft: EventDraft, agent_id: int | None = None) -> EventView:
        """Declare an event and write its alerts. EventError when the draft is not valid."""
        if draft.kind not in EVENT_KINDS:
            raise rules.EventError(f"Type d'événement inconnu : {draft.kind}.")
        if draft.severity not in SEVERITIES:
            raise rules.EventError(f"Niveau inconnu : {draft.severity}.")
        departements = rules.clean_departements(draft.departements)
        instructions = rules.clean_instructions(draft.instructions)
        if draft.ends_at is not None and draft.ends_at.tzinfo is None:
            raise rules.EventError("La fin prévue doit donner son fuseau horaire.")
        if draft.ends_at is not None and draft.ends_at <= (draft.starts_at or self._clock()):
            raise rules.EventError("La fin prévue est déjà passée : corrigez-la ou laissez-la vide.")

        def work(session: Session) -> EventView:
            now = self._clock()
            event = TerritorialEvent(
                kind=draft.kind, severity=draft.severity, departements=" ".join(departements),
                instructions=instructions, starts_at=draft.starts_at or now, ends_at=draft.ends_at,
                status=EVENT_ACTIVE, priority=rules.PRIORITY[draft.severity],
                declared_by=agent_id, created_at=now, updated_at=now)
            session.add(event)
            session.flush()
            subscribers = session.execute(
                select(AlertSubscription.citizen_id, AlertSubscription.departement,
                       AlertSubscription.postal_code, AlertSubscription.quiet_from,
                       AlertSubscription.quiet_until)
                .where(AlertSubscription.departement.in_(departements))
                .order_by(AlertSubscription.id)
            ).all()
            # When each alert leaves (quiet hours): the welfare follow-up counts from then.
            due = [rules.send_at(now, draft.severity, row.quiet_from, row.quiet_until)
                   for row in subscribers]
            if subscribers:
                session.execute(insert(EventRecipient), [
                    {"event_id": event.id, "citizen_id": row.citizen_id,
                     "departement": row.departement, "alerted_at": at}
                    for row, at in zip(subscribers, due)
                ])
            texts: dict[str | None, str] = {}
            messages = []
            for row, at in zip(subscribers, due):
                contact = self._relais_contact(row.postal_code)
                if contact not in texts:
                    texts[contact] = rules.alert_text(
                        draft.kind, draft.severity, departements, instructions, contact)
                messages.append(outbox.Outgoing(
                    citizen_id=row.citizen_id, kind=OUTBOX_ALERT, event_id=event.id,
                    priority=event.priority, due_at=at,
                    replies=[outbox.reply(texts[contact], _alert_buttons(),
                                          silent=rules.is_silent(draft.severity))]))
            outbox.write(session, messages, now)
            _audit(session, agent_id, "event_declared", event, now)
            return _view(event, len(subscribers))

        return run_in_transaction(self._session_factory, work)

    def update(self, event_id: int, instructions: str, severity: str | None = None,
               agent_id: int | None = None) -> EventView:
        """Announce new instructions (and maybe a new severity) to the event's recipients.
        LookupError when there is no such active event."""
        instructions = rules.clean_instructions(instructions)
        if severity is not None and severity not in SEVERITIES:
            raise rules.EventError(f"Niveau inconnu : {severity}.")

        def work(session: Session) -> EventView:
            event = _active_event(session, event_id)
            event.severity = severity or event.severity
            event.instructions = instructions
            event.updated_at = self._clock()
            departements = tuple(event.departements.split())
            text = rules.update_text(event.kind, event.severity, departements, instructions)
            _audit(session, agent_id, "event_updated", event, event.updated_at)
            return self._announce(session, event, text)

        return run_in_transaction(self._session_factory, work)

    def end(self, event_id: int, instructions: str = "", agent_id: int | None = None) -> EventView:
        """End the event and tell its recipients. LookupError when there is no such active event;
        EventError when the last message is too long."""
        if len(instructions or "") > rules.MAX_INSTRUCTIONS:
            raise rules.EventError(f"Le message de fin dépasse {rules.MAX_INSTRUCTIONS} caractères.")

        def work(session: Session) -> EventView:
            event = _active_event(session, event_id)
            now = self._clock()
            event.status = EVENT_ENDED
            event.ends_at = now
            event.updated_at = now
            text = rules.ended_text(event.kind, tuple(event.departements.split()),
                                    (instructions or "").strip())
            _audit(session, agent_id, "event_ended", event, now)
            return self._announce(session, event, text, ending=True)

        return run_in_transaction(self._session_factory, work)

    def _announce(self, session: Session, event: TerritorialEvent, text: str,
                  ending: bool = False) -> EventView:
        now = self._clock()
        recipients = session.execute(
            select(EventRecipient.citizen_id, AlertSubscription.quiet_from,
                   AlertSubscription.quiet_until)
            .outerjoin(AlertSubscription, AlertSubscription.citizen_id == EventRecipient.citizen_id)
            .where(EventRecipient.event_id == event.id)
            .order_by(EventRecipient.id)
        ).all()
        severity = None if ending else event.severity  # the end rings no one at night
        outbox.write(session, [outbox.Outgoing(
            citizen_id=row.citizen_id, kind=OUTBOX_ALERT, event_id=event.id,
            priority=event.priority, due_at=rules.send_at(now, severity, *_quiet(row)),
            replies=[outbox.reply(text, silent=rules.is_silent(severity))],
        ) for row in recipients], now)
        return _view(event, len(recipients))

    def event(self, event_id: int) -> EventView | None:
        def work(session: Session) -> EventView | None:
            event = session.get(TerritorialEvent, event_id)
            return _view(event, _alerted(session, event.id)) if event else None

        return run_in_transaction(self._session_factory, work)

    def events(self, departements: tuple[str, ...] | None = None, limit: int = 50) -> list[EventView]:
        """The latest events touching these départements (None: all), active first."""

        def work(session: Session) -> list[EventView]:
            rows = session.scalars(
                select(TerritorialEvent)
                .order_by(TerritorialEvent.status, TerritorialEvent.created_at.desc(),
                          TerritorialEvent.id.desc())
            ).all()
            wanted = [row for row in rows if departements is None
                      or set(row.departements.split()) & set(departements)][:limit]
            return [_view(row, _alerted(session, row.id)) for row in wanted]

        return run_in_transaction(self._session_factory, work)

    def active_in(self, departement: str) -> list[EventView]:
        """The events under way in one département (« y a-t-il une alerte ? »)."""
        return [view for view in self.events((departement,)) if view.status == EVENT_ACTIVE]

    def welfare(self, event_id: int, departements: tuple[str, ...] | None = None) -> list[WelfareCount]:
        """The welfare check per département (those given, or all of the event's)."""

        def work(session: Session) -> list[WelfareCount]:
            query = (
                select(EventRecipient.departement, EventRecipient.answer,
                       EventRecipient.help_track,
                       func.count().label("n"),
                       func.count(EventRecipient.answered_at).label("answered"),
                       func.count(EventRecipient.reminded_at).label("reminded"),
                       func.count(EventRecipient.relayed_at).label("relayed"))
                .where(EventRecipient.event_id == event_id)
                .group_by(EventRecipient.departement, EventRecipient.answer,
                          EventRecipient.help_track)
            )
            if departements is not None:
                query = query.where(EventRecipient.departement.in_(departements))
            return _welfare_counts(session.execute(query).all())

        return run_in_transaction(self._session_factory, work)

    # --- the citizen's side of an event --------------------------------------------------

    def event_for(self, conversation_id: str) -> CitizenEvent | None:
        """The latest active event the citizen was alerted to, if any."""

        def work(session: Session) -> CitizenEvent | None:
            found = _latest_recipient(session, conversation_id)
            return _citizen_event(*found) if found else None

        return run_in_transaction(self._session_factory, work)

    def answer(self, conversation_id: str, answer: str, track: str | None = None) -> CitizenEvent | None:
        """Record the citizen's answer to the latest active alert (fine, or help with a track:
        the event's when not given); None when no active alert went to them."""
        if answer not in WELFARE_ANSWERS or (track is not None and track not in TRACKS):
            raise ValueError(f"unknown answer {answer!r} / track {track!r}")

        def work(session: Session) -> CitizenEvent | None:
            found = _latest_recipient(session, conversation_id)
            if found is None:
                return None
            recipient, event = found
            recipient.answer = answer
            recipient.help_track = (track or rules.track_of(event.kind)) if answer == WELFARE_HELP else None
            recipient.answered_at = self._clock()
            return _citizen_event(recipient, event)

        return run_in_transaction(self._session_factory, work)

    def note_reply(self, conversation_id: str, text: str = "") -> None:
        """The citizen wrote after an alert: not silent any more. A short message that says
        all is well (« ça va, on gère ») counts as « Tout va bien »; other words go to the
        conversation, and only a button says help."""

        def work(session: Session) -> None:
            found = _latest_recipient(session, conversation_id)
            if found is None:
                return
            recipient = found[0]
            if recipient.answered_at is None:
                recipient.answered_at = self._clock()
            if recipient.answer is None and alert_words.says_fine(text):
                recipient.answer = WELFARE_FINE

        run_in_transaction(self._session_factory, work)

    # --- the follow-up of silent citizens --------------------------------------------------

    def follow_up_silent(self, limit: int = 500) -> tuple[int, int]:
        """Citizens who asked to be checked on and are silent: a second message after
        REMIND_AFTER, then a case for their relais after RELAY_AFTER. (reminded, relayed)."""

        def work(session: Session) -> tuple[int, int]:
            now = self._clock()
            base = (
                select(EventRecipient, TerritorialEvent, AlertSubscription)
                .join(TerritorialEvent, TerritorialEvent.id == EventRecipient.event_id)
                .join(AlertSubscription, AlertSubscription.citizen_id == EventRecipient.citizen_id)
                .where(TerritorialEvent.status == EVENT_ACTIVE,
                       AlertSubscription.check_on_me.is_(True),
                       EventRecipient.answered_at.is_(None))
                .order_by(EventRecipient.id).limit(limit)
            )
            to_remind = session.execute(base.where(
                EventRecipient.reminded_at.is_(None),
                EventRecipient.alerted_at <= now - rules.REMIND_AFTER)).all()
            outbox.write(session, [outbox.Outgoing(
                citizen_id=recipient.citizen_id, kind=OUTBOX_WELFARE, event_id=event.id,
                priority=rules.PRIORITY_WELFARE, due_at=rules.send_at(now, None, *_quiet(sub)),
                replies=[outbox.reply(rules.reminder_text(event.kind), _alert_buttons(),
                                      silent=False)],
            ) for recipient, event, sub in to_remind], now)
            for recipient, _event, _sub in to_remind:
                recipient.reminded_at = now
            to_relay = session.execute(base.where(
                EventRecipient.relayed_at.is_(None),
                EventRecipient.reminded_at <= now - rules.RELAY_AFTER)).all()
            for recipient, _event, sub in to_relay:
                self._open_welfare_case(session, recipient.citizen_id, sub.postal_code, now)
                recipient.relayed_at = now
            return len(to_remind), len(to_relay)

        return run_in_transaction(self._session_factory, work)

    def _open_welfare_case(self, session: Session, citizen_id: int, postal_code: str | None,
                           now: datetime) -> None:
        """A case for the citizen's relais, unless one is under way (a coach already follows)."""
        active = session.scalar(select(Case.id).where(
            Case.citizen_id == citizen_id, Case.status.in_(ACTIVE_CASE_STATUSES)))
        if active is not None:
            return
        team = self._directory.find_by_postal_code(postal_code).team if self._directory else None
        session.add(Case(citizen_id=citizen_id, reason=WELFARE_REASON,
                         priority=CASE_PRIORITY[WELFARE_REASON], status=CASE_OPEN,
                         relais_code=team.code if team else None, opened_at=now))

    def _relais_contact(self, postal_code: str | None) -> str | None:
        if self._directory is None or not postal_code:
            return None
        team = self._directory.find_by_postal_code(postal_code).team
        if team is None or team.sample or not team.contact:
            return None
        return f"{team.name} — {team.contact}"


def _audit(session: Session, agent_id: int | None, action: str, event: TerritorialEvent,
           now: datetime) -> None:
    """The agents' audit (a CLI run has no agent: the audit says so by its empty agent)."""
    session.add(AgentAudit(agent_id=agent_id, action=action, at=now,
                           detail=f"event {event.id} {event.kind} {event.severity} {event.departements}"))


def _alert_buttons() -> list[tuple[str, str]]:
    buttons = rules.event_texts().buttons
    return [(buttons["need_help"], NEED_HELP_PAYLOAD), (buttons["fine"], FINE_PAYLOAD)]


def _quiet(row: object) -> tuple[int, int]:
    quiet_from = getattr(row, "quiet_from", None)
    quiet_until = getattr(row, "quiet_until", None)
    if quiet_from is None or quiet_until is None:  # unsubscribed since: the defaults
        return rules.DEFAULT_QUIET_FROM, rules.DEFAULT_QUIET_UNTIL
    return quiet_from, quiet_until


def _subscription(session: Session, citizen_id: int) -> AlertSubscription | None:
    return session.scalars(
        select(AlertSubscription).where(AlertSubscription.citizen_id == citizen_id)
    ).one_or_none()


def _subscription_view(row: AlertSubscription) -> Subscription:
    quiet_from, quiet_until = _quiet(row)
    return Subscription(postal_code=row.postal_code, departement=row.departement,
                        check_on_me=row.check_on_me, quiet_from=quiet_from, quiet_until=quiet_until)


def _active_event(session: Session, event_id: int) -> TerritorialEvent:
    event = session.get(TerritorialEvent, event_id, with_for_update=True)
    if event is None or event.status != EVENT_ACTIVE:
        raise LookupError(f"no active event {event_id}")
    return event


def _alerted(session: Session, event_id: int) -> int:
    return int(session.scalar(select(func.count()).select_from(EventRecipient)
                              .where(EventRecipient.event_id == event_id)) or 0)


def _view(event: TerritorialEvent, alerted: int) -> EventView:
    return EventView(
        id=event.id, kind=event.kind, label=rules.event_texts().label(event.kind),
        severity=event.severity, departements=tuple(event.departements.split()),
        instructions=event.instructions, starts_at=event.starts_at, ends_at=event.ends_at,
        status=event.status, alerted=alerted)


def _latest_recipient(session: Session, conversation_id: str
                      ) -> tuple[EventRecipient, TerritorialEvent] | None:
    citizen = find_citizen(session, check_conversation_id(conversation_id))
    if citizen is None:
        return None
    row = session.execute(
        select(EventRecipient, TerritorialEvent)
        .join(TerritorialEvent, TerritorialEvent.id == EventRecipient.event_id)
        .where(EventRecipient.citizen_id == citizen.id, TerritorialEvent.status == EVENT_ACTIVE)
        .order_by(EventRecipient.alerted_at.desc(), EventRecipient.id.desc())
        .limit(1)
    ).one_or_none()
    return (row[0], row[1]) if row else None


def _citizen_event(recipient: EventRecipient, event: TerritorialEvent) -> CitizenEvent:
    texts = rules.event_texts()
    return CitizenEvent(
        event_id=event.id, kind=event.kind, label=texts.label(event.kind), severity=event.severity,
        topic_key=texts.topic_key(event.kind), track=rules.track_of(event.kind),
        territory=rules.territory_label(tuple(event.departements.split())),
        answer=recipient.answer, instructions=event.instructions)


def _welfare_counts(rows: Sequence[Row]) -> list[WelfareCount]:
    per: dict[str, Counter[str]] = {}
    tracks: dict[str, Counter[str]] = {}
    for departement, answer, track, n, answered, reminded, relayed in rows:
        counts = per.setdefault(departement, Counter())
        counts["alerted"] += n
        if answer:
            counts[answer] += n
        else:
            counts["wrote"] += answered
            counts["silent"] += n - answered
        counts["reminded"] += reminded
        counts["relayed"] += relayed
        if answer == WELFARE_HELP and track:
            tracks.setdefault(departement, Counter())[track] += n
    return [WelfareCount(
        departement=code, alerted=c["alerted"], fine=c["fine"], help=c["help"],
        wrote=c["wrote"], silent=c["silent"], reminded=c["reminded"], relayed=c["relayed"],
        help_by_track=dict(tracks.get(code, Counter())),
    ) for code, c in sorted(per.items())]

