"""What the NLU components that overrule the model's intent share: no configuration, no
training, and one way to set the intent."""

from typing import Any, Dict

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

CONFIDENCE_KEY = "confidence"


class IntentOverride(GraphComponent):
    """Base of the stateless components that set a message's intent from a rule."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls()


def set_intent(message: Message, name: str, confidence: float) -> None:
    """Make `name` the message's intent, first of its ranking."""
    chosen = {INTENT_NAME_KEY: name, CONFIDENCE_KEY: confidence}
    ranking = message.get(INTENT_RANKING_KEY) or []
    others = [item for item in ranking if item.get(INTENT_NAME_KEY) != name]
    message.set(INTENT, chosen, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [chosen] + others, add_to_output=True)
