"""Rasa NLU component: a request to stop the questions (relais/leaving.py) gets the `stop`
intent with full confidence, instead of the model's guess; the forms' rules then end the form.

Placed after the EmojiReader and before the CrisisGuard, which has the last word.
"""

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_components.intent_override import IntentOverride, set_intent
from relais.leaving import asks_to_stop_questions

STOP_INTENT = "stop"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class StopReader(IntentOverride):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if asks_to_stop_questions(message.get(TEXT)):
                set_intent(message, STOP_INTENT, 1.0)
        return messages
