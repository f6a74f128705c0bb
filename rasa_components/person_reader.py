"""Rasa NLU component: an explicit request for a person of the relais team (relais/person_request.py)
gets the `demander_humain` intent with full confidence, even inside a long message about a
track; a request for help in person, at a place, gets `trouver_relais` (the help near the
citizen, from their postal code); the model's guess is kept otherwise.

Placed after the StopReader and before the CrisisGuard, which has the last word.
"""

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_components.intent_override import IntentOverride, set_intent
from relais.conversation_contract import PERSON_INTENT
from relais.person_request import asks_for_a_person, asks_for_help_in_person

# Help in person is found near the citizen: the local relais team and public services.
LOCAL_HELP_INTENT = "trouver_relais"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PersonReader(IntentOverride):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if asks_for_help_in_person(text):
                set_intent(message, LOCAL_HELP_INTENT, 1.0)
            elif asks_for_a_person(text):
                set_intent(message, PERSON_INTENT, 1.0)
        return messages
