"""Psy-coach phase continu: the check-in (mood, what was done), goals, steps done, progress."""

import logging
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.backend import backend, record
from actions.topic_replies import answer_typed_question
from relais.checkins import PERSON_PAYLOAD, checkin_texts
from relais.coaching import clean_answer
from relais.conversation_contract import PHOTO_KEY
from relais.goals import FEELINGS, GOAL_AND_QUESTION, NO_GOAL, QUESTION, YES_ONLY, read_goal
from relais.mood import drops_twice, mood_band, parse_mood
from relais.services import StorageUnavailable
from relais.services.progress import ProgressSummary
from relais.step_outcome import reports_not_done, reports_nothing, reports_struggle
from texts.progress import progress_picture, progress_text

logger = logging.getLogger(__name__)

NOTHING_DONE = "rien"
RECORDING_RESPONSES = {"utter_sans_consentement", "utter_stockage_indisponible"}


class ValidateCheckinForm(FormValidationAction):
    responses = frozenset({"utter_humeur_non_comprise"})

    def name(self) -> str:
        return "validate_checkin_form"

    def validate_humeur(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        mood = parse_mood(str(value))
        if mood is None:
            dispatcher.utter_message(response="utter_humeur_non_comprise")
            return {"humeur": None}
        return {"humeur": str(mood)}

    def validate_fait_recemment(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if reports_nothing(str(value)):
            return {"fait_recemment": NOTHING_DONE}
        return {"fait_recemment": clean_answer(str(value)) or NOTHING_DONE}


class ActionCheckinBilan(Action):
    """Records the check-in, answers it according to the mood and what was done, then clears it."""

    responses = frozenset(
        {f"utter_bilan_humeur_{band}" for band in ("basse", "moyenne", "haute")}
        | {"utter_bilan_rien", "utter_bilan_fait", "utter_bilan_pas_fait", "utter_bilan_objectif",
           "utter_bilan_difficile"}
        | RECORDING_RESPONSES
    )

    def name(self) -> str:
        return "action_checkin_bilan"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        mood = parse_mood(tracker.get_slot("humeur")) or 3
        done = tracker.get_slot("fait_recemment")
        note = None if done in (None, NOTHING_DONE) else done
        record(dispatcher, lambda: backend().progress.log_checkin(
            tracker.sender_id, mood, note=note, track=tracker.get_slot("track")))
        dispatcher.utter_message(response=f"utter_bilan_humeur_{mood_band(mood)}")
        dispatcher.utter_message(response=_what_was_done_reply(note))
        if tracker.get_slot("objectif"):
            dispatcher.utter_message(response="utter_bilan_objectif")
        _offer_a_person_if_mood_drops(dispatcher, tracker.sender_id)
        return [SlotSet("humeur", None), SlotSet("fait_recemment", None)]


def _offer_a_person_if_mood_drops(dispatcher: CollectingDispatcher, sender: str) -> None:
    """A mood that fell at two check-ins in a row: a person of the team is offered (one tap;
    the case opens only if the citizen asks)."""
    try:
        moods = backend().progress.recent_moods(sender)
    except StorageUnavailable:
        return
    if drops_twice(moods):
        texts = checkin_texts()
        dispatcher.utter_message(text=texts.texts["mood_dropping"], buttons=[
            {"title": texts.buttons["person"], "payload": PERSON_PAYLOAD}])


def _what_was_done_reply(note) -> str:
    if not note:
        return "utter_bilan_rien"
    # « j'ai pas réussi à prendre le vélo » is no « Bravo ».
    if reports_struggle(note):
        return "utter_bilan_difficile"
    return "utter_bilan_pas_fait" if reports_not_done(note) else "utter_bilan_fait"


class ActionPreparerObjectif(Action):
    """Clears the previous goal so that the goal form asks for a new one."""

    def name(self) -> str:
        return "action_preparer_objectif"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return [SlotSet("objectif", None), SlotSet("objectif_accepte", None)]


class ValidateObjectifForm(FormValidationAction):
    """Reads the answer to « un petit objectif ? » (relais/goals.py): the goal in the citizen's
    words; a bare yes asks which one; a question is answered and the goal left for later; a
    no or how the citizen feels ends the offer kindly."""

    responses = frozenset({"utter_ecoute_formulaire", "utter_question_notee", "utter_pas_d_objectif"})

    def name(self) -> str:
        return "validate_objectif_form"

    def validate_objectif(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:  # the form opening (action_preparer_objectif cleared it): nothing typed
            return {"objectif": None}
        typed = str(value)
        if typed.startswith("/"):  # the « Oui » of an older button, never a goal
            return {"objectif": None, "objectif_accepte": True}
        reading = read_goal(typed)
        if reading.kind == YES_ONLY:
            return {"objectif": None, "objectif_accepte": True}
        if reading.kind == QUESTION:
            answer_typed_question(dispatcher, reading.question or typed, tracker.get_slot("track"), tracker=tracker)
            return _no_goal_now()
        if reading.kind == GOAL_AND_QUESTION:
            # The question answered first, then the goal kept (action_enregistrer_objectif).
            answer_typed_question(dispatcher, reading.question or typed, tracker.get_slot("track"), tracker=tracker)
            return {"objectif": reading.goal, "objectif_accepte": None}
        if reading.kind == FEELINGS:
            dispatcher.utter_message(response="utter_ecoute_formulaire")
            return _no_goal_now()
        if reading.kind == NO_GOAL:
            dispatcher.utter_message(response="utter_pas_d_objectif")
            return _no_goal_now()
        return {"objectif": reading.goal, "objectif_accepte": None}


def _no_goal_now() -> dict[str, Any]:
    # Ends the form without a goal: action_enregistrer_objectif then records nothing.
    return {"objectif": None, "objectif_accepte": None, "requested_slot": None}


class ActionEnregistrerObjectif(Action):
    """Records the goal the citizen just set and confirms it."""

    responses = frozenset({"utter_objectif_enregistre"} | RECORDING_RESPONSES)

    def name(self) -> str:
        return "action_enregistrer_objectif"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        goal = clean_answer(tracker.get_slot("objectif"))
        if not goal:  # the offer ended without a goal (relais/goals.py): already answered
            return []
        record(dispatcher, lambda: backend().progress.set_goal(
            tracker.sender_id, goal, track=tracker.get_slot("track")))
        dispatcher.utter_message(response="utter_objectif_enregistre")
        return []


class ActionNoterAction(Action):
    """Marks a micro-action as done, in the citizen's own words."""

    responses = frozenset({"utter_action_notee", "utter_action_pas_faite"} | RECORDING_RESPONSES)

    def name(self) -> str:
        return "action_noter_action"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        # Kept whole (not bounded like a form answer): nothing the citizen reports is cut.
        text = " ".join((tracker.latest_message.get("text") or "").split()) or "étape réalisée"
        track = tracker.get_slot("track")
        done = not reports_not_done(text)
        record(dispatcher, lambda: backend().progress.mark_action(tracker.sender_id, track, text, done=done))
        dispatcher.utter_message(response="utter_action_notee" if done else "utter_action_pas_faite")
        return []


class ActionAfficherProgres(Action):
    """Shows what was done, the check-in streak and the mood trend, in plain French: the caption
    of a chart (moods, steps done, goal) when there is something to draw, else the text alone."""

    responses = frozenset({"utter_sans_consentement", "utter_stockage_indisponible", "utter_progres_vide"})

    def name(self) -> str:
        return "action_afficher_progres"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        try:
            if not backend().consent.has_consent(tracker.sender_id):
                dispatcher.utter_message(response="utter_sans_consentement")
                return []
            summary = backend().progress.summary(tracker.sender_id)
        except StorageUnavailable:
            dispatcher.utter_message(response="utter_stockage_indisponible")
            return []
        if summary.is_empty:
            dispatcher.utter_message(response="utter_progres_vide")
            return []
        picture = _progress_picture(tracker.sender_id, summary)
        if picture is None:
            dispatcher.utter_message(text=progress_text(summary))
        else:
            caption, photo = picture
            dispatcher.utter_message(json_message={PHOTO_KEY: {**photo, "caption": caption}})
        return []


def _progress_picture(sender: str, summary: ProgressSummary) -> tuple[str, dict[str, str]] | None:
    """The summary's caption and chart, or None: nothing to draw, or the chart could not be
    read or drawn (the summary then goes as text: a picture is a bonus)."""
    pictures = backend().pictures
    if pictures is None:
        return None
    try:
        return progress_picture(summary, pictures.chart(sender))
    except Exception:
        logger.exception("Could not draw the progress chart")
        return None
