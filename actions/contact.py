"""The citizen's contact instructions (« pas après 19 h », « pas d'appel », « annulez ma
demande »): a thin adapter over relais.contact_wishes and the escalation service.

Run by rasa_components.contact_policy in any state. The instructions are kept in the `contact`
slot (so that a case opened later gets them) and on the active case (so that the coach's card
shows them and the desk holds a message against them). A withdrawal is confirmed first.
"""

import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.backend import backend
from actions.dialogue_state import CONTACT_ACTION, CONTACT_SLOT, WISHES_KEY, previous_action
from relais.contact_wishes import ContactWishes, contact_texts, read_contact_wishes, withdrawal_answer
from relais.crisis import crisis_content
from relais.services import StorageUnavailable

logger = logging.getLogger(__name__)

AWAITING_KEY = "awaiting_withdrawal"


class ActionConsignesContact(Action):
    def name(self) -> Text:
        return CONTACT_ACTION

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        state = dict(tracker.get_slot(CONTACT_SLOT) or {})
        text = tracker.latest_message.get("text") or ""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        answer = withdrawal_answer(text, intent)
        if state.get(AWAITING_KEY) and previous_action(tracker) == CONTACT_ACTION and answer is not None:
            state[AWAITING_KEY] = False
            dispatcher.utter_message(text=self._withdrawal(tracker, answer))
        else:
            state = self._instructions(dispatcher, tracker, state, read_contact_wishes(text))
        _ask_again(dispatcher, tracker, domain)
        return [SlotSet(CONTACT_SLOT, state)]

    def _instructions(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      state: Dict[str, Any], wishes: ContactWishes) -> Dict[str, Any]:
        texts = contact_texts()
        escalation = backend().escalation
        if wishes.has_instructions:
            kept = ContactWishes.from_json(state.get(WISHES_KEY)).merged(wishes)
            state[WISHES_KEY] = kept.to_json()
            dispatcher.utter_message(text=self._noted(tracker, kept))
            if wishes.discreet:
                dispatcher.utter_message(text=texts.citizen["erase_hint"])
        if wishes.withdraw:
            try:
                active = escalation.active_case(tracker.sender_id)
            except StorageUnavailable:
                active = None
                logger.warning("Withdrawal not read: storage unavailable")
            if active is None:
                dispatcher.utter_message(text=texts.citizen["nothing_to_withdraw"])
            else:
                state[AWAITING_KEY] = True
                dispatcher.utter_message(text=texts.citizen["withdraw_question"], buttons=[
                    {"title": texts.citizen["withdraw_yes"], "payload": "/affirm"},
                    {"title": texts.citizen["withdraw_no"], "payload": "/deny"},
                ])
        return state

    def _noted(self, tracker: Tracker, kept: ContactWishes) -> str:
        texts = contact_texts()
        instructions = " ; ".join(texts.instructions_fr(kept, who="citizen"))
        try:
            case = backend().escalation.add_contact_wishes(tracker.sender_id, kept)
        except StorageUnavailable:
            logger.warning("Contact instructions not recorded: storage unavailable")
            return texts.citizen["not_saved"]
        key = "noted_on_case" if case is not None else "noted_for_later"
        return texts.citizen[key].format(instructions=instructions)

    def _withdrawal(self, tracker: Tracker, withdraw: bool) -> str:
        texts = contact_texts()
        if not withdraw:
            return texts.citizen["kept"]
        try:
            case = backend().escalation.withdraw(tracker.sender_id)
        except StorageUnavailable:
            logger.warning("Withdrawal not recorded: storage unavailable")
            return texts.citizen["not_saved"]
        if case is None:
            return texts.citizen["nothing_to_withdraw"]
        crisis = tracker.get_slot("crisis") or {}
        if case.crisis_kind or crisis.get("open"):
            # The team no longer writes; the numbers stay true.
            reminder = crisis_content().kind(case.crisis_kind or crisis.get("kind") or "").reminder
            return texts.citizen["withdrawn"] + " " + reminder
        return texts.citizen["withdrawn"]


def _ask_again(dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> None:
    """Inside a form, its question again: the next message answers it."""
    requested: Optional[str] = tracker.get_slot("requested_slot")
    response = f"utter_ask_{requested}"
    if tracker.active_loop.get("name") and requested and response in (domain.get("responses") or {}):
        dispatcher.utter_message(response=response)
