"""Rasa NLU component: a request for a plan (relais/plan_request.py) gets the intent of « 3 autres
actions » with full confidence, whose action shows the actions that fit the citizen's answers.

Placed after the PersonReader and before the CrisisGuard, which has the last word.
"""

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_components.intent_override import IntentOverride, set_intent
from relais.plan_request import asks_for_a_plan

PLAN_INTENT = "plus_actions"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PlanReader(IntentOverride):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if asks_for_a_plan(message.get(TEXT)):
                set_intent(message, PLAN_INTENT, 1.0)
        return messages
