"""What Relais says when it does not understand: buttons first; the second time in a row, the
offer of a person, as a question. A misunderstanding never opens a case by itself: the team
would get the citizen's words without the citizen asking for it. Only a yes to that question
(the button « Oui, une personne », or a typed yes: "oui", "ouais", "wi", "ok", 👍) opens a
case; "non" or anything else goes on without one."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.direct_questions import answer_direct_question
from actions.escalation import TEAM_FOLLOWS_UP, TEAM_PRESENTED, open_case
from actions.event_answer import answer_about_event
from actions.stated_goal import GOAL_RESPONSES
from actions.topic_replies import (
    answer_from_topics,
    answer_likely_track,
    ask_which_need_first,
    follow_up_in_context,
)
from actions.typed_buttons import replay_meant_button
from actions.varied import ISOLATION, isolation_answered
from actions.welcome import CONSENT_NOTE_RESPONSES, note_leading_consent
from relais.consent_words import without_leading_consent
from relais.data_rights_words import asks_about_cost
from relais.tracks import TRACKS
from relais.yes_no import says_yes

FALLBACK_ACTION = "action_fallback"
OFFER_OF_A_PERSON = "utter_fallback_humain"
# Actions that run around every turn and say nothing about understanding.
_NEUTRAL_ACTIONS = {"action_listen", "action_extract_slots", "action_session_start", FALLBACK_ACTION}
# The fallback is also Rasa's core fallback (a message no rule covers, e.g. a typed "oui" out of
# any question): without an explicit listen, Rasa would predict it again, ten times in a row.
_THEN_LISTEN = [FollowupAction("action_listen")]


def consecutive_fallbacks(events: list[dict[str, Any]]) -> int:
    """How many turns in a row, just before this one, ended in a fallback."""
    count = 0
    for event in reversed(events):
        if event.get("event") == "bot" and _utter_action(event) not in ("utter_default", OFFER_OF_A_PERSON):
            break  # the fallback's turn ended otherwise (a yes opened a case, a topic was answered)
        if event.get("event") != "action":
            continue
        name = event.get("name")
        if name == FALLBACK_ACTION:
            count += 1
        elif name not in _NEUTRAL_ACTIONS:
            break
    return count


def offered_a_person(events: list[dict[str, Any]]) -> bool:
    """Whether Relais' last words before the citizen's latest message offered a person."""
    users_seen = 0
    for event in reversed(events):
        if event.get("event") == "bot":
            return _utter_action(event) == OFFER_OF_A_PERSON
        if event.get("event") == "user":
            users_seen += 1
            if users_seen > 1:  # the citizen wrote twice since: the question is stale
                return False
    return False


def _utter_action(event: dict[str, Any]):
    return (event.get("metadata") or {}).get("utter_action")


# Beside a consent answer, a cost question this short asks nothing more.
COST_QUESTION_WORDS = 15


class ActionFallback(Action):
    responses = frozenset({"utter_default", OFFER_OF_A_PERSON, "utter_escalade_demande",
                           "utter_escalade_impossible", "utter_relais_local", "utter_plan_fin",
                           TEAM_FOLLOWS_UP, TEAM_PRESENTED, ISOLATION}
                          | {f"utter_{track}_urgence" for track in TRACKS} | GOAL_RESPONSES | CONSENT_NOTE_RESPONSES)

    def name(self) -> str:
        return FALLBACK_ACTION

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        # The citizen's yes to the offer: the NLU may file a typed "oui" as affirm (no rule
        # follows the offer, so the core fallback brings it here) or not understand "wi" at
        # all (nlu_fallback): either way it is read here, from its words.
        if offered_a_person(tracker.events) and says_yes(tracker.latest_message.get("text") or ""):
            return open_case(dispatcher, tracker, "repeated_misunderstanding") + _THEN_LISTEN
        replayed = replay_meant_button(tracker)
        if replayed is not None:
            return replayed
        # « Oui d'accord vous pouvez garder. J'ai 79 ans, il fait une chaleur terrible… » under
        # the consent question (persona round 99: « pas sûr d'avoir compris », no consent noted).
        consent = note_leading_consent(dispatcher, tracker)
        rest = without_leading_consent(tracker.latest_message.get("text") or "").strip(" .,!")
        if consent and (not rest or (asks_about_cost(rest) and len(rest.split()) <= COST_QUESTION_WORDS)):
            # « Excusez-moi… c'est payant ? Si c'est gratuit oui j'accepte »: the cost was
            # answered with the consent (persona round 101: then « pas de réponse sûre »).
            return consent + _THEN_LISTEN
        return consent + self._answer(dispatcher, tracker)

    def _answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        if isolation_answered(dispatcher, tracker):
            # « Depuis, je vois plus personne » in words DIET did not learn (persona round 16).
            return _THEN_LISTEN
        # « is not None », not « or »: an answer with no event ([]) has spoken, and the next
        # reading must not speak after it.
        for answer in (answer_direct_question, answer_about_event, answer_from_topics, answer_likely_track,
                       follow_up_in_context, ask_which_need_first):
            answered = answer(dispatcher, tracker)
            if answered is not None:
                return answered + _THEN_LISTEN
        # The second misunderstanding in a row offers a person; after that, the same offer again
        # would only add noise.
        if consecutive_fallbacks(tracker.events) == 1:
            dispatcher.utter_message(response=OFFER_OF_A_PERSON)
            return _THEN_LISTEN
        dispatcher.utter_message(response="utter_default")
        return _THEN_LISTEN
