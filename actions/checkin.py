"""Psy-coach phase continu: the check-in (mood, what was done), its summary, and goals."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from relais.coaching import clean_answer
from relais.mood import mood_band, parse_mood

NOTHING_DONE = "rien"


class ValidateCheckinForm(FormValidationAction):
    responses = frozenset({"utter_humeur_non_comprise"})

    def name(self) -> Text:
        return "validate_checkin_form"

    def validate_humeur(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        mood = parse_mood(str(value))
        if mood is None:
            dispatcher.utter_message(response="utter_humeur_non_comprise")
            return {"humeur": None}
        return {"humeur": str(mood)}

    def validate_fait_recemment(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return {"fait_recemment": clean_answer(str(value)) or NOTHING_DONE}


class ActionCheckinBilan(Action):
    """Answers the check-in according to the mood and what was done, then clears it for next time."""

    responses = frozenset(
        {f"utter_bilan_humeur_{band}" for band in ("basse", "moyenne", "haute")}
        | {"utter_bilan_rien", "utter_bilan_fait", "utter_bilan_objectif"}
    )

    def name(self) -> Text:
        return "action_checkin_bilan"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        mood = parse_mood(tracker.get_slot("humeur")) or 3
        dispatcher.utter_message(response=f"utter_bilan_humeur_{mood_band(mood)}")
        done = tracker.get_slot("fait_recemment")
        dispatcher.utter_message(response="utter_bilan_rien" if done in (None, NOTHING_DONE) else "utter_bilan_fait")
        if tracker.get_slot("objectif"):
            dispatcher.utter_message(response="utter_bilan_objectif")
        return [SlotSet("humeur", None), SlotSet("fait_recemment", None)]


class ActionPreparerObjectif(Action):
    """Clears the previous goal so that the goal form asks for a new one."""

    def name(self) -> Text:
        return "action_preparer_objectif"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        return [SlotSet("objectif", None)]
