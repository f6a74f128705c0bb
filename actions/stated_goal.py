"""A goal the citizen states in their own words outside the offer (« mon objectif : semer des
radis ce week-end »): kept and confirmed, wherever the message lands (relais/goals.py)."""

from typing import Any

from rasa_sdk.events import SlotSet

from actions.backend import backend, record
from relais.conversation_contract import CONSENT_SLOT, CONSENT_SLOT_GIVEN
from relais.goals import asks_about_goal, stated_goal
from relais.services import StorageUnavailable

GOAL_KEPT = "utter_objectif_garde"
GOAL_NOT_KEPT = "utter_objectif_pas_garde"
NO_GOAL_YET = "utter_objectif_aucun"
GOAL_RESPONSES = frozenset({GOAL_KEPT, GOAL_NOT_KEPT, NO_GOAL_YET, "utter_stockage_indisponible"})


def keep_stated_goal(dispatcher, tracker) -> list[dict[str, Any]] | None:
    """The goal kept (when the citizen consented) and confirmed; None when the latest message
    states no goal."""
    text = tracker.latest_message.get("text") or ""
    goal = None if text.lstrip().startswith("/") else stated_goal(text)
    if goal is None:
        return None
    record(dispatcher, lambda: backend().progress.set_goal(tracker.sender_id, goal, track=tracker.get_slot("track")))
    # The response has a variant per consent (domain/psy_coach.yml); the goal is given as it is
    # not yet in the slot when the response is rendered.
    dispatcher.utter_message(response="utter_objectif_enregistre", objectif=goal)
    return [SlotSet("objectif", goal)]


def answer_goal_question(dispatcher, tracker) -> list[dict[str, Any]] | None:
    """« Vous avez gardé mon objectif ? »: the goal as kept, or why it is not; None when the
    latest message asks nothing of the kind."""
    text = tracker.latest_message.get("text") or ""
    if text.lstrip().startswith("/") or not asks_about_goal(text):
        return None
    said = tracker.get_slot("objectif")
    if tracker.get_slot(CONSENT_SLOT) != CONSENT_SLOT_GIVEN:
        # Nothing is kept without consent: the goal said in this conversation, not kept.
        dispatcher.utter_message(response=GOAL_NOT_KEPT if said else NO_GOAL_YET, objectif=said)
        return []
    try:
        goal = backend().progress.summary(tracker.sender_id).current_goal
    except StorageUnavailable:
        dispatcher.utter_message(response="utter_stockage_indisponible")
        return []
    if goal is None:
        dispatcher.utter_message(response=NO_GOAL_YET)
        return []
    dispatcher.utter_message(response=GOAL_KEPT, objectif=goal.text)
    return [SlotSet("objectif", goal.text)]
