"""Rasa NLU component: a message of emoji only gets the intent its emoji clearly carry
(relais/emoji.py), with full confidence, instead of the model's guess.

Placed after the FallbackClassifier (a clear emoji is not a misunderstanding) and before the
CrisisGuard, which has the last word.
"""

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_components.intent_override import IntentOverride, set_intent
from relais.conversation_contract import FALLBACK_INTENT
from relais.emoji import emoji_intent, is_emoji_only


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class EmojiReader(IntentOverride):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not is_emoji_only(text):
                continue
            # Emoji the list does not know are not guessed at: the bot says it did not understand.
            set_intent(message, emoji_intent(text) or FALLBACK_INTENT, 1.0)
        return messages
