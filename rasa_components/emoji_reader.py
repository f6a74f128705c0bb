"""Rasa NLU component: a message of emoji only gets the intent its emoji clearly carry
(relais/emoji.py), with full confidence, instead of the model's guess.

Placed after the FallbackClassifier (a clear emoji is not a misunderstanding) and before the
CrisisGuard, which has the last word.
"""

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_components.crisis_guard import set_intent
from relais.emoji import emoji_intent, is_emoji_only

FALLBACK_INTENT = "nlu_fallback"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class EmojiReader(GraphComponent):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "EmojiReader":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not is_emoji_only(text):
                continue
            # Emoji the list does not know are not guessed at: the bot says it did not understand.
            set_intent(message, emoji_intent(text) or FALLBACK_INTENT, 1.0)
        return messages
