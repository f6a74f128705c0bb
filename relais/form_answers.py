"""Reading a free-text answer to a diagnostic question that offers buttons.

A citizen may type « proprio », « 2 » or « on a plus de courant » instead of tapping a button.
The answer maps to an option by the words of the track file, or by its number; a question or a
new topic is not an answer and is never stored as one.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from relais.coaching import ENGAGEMENT_LEVELS, engagement_level
from relais.text import normalise
from relais.track_content import track_content

OPTION, QUESTION, UNCLEAR = "option", "question", "unclear"
_QUESTION_START = re.compile(
    r"^(comment|pourquoi|combien|est ce que|est-ce que|quand|ou |qui |quel|quelle|quels|quelles|"
    r"c'est quoi|cest quoi|c quoi|dois je|puis je|peut on|on peut|je peux|je dois|y a t il|ya t il|"
    r"vous pouvez|tu peux|a qui|qu'est ce)\b")
# « Je veux juste savoir où trouver mon numéro allocataire »: a question without its mark.
_ASKS_TO_KNOW = re.compile(
    r"\b(je veux|je voudrais|j'aimerais|je cherche a|je souhaite) (juste |seulement |simplement )?"
    r"(savoir|comprendre)\b|^dites moi\b")
_ORDINALS = {"1": 0, "un": 0, "premier": 0, "premiere": 0, "2": 1, "deux": 1, "deuxieme": 1,
             "second": 1, "seconde": 1, "3": 2, "trois": 2, "troisieme": 2, "4": 3, "quatre": 3,
             "quatrieme": 3, "dernier": -1, "derniere": -1}


@dataclass(frozen=True)
class AnswerReading:
    kind: str                 # OPTION, QUESTION or UNCLEAR
    value: str | None = None


# « Quand il fait nuit et que le courant est coupé, je reste dans le noir » tells when; it asks
# nothing: a « quand » clause, then its main clause, and no question mark.
_WHEN_CLAUSE = re.compile(
    r"^\s*quand\b[^?]*,\s*(je|j'|j’|on|il|elle|ils|elles|nous|ça|ca|c'est|c’est|tout|rien|mon|ma|mes)\b",
    re.IGNORECASE)


# A question word closing a clause, SMS style (« je bloque comment, j'ai pas le numéro », « il
# faut quoi comme papiers », « on va où »; persona round 92: both got a questionnaire).
_ASKS_AT_THE_END = re.compile(
    r"\b(je|j'|on|il|elle|tu|vous|ca|ça|c'est|faut|fait|fais|va|vais|jfais|jfai|jvais|jdois|jpeux|jsuis) (\w+ ){0,3}?(comment|quoi|où|combien|quand)\s*([,.!;]|$)"
    r"|\bquoi comme\b", re.IGNORECASE)
# « Je sais pas quoi », « ça dépend quand », « n'importe quand »: an answer, not a question.
_DOES_NOT_KNOW = re.compile(r"\b(sais|sait|savons|savez|saurais) (pas |plus |vraiment pas )?(trop )?(comment|quoi|quand|ou|combien)$"
                            r"|\b(depend|importe) (comment|quoi|quand|ou|combien)$")


def is_question(text: str) -> bool:
    words = normalise(text)
    if text.rstrip().endswith("?") or "?" in text.lstrip("?!.… "):
        # A mark anywhere: « je vais en boutique ? il faut quoi comme papiers ». Not leading
        # marks of surprise (« ?? non je parlais de mon boulot »).
        return True
    if _ASKS_AT_THE_END.search(text.strip()) and not _DOES_NOT_KNOW.search(words):
        return True
    return bool(_QUESTION_START.match(words)) and not _tells_when(text)


# The main clause after « quand …, » still asks when it holds a question word (« quand le
# courant coupe, on fait quoi »).
_ASKS_IN_MAIN = re.compile(r"\b(quoi|qui|comment|combien|quels?|quelles?|pourquoi|est ce|ou aller|ou (je|j'|on|il|elle)\b|ou$)")


def _tells_when(text: str) -> bool:
    found = _WHEN_CLAUSE.match(text)
    return found is not None and not _ASKS_IN_MAIN.search(normalise(text[text.index(",", 0, found.end()) + 1:]))


# A question beside an answer is at least this long: « ok ? » asks nothing of its own.
QUESTION_BESIDE_WORDS = 4


def asked_beside(text: str) -> str | None:
    """The question a message asks beside an answer (« locataire du privé. mais le poêle à
    pétrole, c'est ok ou pas ? »): its last sentence that ends with a question mark, when the
    message has another sentence; None otherwise."""
    sentences = [s.strip() for s in re.split(r"(?<=[.!?:])\s+|\n+", text or "") if s.strip()]
    if len(sentences) < 2:
        return None
    questions = [s for s in sentences[1:] if s.endswith("?") and len(normalise(s).split()) >= QUESTION_BESIDE_WORDS]
    return questions[-1] if questions else None


def _options(track: str, slot: str) -> dict[str, tuple[str, ...]]:
    if slot == "engagement":
        return {level: () for level in ENGAGEMENT_LEVELS}
    return track_content(track).answers.get(slot, {})


def _by_number(words: str, values: Sequence[str]) -> str | None:
    match = re.fullmatch(r"(?:le |la |l'|option |choix |reponse )?(\w+)(?: option| choix)?", words)
    if match and match.group(1) in _ORDINALS and values:
        index = _ORDINALS[match.group(1)]
        if -len(values) <= index < len(values):
            return values[index]
    return None


def _by_words(words: str, options: dict[str, tuple[str, ...]]) -> str | None:
    """The option whose words the answer contains; the longest word found wins a tie."""
    best, best_length = None, 0
    for value, synonyms in options.items():
        for synonym in synonyms + (value.replace("_", " "),):
            phrase = normalise(synonym)
            # Whole words, the last one maybe in the plural or feminine (« locataires »).
            if phrase and len(phrase) > best_length and re.search(
                    rf"(?<![\w']){re.escape(phrase)}(s|e|es|x)?(?![\w'])", words):
                best, best_length = value, len(phrase)
    return best


def read_answer(track: str, slot: str, text: str) -> AnswerReading:
    """What a typed answer to `slot` of `track`'s diagnostic is."""
    words = normalise(text)
    options = _options(track, slot)
    values = list(options)
    if text in values:
        return AnswerReading(OPTION, text)
    if _ASKS_TO_KNOW.search(words):
        return AnswerReading(QUESTION)
    chosen = _by_number(words, values) or _by_words(words, options)
    if chosen:
        return AnswerReading(OPTION, chosen)
    if is_question(text):
        return AnswerReading(QUESTION)
    if slot == "engagement" and words:
        return AnswerReading(OPTION, engagement_level(text))
    return AnswerReading(UNCLEAR)


def answers_in(track: str, texts: Sequence[str], slots: Sequence[str]) -> dict[str, str]:
    """The diagnostic answers already given in the citizen's own words (« je suis proprio et
    j'ai froid »), so the diagnostic does not ask them again. Words only: a bare « 2 » in an
    earlier message answered nothing."""
    found: dict[str, str] = {}
    for slot in slots:
        options = _options(track, slot)
        for text in texts:
            value = _by_words(normalise(text), options) if options and slot != "engagement" else None
            if value:
                found[slot] = value
                break
    return found
