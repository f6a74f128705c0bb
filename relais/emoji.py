"""What a message made only of emoji says, when it says something clear.

The NLU model has seen almost no emoji: it filed "😭😭😭" under `action_faite` and congratulated
a crying citizen. A message of emoji only is read here instead, from a short list whose meaning
is not in doubt; anything else is left unread (the bot then says it did not understand).
"""

import unicodedata

# Intent of Relais' domain for each emoji (variation selectors and skin tones are ignored).
# Only the gestures of a yes or a no answer a question; a smile is taken as a thank-you (the
# bot answers "Avec plaisir"), never as a yes to a question it asked.
_MEANINGS = {
    "humeur_basse": "😭😢😞😔😟😥😰😨😩😫😣😖😓😪💔😿🥺☹🙁😡😠🤬😤",
    "affirm": "👍👌🆗✅✔",
    "deny": "👎❌🙅",
    "thanks": "🙏❤♥💙💚💛🧡💜🤗😍🥰🙂😊😀😃😄😁☺😉💪",
    "greet": "👋",
}
_INTENT_OF = {emoji: intent for intent, emojis in _MEANINGS.items() for emoji in emojis}
# Characters that only modify the emoji before them.
_MODIFIERS = {"\ufe0f", "\ufe0e", "\u200d"} | {chr(code) for code in range(0x1F3FB, 0x1F400)}


def is_emoji_only(text: str) -> bool:
    """True for a non-empty message of symbols only (no letters or digits)."""
    symbols = [ch for ch in text if not ch.isspace() and ch not in _MODIFIERS]
    return bool(symbols) and all(unicodedata.category(ch) == "So" or ch in _INTENT_OF for ch in symbols)


def emoji_intent(text: str) -> str | None:
    """The intent a message of emoji only clearly carries, or None.

    Several emoji must agree ("🙏🙂" is thanks and yes: unclear). Only a message of emoji only
    is read: "super 👍" keeps its words for the model.
    """
    if not is_emoji_only(text):
        return None
    meanings = {_INTENT_OF.get(ch) for ch in text if not ch.isspace() and ch not in _MODIFIERS}
    return meanings.pop() if len(meanings) == 1 else None
