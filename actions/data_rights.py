"""The citizen's data rights: a copy of everything kept, and erasure after confirmation."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset
from rasa_sdk.executor import CollectingDispatcher

from actions.backend import backend
from actions.data_rights_text import export_summary
from relais.conversation_contract import DOCUMENT_KEY, ERASE_ACTION
from relais.services import StorageUnavailable
from relais.settings import load_settings


class ActionExporterDonnees(Action):
    """A readable summary in the chat, plus the full data as a JSON document."""

    responses = frozenset({"utter_stockage_indisponible"})

    def name(self) -> str:
        return "action_exporter_donnees"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
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
