"""What a term of the public service means, when a citizen asks (« c'est quoi l'ADIL ? », « le
CEJ ça veut dire quoi », « FSL ? »).

Relais' answers name the ADIL, the FSL, the CEP…; a citizen who does not know them asks, often
in the middle of a questionnaire or after an answer. The terms and what they mean are content,
in relais/content/glossary.yml. Free of any framework.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from relais.text import normalise

CONTENT_PATH = Path(__file__).parent / "content" / "glossary.yml"
# A question about a term is short; a longer message asks something else about it (« le FSL
# peut-il payer ma facture de gaz de janvier ? ») and goes to the topics.
MAX_WORDS = 10
_WHAT_IS = re.compile(
    r"\b(c'est quoi|c quoi|cest quoi|c est quoi|ckoi|c koi|c'est qui|qu'est ce que|qu'est ce qu|quest ce que|"
    r"ca veu[tx] dire|que veu[tx] dire|que signifie|ca signifie|kesako|"
    r"a quoi (ca )?sert|ca sert a quoi|connais pas|jamais entendu parler|comprends pas)\b")
# The term alone, asked: « l'ADIL ? », « FSL ?? ».
_ARTICLE = r"(le |la |les |l'|l|un |une |des |du |et |et le |et la |et l')?"


@dataclass(frozen=True)
class Term:
    term: str
    aliases: tuple[str, ...]
    definition: str


@lru_cache(maxsize=1)
def terms() -> tuple[Term, ...]:
    data = yaml.safe_load(CONTENT_PATH.read_text(encoding="utf-8"))
    return tuple(Term(entry["term"], tuple(normalise(a) for a in entry["aliases"]), entry["definition"].strip())
                 for entry in data["terms"])


def _names(words: str, alias: str) -> bool:
    # A whole word or words, after an elision, typed or not: « l'adil », « ladil », « du fsl ».
    return bool(re.search(rf"(^|[\s'’])(l|d)?{re.escape(alias)}($|[\s?!.,;:])", words))


def term_asked(text: str | None) -> Term | None:
    """The term a short « what is » question asks about, or a term asked alone; None otherwise."""
    words = normalise(text or "").strip()
    if not words or len(words.split()) > MAX_WORDS:
        return None
    named = [t for t in terms() if any(_names(words, alias) for alias in t.aliases)]
    if len(named) != 1:
        return None
    term = named[0]
    # normalise() drops the question mark: read it on the words as typed.
    alone = (text or "").rstrip().endswith("?") and any(
        re.fullmatch(rf"{_ARTICLE}{re.escape(alias)}", words) for alias in term.aliases)
    return term if _WHAT_IS.search(words) or alone else None
