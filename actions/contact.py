"""The citizen's contact instructions (« pas après 19 h », « pas d'appel », « annulez ma
demande »): a thin adapter over relais.contact_wishes and the escalation service.

Run by rasa_components.contact_policy in any state. The instructions are kept in the `contact`
slot (so that a case opened later gets them) and on the active case (so that the coach's card
shows them and the desk holds a message against them). A withdrawal is confirmed first. A
request for a person said in the same message (« je voudrais parler à quelqu'un, mais pas le
week-end ») opens the case, with the instructions.
"""

import logging
from dataclasses import replace
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.backend import backend
from actions.dialogue_state import previous_action
from actions.escalation import open_case
from relais.contact_wishes import (
    ContactReading,
    ContactWishes,
    contact_texts,
    in_contact_context,
    read_contact,
    read_contact_wishes,
    withdrawal_answer,
)
from relais.conversation_contract import (
    CONTACT_ACTION,
    CONTACT_AWAITING_WITHDRAWAL_KEY,
    CONTACT_SLOT,
    CONTACT_WISHES_KEY,
    CRISIS_SLOT,
    ESCALATION_SLOT,
    PERSON_INTENT,
)
from relais.crisis import crisis_content
from relais.events import event_texts
from relais.person_request import declines_a_person
from relais.services import StorageUnavailable
from texts.contact_wishes import instructions_text

logger = logging.getLogger(__name__)



class ActionConsignesContact(Action):
    def name(self) -> str:
        return CONTACT_ACTION

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[dict[str, Any]]:
        state = dict(tracker.get_slot(CONTACT_SLOT) or {})
        text = tracker.latest_message.get("text") or ""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        answer = withdrawal_answer(text, intent)
        events: list[dict[str, Any]] = []
        if state.get(CONTACT_AWAITING_WITHDRAWAL_KEY) and previous_action(tracker) == CONTACT_ACTION and answer is not None:
            state[CONTACT_AWAITING_WITHDRAWAL_KEY] = False
            dispatcher.utter_message(text=self._withdrawal(tracker, answer))
        else:
            context = in_contact_context(state, tracker.get_slot(ESCALATION_SLOT), tracker.get_slot(CRISIS_SLOT))
            given = ContactWishes.from_json(state.get(CONTACT_WISHES_KEY)).has_instructions
            reading = read_contact(text, context, given)
            state, events = self._instructions(dispatcher, tracker, state, reading, intent, text)
        _ask_again(dispatcher, tracker, domain)
        return events + [SlotSet(CONTACT_SLOT, state)]

    def _instructions(self, dispatcher: CollectingDispatcher, tracker: Tracker, state: dict[str, Any],
                      reading: ContactReading, intent: str | None, text: str):
        texts = contact_texts()
        before = ContactWishes.from_json(state.get(CONTACT_WISHES_KEY))
        if reading.wishes.withdraw and read_contact_wishes(text).withdraw and (tracker.get_slot(CRISIS_SLOT) or {}).get("case"):
            # A crisis case withdrawn (« vous pouvez annuler ? si quelqu'un m'écrit ce soir et
            # qu'il voit… »): silent at once, whatever the answer to « vous voulez annuler ? »
            # (actions/crisis.py reads « annulez tout » in danger the same way). Only the case named
            # (« annulez ma demande »): « vous pouvez annuler ? » alone waits for the yes (review).
            reading = replace(reading, wishes=replace(reading.wishes, wait_for_me=True, discreet=True))
        kept = before.merged(reading.wishes, reading.lifted)
        changed = kept != before
        state[CONTACT_WISHES_KEY] = kept.to_json()
        events: list[dict[str, Any]] = []
        if intent == PERSON_INTENT and not reading.wishes.withdraw and not declines_a_person(text):
            events = open_case(dispatcher, tracker, "citizen_request", contact_wishes=kept)
        # Said again, an instruction gets what stands (it got silence: persona round of #15).
        if changed or reading.asks_noted or reading.wishes.has_instructions:
            dispatcher.utter_message(text=self._noted(tracker, kept, reading, changed))
            if reading.wishes.discreet and not before.discreet:
                dispatcher.utter_message(text=texts.citizen["erase_hint"])
        self._alert_quiet_hours(dispatcher, tracker, reading.wishes)
        if reading.wishes.withdraw:
            self._ask_withdrawal(dispatcher, tracker, state)
        return state, events

    def _alert_quiet_hours(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                           wishes: ContactWishes) -> None:
        """Hours given to the team hold for the territorial alerts too, when the citizen
        receives them (« pas de messages avant 9 h » from a subscriber was told that nobody
        writes first)."""
        if wishes.quiet_from is None and wishes.quiet_until is None:
            return
        try:
            current = backend().events.set_quiet_hours(tracker.sender_id, wishes.quiet_from,
                                                       wishes.quiet_until)
        except (StorageUnavailable, ValueError):
            logger.warning("Quiet hours of the alerts not recorded")
            return
        if current is not None and current.quiet_from != current.quiet_until:
            dispatcher.utter_message(text=event_texts().subscription["quiet_set_alerts"].format(
                quiet_from=current.quiet_from, quiet_until=current.quiet_until))

    def _noted(self, tracker: Tracker, kept: ContactWishes, reading: ContactReading,
               changed: bool) -> str:
        texts = contact_texts()
        try:
            case = backend().escalation.add_contact_wishes(tracker.sender_id, reading.wishes,
                                                           reading.lifted) if changed \
                else backend().escalation.active_case(tracker.sender_id)
        except StorageUnavailable:
            logger.warning("Contact instructions not recorded: storage unavailable")
            return texts.citizen["not_saved"]
        if case is not None:
            kept = case.contact_wishes  # what the team sees, instructions told to a coach too
        if not kept.has_instructions:
            # « Quelqu'un va m'écrire ? » with a case open (a crisis one too, persona round 90:
            # « rien n'est noté » to a man told « dossier n° 2 » minutes before): the case stands.
            return texts.citizen["case_pending"].format(case=case.id) if case is not None \
                else texts.citizen["nothing_noted"]
        instructions = instructions_text(kept, who="citizen")
        if case is None:
            key = "noted_for_later"
        else:
            # A check without a change (« quelqu'un va m'écrire avant 18 h ? ») gets what stands.
            key = "noted_on_case" if changed else "still_noted"
        return texts.citizen[key].format(instructions=instructions)

    def _ask_withdrawal(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                        state: dict[str, Any]) -> None:
        texts = contact_texts()
        try:
            active = backend().escalation.active_case(tracker.sender_id)
        except StorageUnavailable:
            logger.warning("Withdrawal not read: storage unavailable")
            dispatcher.utter_message(text=texts.citizen["not_saved"])
            return
        if active is None:
            dispatcher.utter_message(text=texts.citizen["nothing_to_withdraw"])
            return
        state[CONTACT_AWAITING_WITHDRAWAL_KEY] = True
        dispatcher.utter_message(text=texts.citizen["withdraw_question"], buttons=[
            {"title": texts.citizen["withdraw_yes"], "payload": "/affirm"},
            {"title": texts.citizen["withdraw_no"], "payload": "/deny"},
        ])

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
        crisis = tracker.get_slot(CRISIS_SLOT) or {}
        if case.crisis_kind or crisis.get("open"):
            # The team no longer writes; the numbers stay true.
            reminder = crisis_content().kind(case.crisis_kind or crisis.get("kind") or "").reminder
            return texts.citizen["withdrawn"] + " " + reminder
        return texts.citizen["withdrawn"]


def _ask_again(dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> None:
    """Inside a form, its question again: the next message answers it."""
    requested: str | None = tracker.get_slot("requested_slot")
    response = f"utter_ask_{requested}"
    if tracker.active_loop.get("name") and requested and response in (domain.get("responses") or {}):
        dispatcher.utter_message(response=response)
