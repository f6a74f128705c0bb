"""The citizen's data rights: a copy of everything kept, and erasure after confirmation."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset
from rasa_sdk.executor import CollectingDispatcher

from actions.backend import backend
from actions.data_rights_text import export_summary, how_data_is_kept
from relais.conversation_contract import (
    CONSENT_SLOT,
    CONSENT_SLOT_UNKNOWN,
    DOCUMENT_KEY,
    ERASE_ACTION,
)
from relais.data_rights_words import SEE, asks_how_data_is_kept, data_request_in_words
from relais.services import StorageUnavailable
from relais.settings import load_settings


class ActionExporterDonnees(Action):
    """A readable summary in the chat, plus the full data as a JSON document; or, to « c'est
    stocké où et combien de temps ? », where, how long and who reads (then the consent question
    again while it is unanswered)."""

    responses = frozenset({"utter_stockage_indisponible", "utter_demande_consentement_court"})

    def name(self) -> str:
        return "action_exporter_donnees"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        if asks_how_data_is_kept(text) and data_request_in_words(text) != SEE:
            say_how_data_is_kept(dispatcher)
            if tracker.get_slot(CONSENT_SLOT) in (None, CONSENT_SLOT_UNKNOWN):
                dispatcher.utter_message(response="utter_demande_consentement_court")
            return []
        try:
            export = backend().data_rights.export(tracker.sender_id)
        except StorageUnavailable:
            dispatcher.utter_message(response="utter_stockage_indisponible")
            return []
        hours = load_settings().unrecorded_ttl_seconds // 3600
        dispatcher.utter_message(text=export_summary(export, forgotten_after_hours=hours))
        # The edge (terminal or Telegram) turns this into a file sent to the citizen.
        dispatcher.utter_message(json_message={DOCUMENT_KEY: {"filename": "mes-donnees-relais.json", "content": export}})
        return []


def say_how_data_is_kept(dispatcher: CollectingDispatcher) -> None:
    settings = load_settings()
    dispatcher.utter_message(text=how_data_is_kept(settings.unrecorded_ttl_seconds // 3600,
                                                   settings.retention_inactive_days))


class ActionEffacerDonnees(Action):
    """Erases the citizen's rows from every table. The conversation itself is deleted by the
    tracker store at the end of this turn (rasa_components/stores.py), not written back."""

    responses = frozenset({"utter_donnees_effacees", "utter_stockage_indisponible"})

    def name(self) -> str:
        return ERASE_ACTION

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        try:
            backend().data_rights.erase(tracker.sender_id)
        except StorageUnavailable:
            dispatcher.utter_message(response="utter_stockage_indisponible")
            return []
        dispatcher.utter_message(response="utter_donnees_effacees")
        return [AllSlotsReset()]
