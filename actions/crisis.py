"""The crisis dialogue's action: a thin adapter over relais.crisis_dialogue.

Reads the message's triage (added by the CrisisGuard NLU component), asks the domain for the
turn, keeps the dialogue's state in the `crisis` slot, opens, raises or closes the case, and
renders the lines with their buttons. Runs before consent and inside any form (it ends the
form: a crisis comes first).
"""

import logging
from dataclasses import replace
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.backend import backend
from actions.dialogue_state import earlier_texts, previous_action, wishes_of
from actions.escalation import ActionEscalader
from relais.contact_wishes import ContactWishes, contact_texts, in_contact_context, read_contact
from relais.conversation_contract import (
    CONTACT_ACTION,
    CONTACT_SLOT,
    CONTACT_WISHES_KEY,
    CRISIS_ACTION,
    CRISIS_SLOT,
    ESCALATION_SLOT,
    FIRST_REPLY_SENT,
    PERSON_INTENT,
    TRACK_ACTION,
    TRIAGE_KEY,
)
from relais.crisis import MEDICAL, crisis_content
from relais.crisis_dialogue import (
    ASIDE_KEY,
    CASE_FALSE_ALARM,
    CASE_OPEN,
    CASE_RAISE,
    MINOR_KEY,
    CitizenMessage,
    CrisisTurn,
    continues_dialogue,
    next_turn,
)
from relais.health_worry import heat_illness_is_serious, tells_heat_illness
from relais.heat_words import speaks_of_heat
from relais.safety import CERTAIN, Triage, carbon_monoxide_in_context, minor_in_conversation, triage
from relais.services import StorageUnavailable
from texts.contact_wishes import instructions_text

logger = logging.getLogger(__name__)


class ActionCrise(Action):
    def name(self) -> str:
        return CRISIS_ACTION

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[dict[str, Any]]:
        message = citizen_message(tracker)
        crisis = tracker.get_slot(CRISIS_SLOT) or {}
        if message.triage.tier != CERTAIN and not crisis.get("open") and not crisis.get("carbon_monoxide") \
                and carbon_monoxide_in_context(message.text, earlier_texts(tracker)):
            # A fire indoors told before, signs of poisoning now (rasa_components/crisis_policy.py
            # gave this message the floor): the carbon monoxide emergency.
            message = replace(message, triage=Triage(CERTAIN, MEDICAL))
            crisis = {**crisis, "carbon_monoxide": True}
        if not crisis.get("heat") and any(speaks_of_heat(t) for t in earlier_texts(tracker)[-HEAT_MESSAGES:]):
            # The heat wave told earlier makes the writer's own signs a heat illness's
            # (persona round 110: « j'ai vomi, je me sens confuse » got « si c'est fort »).
            crisis = {**crisis, "heat": True}
        if minor_in_conversation(message.text, earlier_texts(tracker)):
            # « J'ai 16 ans », « je suis au lycée », said now or before: violence at home is a
            # child's, answered with the 119 (relais/crisis_dialogue.py).
            crisis = {**crisis, MINOR_KEY: True}
        turn = next_turn(crisis, message, continues_dialogue(previous_action(tracker, skip=CONTACT_ACTION), crisis))
        if turn is None:
            # The policy only calls this action for the crisis dialogue; if the state says
            # otherwise, the safe answer is still the first reply.
            turn = next_turn(None, CitizenMessage(message.text, message.intent, Triage(CERTAIN, message.triage.kind)))
        state = {**turn.state, ASIDE_KEY: False}
        # Contact instructions said with a crisis (« il lit mes messages, ne m'appelez pas »)
        # are kept as if said on their own (actions/contact.py).
        told, lifted = _told(tracker, message.text)
        kept = wishes_of(tracker).merged(told, lifted)
        # The numbers first; a question (with its buttons) last.
        noted = _noted(tracker, told, lifted, turn)
        lines = noted + list(turn.lines) if turn.ask_yes_no else list(turn.lines) + noted
        lines = _heat_illness_first(tracker, message.text, turn) + lines
        lines += _case_lines(tracker, turn, state, kept)
        _render(dispatcher, lines, turn)
        events: list[dict[str, Any]] = [SlotSet(CRISIS_SLOT, state)] + _escalation_slot(tracker, crisis, state)
        if told.has_instructions or lifted:
            contact = dict(tracker.get_slot(CONTACT_SLOT) or {})
            events.append(SlotSet(CONTACT_SLOT, {**contact, CONTACT_WISHES_KEY: kept.to_json()}))
        if tracker.active_loop.get("name"):
            events += [ActiveLoop(None), SlotSet("requested_slot", None)]
        if turn.then_track:
            events.append(FollowupAction(TRACK_ACTION))
        if turn.then_erasure:
            # « Supprimez mes données » in a violence dialogue: the data rights' confirmation
            # (data/rules/data_rights.yml erases on its yes).
            events.append(FollowupAction(ERASURE_CONFIRMATION))
        if turn.then_person:
            # « Non, mais je voudrais parler à un humain »: the team's answer to a request for
            # a person (actions/escalation.py), in this turn, as if asked alone.
            events += ActionEscalader().run(dispatcher, tracker, domain)
        return events


def _heat_illness_first(tracker: Tracker, text: str | None, turn: Any) -> list[str]:
    """Signs of heat illness told inside a dialogue about something else (persona round 111: a
    widow alone at 31 °C, dizzy and never thirsty, got sleep advice and the safety plan): what to
    do now, and when it is the 15's, before the dialogue's own lines."""
    if turn.kind == MEDICAL:
        return []
    earlier = earlier_texts(tracker)[-HEAT_MESSAGES:]
    if not tells_heat_illness(text, earlier):
        return []
    key = "heat_illness_now" if heat_illness_is_serious(text, earlier) else "heat_illness"
    return [crisis_content().text(key)]


ERASURE_CONFIRMATION = "utter_confirmer_oubli"
# The citizen's messages read for a heat wave told before (as actions/heat_illness.py).
HEAT_MESSAGES = 10


def _escalation_slot(tracker: Tracker, before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """The crisis case is the conversation's case too: « quelqu'un va m'écrire ? » is answered
    from it (persona round 90: « rien n'est noté » after « dossier n° 2 »)."""
    current = tracker.get_slot(ESCALATION_SLOT)
    if after.get("case") and str(after["case"]) != current:
        return [SlotSet(ESCALATION_SLOT, str(after["case"]))]
    if before.get("case") and not after.get("case") and current == str(before["case"]):
        return [SlotSet(ESCALATION_SLOT, None)]  # closed as a false alarm
    return []


def citizen_message(tracker: Tracker) -> CitizenMessage:
    parse = tracker.latest_message or {}
    crisis = parse.get(TRIAGE_KEY)
    text = parse.get("text") or ""
    intent = (parse.get("intent") or {}).get("name")
    if crisis is None:
        # A button's payload skips NLU: no triage, the dialogue reads the intent.
        result = triage(text) if text and not text.startswith("/") else Triage()
    else:
        result = Triage(crisis.get("tier"), crisis.get("kind"))
    metadata = parse.get("metadata") or {}
    return CitizenMessage(text=text if not text.startswith("/") else "", intent=intent,
                          triage=result, first_reply_sent=bool(metadata.get(FIRST_REPLY_SENT)),
                          intent_confidence=float((parse.get("intent") or {}).get("confidence") or 0.0))


def _told(tracker: Tracker, text: str) -> tuple[ContactWishes, frozenset]:
    """The contact instructions of a crisis message, and those it lifts. « Annulez tout » in
    danger (« il arrive, il va voir ») is read as « go silent »: nobody writes first, discreet
    messages; the case stays, for the person to withdraw it calmly later."""
    context = in_contact_context(tracker.get_slot(CONTACT_SLOT), tracker.get_slot(ESCALATION_SLOT),
                                 tracker.get_slot(CRISIS_SLOT))
    reading = read_contact(text, context)
    told = reading.wishes
    if told.withdraw:
        told = replace(told, withdraw=False, wait_for_me=True, discreet=True)
    return told, reading.lifted


def _noted(tracker: Tracker, told: ContactWishes, lifted: frozenset, turn: CrisisTurn) -> list[str]:
    """A short line for contact instructions said with a crisis, kept on an active case
    (a case this turn opens gets them from _case_lines)."""
    if not (told.has_instructions or lifted):
        return []
    if turn.case not in (CASE_OPEN, CASE_RAISE):
        try:
            backend().escalation.add_contact_wishes(tracker.sender_id, told, lifted)
        except StorageUnavailable:
            logger.warning("Contact instructions not recorded: storage unavailable")
    texts = contact_texts()
    if not told.has_instructions:
        return []
    return [texts.citizen["noted_short"].format(
        instructions=instructions_text(told, who="citizen"))]


def _case_lines(tracker: Tracker, turn: CrisisTurn, state: dict[str, Any],
                contact_wishes: ContactWishes) -> list[str]:
    """Open, raise or close the case as the turn says; what to tell the citizen about it."""
    content = crisis_content()
    escalation = backend().escalation
    sender = tracker.sender_id
    try:
        if turn.case in (CASE_OPEN, CASE_RAISE):
            case = escalation.open_case(sender, "crisis", relais_code=tracker.get_slot("relais"),
                                        crisis_kind=turn.kind, contact_wishes=contact_wishes)
            told = state.get("case") == case.id
            state["case"] = case.id
            if turn.case == CASE_RAISE and told:
                escalation.raise_alert(sender, detail=turn.kind or "")
            if not told:
                key = "case_opened_silent" if contact_wishes.wait_for_me \
                    else "case_opened_discreet" if contact_wishes.discreet else "case_opened"
                return [content.text(key).format(case=case.id)]
        elif turn.case == CASE_FALSE_ALARM and state.get("case"):
            escalation.close_false_alarm(sender, int(state["case"]))
            state["case"] = None
    except StorageUnavailable:
        logger.warning("Crisis case not recorded: storage unavailable")
        if turn.case in (CASE_OPEN, CASE_RAISE):
            reminder = content.kind(turn.kind or "").reminder
            return [content.text("case_impossible").format(reminder=reminder)]
    return []


def _render(dispatcher: CollectingDispatcher, lines: list[str], turn: CrisisTurn) -> None:
    content = crisis_content()
    buttons: list[dict[str, str]] = []
    if turn.ask_yes_no:
        labels = content.dialogue["question_buttons"]
        assert isinstance(labels, dict)
        buttons = [{"title": labels["oui"], "payload": "/affirm"},
                   {"title": labels["non"], "payload": "/deny"}]
    elif turn.offer_person:
        buttons = [{"title": content.text("person_button"), "payload": f"/{PERSON_INTENT}"}]
    for number, line in enumerate(lines):
        last = number == len(lines) - 1
        dispatcher.utter_message(text=line, buttons=buttons if last and buttons else None)
