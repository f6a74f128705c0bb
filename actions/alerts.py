"""Territorial alerts in the conversation (issue #15): renders relais.alert_dialogue's turn
and keeps its state in the `alertes` slot. Predicted by the AlertPolicy
(rasa_components/alert_policy.py)."""

import logging
from collections.abc import Sequence
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.backend import backend, record
from actions.stated_goal import keep_stated_goal
from relais.alert_dialogue import alert_turn, checkin_turn
from relais.alert_words import button_choice
from relais.checkins import checkin_texts
from relais.checkins import read_request as read_checkin_request
from relais.contact_wishes import may_write_first
from relais.conversation_contract import (
    ALERT_ACTION,
    ALERT_SLOT,
    CONTACT_SLOT,
    CRISIS_SLOT,
)
from relais.events import event_texts
from relais.services import StorageUnavailable
from relais.services.events import CitizenEvent
from relais.track_turn import ANSWER

logger = logging.getLogger(__name__)

UNAVAILABLE = ("Je n'arrive pas à enregistrer cela pour le moment. Réessayez dans quelques "
               "minutes ; en cas de danger, appelez le 112.")


MENTIONED_KEY = "mentioned"
# The event whose general first steps the conversation was given (actions/tracks.py).
STEPS_GIVEN_KEY = "event_steps"


def active_event(sender: str) -> CitizenEvent | None:
    """The territorial event the citizen was alerted to and that still lasts; None too when
    the database cannot be reached (the answer goes on without the mention)."""
    try:
        return backend().events.event_for(sender)
    except StorageUnavailable:
        logger.warning("Active event not read: storage unavailable")
        return None


def _state(tracker: Tracker, so_far: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The slot as this turn left it so far, else as the tracker has it."""
    for event in reversed(so_far):
        if event.get("event") == "slot" and event.get("name") == ALERT_SLOT:
            return dict(event.get("value") or {})
    return dict(tracker.get_slot(ALERT_SLOT) or {})


def mention_event(dispatcher: CollectingDispatcher, tracker: Tracker,
                  current: CitizenEvent | None) -> list[dict[str, Any]]:
    """« Rappel : alerte … en cours », once per event in a conversation, before the answer."""
    state = dict(tracker.get_slot(ALERT_SLOT) or {})
    if current is None or state.get(MENTIONED_KEY) == current.event_id:
        return []
    dispatcher.utter_message(text=event_texts().texts["reminder_of_event"].format(
        label=current.label, territory=current.territory))
    return [SlotSet(ALERT_SLOT, {**state, MENTIONED_KEY: current.event_id})]


def say_event_instructions(dispatcher: CollectingDispatcher, tracker: Tracker,
                           current: CitizenEvent) -> list[dict[str, Any]]:
    """Before the scenario's general steps: the event and what the authorities said (the
    persona round of issue #15: « où trouver de l'eau ? » got « demandez en mairie » when the
    alert named the distribution point). It stands for the mention of the event."""
    dispatcher.utter_message(text=event_texts().texts["official_instructions"].format(
        label=current.label, territory=current.territory, instructions=current.instructions))
    state = dict(tracker.get_slot(ALERT_SLOT) or {})
    if state.get(MENTIONED_KEY) == current.event_id:
        return []
    return [SlotSet(ALERT_SLOT, {**state, MENTIONED_KEY: current.event_id})]


PLANNED_KEY = "checkin_planned"


def plan_check_in_after_urgence(dispatcher: CollectingDispatcher, tracker: Tracker,
                                so_far: Sequence[dict[str, Any]] = ()) -> list[dict[str, Any]]:
    """After an urgence's first steps: a check-in tomorrow (with consent, unless paused), said
    once in the conversation. `so_far`: the events of this turn (the slot may be set there).
    Never on a phone someone else reads (persona round 95: « je reviendrai vers vous demain » to
    a woman whose partner checks her phone, after « personne doit m'écrire »)."""
    if not may_write_first(tracker.get_slot(CONTACT_SLOT), tracker.get_slot(CRISIS_SLOT)):
        return []
    try:
        planned = backend().checkins.after_urgence(tracker.sender_id)
    except StorageUnavailable:
        return []
    state = _state(tracker, so_far)
    if not planned or state.get(PLANNED_KEY):
        return []
    dispatcher.utter_message(text=checkin_texts().texts["planned_after_urgence"])
    return [SlotSet(ALERT_SLOT, {**state, PLANNED_KEY: True})]


class ActionAlertes(Action):
    def name(self) -> str:
        return ALERT_ACTION

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[dict[str, Any]]:
        message = tracker.latest_message or {}
        choice = button_choice((message.get("intent") or {}).get("name"), message.get("entities"))
        state = dict(tracker.get_slot(ALERT_SLOT) or {})
        text = message.get("text") or ""
        checkin_request = read_checkin_request(text) if choice is None else None
        try:
            if checkin_request is not None:
                turn = checkin_turn(backend().checkins, tracker.sender_id, checkin_request)
            else:
                turn = alert_turn(backend().events, tracker.sender_id, state, text, choice)
        except StorageUnavailable:
            logger.warning("Alert turn not handled: storage unavailable")
            dispatcher.utter_message(text=UNAVAILABLE)
            return [SlotSet(ALERT_SLOT, None)]
        # « Mon objectif : acheter 2 bacs samedi. Vous pouvez me relancer chaque semaine ? » (persona
        # round 110: the weekly point set, the goal lost): the goal is kept first.
        goal = keep_stated_goal(dispatcher, tracker) if checkin_request is not None else None
        for said in turn.replies:
            dispatcher.utter_message(text=said.text, buttons=[
                {"title": title, "payload": payload} for title, payload in said.buttons])
        # The mention of the event and the planned check-in are kept.
        kept = {key: value for key, value in state.items() if key in (MENTIONED_KEY, PLANNED_KEY, STEPS_GIVEN_KEY)}
        slots = [SlotSet(ALERT_SLOT, {**kept, **turn.state} or None)] + (goal or [])
        if turn.scenario is not None:
            # « J'ai besoin d'aide »: the conversation is in the urgence of the event's scenario,
            # so that « et maintenant ? » follows its advice (relais/follow_up.py).
            track = turn.scenario.split("/", 1)[0]
            record(dispatcher, lambda: backend().progress.enrol(tracker.sender_id, track, "urgence",
                                                                turn.scenario))
            slots += plan_check_in_after_urgence(dispatcher, tracker, slots)
            slots += [SlotSet("track", track), SlotSet("phase", "urgence"),
                      SlotSet("topic", turn.scenario), SlotSet("track_step", ANSWER)]
        return slots
