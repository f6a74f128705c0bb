"""Answers said with one of several wordings, never the same one twice in a row: a citizen who
says again that they are low, or asks again about something off-topic, is not answered word
for word (the blind conversations count a repeated message as a failure, and so would they)."""

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.direct_questions import answer_direct_question
from actions.escalation import TEAM_FOLLOWS_UP, TEAM_PRESENTED
from actions.event_answer import answer_about_event
from actions.stated_goal import GOAL_RESPONSES
from actions.topic_replies import (
    answer_from_topics,
    answer_topic,
    ask_which_need_first,
    related_follow_up,
)
from actions.welcome import CONSENT_NOTE_RESPONSES, note_leading_consent
from relais.form_answers import is_question
from relais.isolation import speaks_of_isolation
from relais.mood import speaks_of_low_mood
from relais.text import normalise
from relais.topics import practical_question_topic
from relais.track_turn import is_typed


def times_said(tracker: Tracker, action_name: str) -> int:
    return sum(1 for event in tracker.events
               if event.get("event") == "action" and event.get("name") == action_name)


class VariedAnswer:
    """Says the wordings in turn (by how often this action ran in the conversation). A mixin,
    not an Action: actions/registry.py lists only the concrete actions."""

    wordings: tuple[str, ...] = ()

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[dict[str, Any]]:
        turn = times_said(tracker, self.name())
        dispatcher.utter_message(response=self.wordings[turn % len(self.wordings)])
        return []


ISOLATION = "utter_isolement"


def isolation_answered(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Loneliness told (relais/isolation.py): people and places to see again, once in a row."""
    if not speaks_of_isolation(tracker.latest_message.get("text") or ""):
        return False
    dispatcher.utter_message(response=ISOLATION)
    return True


class ActionHumeurBasse(VariedAnswer, Action):
    wordings = ("utter_humeur_basse", "utter_humeur_basse_2", "utter_humeur_basse_3")
    responses = frozenset(wordings) | {ISOLATION}

    def name(self) -> str:
        return "action_humeur_basse"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[dict[str, Any]]:
        if isolation_answered(dispatcher, tracker):
            return []
        # « Comment mettre un mot de passe solide ? » is no low mood: its answer.
        practical = practical_question_topic(tracker.latest_message.get("text") or "")
        if practical is not None:
            return answer_topic(dispatcher, tracker, practical)
        return super().run(dispatcher, tracker, domain)


LOW_MOOD_ACTION = "action_humeur_basse"


class ActionHorsSujet(VariedAnswer, Action):
    wordings = ("utter_hors_sujet", "utter_hors_sujet_2")
    responses = frozenset(wordings) | {TEAM_FOLLOWS_UP, TEAM_PRESENTED, ISOLATION} | GOAL_RESPONSES | CONSENT_NOTE_RESPONSES

    def name(self) -> str:
        return "action_hors_sujet"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[dict[str, Any]]:
        consent = note_leading_consent(dispatcher, tracker)
        # "Off-topic" for DIET may be a track question in words it did not learn.
        answered = answer_direct_question(dispatcher, tracker)
        if answered is None and isolation_answered(dispatcher, tracker):
            answered = []
        if answered is None:
            answered = answer_about_event(dispatcher, tracker)
        if answered is None:
            answered = answer_from_topics(dispatcher, tracker)
        if answered is None:
            answered = related_follow_up(dispatcher, tracker)
        if answered is None:
            answered = ask_which_need_first(dispatcher, tracker)
        if answered is None and speaks_of_low_mood(tracker.latest_message.get("text") or ""):
            # « Je viens de te dire que je me sens vide » read as off-topic (persona round 91).
            return consent + [FollowupAction(LOW_MOOD_ACTION)]
        return consent + (answered if answered is not None else super().run(dispatcher, tracker, domain))


THANKS_ACTION = "action_de_rien"
# « Cool merci. Et pour le stress, y a quelqu'un à qui parler ? »: thanks, then a question.
QUESTION_AFTER_THANKS_WORDS = 5


# « Merci. Mais l'eau pour boire, il me reste 2 bouteilles » (persona round 100: « Avec
# plaisir » to an old man running out of water): thanks, then a need.
_MORE_AFTER_THANKS = re.compile(r"^\W*((ok|bon|d'accord|oui) )?merci\w*( beaucoup| bien)?\W+(mais|et|par contre|sinon|pour|il me)\b")


class ActionDeRien(Action):
    """Thanks are answered briefly; a question said in the same breath is answered instead
    (persona round 92: « cool merci. et pour le stress des partiels y a quelqu'un a qui parler
    gratos ? » got « Avec plaisir »)."""

    responses = frozenset({"utter_de_rien"}) | {TEAM_FOLLOWS_UP, TEAM_PRESENTED} | GOAL_RESPONSES \
        | CONSENT_NOTE_RESPONSES

    def name(self) -> str:
        return THANKS_ACTION

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        # « Oui je veux bien madame, merci » under the consent question is its answer, not
        # thanks (persona round 100).
        consent = note_leading_consent(dispatcher, tracker)
        if consent:
            return consent
        asks = is_question(text) or bool(_MORE_AFTER_THANKS.search(normalise(text)))
        if is_typed(text) and asks and len(text.split()) >= QUESTION_AFTER_THANKS_WORDS:
            for answer in (answer_direct_question, answer_about_event, answer_from_topics):
                answered = answer(dispatcher, tracker)
                if answered is not None:
                    return answered
        dispatcher.utter_message(response="utter_de_rien")
        return []
