"""Rasa NLU component: a request to stop the questions (relais/leaving.py) gets the `stop`
intent with full confidence, instead of the model's guess; the forms' rules then end the form.
A farewell at the end of a message that asks nothing (« merci, bonne journée ») gets `goodbye`:
topic words before it are no new request. Thanks followed by a question (« merci. et la CCI
elle peut m'aider ? ») is no thanks: the model's best other reading, or « not sure » (answered
by action_fallback in the context of the track under way). Low mood said outright is heard as
such, not as the track a word of it suggests.

Placed after the EmojiReader and before the CrisisGuard, which has the last word.
"""

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_components.intent_override import IntentOverride, set_intent
from relais.acute import is_acute
from relais.form_answers import is_question
from relais.leaving import (
    asks_to_stop_questions,
    ends_with_menu,
    may_be_goodbye,
    says_goodbye,
    thanks_then_asks,
)
from relais.mood import distress_comes_first, speaks_of_low_mood
from relais.tracks import TRACK_INTENT_PREFIX

STOP_INTENT = "stop"
GOODBYE_INTENT = "goodbye"
THANKS_INTENT = "thanks"
FALLBACK_INTENT = "nlu_fallback"
LOW_MOOD_INTENT = "humeur_basse"
MENU_INTENT = "menu"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class StopReader(IntentOverride):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if asks_to_stop_questions(message.get(TEXT)):
                # « Laisse tomber. Je mange pas vraiment… et je me sens vide » (persona round
                # 91: « D'accord, je m'arrête là »): how the citizen feels, not a goodbye.
                low = speaks_of_low_mood(message.get(TEXT))
                set_intent(message, LOW_MOOD_INTENT if low else STOP_INTENT, 1.0)
            elif ends_with_menu(message.get(TEXT)):
                # « Vous m'écoutez pas. menu » (persona round 91: read as an answer to the form).
                set_intent(message, MENU_INTENT, 1.0)
            elif (_intent(message) or "").startswith(TRACK_INTENT_PREFIX) and distress_comes_first(
                    message.get(TEXT), is_question(message.get(TEXT) or ""), is_acute(message.get(TEXT) or "")):
                # « J'ai honte voilà. je dors pas. je tourne en rond dans la cuisine » (persona
                # round 97: the food coach, on « cuisine »): how the citizen feels comes first.
                set_intent(message, LOW_MOOD_INTENT, 1.0)
            elif says_goodbye(message.get(TEXT)):
                set_intent(message, GOODBYE_INTENT, 1.0)
            elif _intent(message) == THANKS_INTENT and thanks_then_asks(message.get(TEXT)):
                set_intent(message, FALLBACK_INTENT, 1.0)
            elif _intent(message) == GOODBYE_INTENT and not may_be_goodbye(message.get(TEXT)):
                # « hmm » or « d'abord comment j'y vais demain » got « Au revoir ».
                set_intent(message, FALLBACK_INTENT, 1.0)
        return messages


def _intent(message: Message) -> str | None:
    return (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
