"""Messages of emoji only: read from a short list, never guessed (relais/emoji.py and the
EmojiReader NLU component)."""

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_components.emoji_reader import EmojiReader
from relais.emoji import emoji_intent, is_emoji_only


@pytest.mark.parametrize("text, intent", [
    ("😭😭😭", "humeur_basse"),
    ("😢 😢", "humeur_basse"),
    ("😡", "humeur_basse"),
    ("👍🏽", "affirm"),  # skin tone ignored
    ("✔️", "affirm"),  # variation selector ignored
    ("👎", "deny"),
    ("🙏", "thanks"),
    ("❤️", "thanks"),
    ("🙂", "thanks"),  # a smile is not a yes to a question
    ("👋", "greet"),
])
def test_clear_emoji_carry_their_intent(text, intent):
    assert emoji_intent(text) == intent


@pytest.mark.parametrize("text", ["🤔", "🌱🌱", "🙏👍", "😭👍"])
def test_unknown_or_mixed_emoji_are_not_guessed(text):
    assert is_emoji_only(text) and emoji_intent(text) is None


@pytest.mark.parametrize("text", ["super 👍", "merci 🙏", "???", "...", "12", ""])
def test_messages_with_words_or_punctuation_are_left_to_the_model(text):
    assert not is_emoji_only(text) and emoji_intent(text) is None


def parsed(text, intent="action_faite"):
    message = Message({TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": 0.9})
    message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": 0.9}, {"name": "humeur_basse", "confidence": 0.05}])
    EmojiReader().process([message])
    return message


def test_the_component_overrules_the_models_guess_for_emoji_only():
    message = parsed("😭😭😭")
    assert message.get(INTENT) == {"name": "humeur_basse", "confidence": 1.0}
    assert [item["name"] for item in message.get(INTENT_RANKING_KEY)] == ["humeur_basse", "action_faite"]


def test_unknown_emoji_are_a_misunderstanding_not_a_guess():
    assert parsed("🤔").get(INTENT)["name"] == "nlu_fallback"


def test_text_keeps_the_models_intent():
    assert parsed("j'ai fait mon compost 👍").get(INTENT)["name"] == "action_faite"
