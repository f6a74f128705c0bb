"""Rasa NLU component that triages every message for a crisis (relais.safety.triage).

The model has one intent per crisis kind (`crise_suicide`, `crise_violence`, ...: data/nlu/
crisis.yml); the dialogue has one, `crise`, which only this component sets. Placed last in the
pipeline (after the FallbackClassifier), it:
- adds `crisis` to the parse data: {"tier": "certain" | "question" | None, "kind": ...}, read by
  the CrisisPolicy and the crisis action;
- sets the intent to `crise` with full confidence for both tiers, whatever the model or the
  fallback classifier said (a form then rejects the message, and the crisis dialogue answers);
- otherwise overrules a crisis prediction of the model (a known harmless idiom, no word of
  danger), taking the model's next best intent.
"""

from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_components.intent_override import CONFIDENCE_KEY, IntentOverride, set_intent
from relais.crisis import CRISIS_KINDS
from relais.safety import plausible_model_kind, triage

CRISIS_INTENT = "crise"
# The model's intents, one per crisis kind; scripts/validate_data.py knows they are read here.
MODEL_CRISIS_PREFIX = "crise_"
MODEL_CRISIS_INTENTS = tuple(MODEL_CRISIS_PREFIX + kind for kind in CRISIS_KINDS)
CRISIS_KEY = "crisis"
FALLBACK_INTENT = "nlu_fallback"
# The FallbackClassifier's threshold (config.yml): below it, an intent is not understood.
# tests/test_crisis_guard.py checks the two agree.
FALLBACK_THRESHOLD = 0.45


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
        model_confidence, model_kind = _model_crisis(intent, ranking, text)
        result = triage(text, model_confidence, model_kind)
        message.set(CRISIS_KEY, {"tier": result.tier, "kind": result.kind, "model": model_confidence},
                    add_to_output=True)
        if result.tier is not None:
            set_intent(message, CRISIS_INTENT, 1.0)
        elif model_confidence is not None:
            replacement = _best_other_intent(ranking)
            if replacement and float(replacement.get(CONFIDENCE_KEY) or 0.0) >= FALLBACK_THRESHOLD:
                set_intent(message, replacement[INTENT_NAME_KEY], replacement[CONFIDENCE_KEY])
            else:
                # The model's next guess is as unsure as the fallback classifier would be (a
                # refusal read at 0.25 as a request for a person opened a case): not understood.
                set_intent(message, FALLBACK_INTENT, FALLBACK_THRESHOLD)


def is_crisis_intent(name: Optional[Text]) -> bool:
    return bool(name) and (name == CRISIS_INTENT or name.startswith(MODEL_CRISIS_PREFIX))


def _model_crisis(intent: Dict[Text, Any], ranking: List[Dict[Text, Any]],
                  text: Text = "") -> Tuple[Optional[float], Optional[str]]:
    """When the model's best guess is a crisis (the fallback classifier may have put
    nlu_fallback first: the ranking still has it): its confidence in any crisis (the kinds
    share it) and the likeliest kind whose words are in the message (relais.safety.
    plausible_model_kind). (None, None) otherwise."""
    guesses = [item for item in ranking if item.get(INTENT_NAME_KEY) != "nlu_fallback"]
    best = guesses[0] if guesses else intent
    if not is_crisis_intent(best.get(INTENT_NAME_KEY)):
        return None, None
    confidence = sum(float(item.get(CONFIDENCE_KEY) or 0.0) for item in guesses
                     if is_crisis_intent(item.get(INTENT_NAME_KEY)))
    kinds = [item[INTENT_NAME_KEY][len(MODEL_CRISIS_PREFIX):] for item in guesses
             if item.get(INTENT_NAME_KEY, "").startswith(MODEL_CRISIS_PREFIX)]
    if best[INTENT_NAME_KEY] == CRISIS_INTENT:
        return min(confidence, 1.0), None
    kind = next((k for k in kinds if plausible_model_kind(text, k)), None) if kinds else None
    return min(confidence, 1.0), kind


def _best_other_intent(ranking: List[Dict[Text, Any]]) -> Optional[Dict[Text, Any]]:
    for candidate in ranking:
        if not is_crisis_intent(candidate.get(INTENT_NAME_KEY)) and candidate.get(INTENT_NAME_KEY) != "nlu_fallback":
            return candidate
    return None
