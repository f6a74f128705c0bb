"""Territorial events (issue #15): the rules, without a database.

An operator declares a disruption (its kind, severity, départements, instructions); Relais
tells the subscribed citizens there, with the first steps of the track scenario the kind maps
to (relais/content/events.yml), switches their conversation to that scenario's urgence while
the event lasts, and asks how they are. This module gives the words and the timing: when a
message may be sent (quiet hours, except `danger`), what an alert says, and when a silent
citizen who asked to be checked on gets a second message and then their relais is told.
"""

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from relais.directory import ALL_DEPARTEMENTS
from relais.local_time import LOCAL_TIME
from relais.models import EVENT_KINDS, SEVERITIES, SEVERITY_DANGER
from relais.settings import PROJECT_ROOT
from relais.text import normalise
from relais.track_content import find_topic

CONTENT_PATH = PROJECT_ROOT / "relais" / "content" / "events.yml"

# Outbox priorities: lower goes first. A danger alert overtakes everything Relais sends first.
PRIORITY = {SEVERITY_DANGER: 0, "vigilance": 2, "information": 4}
PRIORITY_WELFARE = 1
PRIORITY_CHECKIN = 6
# A citizen who asked to be checked on and did not answer gets a second message after this,
# and their relais is told this long after the second one.
REMIND_AFTER = timedelta(hours=3)
RELAY_AFTER = timedelta(hours=3)
DEFAULT_QUIET_FROM, DEFAULT_QUIET_UNTIL = 21, 8
MAX_INSTRUCTIONS = 1_200


class EventError(ValueError):
    """An event an operator cannot declare as given; the message says what to change."""


@dataclass(frozen=True)
class EventTexts:
    kinds: dict[str, dict[str, Any]]
    severities: dict[str, str]
    texts: dict[str, str]
    buttons: dict[str, str]
    subscription: dict[str, str]

    def label(self, kind: str) -> str:
        return str(self.kinds[kind]["label"])

    def topic_key(self, kind: str) -> str:
        return str(self.kinds[kind]["topic"])

    def words(self, kind: str) -> frozenset[str]:
        return frozenset(str(word) for word in self.kinds[kind].get("words") or ())


@lru_cache(maxsize=1)
def event_texts(path: Path = CONTENT_PATH) -> EventTexts:
    document: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts = EventTexts(**document)
    problems = [f"no entry for the kind {kind}" for kind in EVENT_KINDS if kind not in texts.kinds]
    problems += [f"no label for the severity {name}" for name in SEVERITIES
                 if name not in texts.severities]
    for kind, entry in texts.kinds.items():
        topic = find_topic(entry.get("topic"))
        if topic is None:
            problems.append(f"{kind}: {entry.get('topic')!r} is not a sub-topic of a track")
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    return texts


def first_steps(kind: str) -> str:
    """The first steps of the kind's scenario, as the track's urgence gives them."""
    topic = find_topic(event_texts().topic_key(kind))
    assert topic is not None  # checked when the texts are loaded
    return topic.answer


# Words too common to say a message is about an event's instructions.
_COMMON = frozenset(
    "bonjour merci toujours encore comment quand combien depuis pendant avant apres avec "
    "votre notre leurs cette celle ceux chez jusqu nouvel ordre faire peut peuvent etre avoir "
    "personne personnes demande information informations possible besoin".split())


def _content_words(text: str) -> set[str]:
    """Words of five letters or more, accents and a plural s left out."""
    words = re.findall(r"[a-z]+", normalise(text))
    return {word[:-1] if word.endswith("s") and len(word) > 5 else word
            for word in words if len(word) >= 5 and word not in _COMMON}


def about_event(text: str | None, kind: str, instructions: str) -> bool:
    """Whether a message written while the event lasts is about it: a word of its kind (« eau »,
    « bouteille » for a water cut) or a rare word of its instructions (« gymnase »)."""
    if not text:
        return False
    words = set(re.findall(r"[a-z]+", normalise(text)))
    return bool(words & event_texts().words(kind)) or bool(
        _content_words(text) & _content_words(instructions))


def track_of(kind: str) -> str:
    return event_texts().topic_key(kind).split("/", 1)[0]


def clean_departements(codes: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The départements an operator typed (« 43, 15 », « 2a »), checked and in order."""
    if isinstance(codes, str):
        codes = codes.replace(",", " ").replace(";", " ").split()
    cleaned: list[str] = []
    for raw in codes:
        code = raw.strip().upper()
        code = code.zfill(2) if code.isdigit() and len(code) == 1 else code
        if code not in ALL_DEPARTEMENTS:
            raise EventError(f"« {raw} » n'est pas un numéro de département.")
        if code not in cleaned:
            cleaned.append(code)
    if not cleaned:
        raise EventError("Indiquez au moins un département.")
    return tuple(cleaned)


def clean_instructions(text: str | None) -> str:
    text = (text or "").strip()
    if not text:
        raise EventError("Écrivez les consignes pratiques : ce qui se passe et ce qu'il faut faire.")
    if len(text) > MAX_INSTRUCTIONS:
        raise EventError(f"Les consignes dépassent {MAX_INSTRUCTIONS} caractères : "
                         "raccourcissez-les (un message doit rester lisible sur un téléphone).")
    return text


def send_at(now: datetime, severity: str | None, quiet_from: int = DEFAULT_QUIET_FROM,
            quiet_until: int = DEFAULT_QUIET_UNTIL) -> datetime:
    """When a message written at `now` may reach the citizen: at once, or at the end of their
    quiet hours (local time) — except a danger alert, sent at once whatever the hour."""
    if severity == SEVERITY_DANGER or quiet_from == quiet_until:
        return now
    local = now.astimezone(LOCAL_TIME)
    start, end = time(quiet_from), time(quiet_until)
    inside = (start <= local.time() or local.time() < end) if start > end \
        else (start <= local.time() < end)
    if not inside:
        return now
    day = local.date() if local.time() < end else local.date() + timedelta(days=1)
    return datetime.combine(day, end, tzinfo=LOCAL_TIME).astimezone(now.tzinfo)


def is_silent(severity: str | None) -> bool:
    """Telegram's disable_notification: only a danger alert rings."""
    return severity != SEVERITY_DANGER


def local_moment(at: datetime) -> str:
    """« 05/12 à 14:30 », Paris time (SQLite gives back naive UTC datetimes)."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)
    return f"{at.astimezone(LOCAL_TIME):%d/%m à %H:%M}"


def territory_label(departements: tuple[str, ...]) -> str:
    if len(departements) == 1:
        return f"département {departements[0]}"
    return "départements " + ", ".join(departements)


def alert_text(kind: str, severity: str, departements: tuple[str, ...], instructions: str,
               relais_contact: str | None) -> str:
    texts = event_texts()
    relais = (texts.texts["relais_known"].format(relais=relais_contact) if relais_contact
              else texts.texts["relais_unknown"])
    return texts.texts["alert"].format(
        severity=texts.severities[severity], label=texts.label(kind),
        territory=territory_label(departements), instructions=instructions,
        steps=first_steps(kind), relais=relais,
    )


def update_text(kind: str, severity: str, departements: tuple[str, ...], instructions: str) -> str:
    texts = event_texts()
    return texts.texts["update"].format(
        severity=texts.severities[severity], label=texts.label(kind),
        territory=territory_label(departements), instructions=instructions)


def ended_text(kind: str, departements: tuple[str, ...], instructions: str) -> str:
    texts = event_texts()
    text = texts.texts["ended"].format(
        label=texts.label(kind), territory=territory_label(departements),
        instructions=instructions)
    return "\n".join(line for line in text.splitlines() if line.strip())  # no instructions


def reminder_text(kind: str) -> str:
    return event_texts().texts["welfare_reminder"].format(label=event_texts().label(kind))
