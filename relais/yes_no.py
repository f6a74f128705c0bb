"""Is a typed message a plain yes to a closed question Relais asked?

Opening a case for the relais team sends the conversation to people: after misunderstandings it
takes the citizen's explicit yes, written as people write on a phone ("oui", "ouais", "wi",
"ok", "d'acc", 👍), never a guess of the model. A message that also says no is not a yes.
"""

import re

from relais.emoji import emoji_intent
from relais.text import normalise

_YES = re.compile(
    r"\b(o+u+i+|ouai+s?|ouep|wi+|ui|ok+|oki|okay|okey|d'?ac+|d'?accord|volontiers|je veux bien|"
    r"bien sur|carrement|yes|allez y|vas y|avec plaisir|pourquoi pas|s'il vous plait|svp|stp)\b"
)
_NO = re.compile(
    r"\b(non|nan|nope|no|jamais|plus tard|pas maintenant|pas besoin|pas la peine|(ne )?veux pas)\b"
)


def says_yes(text: str) -> bool:
    """True for a yes ("oui", "ouais", "wi", "ok", "oui svp", 👍), False for anything else,
    a "oui mais non" included."""
    if emoji_intent(text or "") is not None:
        return emoji_intent(text) == "affirm"
    words = normalise(text or "")
    return bool(_YES.search(words)) and not _NO.search(words)
