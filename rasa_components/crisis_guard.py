"""Rasa NLU component that triages every message for a crisis (relais.safety.triage).

Placed last in the pipeline (after the FallbackClassifier), it:
- adds `crisis` to the parse data: {"tier": "certain" | "question" | None, "kind": ...}, read by
  the CrisisPolicy and the crisis action;
- sets the intent to `crise` with full confidence for both tiers, whatever the model or the
  fallback classifier said (a form then rejects the message, and the crisis dialogue answers);
- overrules a `crise` prediction of the model when the message is a known harmless idiom
  ("mort de rire") and nothing else is alarming, taking the model's next best intent.
"""

from typing import Any, Dict, List, Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_components.intent_override import CONFIDENCE_KEY, IntentOverride, set_intent
from relais.safety import triage

CRISIS_INTENT = "crise"
CRISIS_KEY = "crisis"


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
        intent = message.get(INTENT) or {}
        ranking = message.get(INTENT_RANKING_KEY) or []
        model_confidence = _crisis_confidence(intent, ranking)
        result = triage(text, model_confidence)
        message.set(CRISIS_KEY, {"tier": result.tier, "kind": result.kind, "model": model_confidence},
                    add_to_output=True)
        if result.tier is not None:
            set_intent(message, CRISIS_INTENT, 1.0)
        elif model_confidence is not None:
            replacement = _best_other_intent(ranking)
            if replacement:
                set_intent(message, replacement[INTENT_NAME_KEY], replacement[CONFIDENCE_KEY])


def _crisis_confidence(intent: Dict[Text, Any], ranking: List[Dict[Text, Any]]) -> Optional[float]:
    """The model's confidence in a crisis when crisis is its best guess (the fallback
    classifier may have put nlu_fallback first: the ranking still has the model's guess)."""
    candidates = [intent] + [item for item in ranking if item.get(INTENT_NAME_KEY) != "nlu_fallback"][:1]
    for candidate in candidates:
        if candidate.get(INTENT_NAME_KEY) == CRISIS_INTENT:
            return float(candidate.get(CONFIDENCE_KEY) or 0.0)
        if candidate.get(INTENT_NAME_KEY) != "nlu_fallback":
            return None
    return None


def _best_other_intent(ranking: List[Dict[Text, Any]]) -> Optional[Dict[Text, Any]]:
    for candidate in ranking:
        if candidate.get(INTENT_NAME_KEY) not in (CRISIS_INTENT, "nlu_fallback"):
            return candidate
    return None
