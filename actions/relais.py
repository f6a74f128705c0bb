"""The local relais team of the citizen, found from a postal code, and the help near them."""

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.backend import directory
from actions.topic_replies import say_breakdown_number
from relais.crisis import crisis_content
from relais.directory import REASON_INSEE_CODE, REASON_UNKNOWN
from relais.heat_words import speaks_of_heat
from relais.local_help import LocalHelp, local_help

ERROR_RESPONSES = {
    REASON_UNKNOWN: "utter_code_postal_inconnu",
    REASON_INSEE_CODE: "utter_code_postal_insee",
}


class ValidateRelaisForm(FormValidationAction):
    """Accepts a postal code that leads to a relais team; explains what is wrong otherwise."""

    responses = frozenset({"utter_code_postal_format", *ERROR_RESPONSES.values()})

    def name(self) -> str:
        return "validate_relais_form"

    def validate_code_postal(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        lookup = directory().find_by_postal_code(str(value))
        if not lookup.found:
            dispatcher.utter_message(response=ERROR_RESPONSES.get(lookup.reason, "utter_code_postal_format"))
            return {"code_postal": None, "relais": None}
        return {"code_postal": str(value).strip()[:40], "relais": lookup.team.code}


class ActionTrouverRelais(Action):
    """Presents the help near the citizen: their relais team's real contact or, while its entry
    is sample data, the public services of their place (never a placeholder)."""

    responses = frozenset({
        "utter_relais_trouve",
        "utter_relais_services_locaux",
        "utter_relais_services_locaux_sans_prefecture",
    })

    def name(self) -> str:
        return "action_trouver_relais"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        found = local_help(directory(), tracker.get_slot("relais"), tracker.get_slot("code_postal"))
        if found is not None:
            _present(dispatcher, found)
        # « Mon relais 87100 » right after advice on a power cut: the breakdown number too.
        say_breakdown_number(dispatcher, tracker)
        if any(speaks_of_heat(text) for text in recent_citizen_texts(tracker)):
            # « Quelqu'un pourrait passer me voir ? » in a heat wave (persona round 99: « l'équipe
            # ne se déplace pas »): the town's heat-wave register calls and visits.
            dispatcher.utter_message(text=crisis_content().text("heat_visits"))
        # Cleared so that the next request asks again (the citizen may have moved).
        return [SlotSet("code_postal", None)]


# The citizen's latest messages read for the heat (« 39 degrés chez moi » said before the request).
RECENT_CITIZEN_MESSAGES = 6


def recent_citizen_texts(tracker: Tracker) -> list[str]:
    return [e.get("text") or "" for e in tracker.events if e.get("event") == "user"][-RECENT_CITIZEN_MESSAGES:]


def _present(dispatcher: CollectingDispatcher, found: LocalHelp) -> None:
    if found.team_contact:
        dispatcher.utter_message(
            response="utter_relais_trouve", relais_nom=found.team.name, relais_contact=found.team_contact
        )
    elif found.prefecture:
        dispatcher.utter_message(
            response="utter_relais_services_locaux",
            departement_nom=found.prefecture.departement_name,
            prefecture_ville=found.prefecture.town,
        )
    else:
        dispatcher.utter_message(response="utter_relais_services_locaux_sans_prefecture")
