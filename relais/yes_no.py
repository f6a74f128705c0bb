"""Is a typed message a plain yes to a closed question Relais asked?

Opening a case for the relais team sends the conversation to people: after misunderstandings it
takes the citizen's explicit yes, written as people write on a phone ("oui", "ouais", "wi",
"ok", "d'acc", 👍), never a guess of the model. A message that also says no is not a yes.
"""

import re

from relais.emoji import emoji_intent
from relais.text import normalise

# The message starts with a clear yes ("oui svp", "ok merci"): "svp je comprends pas" or "je ne
# suis pas ok" is not one. A short message only: a long one says something else too.
_YES = re.compile(
    r"^(o+u+i+|ouai+s?|ouep|wi+|ui|ok+|oki|okay|okey|d'?ac+|d'?accord|volontiers|je veux bien|"
    r"bien sur|carrement|yes|allez y|vas y|avec plaisir)\b"
)
_MAX_WORDS = 6
# Any negation makes it not a yes: better to ask again (the button is there) than to send the
# conversation to people on a misread "oui mais non".
_NO = re.compile(
    r"\b(non|nan|nope|no|jamais|plus tard|pas|ne|n'|maintenant pas|pas besoin|pas la peine)\b"
)


def says_yes(text: str) -> bool:
    """True for a yes ("oui", "ouais", "wi", "ok", "oui svp", 👍), False for anything else,
    a "oui mais non" included."""
    if emoji_intent(text or "") is not None:
        return emoji_intent(text) == "affirm"
    words = normalise(text or "").strip()
    return (bool(_YES.search(words)) and len(words.split()) <= _MAX_WORDS
            and not _NO.search(words))


# "ok", "d'accord", "ok merci": the citizen heard, and answers no question. After a question
# about danger ("pensez-vous à vous faire du mal ?"), it is neither a yes nor a no.
_ACKNOWLEDGEMENT = re.compile(
    r"^((ah |bon |bah )?(o+k+|oki|okay|okey|d'?ac+|d'?accord|entendu|compris|bien recu|je vois|"
    r"ca marche|vu|merci|mci|super|cool|hmm+|mh+|ah)\s*)+$"
)


def is_acknowledgement(text: str) -> bool:
    """True for "ok", "d'accord", "ok merci", "entendu": heard, not a yes."""
    return bool(_ACKNOWLEDGEMENT.match(normalise(text or "").strip()))
