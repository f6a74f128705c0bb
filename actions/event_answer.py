"""The answer to a message about the territorial event under way (issue #15): the
authorities' instructions first, then the scenario's first steps. Any action that answers free
text asks here first, so that the event's answer does not hang on the intent or track the model
reads (« on peut faire bouillir l'eau ? » during a water cut, read as off-topic; « bonsoir, pour
le courant, on fait comment ? » during a load shedding, read as a greeting)."""

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.alerts import (
    MENTIONED_KEY,
    STEPS_GIVEN_KEY,
    active_event,
    plan_check_in_after_urgence,
    say_event_instructions,
)
from actions.backend import backend, record
from actions.topic_replies import say_first_steps
from relais.conversation_contract import ALERT_SLOT
from relais.events import about_event, event_texts
from relais.services.events import CitizenEvent
from relais.track_content import find_topic
from relais.track_turn import URGENCE, is_typed


def answer_about_event(dispatcher: CollectingDispatcher, tracker: Tracker,
                       text: str | None = None) -> list[dict[str, Any]] | None:
    """The event's answer when a typed message speaks of the event the citizen was alerted to
    (a word of its kind, a rare word of its instructions); None otherwise."""
    text = tracker.latest_message.get("text") or "" if text is None else text
    if not is_typed(text):
        return None
    under_way = active_event(tracker.sender_id)
    if under_way is None or not about_event(text, under_way.kind, under_way.instructions):
        return None
    return answer_with_event(dispatcher, tracker, under_way)


def answer_with_event(dispatcher: CollectingDispatcher, tracker: Tracker,
                      current_event: CitizenEvent) -> list[dict[str, Any]]:
    """The authorities' instructions, then the scenario's first steps the first time in the
    conversation (after that, the instructions alone: the steps are a scroll above)."""
    track = current_event.track
    state = dict(tracker.get_slot(ALERT_SLOT) or {})
    first_time = state.get(STEPS_GIVEN_KEY) != current_event.event_id
    say_event_instructions(dispatcher, tracker, current_event)
    record(dispatcher, lambda: backend().progress.enrol(tracker.sender_id, track, "urgence",
                                                        current_event.topic_key))
    steps: list[dict[str, Any]] = []
    if first_time:
        steps = say_first_steps(dispatcher, tracker, track, find_topic(current_event.topic_key))
    else:
        dispatcher.utter_message(text=event_texts().texts["instructions_again"])
    mentioned = [SlotSet(ALERT_SLOT, {**state, MENTIONED_KEY: current_event.event_id,
                                      STEPS_GIVEN_KEY: current_event.event_id})]
    # A questionnaire under way stops: the event comes first (« menu » or the track resumes it).
    stop_form = [ActiveLoop(None), SlotSet("requested_slot", None)] if tracker.active_loop_name else []
    return stop_form + [SlotSet("track", track), SlotSet("phase", "urgence"),
                        SlotSet("track_step", URGENCE), SlotSet("topic", current_event.topic_key)] \
        + mentioned + steps + plan_check_in_after_urgence(dispatcher, tracker, mentioned)
