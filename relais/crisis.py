"""The crisis taxonomy and its texts: one definition for Rasa's answers, the Telegram edge's
safety net and the coach alert.

The texts are content, kept in relais/content/crisis.yml for content designers; this module
loads them once, checks them, and hands them out by kind. Detection is in relais.safety, the
dialogue that follows a first reply in relais.crisis_dialogue.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

SUICIDE = "suicide"
SELF_HARM = "self_harm"
VIOLENCE = "violence"
CHILD = "child"
MEDICAL = "medical"
DANGER = "danger"
OTHER_AT_RISK = "other_at_risk"
# Ordered from the most to the least common first reply, for listings; ids are a contract
# (the Rasa slot, the cases table, the blind sets).
CRISIS_KINDS: tuple[str, ...] = (SUICIDE, SELF_HARM, VIOLENCE, CHILD, MEDICAL, DANGER, OTHER_AT_RISK)

CONTENT_PATH = Path(__file__).parent / "content" / "crisis.yml"


@dataclass(frozen=True)
class CrisisKind:
    id: str
    label: str
    numbers: tuple[str, ...]
    first: str
    reminder: str
    question: str
    safety: tuple[str, ...]

    @property
    def first_number(self) -> str:
        return self.numbers[0]


@dataclass(frozen=True)
class CrisisContent:
    kinds: dict[str, CrisisKind]
    dialogue: dict[str, object]

    def kind(self, kind_id: str) -> CrisisKind:
        """The kind's content; an unknown id is read as suicide, the reply that covers most."""
        return self.kinds.get(kind_id) or self.kinds[SUICIDE]

    def lines(self, move: str) -> tuple[str, ...]:
        value = self.dialogue[move]
        return tuple(value) if isinstance(value, list) else (str(value),)

    def text(self, key: str) -> str:
        return str(self.dialogue[key])

    def by_kind(self, key: str, kind_id: str) -> str:
        table = self.dialogue[key]
        assert isinstance(table, dict)
        return str(table.get(kind_id) or table[SUICIDE])


@lru_cache(maxsize=1)
def crisis_content() -> CrisisContent:
    """The crisis texts, read once per process."""
    return load_crisis_content(CONTENT_PATH)


def load_crisis_content(path: Path) -> CrisisContent:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    kinds = {}
    for kind_id in CRISIS_KINDS:
        entry = raw["kinds"][kind_id]
        kinds[kind_id] = CrisisKind(
            id=kind_id,
            label=entry["label"],
            numbers=tuple(entry["numbers"]),
            first=entry["first"].strip(),
            reminder=entry["reminder"].strip(),
            question=entry["question"].strip(),
            safety=tuple(entry["safety"]),
        )
    unknown = set(raw["kinds"]) - set(CRISIS_KINDS)
    if unknown:
        raise ValueError(f"unknown crisis kinds in {path}: {sorted(unknown)}")
    return CrisisContent(kinds=kinds, dialogue=raw["dialogue"])


def first_reply(kind_id: str) -> str:
    """The first reply to a crisis of this kind: its own numbers first, then what to do."""
    return crisis_content().kind(kind_id).first


def kind_label(kind_id: str) -> str:
    return crisis_content().kind(kind_id).label
