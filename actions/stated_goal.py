"""A goal the citizen states in their own words outside the offer (« mon objectif : semer des
radis ce week-end »): kept and confirmed, wherever the message lands (relais/goals.py)."""

from typing import Any

from rasa_sdk.events import SlotSet

from actions.backend import backend, record
from relais.goals import stated_goal


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
