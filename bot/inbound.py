"""What a citizen's message becomes before it reaches Rasa.

Rasa treats any text that starts with "/" as an intent given directly ("/crise", "/greet{...}"),
skipping NLU. A citizen must never be able to choose an intent that way, so typed text loses its
leading slashes and goes through NLU like any other message. Only the commands listed here, and
the payloads of buttons that Relais itself sent, reach Rasa as intents.
"""

import re

from relais.conversation_contract import PERSON_INTENT

# Commands (Telegram's "/" menu, or typed in the terminal) -> Rasa intent.
COMMANDS = {
    "start": "greet",
    "aide": "aide",
    "menu": "menu",
    "urgence": "urgence",
    "progres": "progres",
    "point": "checkin",
    "coach": PERSON_INTENT,
    "mesdonnees": "mes_donnees",
    "oubli": "oubli",
    "stop": "stop",
}
# The menu Telegram shows (setMyCommands), in this order.
MENU = (
    ("start", "Commencer ou recommencer"),
    ("aide", "Ce que Relais peut faire pour vous"),
    ("urgence", "Une situation urgente à gérer maintenant"),
    ("progres", "Voir mes progrès"),
    ("coach", "Parler à une personne de l'équipe Relais"),
    ("mesdonnees", "Ce que Relais garde sur moi"),
    ("oubli", "Effacer mes données"),
)
# "/start", "/start@RelaisBot", "/start a-deep-link-parameter": Telegram's command forms.
_COMMAND = re.compile(r"^/([a-z]+)(@\w+)?(\s+\S.*)?$", re.IGNORECASE | re.DOTALL)


def command_payload(text: str) -> str | None:
    """`/aide` -> `/aide` (an intent payload) for a known command, else None."""
    match = _COMMAND.match((text or "").strip())
    if not match:
        return None
    intent = COMMANDS.get(match.group(1).lower())
    if intent is None or (match.group(3) and intent != "greet"):
        return None  # "/aide moi svp" is a sentence, read by NLU
    return f"/{intent}"


def typed_text(text: str) -> str:
    """Free text as Rasa must see it: never an intent payload, otherwise unchanged."""
    return re.sub(r"^[\s/]+", "", text or "")


def to_rasa(text: str) -> str:
    """A typed message, as sent to Rasa: a known command as its intent, anything else as text."""
    return command_payload(text) or typed_text(text)
