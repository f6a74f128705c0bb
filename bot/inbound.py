"""What a citizen's message becomes before it reaches Rasa.

Rasa treats any text that starts with "/" as an intent given directly ("/crise", "/greet{...}"),
skipping NLU. A citizen must never be able to choose an intent that way, so typed text loses its
leading slashes and goes through NLU like any other message. Only the commands listed here, and
the payloads of buttons that Relais itself sent, reach Rasa as intents.
"""

import re
from typing import Optional

# Commands of the menu (Telegram's "/" menu, or typed in the terminal) -> Rasa intent.
COMMANDS = {
    "start": "greet",
    "aide": "aide",
    "menu": "menu",
    "urgence": "urgence",
    "point": "checkin",
    "coach": "demander_humain",
    "stop": "stop",
}
_COMMAND = re.compile(r"^/([a-z]+)(@\w+)?\s*$", re.IGNORECASE)


def command_payload(text: str) -> Optional[str]:
    """`/aide` -> `/aide` (an intent payload) for a known command, else None."""
    match = _COMMAND.match(text.strip())
    if not match:
        return None
    intent = COMMANDS.get(match.group(1).lower())
    return f"/{intent}" if intent else None


def typed_text(text: str) -> str:
    """Free text as Rasa must see it: never an intent payload, otherwise unchanged."""
    return re.sub(r"^[\s/]+", "", text or "")


def to_rasa(text: str) -> str:
    """A typed message, as sent to Rasa: a known command as its intent, anything else as text."""
    return command_payload(text) or typed_text(text)
