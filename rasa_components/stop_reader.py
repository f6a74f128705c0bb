"""Rasa NLU component: a request to stop the questions (relais/leaving.py) gets the `stop`
intent with full confidence, instead of the model's guess; the forms' rules then end the form.
A farewell at the end of a message that asks nothing (« merci, bonne journée ») gets `goodbye`:
topic words before it are no new request.

Placed after the EmojiReader and before the CrisisGuard, which has the last word.
"""

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_components.intent_override import IntentOverride, set_intent
from relais.leaving import asks_to_stop_questions, says_goodbye

STOP_INTENT = "stop"
GOODBYE_INTENT = "goodbye"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class StopReader(IntentOverride):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if asks_to_stop_questions(message.get(TEXT)):
                set_intent(message, STOP_INTENT, 1.0)
            elif says_goodbye(message.get(TEXT)):
                set_intent(message, GOODBYE_INTENT, 1.0)
        return messages
