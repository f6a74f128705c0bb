"""A citizen's free answers to the coaching questions: the engagement level they say, and an
answer as it is kept. Free of any framework."""

import re

from relais.text import normalise

ENGAGEMENT_LEVELS = ("petits_pas", "intermediaire", "ambitieux")
_ENGAGEMENT_WORDS = (
    ("petits_pas", r"\b(peu|pas le temps|pas de temps|pas beaucoup|pas trop|pas vraiment|pas grand chose|pas d'argent|pas de budget|pas un sou|pas un rond|zero|0 ?(e|euros?)?|aucun budget|sans budget|fauchee?|rien|petit|petits|fatiguee?|crevee?|debordee?)\b"),
    ("ambitieux", r"\b(pret|prete|motive|motivee|beaucoup|a fond|tout|investir|ambiti)"),
    ("intermediaire", r"\b(un peu|moyen|quelques|raisonnable|normal)\b"),
)
MAX_ANSWER_LENGTH = 500
# The answer kept for a question the citizen skipped by asking for the plan at once (« vous
# pouvez nous proposer un plan par étapes ? »): a coach reads it; the plan reads no answer.
NOT_SAID = "non précisé"


def engagement_level(answer: str | None) -> str:
    """Map a button value or a free-text answer to one of ENGAGEMENT_LEVELS."""
    if answer in ENGAGEMENT_LEVELS:
        return answer
    normalised = normalise(answer or "")
    for level, pattern in _ENGAGEMENT_WORDS:
        if re.search(pattern, normalised):
            return level
    return "intermediaire"


def given(answer: str | None) -> str | None:
    """An answer as the plan reads it: a skipped question is no answer."""
    return None if answer == NOT_SAID else answer


def clean_answer(answer: str | None) -> str | None:
    """A free-text answer as it will be kept: stripped and bounded in length."""
    if answer is None:
        return None
    answer = " ".join(str(answer).split())
    if not answer:
        return None
    if len(answer) > MAX_ANSWER_LENGTH:
        answer = answer[: MAX_ANSWER_LENGTH - 1].rstrip() + "…"
    return answer
