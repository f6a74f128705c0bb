"""Welcome of a returning citizen and the consent answer."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

GIVING_INTENTS = ("consentir", "affirm")


class ActionAccueilRetour(Action):
    """Greets a citizen who already answered the consent question, recalling their goal."""

    responses = frozenset({"utter_retour_objectif", "utter_bon_retour", "utter_menu"})

    def name(self) -> Text:
        return "action_accueil_retour"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        if tracker.get_slot("objectif"):
            dispatcher.utter_message(response="utter_retour_objectif")
        else:
            dispatcher.utter_message(response="utter_bon_retour")
            dispatcher.utter_message(response="utter_menu")
        return []


class ActionEnregistrerConsentement(Action):
    """Records the citizen's answer to the consent request (given or refused)."""

    responses = frozenset({"utter_consentement_merci", "utter_consentement_refuse", "utter_menu"})

    def name(self) -> Text:
        return "action_enregistrer_consentement"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        consent = "donne" if intent in GIVING_INTENTS else "refuse"
        dispatcher.utter_message(
            response="utter_consentement_merci" if consent == "donne" else "utter_consentement_refuse"
        )
        dispatcher.utter_message(response="utter_menu")
        return [SlotSet("consentement", consent)]
