"""Specialist tracks: choosing a track and phase, answering a sub-topic, the diagnostic form,
plans of three actions and what comes next. The decisions are in relais/ (track_turn, topics,
form_answers, plans); this module renders them."""

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.alerts import (
    active_event,
    mention_event,
    plan_check_in_after_urgence,
    say_event_instructions,
)
from actions.backend import backend, record
from actions.dialogue_state import crisis_aside_events
from actions.escalation import answer_team_question
from actions.event_answer import answer_about_event, answer_with_event
from actions.heat_illness import answer_heat_illness
from actions.psy_access import answer_psy_question
from actions.safety_questions import answer_safety_question
from actions.stated_goal import GOAL_RESPONSES, answer_goal_question, keep_stated_goal
from actions.theme_text import coach_name
from actions.topic_replies import (
    answer_from_the_advice_under_way,
    answer_topic,
    answer_typed_question,
    ask_consent_once,
    ask_two_tracks,
    follow_up_in_context,
    next_actions,
    say_breakdown_number,
    say_definition,
    say_first_steps,
    say_second_need,
    say_topic,
    say_topic_more,
    say_topic_once,
    say_unanswered_question,
)
from actions.varied import ISOLATION, isolation_answered
from actions.welcome import CONSENT_NOTE_RESPONSES, note_leading_consent
from relais.acute import is_acute, is_pressing
from relais.coaching import ENGAGEMENT_LEVELS, NOT_SAID, clean_answer, engagement_level
from relais.consent_words import consent_in_words
from relais.conversation_contract import TRACK_ACTION
from relais.form_answers import OPTION, QUESTION, answers_in, asked_beside, is_question, read_answer
from relais.plan_request import asks_for_a_plan
from relais.step_outcome import reports_struggle
from relais.topics import (
    TopicMatch,
    best_topic,
    question_topic,
    question_topic_anywhere,
    said_topic,
)
from relais.track_content import find_topic
from relais.track_turn import (
    ANSWER,
    ASK,
    CALM_TOPIC_SURE,
    DIAGNOSTIC,
    IN_CONTEXT,
    LET_GO,
    UNANSWERED,
    URGENCE,
    context_turn,
    decide,
    denies_the_track,
    is_typed,
    keeps_current_track,
    rerouted,
    track_named_first,
    track_ranking,
)
from relais.tracks import TRACKS, diagnostic_slots, track_from_intent

DIAGNOSTIC_FORM = "diagnostic_form"
# An urgence named without a track gets a scenario's first steps above this topic probability.
URGENCE_TOPIC_THRESHOLD = 0.4
# ... or the first steps of a track DIET ranks this likely after `urgence`.
URGENCE_TRACK_CONFIDENCE = 0.2
# Right after an urgence's first steps, a question stays with it unless another track's topic is
# this sure (a fake bank adviser, then « je serai remboursé de l'argent volé ? »: not the lost
# card's topic at 0.54).
URGENCE_ELSEWHERE_SURE = 0.7
# How many times a question with buttons is asked again when a typed answer maps to no option.
ASK_AGAIN = 1


def _answered_aside(tracker: Tracker) -> list[dict[str, Any]]:
    """Outside a questionnaire, the turn is an answer (data/rules/tracks.yml): with no step set
    yet, no rule followed, and the fallback said the same answer again (persona round 101: a
    heart patient's « appelez le 15 maintenant » twice)."""
    if tracker.active_loop_name == DIAGNOSTIC_FORM:
        return []
    return [SlotSet("track_step", ANSWER)]


def _latest_entity(tracker: Tracker, name: str) -> str | None:
    return next(tracker.get_latest_entity_values(name), None)


class ActionSelectTrack(Action):
    """Sets `track`, `phase` and `track_step` from a track intent and says what that step needs.

    `track_step` tells the rules what follows (data/rules/tracks.yml): the diagnostic form, or
    nothing more this turn (first steps of an urgence, an answer, a question back). A message
    the NLU files under a track while the diagnostic asks a question is read as that
    question's answer first.
    """

    responses = frozenset(
        [f"utter_{track}_intro" for track in TRACKS]
        + [f"utter_{track}_urgence" for track in TRACKS]
        + ["utter_relais_local", "utter_stockage_indisponible", "utter_demande_consentement_court", ISOLATION]
    ) | GOAL_RESPONSES | CONSENT_NOTE_RESPONSES

    def name(self) -> str:
        return TRACK_ACTION

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        consent = note_leading_consent(dispatcher, tracker)
        return consent + self._select(dispatcher, tracker) + crisis_aside_events(tracker)

    def _select(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        track = track_from_intent(intent) or tracker.get_slot("track")
        text = tracker.latest_message.get("text") or ""
        requested_phase = _latest_entity(tracker, "phase")

        current = tracker.get_slot("track")
        for answer in (answer_safety_question, answer_heat_illness, answer_goal_question, answer_psy_question):
            # Whatever questionnaire is under way (persona round 93: heat illness between
            # firewood and cycling): it goes on after the answer.
            events = answer(dispatcher, tracker) if requested_phase is None else None
            if events is not None:
                return events + _answered_aside(tracker)
        if requested_phase is None and is_typed(text):
            # « C'est où qu'on récupère les bouteilles ? » during a water cut, whatever track the
            # model read (energy, in the persona round of issue #15) and whatever questionnaire
            # is under way: the event's instructions name the place.
            about = answer_about_event(dispatcher, tracker, text)
            if about is not None:
                return about
        if tracker.get_slot("track_step") == ASK and current and is_typed(text) and keeps_current_track(text):
            # « Continuer, je veux juste arriver au boulot » to « passer à travail, ou continuer
            # sur mobilité ? »: the diagnostic goes on where it was, its answers kept.
            dispatcher.utter_message(text=f"D'accord, on continue sur {TRACKS[current]}.")
            return [SlotSet("track", current), SlotSet("track_step", DIAGNOSTIC),
                    SlotSet("requested_slot", None)]

        ranking = tracker.latest_message.get("intent_ranking") or []
        corrected = rerouted(text, current, ranking) if requested_phase is None else None
        if corrected is not None:
            # « Rien à voir avec internet »: the subject meant, or a choice; the questionnaire
            # of the wrong track stops (data/rules/tracks.yml, on « ask » or « answered »).
            dispatcher.utter_message(text="Pardon, je me suis trompé de sujet.")
        if corrected is not None and corrected.step == LET_GO:
            dispatcher.utter_message(text=LEFT_QUESTIONS)
            return [SlotSet("track", current), SlotSet("track_step", ANSWER)]
        if tracker.active_loop_name == DIAGNOSTIC_FORM and requested_phase is None and corrected is None:
            inside = _inside_diagnostic(dispatcher, tracker, track, text)
            if inside is not None:
                return inside

        kept = keep_stated_goal(dispatcher, tracker) if requested_phase is None else None
        if kept is not None:
            return kept + [SlotSet("track", current or track), SlotSet("track_step", ANSWER)]
        if requested_phase is None and say_breakdown_number(dispatcher, tracker):
            # « Le numéro d'Enedis pour la Haute-Vienne ? » after the rule: the whole number, then
            # the advice goes on where it was.
            return [SlotSet("track", current or track), SlotSet("phase", tracker.get_slot("phase") or "urgence"),
                    SlotSet("track_step", ANSWER)]
        if requested_phase is None and say_definition(dispatcher, text):
            # « C'est quoi le CEP ? »: what it means; no questionnaire, the track under way stays.
            return [SlotSet("track", current or track), SlotSet("phase", tracker.get_slot("phase") or "continu"),
                    SlotSet("track_step", ANSWER)]

        named = track_named_first(text) if tracker.get_slot("track_step") == ASK and is_typed(text) else None
        if named is not None and corrected is None:
            # « Le travail évidemment » to « travail ou logement ? »: the track named, whatever
            # the model read (persona round 91).
            track, ranking = named, []
        # After « passer à X, ou continuer ? », a typed answer that does not continue switches.
        reads_on = requested_phase is None and tracker.get_slot("track_step") != ASK
        turn = corrected or (context_turn(text, current, track, tracker.get_slot("phase")) if reads_on else None) \
            or decide(text, track, ranking, requested_phase)
        track = turn.track
        if turn.step == IN_CONTEXT:
            events = [SlotSet("track", track), SlotSet("phase", turn.phase), SlotSet("track_step", ANSWER)]
            return events + (follow_up_in_context(dispatcher, tracker) or [])
        step = ANSWER if turn.step == UNANSWERED else turn.step
        events = [SlotSet("track", track), SlotSet("phase", turn.phase), SlotSet("track_step", step)]
        if turn.step == ASK:
            ask_two_tracks(dispatcher, turn.choices, switching=turn.switching)
            return events
        unsure_elsewhere = turn.step in (DIAGNOSTIC, UNANSWERED) or (
            # A near answer of another track (a question's low share, relais/topics.py) gives way
            # to the advice under way, which the question names (« le courant on peut le
            # remettre ? » after the flood advice, not cooking without power).
            turn.step in (ANSWER, URGENCE) and turn.topic is not None
            and turn.topic.score < (URGENCE_ELSEWHERE_SURE if _asked_in_urgence(tracker, text) else CALM_TOPIC_SURE))
        if unsure_elsewhere and current and current != track:
            other_topic = _other_topic_in_urgence(dispatcher, tracker, current, text)
            if other_topic is not None:
                return other_topic
            answered = answer_from_the_advice_under_way(dispatcher, tracker, text)
            if answered:
                # « Le courant, on peut le remettre ? Le tableau a pris l'eau » after the flood
                # advice, read as energy: its line, not the energy questionnaire (persona round 16).
                return [SlotSet("track", current), SlotSet("track_step", ANSWER)]
            in_urgence = _question_in_urgence(dispatcher, tracker, current, text)
            if in_urgence is not None:
                return in_urgence
        current_event = active_event(tracker.sender_id)
        if current_event is not None and current_event.track == track and (
                turn.step in (DIAGNOSTIC, UNANSWERED) or (turn.step in (URGENCE, ANSWER) and (
                    turn.topic is None or turn.topic.score < EVENT_TOPIC_SURE))):
            # During a territorial event, the event's track is its urgence: the authorities'
            # instructions, then the scenario's first steps, not the questionnaire of calm times,
            # nor a sub-topic the model is unsure of (« le biberon, je fais comment ? » during a
            # water cut is about the water).
            return answer_with_event(dispatcher, tracker, current_event)
        events += mention_event(dispatcher, tracker, current_event)
        scenario = turn.topic.topic.key if turn.topic else None
        record(dispatcher, lambda: backend().progress.enrol(tracker.sender_id, track, turn.phase,
                                                            scenario))
        if turn.step == URGENCE:
            steps = say_first_steps(dispatcher, tracker, track, turn.topic.topic if turn.topic else None)
            say_second_need(dispatcher, turn.second_track)
            ask_consent_once(dispatcher, tracker)
            topic_key = turn.topic.topic.key if turn.topic else None
            return events + [SlotSet("topic", topic_key)] + steps \
                + plan_check_in_after_urgence(dispatcher, tracker, events)
        if turn.step == UNANSWERED and isolation_answered(dispatcher, tracker):
            # « Et pour la solitude, des gens qui visitent les personnes âgées ? » read as the
            # digital track (persona round 107: « pas de réponse sûre »): loneliness answered.
            return events + [SlotSet("topic", None)]
        if turn.step == UNANSWERED:
            say_unanswered_question(dispatcher, track, tracker)
            say_second_need(dispatcher, turn.second_track)
            ask_consent_once(dispatcher, tracker)
            return events + [SlotSet("topic", None)]
        if turn.step == ANSWER:
            said = say_topic_once(dispatcher, tracker, turn.topic.topic)
            say_second_need(dispatcher, turn.second_track)
            ask_consent_once(dispatcher, tracker)
            return events + [SlotSet("topic", turn.topic.topic.key)] + said
        dispatcher.utter_message(response=f"utter_{track}_intro", coach=coach_name(track))
        say_second_need(dispatcher, turn.second_track)
        if _resumes(tracker, track, requested_phase):
            return events + [SlotSet("requested_slot", None)]
        # What the citizen already said (« je suis proprio ») is not asked again.
        known = answers_in(track, [text], diagnostic_slots(track)) if is_typed(text) else {}
        events += [SlotSet(slot, known.get(slot)) for slot in diagnostic_slots(track)]
        return events + [SlotSet("requested_slot", None), SlotSet("plan_shown", [])]


def _asked_in_urgence(tracker: Tracker, text: str) -> bool:
    return tracker.get_slot("phase") == "urgence" and is_typed(text) and (is_question(text) or "?" in text)


def _other_topic_in_urgence(dispatcher: CollectingDispatcher, tracker: Tracker, current: str,
                            text: str) -> list[dict[str, Any]] | None:
    """A question right after an urgence that another topic of its track answers (« je serai
    remboursé ? » after a fake bank adviser: the fraudulent payment's topic)."""
    match = question_topic(text, current) if _asked_in_urgence(tracker, text) else None
    if match is None or match.topic.key == tracker.get_slot("topic"):
        return None
    said = say_topic_once(dispatcher, tracker, match.topic)
    return said + [SlotSet("track", current), SlotSet("topic", match.topic.key), SlotSet("track_step", ANSWER)]


def _question_in_urgence(dispatcher: CollectingDispatcher, tracker: Tracker, current: str,
                         text: str) -> list[dict[str, Any]] | None:
    """A question right after an urgence's first steps, that the model reads as another
    track's questionnaire (persona round 91: « qui j'appelle en premier, la banque ou le 0892 ?
    est-ce qu'ils vont me rembourser ? » after a fake bank adviser, then six budget questions):
    more on the urgence, when no other topic and no line of its advice answered. None otherwise."""
    if not _asked_in_urgence(tracker, text):
        return None
    topic = find_topic(tracker.get_slot("topic"))
    if topic is None or topic.track != current:
        return None
    said = say_topic_once(dispatcher, tracker, topic)
    return said + [SlotSet("track", current), SlotSet("topic", topic.key), SlotSet("track_step", ANSWER)]


# During an event, a sub-topic of the event's track less sure than this gives way to the
# event's scenario (persona round of issue #15: a baby's bottle during a water cut got the
# advice for cooking without power, at 0.19; « pour le courant, on fait comment ? » during a
# load shedding, how to change one's electricity offer, at 0.49).
EVENT_TOPIC_SURE = 0.5


def _resumes(tracker: Tracker, track: str, requested_phase: str | None) -> bool:
    """« Reprendre » after a switch was offered: the answers already given are kept."""
    return requested_phase == "continu" and track == tracker.get_slot("track") and any(
        tracker.get_slot(slot) for slot in diagnostic_slots(track))


def _inside_diagnostic(dispatcher, tracker: Tracker, track: str | None, text: str):
    """A message filed under a track while the diagnostic runs: an answer, a question, an
    urgence, or a switch of track to confirm. None: decide as for any message."""
    current = tracker.get_slot("track")
    requested = tracker.get_slot("requested_slot")
    reading = read_answer(current, requested, text) if current and requested in diagnostic_slots(current) else None
    if reading is not None and reading.kind == OPTION:
        return [SlotSet(requested, reading.value), SlotSet("track_step", DIAGNOSTIC)]
    if said_topic(text) is not None and not is_acute(text) and not is_pressing(text):
        # A topic said in its own words answers, whatever question is under way (persona round
        # 109: « laissez le budget. service de remplacement, aide au répit MSA, vous connaissez ? »
        # got the budget advice and « où en est votre budget ? » again); not a plain answer to
        # the question (« coupures annoncées », a review).
        return None
    if reading is not None:
        if reading.kind == QUESTION:
            answer_typed_question(dispatcher, text, track, tracker=tracker)
            if asked_again_already(tracker, requested):
                # The question was already asked again after one aside: a second aside leaves
                # the questionnaire (persona round 107: « Où en est votre budget ? » three times).
                return [SlotSet("track_step", ANSWER)]
            return [SlotSet("track_step", DIAGNOSTIC)]
    if track == current:
        turn = decide(text, track, [], None)
        if turn.step == URGENCE:
            return None
        if turn.step == ANSWER and turn.topic.topic.kind == "question":
            say_topic(dispatcher, turn.topic.topic, with_buttons=False)
            return [SlotSet("track_step", ANSWER if asked_again_already(tracker, requested) else DIAGNOSTIC)]
        # The track's own words are the answer, kept as typed.
        if requested in diagnostic_slots(current or ""):
            return [SlotSet(requested, clean_answer(text)), SlotSet("track_step", DIAGNOSTIC)]
        return [SlotSet("track_step", DIAGNOSTIC)]
    if track and current and track != current:
        turn = context_turn(text, current, track, tracker.get_slot("phase"))
        if turn is not None and turn.step != ASK and requested in diagnostic_slots(current):
            # « On a un peu de temps, et quelques économies »: a short answer in words of
            # another track, kept as typed; the diagnostic goes on.
            return [SlotSet(requested, clean_answer(text)), SlotSet("track_step", DIAGNOSTIC)]
        ask_two_tracks(dispatcher, (track, current), switching=True)
        return [SlotSet("track_step", ASK)]
    return None


# Ends the questionnaire from its validation: rasa_sdk sets the next requested slot after the
# validation's events, so « requested_slot: None » alone asked the next track's question (persona
# round 110 found it); Rasa's form ends on ActiveLoop(None) (rasa/core/actions/forms.py, is_done).
END_OF_QUESTIONS = [SlotSet("requested_slot", None), ActiveLoop(None)]


class ValidateDiagnosticForm(FormValidationAction):
    """Asks the questions of the current track, then what the citizen can invest.

    A typed answer maps to one of the buttons (relais/form_answers.py); a question is answered
    and the question asked again; an answer that maps to nothing is asked again once with the
    options, then kept as typed.
    """

    responses = frozenset({"utter_reponse_non_comprise", "utter_question_notee", "utter_ecoute_formulaire"})

    def name(self) -> str:
        return "validate_diagnostic_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        track = tracker.get_slot("track")
        return diagnostic_slots(track) if track else domain_slots

    # rasa_sdk 3.6 validates through get_validation_events (its `validate` of older versions is
    # no longer called): overriding `validate` left every typed answer stored as typed.
    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        events = await super().get_validation_events(dispatcher, tracker, domain)
        track = tracker.get_slot("track")
        typed = tracker.latest_message.get("text") or ""
        # The consent question asked beside the first one, answered here (persona round 110).
        checked = note_leading_consent(dispatcher, tracker)
        for event in events:
            if event.get("event") == "slot" and event.get("name") in diagnostic_slots(track or ""):
                checked.extend(self._check(dispatcher, tracker, track, event["name"], event.get("value"), typed))
            else:
                checked.append(event)
        return checked

    def _check(self, dispatcher, tracker, track, slot, value, typed) -> list[dict[str, Any]]:
        if value is None or not isinstance(value, str):
            return [SlotSet(slot, value)]
        if slot == "engagement" and value in ENGAGEMENT_LEVELS:
            return [SlotSet(slot, value)]
        if value != typed:  # a button's value, not the citizen's words
            return [SlotSet(slot, value)]
        if consent_in_words(value) is not None:
            # The whole message answers the consent question (noted above): the question waits.
            return [SlotSet(slot, None)]
        for answer in (answer_safety_question, answer_heat_illness):
            # A safety question or signs of heat illness typed in answer (persona round 110:
            # « jme sens pas bien, jai vomi 2 fois… dans le coton » got « pas bien saisi » and the
            # work question again): answered, and the questionnaire ends there.
            if answer(dispatcher, tracker) is not None:
                return [SlotSet(slot, None)] + END_OF_QUESTIONS
        if reports_struggle(value):
            # « Laissez tomber, je me sens nul » is how the citizen is, not an answer: heard,
            # then the question waits (« stop » ends it). « Titulaire, de nuit, et franchement
            # épuisée oui » answers too (persona round 97: the same question again): kept.
            dispatcher.utter_message(response="utter_ecoute_formulaire")
            told = read_answer(track, slot, value) if slot != "engagement" else None
            if told is not None and told.kind == OPTION:
                return [SlotSet(slot, told.value), SlotSet("form_retries", 0)]
            return [SlotSet(slot, None)]
        if denies_the_track(value):
            # « Rien à voir », « non, pas le budget ! » read as no track by the model: the
            # questionnaire ends there, without a plan (ActionTrackPlan), and what else the
            # message asks is answered (persona round 107: the budget question three times).
            dispatcher.utter_message(text=LEFT_QUESTIONS)
            answer_typed_question(dispatcher, value, None, sure_only=True)
            return [SlotSet(slot, None)] + END_OF_QUESTIONS
        if asks_for_a_plan(value):
            # « Vous pouvez nous proposer un plan par étapes ? » in the middle of the questions:
            # the plan now, from what was said; the questions left are skipped, not asked again.
            return [SlotSet(name, NOT_SAID) for name in diagnostic_slots(track)
                    if name == slot or tracker.get_slot(name) is None] + [SlotSet("form_retries", 0)]
        reading = read_answer(track, slot, value)
        # « Gérer les dettes. Le conseiller va m'appeler ou m'écrire ici ? »: where the case
        # stands, and the answer kept if there is one (persona round 89: ignored twice).
        team_answered = answer_team_question(dispatcher, tracker) is not None
        if reading.kind == OPTION:
            level = engagement_level(reading.value) if slot == "engagement" else reading.value
            if not team_answered:
                _answer_the_question_beside(dispatcher, value)
            return [SlotSet(slot, level), SlotSet("form_retries", 0)]
        if team_answered:
            return [SlotSet(slot, None)]
        if reading.kind == QUESTION:
            answer_typed_question(dispatcher, value, track, tracker=tracker)
            if asked_again_already(tracker, slot):
                # A second aside in a row: the questionnaire ends, without a plan.
                return [SlotSet(slot, None)] + END_OF_QUESTIONS
            return [SlotSet(slot, None)]
        # « Je vous l'ai déjà dit »: the answer may be in what the citizen wrote before.
        earlier = answers_in(track, _earlier_texts(tracker), [slot])
        if slot in earlier:
            return [SlotSet(slot, earlier[slot]), SlotSet("form_retries", 0)]
        retries = int(tracker.get_slot("form_retries") or 0)
        if retries < ASK_AGAIN:
            dispatcher.utter_message(response="utter_reponse_non_comprise")
            return [SlotSet(slot, None), SlotSet("form_retries", retries + 1)]
        return [SlotSet(slot, clean_answer(value)), SlotSet("form_retries", 0)]


def _answer_the_question_beside(dispatcher, typed: str) -> None:
    """« Locataire du privé. mais vous avez pas répondu : le poêle à pétrole dans la chambre du
    petit, c'est ok ou pas ? »: the answer is kept and the question, when a topic is sure of
    it, answered too (persona chat: it was ignored twice)."""
    question = asked_beside(typed)
    if question:
        answer_typed_question(dispatcher, question, None, sure_only=True)


LEFT_QUESTIONS = "D'accord, je laisse ces questions de côté. Dites-moi avec vos mots ce dont vous avez besoin."


def asked_again_already(tracker: Tracker, slot: str | None) -> bool:
    """The questionnaire's question for `slot` was asked twice since its last answer (once, then
    again after an aside)."""
    if not slot:
        return False
    asked = 0
    for event in reversed(tracker.events):
        if event.get("event") == "slot" and event.get("name") in (slot, "requested_slot") \
                and event.get("value") not in (None, slot):
            break
        if event.get("event") == "bot" and (event.get("metadata") or {}).get("utter_action") == f"utter_ask_{slot}":
            asked += 1
    return asked >= 2


def _earlier_texts(tracker: Tracker) -> list[str]:
    """The citizen's typed messages before the latest one, most recent first."""
    texts = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    return [t for t in reversed(texts[:-1]) if is_typed(t)]


class ActionTrackPlan(Action):
    """Three micro-actions chosen from the diagnostic's answers, with a button for three more."""

    responses = frozenset({"utter_menu", "utter_plan_fin"})

    def name(self) -> str:
        return "action_track_plan"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if _left_the_questionnaire(tracker):
            # The questionnaire was left before its end (ValidateDiagnosticForm): no plan, and
            # no goal offered; Relais waits for the citizen.
            return [FollowupAction("action_listen")]
        return next_actions(dispatcher, tracker, fresh=True)


def _left_the_questionnaire(tracker: Tracker) -> bool:
    """This turn, the form ended with a question of the diagnostic unanswered."""
    track = tracker.get_slot("track")
    if not track or all(tracker.get_slot(slot) is not None for slot in diagnostic_slots(track)):
        return False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "slot" and event.get("name") == "requested_slot" and event.get("value") is None:
            return True
    return False


class ActionMoreActions(Action):
    """« 3 autres actions » and « et maintenant ? » after a plan: the next three that fit."""

    responses = frozenset({"utter_menu", "utter_plan_fin"})

    def name(self) -> str:
        return "action_more_actions"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return next_actions(dispatcher, tracker)


class ActionTopicAnswer(Action):
    """A sub-topic chosen with a button (/sujet{"topic": "energie/coupure_chauffage"})."""

    responses = frozenset({"utter_menu"})

    def name(self) -> str:
        return "action_topic_answer"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        topic = find_topic(_latest_entity(tracker, "topic"))
        if topic is None:
            dispatcher.utter_message(response="utter_menu")
            return []
        say_topic(dispatcher, topic)
        phase = "urgence" if topic.kind == "acute" else "continu"
        return [SlotSet("track", topic.track), SlotSet("phase", phase), SlotSet("topic", topic.key)]


class ActionTopicMore(Action):
    """« En savoir plus » on the sub-topic just answered."""

    responses = frozenset({"utter_menu"})

    def name(self) -> str:
        return "action_topic_more"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        topic = find_topic(_latest_entity(tracker, "topic") or tracker.get_slot("topic"))
        if topic is None:
            dispatcher.utter_message(response="utter_menu")
            return []
        say_topic_more(dispatcher, topic)
        return [SlotSet("topic", topic.key)]


class ActionSuite(Action):
    """« Et maintenant ? »: continues from what Relais just advised."""

    responses = frozenset({"utter_menu", "utter_suite_sans_contexte", "utter_plan_fin"})

    def name(self) -> str:
        return "action_suite"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        track = tracker.get_slot("track")
        topic = find_topic(tracker.get_slot("topic"))
        if not track:
            dispatcher.utter_message(response="utter_suite_sans_contexte")
            return []
        if topic and topic.more and not tracker.get_slot("plan_shown"):
            say_topic_more(dispatcher, topic, then_plan=True)
        return next_actions(dispatcher, tracker)


def _likely_track(tracker: Tracker) -> str | None:
    """The track DIET ranks first after `urgence`, when it is likely enough to act on."""
    ranked = track_ranking(tracker.latest_message.get("intent_ranking") or [])
    return ranked[0][0] if ranked and ranked[0][1] >= URGENCE_TRACK_CONFIDENCE else None


def _calm_question(dispatcher: CollectingDispatcher, tracker: Tracker, text: str,
                   match: TopicMatch | None) -> list[dict[str, Any]]:
    match = match or best_topic(text) or question_topic_anywhere(text)
    if match is not None:
        return answer_topic(dispatcher, tracker, match)
    track = tracker.get_slot("track") or _likely_track(tracker)
    say_unanswered_question(dispatcher, track, tracker)
    return []


class ActionUrgenceAccueil(Action):
    """An abrupt disruption named without a track (intent `urgence`): the first steps of its
    scenario when the sub-topic model recognises one, else what presses most, with buttons."""

    responses = frozenset({"utter_urgence_accueil", "utter_relais_local"}
                          | {f"utter_{track}_urgence" for track in TRACKS}) | CONSENT_NOTE_RESPONSES

    def name(self) -> str:
        return "action_urgence_accueil"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        consent = note_leading_consent(dispatcher, tracker)
        return consent + self._answer(dispatcher, tracker)

    def _answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        match = best_topic(text, threshold=URGENCE_TOPIC_THRESHOLD) if is_typed(text) else None
        current_event = active_event(tracker.sender_id) if match is None else None
        if current_event is not None:
            # « C'est la panique ici » during an event: its scenario, not a menu of all of them.
            mentioned = say_event_instructions(dispatcher, tracker, current_event)
            steps = say_first_steps(dispatcher, tracker, current_event.track, find_topic(current_event.topic_key))
            return [SlotSet("track", current_event.track), SlotSet("phase", "urgence"),
                    SlotSet("topic", current_event.topic_key)] + mentioned + steps
        if is_typed(text) and is_question(text) and not is_acute(text) \
                and (match is None or match.topic.kind != "acute"):
            # A calm question DIET read as an urgence (« Accord du propriétaire, ou vote en AG
            # de copropriété ? »; persona round 97: a power cut's first steps and a check-in
            # planned for tomorrow): its answer, or said unanswered, never the urgence.
            return _calm_question(dispatcher, tracker, text, match)
        if match is None:
            track = _likely_track(tracker)
            if track is None:
                dispatcher.utter_message(response="utter_urgence_accueil")
                return []
            # The track is clear, the scenario is not: its first reflex and the scenarios.
            say_first_steps(dispatcher, tracker, track, None)
            return [SlotSet("track", track), SlotSet("phase", "urgence"), SlotSet("topic", None)]
        steps = say_first_steps(dispatcher, tracker, match.topic.track, match.topic)
        return [SlotSet("track", match.topic.track), SlotSet("phase", "urgence"),
                SlotSet("topic", match.topic.key)] + steps
