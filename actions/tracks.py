"""Specialist tracks: choosing a track and phase, the diagnostic form, the action plan."""

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from relais.coaching import choose_phase, clean_answer, engagement_level, plan_responses, urgence_responses
from actions.backend import backend, record
from relais.coaching import ENGAGEMENT_LEVELS
from relais.tracks import TRACKS, coach_name, diagnostic_slots, track_from_intent

DIAGNOSTIC_FORM = "diagnostic_form"


class ActionSelectTrack(Action):
    """Sets `track` and `phase` from a track intent; in phase urgence, gives the first steps.

    In phase continu the diagnostic form follows (see data/rules/tracks.yml). A message the NLU
    files under the current track while its diagnostic asks a question is that question's
    answer, not a new request.
    """

    responses = frozenset(
        [f"utter_{track}_intro" for track in TRACKS]
        + [name for track in TRACKS for name in urgence_responses(track)]
        + ["utter_stockage_indisponible"]
    )

    def name(self) -> Text:
        return "action_select_track"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        track = track_from_intent(intent) or tracker.get_slot("track")
        text = tracker.latest_message.get("text") or ""
        phase = choose_phase(text, next(tracker.get_latest_entity_values("phase"), None))

        answered = _answer_to_current_question(tracker, track, phase)
        if answered:
            return [SlotSet(answered, clean_answer(text)), SlotSet("phase", phase)]

        events = [SlotSet("track", track), SlotSet("phase", phase)]
        record(dispatcher, lambda: backend().progress.enrol(tracker.sender_id, track, phase))
        if phase == "urgence":
            for response in urgence_responses(track):
                dispatcher.utter_message(response=response)
            return events
        # The coach's name comes from relais/tracks.py, the same pattern for every track.
        dispatcher.utter_message(response=f"utter_{track}_intro", coach=coach_name(track))
        events += [SlotSet(slot, None) for slot in diagnostic_slots(track)]
        return events + [SlotSet("requested_slot", None)]


def _answer_to_current_question(tracker: Tracker, track: Optional[Text], phase: Text) -> Optional[Text]:
    """The slot this message answers, when it stays on the track whose diagnostic is running."""
    if phase != "continu" or tracker.active_loop_name != DIAGNOSTIC_FORM:
        return None
    if track != tracker.get_slot("track"):
        return None
    requested = tracker.get_slot("requested_slot")
    return requested if requested in diagnostic_slots(track) else None


class ValidateDiagnosticForm(FormValidationAction):
    """Asks the questions of the current track, then what the citizen can invest."""

    def name(self) -> Text:
        return "validate_diagnostic_form"

    async def required_slots(
        self,
        domain_slots: List[Text],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        track = tracker.get_slot("track")
        return diagnostic_slots(track) if track else domain_slots

    async def validate(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        events = await super().validate(dispatcher, tracker, domain)
        # Free-text answers are kept, cleaned and bounded; the engagement is normalised.
        cleaned = []
        for event in events:
            if event.get("event") == "slot" and event.get("name") == "engagement" and event.get("value"):
                event = SlotSet("engagement", engagement_level(event["value"]))
            elif event.get("event") == "slot" and isinstance(event.get("value"), str):
                event = SlotSet(event["name"], clean_answer(event["value"]))
            cleaned.append(event)
        return cleaned


class ActionTrackPlan(Action):
    """Presents the micro-actions and public resources of the track after its diagnostic."""

    responses = frozenset(
        ["utter_menu"]
        + [name for track in TRACKS for level in ENGAGEMENT_LEVELS for name in plan_responses(track, level)]
    )

    def name(self) -> Text:
        return "action_track_plan"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        track = tracker.get_slot("track")
        if not track:
            dispatcher.utter_message(response="utter_menu")
            return []
        for response in plan_responses(track, tracker.get_slot("engagement")):
            dispatcher.utter_message(response=response)
        return []
