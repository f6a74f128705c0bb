"""The conversation about what Relais sends first (issue #15): the territorial alert's buttons
(« j'ai besoin d'aide », « tout va bien »), subscribing with a postal code and the wish to be
checked on, stopping, asking whether one is subscribed; and the check-ins' plan (« pause
rappels », « un point chaque lundi à 18 h »). The decisions and texts are here; the action
(actions/alerts.py) renders the replies and keeps the state in its slot.
"""

from dataclasses import dataclass, field
from typing import Any

from relais import alert_words as words
from relais import checkins as checkin_rules
from relais.checkins import CheckinRequest, checkin_texts
from relais.events import event_texts, first_steps, local_moment, territory_label
from relais.models import WELFARE_FINE, WELFARE_HELP
from relais.services.checkins import CheckinService, NoConsent
from relais.services.events import EventService

STEP_KEY = "step"
CODE_KEY = "code"  # a postal code given before the offer of alerts
# The payload of the button « Oui, une personne »: the intent that opens a case.
PERSON_PAYLOAD = "/demander_humain"
NOT_NOW_PAYLOAD = words.payload(words.NOT_NOW)


@dataclass(frozen=True)
class Said:
    text: str
    buttons: tuple[tuple[str, str], ...] = ()


@dataclass
class AlertTurn:
    """What the turn says, and the state to keep (empty: nothing awaited)."""

    replies: list[Said] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)
    # The sub-topic (track/topic) whose urgence the conversation enters, if any.
    scenario: str | None = None


def alert_turn(events: EventService, sender: str, state: dict[str, Any], text: str,
               choice: str | None) -> AlertTurn:
    """Raises StorageUnavailable when the database cannot be reached."""
    if choice is not None:
        return _button(events, sender, choice)
    request = words.read_request(text)
    step = state.get(STEP_KEY)
    if request is None and step is not None and words.answers_step(step, text):
        if step == words.STEP_CURRENT_PLACE:
            return _current(events, sender, text)
        if step == words.STEP_OFFER:
            return _offer_answered(events, sender, state, text)
        return _answer_step(events, sender, step, text)
    if request == words.STOP:
        return _stop(events, sender)
    if request == words.STATUS:
        return _status(events, sender)
    if request == words.QUIET:
        return _quiet_hours(events, sender, text)
    if request == words.CURRENT:
        return _current(events, sender, text)
    return _subscribe(events, sender, text)


def _button(events: EventService, sender: str, choice: str) -> AlertTurn:
    texts = event_texts()
    if choice == words.FINE:
        events.answer(sender, WELFARE_FINE)
        return AlertTurn([Said(texts.texts["fine"])])
    if choice == words.NOT_NOW:
        return AlertTurn([Said(texts.texts["not_now"])])
    current = events.answer(sender, WELFARE_HELP)
    offer = (texts.buttons["person"], PERSON_PAYLOAD), (texts.buttons["not_now"], NOT_NOW_PAYLOAD)
    if current is None:  # the event ended meanwhile, or an old message's button
        return AlertTurn([Said(texts.texts["help_no_event"], offer)])
    return AlertTurn([Said(texts.texts["help"].format(label=current.label,
                                                     steps=first_steps(current.kind)), offer)],
                     scenario=current.topic_key)


def _subscribe(events: EventService, sender: str, text: str) -> AlertTurn:
    subscription = event_texts().subscription
    code = words.postal_code_in(text)
    if code is None:
        return AlertTurn([Said(subscription["offer"]), Said(subscription["ask_place"])],
                         {STEP_KEY: words.STEP_PLACE})
    return _subscribed(events, sender, code)


def _offer_answered(events: EventService, sender: str, state: dict[str, Any], text: str) -> AlertTurn:
    subscription = event_texts().subscription
    if words.says_no(text):
        return AlertTurn([Said(subscription["declined"])])
    code = words.postal_code_in(text) or state.get(CODE_KEY)
    if code is None:
        return AlertTurn([Said(subscription["ask_place"])], {STEP_KEY: words.STEP_PLACE})
    return _subscribed(events, sender, code)


def _subscribed(events: EventService, sender: str, code: str) -> AlertTurn:
    subscription = event_texts().subscription
    events.subscribe(sender, code)
    return AlertTurn([Said(subscription["done"].format(postal_code=code)),
                      Said(subscription["ask_check_on_me"], _yes_no())],
                     {STEP_KEY: words.STEP_CHECK_ON_ME})


def _answer_step(events: EventService, sender: str, step: str, text: str) -> AlertTurn:
    subscription = event_texts().subscription
    if step == words.STEP_PLACE:
        code = words.postal_code_in(text)
        if code is None:
            return AlertTurn([Said(subscription["declined"])])
        return _subscribed(events, sender, code)
    if words.says_no(text):
        return AlertTurn([Said(subscription["no_check_on_me"])])
    events.set_check_on_me(sender, True)
    return AlertTurn([Said(subscription["done_check_on_me"])])


def _stop(events: EventService, sender: str) -> AlertTurn:
    subscription = event_texts().subscription
    stopped = events.unsubscribe(sender)
    return AlertTurn([Said(subscription["stopped" if stopped else "not_subscribed"])])


def _quiet_hours(events: EventService, sender: str, text: str) -> AlertTurn:
    subscription = event_texts().subscription
    hours = words.quiet_hours_in(text)
    assert hours is not None  # read_request said QUIET
    current = events.set_quiet_hours(sender, *hours)
    if current is None:
        return AlertTurn([Said(subscription["quiet_not_subscribed"])])
    if current.quiet_from == current.quiet_until:
        return AlertTurn([Said(subscription["quiet_none"])])
    return AlertTurn([Said(subscription["quiet_set"].format(
        quiet_from=current.quiet_from, quiet_until=current.quiet_until))])


def _current(events: EventService, sender: str, text: str) -> AlertTurn:
    """The events under way where the message says, else where the citizen subscribed."""
    texts = event_texts()
    subscription = events.subscription_of(sender)
    departement = words.departement_in(text) or (subscription.departement if subscription else None)
    if departement is None:
        return AlertTurn([Said(texts.texts["current_ask_place"])], {STEP_KEY: words.STEP_CURRENT_PLACE})
    under_way = events.active_in(departement)
    if not under_way:
        said = [Said(texts.texts["current_none"].format(territory=territory_label((departement,))))]
        if subscription is not None:
            return AlertTurn(said)
        # The offer of alerts, for the postal code just given if there was one.
        said.append(Said(texts.texts["current_none_subscribe"], _yes_no()))
        return AlertTurn(said, {STEP_KEY: words.STEP_OFFER, CODE_KEY: words.postal_code_in(text)})
    said = [Said(texts.texts["current_one"].format(
        severity=texts.severities[event.severity], label=event.label,
        territory=territory_label(event.departements), since=local_moment(event.starts_at),
        instructions=event.instructions)) for event in under_way]
    said.append(Said(texts.texts["current_help"]))
    return AlertTurn(said)


def _status(events: EventService, sender: str) -> AlertTurn:
    subscription = event_texts().subscription
    current = events.subscription_of(sender)
    if current is None:
        return AlertTurn([Said(subscription["not_subscribed"])])
    return AlertTurn([Said(subscription["status"].format(
        postal_code=current.postal_code or current.departement,
        quiet_from=current.quiet_from, quiet_until=current.quiet_until,
        check_on_me=subscription["status_check_on_me" if current.check_on_me else "status_no_check"]))])


def _yes_no() -> tuple[tuple[str, str], ...]:
    # Typed-text payloads, read by relais.alert_words.answers_step like a typed answer.
    return (("Oui", "oui"), ("Non", "non"))


def checkin_turn(checkins: CheckinService, sender: str, request: CheckinRequest) -> AlertTurn:
    """« pause rappels », « reprendre les rappels », « stop rappels », « un point chaque lundi
    à 18 h », « quand est mon prochain point ? ». Raises StorageUnavailable."""
    texts = checkin_texts()
    if request.kind == checkin_rules.STOP:
        checkins.stop(sender)
        return AlertTurn([Said(texts.texts["stopped"])])
    if request.kind == checkin_rules.TOMORROW:
        planned = checkins.after_urgence(sender)
        return AlertTurn([Said(texts.texts["tomorrow" if planned else "tomorrow_not_planned"])])
    if request.kind == checkin_rules.CHOOSE:
        try:
            if request.in_days is not None:
                # « Dans 3 jours »: one point then, the weekly day kept.
                once = checkins.once_in(sender, request.in_days, request.hour)
                return AlertTurn([Said(texts.texts["once"].format(day=texts.day(once.weekday), hour=once.hour))])
            chosen = checkins.choose(sender, request.weekday, request.hour)
        except NoConsent:
            return AlertTurn([Said(texts.texts["needs_consent"])])
        return AlertTurn([Said(texts.texts["chosen"].format(day=texts.day(chosen.weekday), hour=chosen.hour))])
    change = {checkin_rules.PAUSE: checkins.pause, checkin_rules.RESUME: checkins.resume}.get(
        request.kind, checkins.plan)
    plan = change(sender)
    if plan is None:
        return AlertTurn([Said(texts.texts["no_plan"])])
    if request.kind == checkin_rules.PAUSE:
        return AlertTurn([Said(texts.texts["paused"])])
    if request.kind == checkin_rules.RESUME:
        return AlertTurn([Said(texts.texts["resumed"].format(day=texts.day(plan.weekday), hour=plan.hour))])
    return AlertTurn([Said(texts.texts["status"].format(
        day=texts.day(plan.weekday), hour=plan.hour,
        paused=texts.texts["status_paused"] if plan.paused else ""))])
