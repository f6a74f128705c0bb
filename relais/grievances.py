"""Doléances and envies: the rules that hold wherever an item is seen (no database here).

- a reference a citizen can type back (« D-42 »), read in free text;
- the themes (the eight tracks, public services, other) and statuses, with their French labels
  from relais/content/grievances.yml;
- masking before anything is published: e-mails, phone numbers, IBANs, social-security
  numbers, the amounts of a citizen's own money (« je touche 980 € », « mon loyer de 650 € ») and
  the names that follow a civility or a first-name lead (« M. Dupont », « le maire Durand »);
- quiet hours: news of an item is due at once, or at 08:00 local time when it comes between
  21:00 and 08:00, unless the citizen accepted any hour;
- the public counts: a count under 11 is not shown (it could single someone out).
"""

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from relais.local_time import LOCAL_TIME
from relais.models import (
    GRIEVANCE_STATUSES,
    STATUS_DONE,
    STATUS_IN_PROGRESS,
    STATUS_RECEIVED,
    STATUS_REJECTED,
    STATUS_STUDIED,
)
from relais.settings import PROJECT_ROOT
from relais.statistical_secrecy import SECRECY_THRESHOLD
from relais.tracks import TRACKS

CONTENT_PATH = PROJECT_ROOT / "relais" / "content" / "grievances.yml"

THEME_PUBLIC_SERVICES = "services_publics"
THEME_OTHER = "autre"
THEMES = tuple(TRACKS) + (THEME_PUBLIC_SERVICES, THEME_OTHER)
# What an agent may set; withdrawn is the citizen's, merged the merge's.
AGENT_STATUSES = (STATUS_RECEIVED, STATUS_STUDIED, STATUS_IN_PROGRESS, STATUS_DONE, STATUS_REJECTED)
OPEN_STATUSES = (STATUS_RECEIVED, STATUS_STUDIED, STATUS_IN_PROGRESS)
CLOSED_STATUSES = tuple(s for s in GRIEVANCE_STATUSES if s not in OPEN_STATUSES)

REFERENCE_PREFIX = "D-"
_REFERENCE_IN_TEXT = re.compile(r"(?<![0-9a-z])d\s?-?\s?(\d{1,9})(?![0-9])", re.IGNORECASE)
# Published counts below this are shown as « moins de 11 » (statistical secrecy).
MIN_PUBLISHED_COUNT = SECRECY_THRESHOLD
# Items with no answer after this long are flagged overdue to the unit.
OVERDUE_AFTER = timedelta(days=7)
MAX_TEXT_LENGTH = 2000

QUIET_FROM = time(21, 0)
QUIET_UNTIL = time(8, 0)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# French numbers, national or international, with or without separators (06 12 34 56 78,
# +33 6 12 34 56 78, 0612345678).
_PHONE = re.compile(r"(?<!\d)(?:\+33\s?|0033\s?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")
# A name after a civility or a title: the capitalised words that follow.
_NAMED = re.compile(
    r"\b((?i:M\.|Mme|Mlle|Mr|monsieur|madame|mademoiselle|docteur|dr|maître|le maire|la maire"
    r"|l'adjoint|l'adjointe|voisin|voisine))\s+((?:[A-ZÀ-Ý][\w'-]+\s?){1,3})"
)
# A French IBAN (FR76 3000 6000 0112 3456 7890 189) and a social-security number (1 85 05 78 006 084 36).
_IBAN = re.compile(r"(?i)\b[A-Z]{2}\d{2}(?:[\s.-]?[0-9A-Z]{4}){4,7}(?:[\s.-]?[0-9A-Z]{1,3})?\b")
_SOCIAL_SECURITY = re.compile(r"(?<!\d)[12][\s.-]?\d{2}[\s.-]?(?:0[1-9]|1[0-2]|[2-9]\d)[\s.-]?(?:\d{2}|2[AB])[\s.-]?\d{3}[\s.-]?\d{3}(?:[\s.-]?\d{2})?(?!\d)")
# An amount of money (« 980 € », « 1 200 euros », « 650e », « 1,5k »).
# « 300e » in SMS style too, not an ordinal (« 2e étage », « 20e arrondissement »).
_AMOUNT = (r"\d[\d\s.,]*\s?(?:€|k€|(?:euros?|eur|balles|k)(?![a-zà-ÿ]))"
           r"|\d{2,}(?:[\s.,]\d+)*e(?![a-zà-ÿ])(?! (?:arrondissement|étage|etage|siècle|siecle|rang|place)\b)")
# A sentence that speaks of the writer's own money (« je touche », « mon loyer », « on a ») shows
# their means to a whole neighbourhood: its amounts are masked (persona round 106: a single
# mother's income and debts published as typed). A public price (« le ticket à 2 € ») stays.
_OWN_MONEY = re.compile(
    r"(?i)\b(je|j'|j’|jai|jsuis|jpaie|jpaye|jtouche|jgagne|mon|ma|mes|nous|notre|nos|on|moi|me|m'|m’)(?=\w|\s)"
    # A budget told without a pronoun (« salaire 1 350 €, loyer 600 € »): the same.
    r"|\b(salaires?|loyers?|rsa|apl|caf|pensions?|retraites?|chomage|dettes?|credits?|découvert|decouvert|revenus?|paye|paie|smic|"
    r"allocations?|aah|ass|indemnites?|factures?|charges)\b")
MASK = "[masqué]"


@dataclass(frozen=True)
class GrievanceTexts:
    themes: dict[str, str]
    statuses: dict[str, str]
    kinds: dict[str, str]
    visibilities: dict[str, str]
    notices: dict[str, str]
    conversation: dict[str, Any]


@lru_cache(maxsize=1)
def grievance_texts(path: Path = CONTENT_PATH) -> GrievanceTexts:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts = GrievanceTexts(**document)
    missing = [name for name in THEMES if name not in texts.themes] + \
        [name for name in GRIEVANCE_STATUSES if name not in texts.statuses]
    if missing:
        raise ValueError(f"{path}: no label for {', '.join(missing)}")
    return texts


def reference_of(grievance_id: int) -> str:
    return f"{REFERENCE_PREFIX}{grievance_id}"


def references_in(text: str | None) -> list[int]:
    """The item ids a citizen typed (« D-42 », « d42 », « la D 42 »), in order."""
    return [int(match.group(1)) for match in _REFERENCE_IN_TEXT.finditer(text or "")]


def masked(text: str) -> str:
    """The text with e-mails, phone numbers, IBANs, social-security numbers, the writer's own
    amounts of money and the names after a civility masked."""
    text = _EMAIL.sub(MASK, text)
    text = _IBAN.sub(MASK, text)
    text = _SOCIAL_SECURITY.sub(MASK, text)
    text = _PHONE.sub(MASK, text)
    # Amounts in a text that speaks of the writer's own money, anywhere in it (review: « Mon
    # salaire est de 1.350,00 euros. » split at its thousands dot).
    if _OWN_MONEY.search(text):
        text = re.sub(_AMOUNT, MASK, text, flags=re.IGNORECASE)
    return _NAMED.sub(lambda match: f"{match.group(1)} {MASK} ", text).replace(f"{MASK}  ", f"{MASK} ").strip()


def due_at(now: datetime, any_time: bool = False) -> datetime:
    """When news created at `now` may reach the citizen: at once, or 08:00 local time when it
    falls in the quiet hours (21:00-08:00)."""
    if any_time:
        return now
    local = now.astimezone(LOCAL_TIME)
    if QUIET_UNTIL <= local.time() < QUIET_FROM:
        return now
    day = local.date() if local.time() < QUIET_UNTIL else local.date() + timedelta(days=1)
    return datetime.combine(day, QUIET_UNTIL, tzinfo=LOCAL_TIME).astimezone(now.tzinfo)


def published_count(count: int) -> int | None:
    """A count as published: None (shown « moins de 11 ») when it is under 11."""
    return count if count >= MIN_PUBLISHED_COUNT else None


def is_overdue(status: str, answered_at: datetime | None, created_at: datetime, now: datetime) -> bool:
    return status in OPEN_STATUSES and answered_at is None and now - created_at > OVERDUE_AFTER


def clean_text(text: str | None) -> str:
    """A citizen's or an agent's text as stored: trimmed, inner runs of spaces kept, at most
    2,000 characters (a longer text is cut, never refused: nothing the citizen said is lost
    beyond what a unit can read)."""
    return (text or "").strip()[:MAX_TEXT_LENGTH]
