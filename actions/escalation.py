"""Escalation to a human coach of the local relais. Every case is asked for by the citizen (a
request for a person, or a yes to the offer after two misunderstandings) except a certain
crisis (action_crise: vital interest). Opening a case is idempotent: one active case per
citizen."""

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.backend import backend
from actions.dialogue_state import wishes_of
from relais.contact_wishes import ContactWishes, contact_texts
from relais.conversation_contract import ESCALATION_SLOT, PERSON_INTENT
from relais.crisis import crisis_content
from relais.health_worry import worries_about_health
from relais.person_request import (
    asks_about_the_case,
    asks_about_the_team,
    asks_for_a_person,
    declines_a_person,
)
from relais.services import StorageUnavailable
from relais.text import normalise

# A crisis is not here: action_crise opens its case (actions/crisis.py). A misunderstanding is
# not a reason on its own either: after two, action_fallback asks, and only a yes opens a case.
REASON_BY_INTENT = {
    PERSON_INTENT: "citizen_request",
    "affirm": "citizen_request",
}


def open_case(dispatcher: CollectingDispatcher, tracker: Tracker, reason: str,
              contact_wishes: ContactWishes | None = None) -> list[dict[str, Any]]:
    """Open (or find) the citizen's case and tell them what happens next. The contact
    instructions given in the conversation (`contact_wishes` when this turn gives more) are
    kept on it."""
    wishes = wishes_of(tracker) if contact_wishes is None else contact_wishes
    try:
        case = backend().escalation.open_case(tracker.sender_id, reason, relais_code=tracker.get_slot("relais"),
                                              contact_wishes=wishes)
    except StorageUnavailable:
        # Never leave a citizen believing a human was alerted when no case could be opened.
        dispatcher.utter_message(response="utter_escalade_impossible")
        return []
    case_id = str(case.id)
    if case.crisis_kind:
        # A priority case of a crisis: « dès que possible » and the kind's numbers, never « dans
        # la demi-journée » and the 112 alone (persona round 99: after thoughts of suicide).
        dispatcher.utter_message(text=crisis_content().text("case_crisis_follows_up").format(
            escalation=case_id, reminder=crisis_content().kind(case.crisis_kind).reminder))
    elif tracker.get_slot("phase") == "urgence":
        # An urgence under way (alone in the cold, no water, a flood): not « dans la
        # demi-journée » alone (persona round 102: a woman of 81 alone at 14 °C at night).
        dispatcher.utter_message(text=crisis_content().text("case_urgence_follows_up").format(escalation=case_id))
    else:
        dispatcher.utter_message(response="utter_escalade_demande", escalation=case_id)
    return [SlotSet(ESCALATION_SLOT, case_id)]




def _active_case_id(sender: str) -> str | None:
    """The citizen's case as the database has it: a crisis case is opened by the crisis
    dialogue, not through the escalation slot."""
    try:
        case = backend().escalation.active_case(sender)
    except StorageUnavailable:
        return None
    return str(case.id) if case is not None else None


def _active_crisis_kind(sender: str) -> str | None:
    """The crisis kind of the citizen's active case, None when it is no crisis case."""
    try:
        case = backend().escalation.active_case(sender)
    except StorageUnavailable:
        return None
    return case.crisis_kind if case is not None else None


NOT_A_REQUEST = "utter_humain_pas_demande"


class ActionEscalader(Action):
    responses = frozenset({"utter_escalade_demande", "utter_escalade_impossible", NOT_A_REQUEST,
                           "utter_equipe_suivi", "utter_equipe_presentation"})

    def name(self) -> str:
        return "action_escalader"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        # The model's reading is not enough: a refusal, or someone of the citizen's own life,
        # is not a request (relais/person_request.py). Nothing goes to the team.
        text = tracker.latest_message.get("text") or ""
        if declines_a_person(text):
            dispatcher.utter_message(response=NOT_A_REQUEST)
            return []
        if not asks_for_a_person(text):
            # « La personne va quand même m'écrire ? »: a question about the team, answered,
            # no case opened (persona round 108: right after everything was erased).
            answered = answer_team_question(dispatcher, tracker)
            if answered is not None:
                return answered
        events = open_case(dispatcher, tracker, escalation_reason(tracker))
        if worries_about_health(text):
            # The team answers in hours; a worry about a baby's health at night needs the 15
            # now (persona round 16: only « dans la demi-journée » and the 112).
            dispatcher.utter_message(text=crisis_content().text("health_signs"))
        return events


def escalation_reason(tracker: Tracker) -> str:
    intent: str | None = (tracker.latest_message.get("intent") or {}).get("name")
    return REASON_BY_INTENT.get(intent, "citizen_request")


TEAM_FOLLOWS_UP = "utter_equipe_suivi"
TEAM_PRESENTED = "utter_equipe_presentation"


def answer_team_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]] | None:
    """« La personne va m'écrire ici ? »: what happens with the citizen's case, or who the team
    is and how to reach it. None when the message asks nothing of the kind."""
    text = tracker.latest_message.get("text") or ""
    case = tracker.get_slot(ESCALATION_SLOT) or _active_case_id(tracker.sender_id)
    if case and asks_about_the_case(text):
        crisis_kind = _active_crisis_kind(tracker.sender_id)
        if crisis_kind:
            # A crisis case is no request to withdraw in a word: what it is, and the numbers.
            dispatcher.utter_message(text=crisis_content().text("case_crisis_explained").format(
                escalation=case, reminder=crisis_content().kind(crisis_kind).reminder))
        else:
            dispatcher.utter_message(text=crisis_content().text("case_explained").format(escalation=case))
        return []
    if not asks_about_the_team(text):
        return None
    crisis_kind = _active_crisis_kind(tracker.sender_id) if case else None
    if case and crisis_kind:
        dispatcher.utter_message(text=crisis_content().text("case_crisis_follows_up").format(
            escalation=case, reminder=crisis_content().kind(crisis_kind).reminder))
    elif case:
        dispatcher.utter_message(response=TEAM_FOLLOWS_UP, escalation=case)
    elif _WILL_WRITE.search(normalise(text)):
        # No case: nobody will write (persona round 108: asked right after an erasure, a new
        # case was opened instead).
        dispatcher.utter_message(text=contact_texts().citizen["nothing_to_withdraw"])
    else:
        dispatcher.utter_message(response=TEAM_PRESENTED)
    return []


# « Elle va quand même m'écrire ? » (after an erasure or a withdrawal): whether someone will
# still write, not who the team is.
_WILL_WRITE = re.compile(r"\b(va|vont|doit|doivent|pourra|allez) (quand meme|encore|toujours|malgre tout) "
                         r"(m'ecrire|me contacter|me recontacter|me repondre|m'appeler|me rappeler)\b")
