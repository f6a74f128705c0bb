"""Is a typed message really an answer to the consent question?

Consent to keep health-related data must be explicit. The NLU model sometimes files a stray
message ("azertyuiop") under `consentir`; a typed answer counts only if it also uses the words
of a yes or a no. Button taps are explicit by construction and are not checked here.
"""

import re

from relais.text import normalise

_YES = re.compile(
    r"\b(oui|ouais|ok|okay|d'accord|dacc|daccord|accepte|acceptee?|accord|consen(s|t\w*)|"
    r"enregistr\w*|gard\w*|conserv\w*|allez y|vas y|bien sur|volontiers|ca marche|valide|pas de (souci|probleme))\b"
)
_NO = re.compile(
    r"\b(non|nan|refus\w*|jamais|pas d'accord|ne veux pas|veux pas|sans enregistr\w*|pas d'enregistr\w*|"
    r"rien (garder|conserver|enregistrer)|retir\w*|supprim\w*|effac\w*|arret\w*)\b"
)


def is_explicit_answer(text: str, giving: bool) -> bool:
    """True when the words of `text` say yes (giving) or no (not giving) to consent."""
    return bool((_YES if giving else _NO).search(normalise(text or "")))
