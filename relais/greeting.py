"""What a first message says besides hello: « Bonjour, c'est quoi la permaculture exactement ? »
is a greeting and a question. DIET files the whole message under `greet`, learnt from greetings
alone; the welcome then answers the rest too."""

import re

from relais.text import normalise

_GREETING = re.compile(
    r"^((bonjour|bonsoir|bonne (journee|soiree)|salut|slt|bjr|bsr|coucou|cc|hello|hey|allo|"
    r"madame|monsieur|mesdames|messieurs|a (vous|tous)|tout le monde|l'equipe|relais|"
    r"je me permets de vous ecrire|excusez moi de vous deranger)\b\s*)+")
# Fewer words than this after the greeting say nothing to answer (« bonjour à vous », « salut ça va »).
MIN_CONTENT_WORDS = 3
_SMALL_TALK = re.compile(r"^(ca va|comment (ca va|allez vous)|vous allez bien|tu vas bien|j'espere que vous allez bien)\b\s*")


def after_greeting(text: str) -> str:
    """The words after a leading greeting and small talk, normalised; "" when nothing is left
    worth answering."""
    words = normalise(text or "")
    rest = _SMALL_TALK.sub("", _GREETING.sub("", words)).strip()
    if rest == words.strip() or len(rest.split()) < MIN_CONTENT_WORDS:
        return ""
    return rest


def is_greeting_only(text: str | None) -> bool:
    """/start, or a hello with nothing after it (« Bonjour », « slt ça va »)."""
    words = normalise(text or "").strip()
    if (text or "").strip() == "/start" or not words:
        return True
    return not _SMALL_TALK.sub("", _GREETING.sub("", words)).strip(" !?.")
