"""How coaches name a citizen: a pseudonym that never shows the Telegram chat id.

An HMAC-SHA256 of the conversation id keyed with PSEUDONYM_SECRET. Without the key, a guessed
chat id cannot be checked against a label (an unkeyed hash of a chat id can: chat ids are few
enough to try them all); with 64 bits shown, two citizens share a label only around 2^32
citizens (the birthday bound), where 24 bits collided at a few thousand. Deterministic: a
citizen keeps one label across cases and restarts, as long as the key stays.
"""

import hashlib
import hmac

LABEL_HEX_DIGITS = 16  # 64 bits
_CONTEXT = "relais-citizen:"  # a key reused elsewhere by mistake would still not give these labels


class PseudonymKeyMissing(ValueError):
    """No PSEUDONYM_SECRET: coaches must never see a label that anyone can recompute."""


def citizen_label(conversation_id: str, secret: str) -> str:
    """« Personne 3F9A-2B7C-81D0-44E1 »: read aloud or typed by coaches without confusion."""
    if not secret:
        raise PseudonymKeyMissing("PSEUDONYM_SECRET is required to label citizens for coaches")
    digest = hmac.new(secret.encode("utf-8"), f"{_CONTEXT}{conversation_id}".encode(),
                      hashlib.sha256).hexdigest()[:LABEL_HEX_DIGITS].upper()
    return "Personne " + "-".join(digest[i:i + 4] for i in range(0, LABEL_HEX_DIGITS, 4))
