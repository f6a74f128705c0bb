"""Text normalisation shared by the lexicons (crisis, acute disruption)."""

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "`": "'", "´": "'", "‘": "'"})
# SMS spellings that hide the words the lexicons look for ("jveu mourir", "g plu de courant").
_SMS = (
    (r"\bj(?=veu|vai|voudrai|pense|sui|supporte|peu|ai)", "je "),
    (r"\bjveu[xt]?\b", "je veux"),
    (r"\bveu[xt]?\b", "veux"),
    (r"\bg\b", "j'ai"),
    (r"\bplu\b", "plus"),
    (r"\bpa\b", "pas"),
    (r"\bsui\b", "suis"),
    (r"\bkoi\b", "quoi"),
    (r"\bc\b(?!')", "c'est"),
    (r"\bmwa\b", "moi"),
)


def normalise(text: str) -> str:
    """Lower-case, accent-free, single-spaced text with SMS spellings expanded."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"(\w)\1{2,}", r"\1\1", text)  # "mourirrrr" -> "mourirr"
    text = re.sub(r"[^\w'\s]", " ", text)
    # Elisions typed without the apostrophe: "j ai", "m a tue", "d envie".
    text = re.sub(r"\b([jmtsdlnc]) (?=[aeiouyh])", r"\1'", text)
    for pattern, replacement in _SMS:
        text = re.sub(pattern, replacement, text)
    return re.sub(r"\s+", " ", text).strip()
