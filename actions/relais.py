"""The local relais team of the citizen, found from a postal code."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.backend import directory
from relais.directory import REASON_INSEE_CODE, REASON_UNKNOWN

ERROR_RESPONSES = {
    REASON_UNKNOWN: "utter_code_postal_inconnu",
    REASON_INSEE_CODE: "utter_code_postal_insee",
}


class ValidateRelaisForm(FormValidationAction):
    """Accepts a postal code that leads to a relais team; explains what is wrong otherwise."""

    responses = frozenset({"utter_code_postal_format", *ERROR_RESPONSES.values()})

    def name(self) -> Text:
        return "validate_relais_form"

    def validate_code_postal(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        lookup = directory().find_by_postal_code(str(value))
        if not lookup.found:
            dispatcher.utter_message(response=ERROR_RESPONSES.get(lookup.reason, "utter_code_postal_format"))
            return {"code_postal": None, "relais": None}
        return {"code_postal": str(value).strip()[:40], "relais": lookup.team.code}


class ActionTrouverRelais(Action):
    """Presents the relais team found by the form (name, territory, contact)."""

    responses = frozenset({"utter_relais_trouve"})

    def name(self) -> Text:
        return "action_trouver_relais"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        team = directory().find_by_code(tracker.get_slot("relais"))
        if team is None:
            return [SlotSet("code_postal", None)]
        dispatcher.utter_message(
            response="utter_relais_trouve", relais_nom=team.name, relais_contact=team.contact
        )
        # Cleared so that the next request asks again (the citizen may have moved).
        return [SlotSet("code_postal", None)]
