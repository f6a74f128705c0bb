"""Text normalisation shared by the lexicons (crisis, acute disruption, mood, consent)."""

import re
import unicodedata
from functools import lru_cache

# Every apostrophe people (and phones) type, as the plain one.
_APOSTROPHES = str.maketrans({ch: "'" for ch in "’`´‘‛ʼʻ′＇ˈ"})
# Letters NFKD does not take apart ("sœur", "cœur").
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})
# Digits typed for letters inside a word ("m0urir", "su1cide"); never between digits.
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "@": "a", "$": "s"}
_LEET_DIGITS = str.maketrans({digit: _LEET[digit] for digit in "0134"})
# A number and its unit or rank keeps its digits: « 13h », « 3e étage », « 1er », « 10min », « 4g »,
# and so do times and sizes (« 10h30 », « 4x4 »).
_NUMBER_WITH_UNIT = re.compile(
    r"\d+(e|er|ere|eme|emes|nd|nde|h|min|mn|s|j|km|kg|g|mg|m|cm|mm|l|cl|ml|an|ans|x|k|kw|kwh|w|v|a|ah|mah|"
    r"eur|euro|euros|c|p|t|mois|sem)|\d+[a-z]{1,3}\d+")
_CODE = re.compile(r"[a-z]+\d+")
# SMS spellings that hide the words the lexicons look for ("jveu mourir", "g plu de courant").
_SMS = (
    (r"\b(jsuis|chui|chuis|jsui|jss)\b", "je suis"),
    (r"\bjai\b", "j'ai"),
    (r"\bjsp\b", "je sais pas"),
    (r"\ben finire?s?\b", "en finir"),
    (r"\b(ya|ya)\b", "il y a"),
    (r"\bpr\b", "pour"),
    (r"\b(leau|lo)\b", "l'eau"),
    (r"\bavc(?= (toi|moi|lui|elle|vous|nous|eux|les|le|la|l'|mon|ma|mes|ton|ta|tes|son|sa|ses|un|une|des|leur|leurs|ce|cette|ces)\b)", "avec"),
    (r"\bmsg\b", "message"),
    (r"\bdadieu", "d'adieu"),
    (r"\bden\b", "d'en"),
    (r"\bmont\b", "m'ont"),
    (r"\b(partt|prtt)\b", "partout"),
    (r"\b(reuf|frangin)\b", "frere"),
    (r"\b(reus|frangine)\b", "soeur"),
    (r"\bm(?=(enferm|etrangl|attend|insult|oblig|humili|agress|ecras))", "m'"),
    # "il ma frappé": "ma" before a past participle is "m'a".
    (r"\bma (?=(frap|etrang|viol|cass|menac|interdi|enferm|mis |touch|suivi|gifl|tabass|cogn|battu|pouss|bless|insult|forc|tape\b|maltrait))", "m'a "),
    (r"\bjme\b", "je me"),
    (r"\bjm'", "je m'"),
    (r"\bjte\b", "je te"),
    (r"\b(qil|kil|k'il)\b", "qu'il"),
    (r"\b(qelle|kelle|k'elle)\b", "qu'elle"),
    (r"\benvi\b", "envie"),
    (r"\b(ds|dans)\b", "dans"),
    (r"\b(dpuis|depui)\b", "depuis"),
    (r"\b(ctre|cntre)\b", "contre"),
    (r"\bencor\b", "encore"),
    (r"\bqqn\b", "quelqu'un"),
    (r"\bptit\b", "petit"),
    (r"\bptite\b", "petite"),
    (r"\bdla\b", "de la"),
    (r"\bj(?=veu|vai|voudrai|pense|sui|supporte|peu|ai|tien|sai|sens|compte|prefere|arrive|vx|creve|allai|crois)", "je "),
    (r"\bqd\b", "quand"),
    (r"\brepon\b", "repond"),
    (r"\bjveu[xt]?\b", "je veux"),
    (r"\b(veu[xt]?|vx)\b", "veux"),
    (r"\bg\b", "j'ai"),
    (r"\b(plu|pu)\b", "plus"),
    (r"\bpa\b", "pas"),
    (r"\bsui\b", "suis"),
    (r"\bkoi\b", "quoi"),
    (r"\bke\b", "que"),
    (r"\bki\b", "qui"),
    (r"\btt\b", "tout"),
    (r"\b(pk|pq|pcq)\b", "pourquoi"),
    (r"\bmtn\b", "maintenant"),
    (r"\bqq1\b", "quelqu'un"),
    (r"\bc\b(?!')", "c'est"),
    (r"\bmwa\b", "moi"),
)


def _strip_format_characters(text: str) -> str:
    # Zero-width spaces, soft hyphens, joiners (Unicode category Cf) split words invisibly.
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def _join_spelled_out(text: str) -> str:
    """'s u i c i d e' or 's.u.i.c.i.d.e' (dots already spaces) -> 'suicide': four or more
    single letters in a row are one word spelled out (not the 'a' of "m'a")."""
    return re.sub(r"(?<!')\b((?:[jmtsdlnc] a )?)((?:[a-z] ){3,}[a-z])(?![\w'])",
                  lambda m: m.group(1) + m.group(2).replace(" ", ""), text)


def _join_hyphen_spelled(text: str) -> str:
    """'g-a-z' or 'v.i.o.l' -> 'gaz', 'viol': three or more single letters joined by the same
    hyphen, dot or underscore are one word spelled out (three typed letters with spaces are
    not: « il y a à manger »)."""
    return re.sub(r"\b[a-z](?:([-._])[a-z])(?:\1[a-z])+\b", lambda m: re.sub(r"[-._]", "", m.group(0)), text)


# Words people mask with stars (« sui*ide », « m*urir »): each star stands for one letter; a
# masked word that fits exactly one of these is read as it.
_MASKABLE = ("suicide", "suicider", "suicidaire", "suicidee", "tuer", "mourir", "crever", "pendre", "viol", "violer",
             "violee", "frapper", "frappee", "battue", "tabasser", "etrangler", "scarifier", "mutiler", "overdose",
             "couper", "veines", "mort", "morte", "suicid")
_MASKED = re.compile(r"\b[a-z]*(?:\*+[a-z]*)*\*[a-z]*")


def _unmask(text: str) -> str:
    def read(match: re.Match[str]) -> str:
        word = match.group(0)
        if not re.search(r"[a-z]", word):
            return word
        shape = re.compile(re.escape(word).replace(r"\*", "[a-z]"))
        fits = {candidate for candidate in _MASKABLE if shape.fullmatch(candidate)}
        return fits.pop() if len(fits) == 1 else word
    return _MASKED.sub(read, text)


def _spelled_in_digits(word: str, loose: bool) -> bool:
    """A word of letters and the digits 0, 1, 3, 4 only (« f1n1r », « 1nc3nd13 », « 4ns »), not a
    number alone or with its unit. A code that ends in its number (« T3 », « PSC1 », « m3 »)
    is one too only in a message spelled in digits elsewhere (`loose`: « m3 » is « me » in
    « j3 v3ux m0ur1r », a cubic metre in « 10 m3 d'eau »)."""
    if not re.search(r"[a-z]", word) or not re.search(r"\d", word) or re.search(r"[25-9]", word):
        return False
    if _NUMBER_WITH_UNIT.fullmatch(word):
        return False
    return loose or not _CODE.fullmatch(word)


def _unleet(text: str) -> str:
    """« 3n f1n1r av3c la v13 » -> « en finir avec la vie »: the rule in normalise() only sees a
    digit between two letters."""
    words = re.findall(r"\b[a-z0-9]+\b", text)
    loose = sum(_spelled_in_digits(word, loose=False) for word in words) >= 2
    return re.sub(r"\b[a-z0-9]+\b",
                  lambda m: m.group(0).translate(_LEET_DIGITS) if _spelled_in_digits(m.group(0), loose)
                  else m.group(0), text)


def _expand_sms_elisions(text: str) -> str:
    # "m'tuer", "d'me", "j'veux": an elision before a consonant is SMS for the full word.
    return re.sub(r"\b([jmtsdnc])'(?=[b-df-hj-np-tv-xz])", r"\1e ", text)


def normalise(text: str, repeats: int = 2) -> str:
    """Lower-case, accent-free, single-spaced text with SMS spellings expanded.

    Letters typed three times or more are cut to `repeats` ("mourirrrr" -> "mourirr" with 2,
    "mourir" with 1): see variants()."""
    text = _strip_format_characters(text.translate(_APOSTROPHES)).translate(_LIGATURES)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _unmask(_join_hyphen_spelled(_unleet(text)))
    text = re.sub(r"(?<=[a-z'])[0134@$](?=[a-z])", lambda m: _LEET[m.group(0)], text)
    text = re.sub(r"(?<=[a-z]{2})3\b", "e", text)  # "arm3"
    text = re.sub(r"(\w)\1{2,}", lambda m: m.group(1) * repeats, text)
    text = re.sub(r"[^\w'\s]", " ", text)
    text = re.sub(r"\s+", " ", text)
    text = _join_spelled_out(text)
    # Elisions typed without the apostrophe ("j ai", "m a tue", "d envie") or with a space after
    # it ("m' a frappée").
    text = re.sub(r"\b([jmtsdlnc]|qu|quelqu|lorsqu|puisqu|jusqu) (?=[aeiouyh])", r"\1'", text)
    text = re.sub(r"\b([jmtsdlnc])' (?=\w)", r"\1'", text)
    text = _expand_sms_elisions(text)
    for pattern, replacement in _SMS:
        text = re.sub(pattern, replacement, text)
    return re.sub(r"\s+", " ", text).strip()


# The crisis triage reads one message through several lexicons and checks (safety.py), each
# from its variants: normalise it once.
@lru_cache(maxsize=4096)
def variants(text: str) -> tuple[str, ...]:
    """The normalised text, and when letters were repeated, a second reading with them cut to
    one: "frappppée" must read "frappee" and "tuerrrr" "tuer"."""
    two = normalise(text, repeats=2)
    one = normalise(text, repeats=1)
    return (two,) if one == two else (two, one)


def single_letters(text: str) -> str:
    """Every doubled letter written once: a spelling-blind reading ("frapé" and "frappé",
    "mourrir" and "mourir" read the same). Patterns are read this way too (safety.py)."""
    return re.sub(r"([a-z])\1+", r"\1", text)
