"""The local relais team of the citizen, found from a postal code, and the help near them."""

import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.backend import directory
from actions.topic_replies import answer_typed_question, say_breakdown_number
from relais.crisis import crisis_content
from relais.directory import REASON_INSEE_CODE, REASON_UNKNOWN
from relais.form_answers import is_question
from relais.geography import departement_named, postal_code_for_departement
from relais.heat_words import speaks_of_heat
from relais.local_help import LocalHelp, local_help
from relais.text import normalise

# The form ends without a place: refused (help without it), or another question asked instead.
NOT_GIVEN, ASKED_ELSE = "non_donne", "autre_question"
QUESTION_WORDS = 4
WITHOUT_A_PLACE = (
    "D'accord, sans code postal. Près de chez vous, ces services publics aident gratuitement :\n"
    "• votre mairie et son CCAS : aides d'urgence, aide alimentaire, aides sociales ;\n"
    "• l'espace France Services le plus proche, pour vos démarches avec un conseiller : "
    "https://www.france-services.gouv.fr/ ;\n"
    "• le 3939 (Allô Service Public), pour vos droits et démarches.\n"
    "Vous pouvez aussi écrire « conseiller » : une personne de l'équipe relais vous répondra ici."
)
_DECLINES_A_PLACE = re.compile(
    r"\b(je (ne )?(donne|donnerai|veux|prefere|souhaite) (pas|plus|rien)|je prefere ne pas|pas de code postal|"
    r"sans (donner|mon) (mon |le )?code|(je )?refuse de (le )?donner|ca (ne )?vous regarde pas)\b")


def declines_to_give_a_place(text: str) -> bool:
    return bool(_DECLINES_A_PLACE.search(normalise(text)))


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
        text = str(value)
        lookup = directory().find_by_postal_code(text)
        if not lookup.found:
            # « Je suis dans la Creuse, c'est suffisant ? » (persona round 110: asked for five
            # digits three times): the département named is enough.
            named = departement_named(text)
            postal_code = postal_code_for_departement(named.code) if named else None
            if postal_code:
                lookup = directory().find_by_postal_code(postal_code)
                text = postal_code
        if lookup.found:
            return {"code_postal": text.strip()[:40], "relais": lookup.team.code}
        asks_else = is_question(text) and len(text.split()) > QUESTION_WORDS
        if asks_else:
            # Another question asked instead (a scam SMS, in persona round 110): answered when
            # a topic is sure of it, and the form ends rather than asking a third time.
            answer_typed_question(dispatcher, text, None, sure_only=True)
        if declines_to_give_a_place(text):
            # « Je ne veux pas donner mon code postal »: help without it, and the form ends.
            return {"code_postal": NOT_GIVEN, "relais": None}
        if asks_else:
            return {"code_postal": ASKED_ELSE, "relais": None}
        dispatcher.utter_message(response=ERROR_RESPONSES.get(lookup.reason, "utter_code_postal_format"))
        return {"code_postal": None, "relais": None}


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
        postal_code = tracker.get_slot("code_postal")
        if postal_code == NOT_GIVEN:
            dispatcher.utter_message(text=WITHOUT_A_PLACE)
            return [SlotSet("code_postal", None)]
        if postal_code == ASKED_ELSE:
            return [SlotSet("code_postal", None)]
        found = local_help(directory(), tracker.get_slot("relais"), postal_code)
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
