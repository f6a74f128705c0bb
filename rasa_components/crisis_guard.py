"""Rasa NLU component that makes the crisis lexicon authoritative.

Placed last in the pipeline (after the FallbackClassifier), it:
- sets the intent to `crise` with full confidence when the crisis lexicon matches, whatever the
  model or the fallback classifier said: a crisis must never depend on a model's confidence;
- overrules a `crise` prediction of the model when the message is a known harmless idiom
  ("mort de rire") and the lexicon finds no crisis, taking the model's next best intent.
"""

from typing import Any, Dict, List, Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_components.intent_override import CONFIDENCE_KEY, IntentOverride, set_intent
from relais.safety import assess

CRISIS_INTENT = "crise"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class CrisisGuard(IntentOverride):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._guard(message)
        return messages

    def _guard(self, message: Message) -> None:
        text = message.get(TEXT)
        if not text:
            return
        assessment = assess(text)
        intent = message.get(INTENT) or {}
        ranking = message.get(INTENT_RANKING_KEY) or []
        if assessment.is_crisis:
            set_intent(message, CRISIS_INTENT, 1.0)
        elif assessment.lookalike and intent.get(INTENT_NAME_KEY) == CRISIS_INTENT:
            replacement = _best_other_intent(ranking)
            if replacement:
                set_intent(message, replacement[INTENT_NAME_KEY], replacement[CONFIDENCE_KEY])


def _best_other_intent(ranking: List[Dict[Text, Any]]) -> Optional[Dict[Text, Any]]:
    for candidate in ranking:
        if candidate.get(INTENT_NAME_KEY) not in (CRISIS_INTENT, "nlu_fallback"):
            return candidate
    return None
