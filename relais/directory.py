"""The relais directory: which local relais team covers a postal code.

The data is `directory/relais.yml`, edited by operators without code. It is validated when
loaded: every département must be covered exactly once, or loading fails with a message that
says what to fix.

Postal code -> département: the first two digits, except
- Corsica: 200xx-201xx -> 2A (Corse-du-Sud), 202xx-206xx -> 2B (Haute-Corse);
- overseas: 97x -> the three digits (971 Guadeloupe ... 976 Mayotte; Saint-Barthélemy 97133
  and Saint-Martin 97150 fall under 971, as their postal codes do).

A team whose entry is still sample data says so (`sample: true`) and has no contact: Relais never
shows a placeholder to a citizen, it points to the public services that exist everywhere instead
(relais/local_help.py). A team without `sample: true` must have its real contact.

Each team may list its coaches (`coaches`: Telegram user ids): the coach desk lets a coach see
and act on the cases of their relais only (CoachScope). National admins (COACH_ADMIN_IDS) see
every case.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from relais.settings import PROJECT_ROOT

DEFAULT_DIRECTORY_PATH = PROJECT_ROOT / "directory" / "relais.yml"

METROPOLITAN_DEPARTEMENTS = tuple(
    code
    for number in range(1, 96)
    for code in (("2A", "2B") if number == 20 else (f"{number:02d}",))
)
# 975 is Saint-Pierre-et-Miquelon, a collectivité with its own postal codes (97500).
OVERSEAS_DEPARTEMENTS = ("971", "972", "973", "974", "975", "976")
ALL_DEPARTEMENTS = METROPOLITAN_DEPARTEMENTS + OVERSEAS_DEPARTEMENTS

# Why a lookup found nothing.
REASON_FORMAT = "format"  # not a 5-digit postal code
REASON_UNKNOWN = "unknown"  # 5 digits, but no département has them
REASON_INSEE_CODE = "insee_code"  # a Corsican INSEE commune code (2A004), not a postal code

_POSTAL_CODE = re.compile(r"[0-9]{5}")
_POSTAL_CODE_WITH_SPACE = re.compile(r"([0-9]{2}) ([0-9]{3})")  # "75 011"
_POSTAL_CODE_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])([0-9]{5})(?![0-9A-Za-z])")
# "alertes pour le 63 000 stp": a spaced code inside a sentence (not an amount: "12 000 €").
_SPACED_CODE_IN_TEXT = re.compile(
    r"(?<![0-9A-Za-z])([0-9]{2}) ([0-9]{3})(?![0-9A-Za-z]| ?(?:€|euros?\b|eur\b|[0-9]))", re.IGNORECASE)
_CORSICAN_INSEE_CODE = re.compile(r"(?<![0-9A-Za-z])2[AB][0-9]{3}(?![0-9A-Za-z])", re.IGNORECASE)
# What a placeholder contact looks like ("Exemple — coordonnées à renseigner").
_PLACEHOLDER = re.compile(r"\bexemple\b|à renseigner|\bTODO\b|\bXXX\b", re.IGNORECASE)
# Anything longer is not an answer to "what is your postal code?".
_MAX_INPUT_LENGTH = 200


class DirectoryError(ValueError):
    """The directory file is missing or invalid; the message lists what to fix."""


@dataclass(frozen=True)
class RelaisTeam:
    code: str
    name: str
    region: str
    departements: tuple[str, ...]
    # The team's real contact; None while its entry is sample data (`sample`).
    contact: str | None
    sample: bool = False
    # Telegram user ids of the team's coaches: who may act on the team's cases.
    coach_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class CoachScope:
    """The cases a person may see and act on at the coach desk: those of their relais, and
    those whose relais is not known yet (the citizen gave no postal code: any coach may take
    them, then transfer them); every case for a national admin; none for anyone else."""

    relais_codes: frozenset[str] = frozenset()
    national: bool = False

    @property
    def is_coach(self) -> bool:
        return self.national or bool(self.relais_codes)

    def covers(self, relais_code: str | None) -> bool:
        if self.national:
            return True
        return self.is_coach and (relais_code is None or relais_code in self.relais_codes)


@dataclass(frozen=True)
class RelaisLookup:
    """The answer to a lookup: a team, or the reason there is none (REASON_*)."""

    team: RelaisTeam | None = None
    departement: str | None = None
    reason: str | None = None

    @property
    def found(self) -> bool:
        return self.team is not None


def postal_code_to_departement(postal_code: str) -> str:
    """The département code of a 5-digit postal code (existing or not: the caller checks)."""
    if postal_code.startswith("97"):
        return postal_code[:3]
    if postal_code.startswith("20"):
        if postal_code[2] in "01":
            return "2A"
        if postal_code[2] in "23456":
            return "2B"
        return "20"  # 207xx-209xx: not a Corsican postal code, no team has it
    return postal_code[:2]


def extract_postal_code(text: str | None) -> tuple[str | None, str | None]:
    """(postal code, None) or (None, reason) from what the citizen typed.

    Accepts "75011", "75 011" and a sentence with exactly one 5-digit number, spaced or not
    ("75011 Paris", "j'habite au 59000", "alertes pour le 63 000").
    """
    # NFKC: full-width digits and non-breaking spaces from phone keyboards become plain ones.
    text = unicodedata.normalize("NFKC", text or "").strip()
    if not text or len(text) > _MAX_INPUT_LENGTH:
        return None, REASON_FORMAT
    if _POSTAL_CODE.fullmatch(text):
        return text, None
    spaced = _POSTAL_CODE_WITH_SPACE.fullmatch(text)
    if spaced:
        return spaced.group(1) + spaced.group(2), None
    numbers = _POSTAL_CODE_IN_TEXT.findall(text)
    if len(numbers) == 1:
        return numbers[0], None
    spaced_numbers = _SPACED_CODE_IN_TEXT.findall(text)
    if not numbers and len(spaced_numbers) == 1:
        return "".join(spaced_numbers[0]), None
    if _CORSICAN_INSEE_CODE.search(text):
        return None, REASON_INSEE_CODE
    return None, REASON_FORMAT


def normalise_departement(code: str | None) -> str | None:
    """"1" -> "01", "2a" -> "2A"; None when it cannot be a département code."""
    code = (code or "").strip().upper()
    if re.fullmatch(r"[0-9]", code):
        return "0" + code
    if re.fullmatch(r"[0-9]{2,3}|2[AB]", code):
        return code
    return None


class RelaisDirectory:
    def __init__(self, teams: Iterable[RelaisTeam], version: object, updated: str):
        self.teams: tuple[RelaisTeam, ...] = tuple(teams)
        self.version = version  # as the file says it (YAML: a number or a text)
        self.updated = updated
        self._by_departement: dict[str, RelaisTeam] = {
            departement: team for team in self.teams for departement in team.departements
        }
        self._by_code: dict[str, RelaisTeam] = {team.code: team for team in self.teams}

    @property
    def sample_data(self) -> bool:
        """Whether some team's entry is still sample data."""
        return any(team.sample for team in self.teams)

    @classmethod
    def load(cls, path: Path | None = None) -> "RelaisDirectory":
        """The directory file (directory/relais.yml unless RELAIS_DIRECTORY names another)."""
        path = Path(path or DEFAULT_DIRECTORY_PATH)
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise DirectoryError(f"{path}: cannot read the relais directory: {error}") from error
        return cls.from_document(document, source=str(path))

    @classmethod
    def from_document(cls, document: Any, source: str = "relais directory") -> "RelaisDirectory":
        errors = _document_errors(document)
        if errors:
            raise DirectoryError(f"{source} is invalid:\n- " + "\n- ".join(errors))
        teams = [
            RelaisTeam(
                code=entry["code"],
                name=entry["name"],
                region=entry["region"],
                departements=tuple(entry["departements"]),
                contact=None if entry.get("sample") else entry["contact"].strip(),
                sample=bool(entry.get("sample")),
                coach_ids=frozenset(entry.get("coaches") or ()),
            )
            for entry in document["teams"]
        ]
        return cls(teams, document["version"], str(document["updated"]))

    def find_by_postal_code(self, text: str | None) -> RelaisLookup:
        postal_code, reason = extract_postal_code(text)
        if postal_code is None:
            return RelaisLookup(reason=reason)
        return self._lookup(postal_code_to_departement(postal_code))

    def find_by_code(self, relais_code: str | None) -> RelaisTeam | None:
        """The team of a case's relais_code."""
        return self._by_code.get(relais_code or "")

    def scope_of_coach(self, coach_id: int, admin_ids: frozenset[int] = frozenset()) -> CoachScope:
        """What this Telegram user may see and act on at the coach desk."""
        if coach_id in admin_ids:
            return CoachScope(national=True)
        return CoachScope(frozenset(team.code for team in self.teams if coach_id in team.coach_ids))

    def _lookup(self, departement: str) -> RelaisLookup:
        team = self._by_departement.get(departement)
        if team is None:
            return RelaisLookup(reason=REASON_UNKNOWN)
        return RelaisLookup(team=team, departement=departement)


def _contact_errors(label: str, entry: dict[str, Any]) -> list[str]:
    """A sample entry has no contact (nothing to show by mistake); any other has its real one."""
    sample, contact = entry.get("sample", False), entry.get("contact")
    if not isinstance(sample, bool):
        return [f"{label}: `sample` must be true or false"]
    if sample:
        if contact is not None:
            return [f"{label}: a team marked `sample: true` has no contact; once its contact is "
                    "real, remove `sample: true`"]
        return []
    if not isinstance(contact, str) or not contact.strip():
        return [f"{label}: `contact` must be a non-empty text (or mark the team `sample: true` "
                "until its real contact is known)"]
    if _PLACEHOLDER.search(contact):
        return [f"{label}: `contact` is a placeholder; write the real contact or mark the team "
                "`sample: true`"]
    return []


def _document_errors(document: object) -> list[str]:
    """Every problem of the file at once, so that an operator fixes them in one go."""
    if not isinstance(document, dict):
        return ["the file must be a mapping with version, updated and teams"]
    errors = []
    for key in ("version", "updated", "teams"):
        if key not in document:
            errors.append(f"missing top-level key `{key}`")
    if "sample_data" in document:
        # One flag per team now: a file-wide flag could contradict them.
        errors.append("`sample_data` is replaced by `sample: true` on each team still without "
                      "its real contact: remove the top-level key")
    teams = document.get("teams")
    if not isinstance(teams, list) or not teams:
        errors.append("`teams` must be a non-empty list")
        return errors

    seen: dict[str, str] = {}  # département -> code of the first team that covers it
    codes: set[str] = set()
    for index, entry in enumerate(teams, start=1):
        errors.extend(_team_errors(index, entry, codes, seen))
    missing = [departement for departement in ALL_DEPARTEMENTS if departement not in seen]
    if missing:
        errors.append("départements covered by no team: " + ", ".join(missing))
    return errors


def _team_errors(index: int, entry: object, codes: set[str], seen: dict[str, str]) -> list[str]:
    if not isinstance(entry, dict):
        return [f"team #{index} must be a mapping"]
    label = f"team #{index} ({entry.get('code', 'no code')})"
    errors = []
    for key in ("code", "name", "region"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            errors.append(f"{label}: `{key}` must be a non-empty text")
    errors.extend(_contact_errors(label, entry))
    code = entry.get("code")
    if isinstance(code, str):
        if code in codes:
            errors.append(f"{label}: code {code} is used by another team")
        if len(code) > 16:
            errors.append(f"{label}: code {code} is longer than 16 characters")
        codes.add(code)
    coaches = entry.get("coaches", [])
    if not isinstance(coaches, list) or not all(
            isinstance(coach, int) and not isinstance(coach, bool) and coach > 0 for coach in coaches):
        errors.append(f"{label}: `coaches` must be a list of Telegram user ids (positive numbers)")

    departements = entry.get("departements")
    if not isinstance(departements, list) or not departements:
        return errors + [f"{label}: `departements` must be a non-empty list"]
    for departement in departements:
        if not isinstance(departement, str):
            quoted = f'"{departement:0>2}"'
            errors.append(f"{label}: write département {departement} in quotes ({quoted})")
        elif departement not in ALL_DEPARTEMENTS:
            hint = " (Corsica is 2A and 2B)" if departement == "20" else ""
            errors.append(f"{label}: unknown département {departement}{hint}")
        elif departement in seen:
            errors.append(
                f"{label}: département {departement} is already covered by {seen[departement]}"
            )
        else:
            seen[departement] = code if isinstance(code, str) else label
    return errors
