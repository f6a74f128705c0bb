"""Rasa NLU component: an explicit request for a person of the relais team (relais/person_request.py)
gets the `demander_humain` intent with full confidence, even inside a long message about a
track; the model's guess is kept otherwise.

Placed after the StopReader and before the CrisisGuard, which has the last word.
"""

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_components.intent_override import IntentOverride, set_intent
from relais.conversation_contract import PERSON_INTENT
from relais.person_request import asks_for_a_person


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PersonReader(IntentOverride):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if asks_for_a_person(message.get(TEXT) or ""):
                set_intent(message, PERSON_INTENT, 1.0)
        return messages
