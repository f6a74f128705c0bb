"""The line of an answer just given that a short follow-up question asks about.

« C'est quoi le comparateur officiel ? » right after an answer that names the comparator, or
« c'est quoi Aidants Connect ? » after one that names it: the citizen asks about a word of that
answer. The line that names it, said again first, answers better than more on the topic alone.
Free of any framework.
"""

import re

from relais.text import normalise

# A follow-up is short; a long message is a new question. A question typed where Relais asked
# its own is a question whatever its length (QUESTION_MAX_WORDS).
MAX_WORDS = 10
QUESTION_MAX_WORDS = 30
# Words of a question that name nothing: what is asked, not what it is about.
_NOT_A_NAME = frozenset({
    "comment", "combien", "pourquoi", "quand", "quelle", "quelles", "quels", "lequel", "laquelle",
    "c'est", "qu'est", "est ce", "alors", "aussi", "encore", "toujours", "vraiment", "faire", "avoir",
    "peut", "peuvent", "pouvez", "pourriez", "dois", "doit", "faut", "votre", "notre", "cette", "celui",
    "celle", "merci", "bonjour", "exactement", "marche", "fonctionne", "explique", "expliquer", "dire",
    "officiel", "officielle", "precisement", "possible", "parlez", "parle", "sinon",
    "pour", "dans", "avec", "sans", "mais", "donc", "plus", "tout", "tous", "toute", "bien", "fait",
    "elle", "elles", "nous", "vous", "leur", "leurs", "quoi", "ceci", "cela", "comme", "meme", "aide",
    "soir", "jour", "jours", "nuit", "matin", "demain", "heure", "heures", "semaine", "mois", "maintenant",
    "aujourd'hui", "ok", "oui", "d'accord",
})
# A bullet or a step number at the head of a line: « • », « 2. ».
_MARK = re.compile(r"^\s*([•*-]|\d+[.)])\s*")
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]{3,}")


# An acronym as the citizen types it: « le CEJ », « c'est quoi le CEP ? ».
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,5}\b")


def named_words(question: str, max_words: int = MAX_WORDS) -> set[str]:
    """The words of a short question that may name a thing: four letters or more, or an
    acronym in capitals."""
    words = normalise(question or "").split()
    if len(words) > max_words:
        return set()
    found = {w.split("'")[-1] for w in _WORD.findall(" ".join(words))}
    acronyms = {normalise(a) for a in _ACRONYM.findall(question or "")}
    return {w for w in found if len(w) >= 4 and w not in _NOT_A_NAME} | acronyms


def _names(line_words: set[str], asked: str) -> bool:
    # A short word (an acronym) only as a whole word: « cep » is not in « cependant ».
    return asked in line_words or (len(asked) >= 4 and any(w.startswith(asked) for w in line_words))


def line_named(question: str, answer: str | None, max_words: int = MAX_WORDS, min_count: int = 1) -> str | None:
    """The line of `answer` that names most (at least `min_count`) of what `question` asks
    about, without its bullet or number;
    None when no line names any of it."""
    asked = named_words(question, max_words)
    if not asked or not answer:
        return None
    best, best_count = None, 0
    for line in answer.splitlines():
        words = set(re.findall(r"[a-z0-9]+", normalise(line)))
        count = sum(1 for a in asked if _names(words, a))
        if count > best_count and count >= min_count:
            best, best_count = line, count
    return _MARK.sub("", best).strip() if best else None
