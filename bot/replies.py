"""Answers the edge gives by itself, when Rasa cannot."""

from relais.safety import EMERGENCY_NUMBERS_TEXT, assess

RASA_DOWN_TEXT = (
    "Je rencontre un problème technique et je ne peux pas vous répondre tout de suite. "
    "Votre message est bien reçu. Réessayez dans quelques minutes."
)


def fallback_reply(text: str) -> str:
    """What to say when Rasa is down: the emergency numbers first if the message is a crisis."""
    if assess(text).is_crisis:
        return EMERGENCY_NUMBERS_TEXT + "\n\n" + RASA_DOWN_TEXT
    return RASA_DOWN_TEXT + "\nEn cas de danger : 112. Idées suicidaires : 3114, 24 h/24."
