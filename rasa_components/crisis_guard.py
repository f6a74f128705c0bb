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

It is trainable: when Rasa trains, it fits the crisis classifier (relais/crisis_classifier.py) on
the NLU examples, each `crise_<kind>` intent against every other intent, and stores it in the
model; relais.safety.triage weighs its reading with the lexicons and DIET's guess.
"""

import hashlib
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_components.intent_override import CONFIDENCE_KEY, set_intent
from relais.conversation_contract import FALLBACK_INTENT, TRIAGE_KEY
from relais.crisis import CRISIS_KINDS
from relais.crisis_classifier import CALM, CrisisClassifier
from relais.safety import plausible_model_kind, triage, without_idioms

CRISIS_INTENT = "crise"
# The model's intents, one per crisis kind; scripts/validate_data.py knows they are read here.
MODEL_CRISIS_PREFIX = "crise_"
MODEL_CRISIS_INTENTS = tuple(MODEL_CRISIS_PREFIX + kind for kind in CRISIS_KINDS)
# Low mood (data/nlu): support and a person, the suicide line only with a risk indicator.
LOW_MOOD_INTENT = "humeur_basse"
# The FallbackClassifier's threshold (config.yml): below it, an intent is not understood.
# tests/test_crisis_guard.py checks the two agree.
FALLBACK_THRESHOLD = 0.45
CLASSIFIER_FILE = "crisis_classifier.joblib"
_ROOT = Path(__file__).resolve().parent.parent
# The code that shapes the stored classifier (its features read relais.text's normalised text).
# The Makefile's MODEL_INPUTS lists the same files.
CLASSIFIER_CODE = tuple(_ROOT / name for name in (
    "rasa_components/crisis_guard.py", "relais/crisis_classifier.py", "relais/text.py"))


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True
)
class CrisisGuard(GraphComponent):
    def __init__(self, classifier: Optional[CrisisClassifier] = None,
                 model_storage: Optional[ModelStorage] = None,
                 resource: Optional[Resource] = None) -> None:
        self._classifier = classifier
        self._model_storage = model_storage
        self._resource = resource

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> GraphComponent:
        return cls(None, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> GraphComponent:
        with model_storage.read_from(resource) as directory:
            classifier = CrisisClassifier.load(directory / CLASSIFIER_FILE)
        return cls(classifier, model_storage, resource)

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        # Rasa's cache keys a trained component on its config and data: a change in the code
        # that fits the classifier must retrain it too.
        digest = hashlib.sha256()
        for path in CLASSIFIER_CODE:
            digest.update(path.read_bytes())
        return digest.hexdigest()

    def train(self, training_data: TrainingData) -> Resource:
        texts, labels = crisis_examples(training_data)
        classifier = CrisisClassifier.fit(texts, labels)
        with self._model_storage.write_to(self._resource) as directory:
            classifier.save(directory / CLASSIFIER_FILE)
        return self._resource

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
        reading = self._classifier.read(without_idioms(text)) if self._classifier is not None else None
        result = triage(text, model_confidence, model_kind, reading, _low_mood_confidence(intent, ranking))
        # What each reader said, beside the decision: the benches and a reviewer see why.
        message.set(TRIAGE_KEY, {
            "tier": result.tier, "kind": result.kind, "model": model_confidence, "model_kind": model_kind,
            "classifier": None if reading is None else round(reading.probability, 3),
            "classifier_kind": None if reading is None else reading.kind,
        }, add_to_output=True)
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


def crisis_examples(training_data: TrainingData) -> Tuple[List[str], List[str]]:
    """The NLU examples as (texts, labels): a `crise_<kind>` intent is its kind, any other
    intent is calm (its look-alikes of a crisis included)."""
    texts, labels = [], []
    for example in training_data.intent_examples:
        intent = example.get(INTENT)
        text = example.get(TEXT)
        if not text or not intent:
            continue
        kind = intent[len(MODEL_CRISIS_PREFIX):] if intent.startswith(MODEL_CRISIS_PREFIX) else CALM
        texts.append(text)
        labels.append(kind)
    return texts, labels


def is_crisis_intent(name: Optional[str]) -> bool:
    return bool(name) and (name == CRISIS_INTENT or name.startswith(MODEL_CRISIS_PREFIX))


def _model_crisis(intent: Dict[str, Any], ranking: List[Dict[str, Any]],
                  text: str = "") -> Tuple[Optional[float], Optional[str]]:
    """When the model's best guess is a crisis (the fallback classifier may have put
    nlu_fallback first: the ranking still has it): its confidence in any crisis (the kinds
    share it) and the likeliest kind whose words are in the message (relais.safety.
    plausible_model_kind). (None, None) otherwise."""
    guesses = [item for item in ranking if item.get(INTENT_NAME_KEY) != FALLBACK_INTENT]
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


def _low_mood_confidence(intent: Dict[str, Any], ranking: List[Dict[str, Any]]) -> Optional[float]:
    """DIET's confidence when its best guess (past the fallback classifier) is low mood."""
    guesses = [item for item in ranking if item.get(INTENT_NAME_KEY) != FALLBACK_INTENT]
    best = guesses[0] if guesses else intent
    if best.get(INTENT_NAME_KEY) != LOW_MOOD_INTENT:
        return None
    return float(best.get(CONFIDENCE_KEY) or 0.0)


def _best_other_intent(ranking: List[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    for candidate in ranking:
        if not is_crisis_intent(candidate.get(INTENT_NAME_KEY)) and candidate.get(INTENT_NAME_KEY) != FALLBACK_INTENT:
            return candidate
    return None
