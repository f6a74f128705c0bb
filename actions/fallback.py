"""What Relais says when it does not understand: buttons first; the second time in a row, the
offer of a person (a button). A misunderstanding never opens a case by itself: the team would
get the citizen's words without the citizen asking for it."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

FALLBACK_ACTION = "action_fallback"
# Actions that run around every turn and say nothing about understanding.
_NEUTRAL_ACTIONS = {"action_listen", "action_extract_slots", "action_session_start", FALLBACK_ACTION}


def consecutive_fallbacks(events: List[Dict[Text, Any]]) -> int:
    """How many turns in a row, just before this one, ended in a fallback."""
    count = 0
    for event in reversed(events):
        if event.get("event") != "action":
            continue
        name = event.get("name")
        if name == FALLBACK_ACTION:
            count += 1
        elif name not in _NEUTRAL_ACTIONS:
            break
    return count


class ActionFallback(Action):
    responses = frozenset({"utter_default", "utter_fallback_humain"})

    def name(self) -> Text:
        return FALLBACK_ACTION

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        # The second misunderstanding in a row offers a person; after that, the same offer again
        # would only add noise.
        if consecutive_fallbacks(tracker.events) == 1:
            dispatcher.utter_message(response="utter_fallback_humain")
            return []
        dispatcher.utter_message(response="utter_default")
        return []
