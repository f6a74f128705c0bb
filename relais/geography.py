"""The département of a shared location, offline: the one whose prefecture is nearest.

A citizen on Telegram may share a location (latitude/longitude) instead of typing a postal
code. `departement_from_location` gives the département whose prefecture is nearest
(great-circle distance), and `postal_code_for_departement` a postal code of that prefecture, so
that a shared location goes through the same postal-code lookup as a typed one
(`RelaisDirectory.find_by_postal_code`).

This is an approximation, not a point-in-polygon test: near a boundary the nearest prefecture
can be the neighbour's, and a position in a neighbouring country near the border gets the
nearest French département. A position farther than `DEFAULT_MAX_DISTANCE_KM` from its nearest
prefecture (abroad, at sea) gets None; a territory whose far parts are farther than that from
its prefecture (Guyane, Saint-Martin for Guadeloupe) sets its own `max_distance_km`.

The data is `directory/departements.yml`, read on first use (never at import time) and validated
against the départements of the relais directory (relais/directory.py).
"""

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from relais.directory import (
    ALL_DEPARTEMENTS,
    DirectoryError,
    extract_postal_code,
    normalise_departement,
    postal_code_to_departement,
)
from relais.settings import PROJECT_ROOT
from relais.text import normalise

DEFAULT_DEPARTEMENTS_PATH = PROJECT_ROOT / "directory" / "departements.yml"
DEFAULT_MAX_DISTANCE_KM = 200.0
EARTH_RADIUS_KM = 6371.0088  # mean radius

_REQUIRED_KEYS = ("code", "name", "chef_lieu", "postal_code", "latitude", "longitude")
_OPTIONAL_KEYS = ("max_distance_km",)


class GeographyError(DirectoryError):
    """The départements file is missing or invalid; the message lists what to fix."""


@dataclass(frozen=True)
class Departement:
    code: str
    name: str
    chef_lieu: str  # the prefecture's town
    postal_code: str  # a postal code of the prefecture
    latitude: float  # of the prefecture
    longitude: float
    max_distance_km: float = DEFAULT_MAX_DISTANCE_KM


def haversine_km(
    latitude_1: float, longitude_1: float, latitude_2: float, longitude_2: float
) -> float:
    """Great-circle distance in kilometres between two positions in decimal degrees."""
    phi_1, phi_2 = math.radians(latitude_1), math.radians(latitude_2)
    delta_phi = phi_2 - phi_1
    delta_lambda = math.radians(longitude_2 - longitude_1)
    a = (
        math.sin(delta_phi / 2) ** 2
        + math.cos(phi_1) * math.cos(phi_2) * math.sin(delta_lambda / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def load_departements(path: Path = DEFAULT_DEPARTEMENTS_PATH) -> Mapping[str, Departement]:
    """Read and validate a départements file (uncached); code -> Departement, in file order."""
    path = Path(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise GeographyError(f"{path}: cannot read the départements file: {error}") from error
    return departements_from_document(document, source=str(path))


def departements_from_document(
    document: Any, source: str = "départements file"
) -> Mapping[str, Departement]:
    errors = _document_errors(document)
    if errors:
        raise GeographyError(f"{source} is invalid:\n- " + "\n- ".join(errors))
    by_code: dict[str, Departement] = {}
    for entry in document["departements"]:
        by_code[entry["code"]] = Departement(
            code=entry["code"],
            name=entry["name"],
            chef_lieu=entry["chef_lieu"],
            postal_code=entry["postal_code"],
            latitude=float(entry["latitude"]),
            longitude=float(entry["longitude"]),
            max_distance_km=float(entry.get("max_distance_km", DEFAULT_MAX_DISTANCE_KM)),
        )
    return MappingProxyType(by_code)


@lru_cache(maxsize=1)
def departements() -> Mapping[str, Departement]:
    """The départements of `directory/departements.yml`, loaded once on first use."""
    return load_departements(DEFAULT_DEPARTEMENTS_PATH)


def nearest_departement(latitude: float, longitude: float) -> tuple[Departement, float] | None:
    """(département whose prefecture is nearest, distance in km), whatever the distance;
    None when the coordinates are not a valid position."""
    if not (_is_number(latitude) and _is_number(longitude)):
        return None
    latitude, longitude = float(latitude), float(longitude)
    if not (-90.0 <= latitude <= 90.0 and -180.0 <= longitude <= 180.0):  # False for NaN
        return None
    best: tuple[Departement, float] | None = None
    for departement in departements().values():
        distance = haversine_km(latitude, longitude, departement.latitude, departement.longitude)
        if best is None or distance < best[1]:
            best = (departement, distance)
    return best


def departement_from_location(latitude: float, longitude: float) -> str | None:
    """The code of the département whose prefecture is nearest ("75", "2A", "974"), or None
    when that prefecture is farther than its limit (abroad, at sea) or the position is invalid."""
    nearest = nearest_departement(latitude, longitude)
    if nearest is None:
        return None
    departement, distance = nearest
    if distance > departement.max_distance_km:
        return None
    return departement.code


def postal_code_for_departement(code: str | None) -> str | None:
    """A postal code of the département's prefecture ("69" -> "69001"), None if unknown."""
    departement = departements().get(normalise_departement(code) or "")
    return departement.postal_code if departement else None


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _document_errors(document: object) -> list[str]:
    """Every problem of the file at once, so that it is fixed in one go."""
    if not isinstance(document, dict) or not isinstance(document.get("departements"), list):
        return ["the file must be a mapping with a `departements` list"]
    errors: list[str] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(document["departements"], start=1):
        errors.extend(_entry_errors(index, entry, seen))
    missing = [code for code in ALL_DEPARTEMENTS if code not in seen]
    if missing:
        errors.append("départements missing (they are in relais.yml): " + ", ".join(missing))
    return errors


def _entry_errors(index: int, entry: object, seen: dict[str, int]) -> list[str]:
    if not isinstance(entry, dict):
        return [f"entry #{index} must be a mapping"]
    label = f"entry #{index} ({entry.get('code', 'no code')})"
    errors = []
    unknown = sorted(str(key) for key in entry if key not in _REQUIRED_KEYS + _OPTIONAL_KEYS)
    if unknown:
        errors.append(f"{label}: unknown keys {', '.join(unknown)}")
    for key in _REQUIRED_KEYS:
        if key not in entry:
            errors.append(f"{label}: missing `{key}`")

    code = entry.get("code")
    if "code" in entry:
        if not isinstance(code, str):
            errors.append(f'{label}: write the code in quotes ("{code}")')
        elif code not in ALL_DEPARTEMENTS:
            hint = " (Corsica is 2A and 2B)" if code == "20" else ""
            errors.append(f"{label}: unknown département {code}{hint}")
        elif code in seen:
            errors.append(f"{label}: département {code} is already entry #{seen[code]}")
        else:
            seen[code] = index

    for key in ("name", "chef_lieu"):
        if key in entry and (not isinstance(entry[key], str) or not entry[key].strip()):
            errors.append(f"{label}: `{key}` must be a non-empty text")

    postal_code = entry.get("postal_code")
    if "postal_code" in entry:
        if not isinstance(postal_code, str):
            errors.append(f"{label}: write the postal code in quotes (\"{postal_code}\")")
        elif not (len(postal_code) == 5 and postal_code.isascii() and postal_code.isdigit()):
            errors.append(f"{label}: postal code {postal_code} is not 5 digits")
        elif isinstance(code, str) and postal_code_to_departement(postal_code) != code:
            errors.append(
                f"{label}: postal code {postal_code} is in département "
                f"{postal_code_to_departement(postal_code)}, not {code}"
            )

    for key, low, high in (("latitude", -90.0, 90.0), ("longitude", -180.0, 180.0)):
        if key in entry:
            value = entry[key]
            if not _is_number(value) or not low <= value <= high:  # also rejects NaN
                errors.append(f"{label}: `{key}` must be a number from {low:g} to {high:g}")
    if "max_distance_km" in entry:
        value = entry["max_distance_km"]
        if not _is_number(value) or not 0 < value <= 2000:
            errors.append(f"{label}: `max_distance_km` must be a number above 0, at most 2000")
    return errors


# Emergency numbers that are also départements: a département only when said as one.
_EMERGENCY_NUMBERS = frozenset({"15", "17", "18"})


def departement_named(text: str | None) -> Departement | None:
    """The département a citizen names in words: a postal code (« 87100 »), « le 87 » or
    « département 87 », its name (« haute vienne ») or its prefecture (« j'habite à Limoges »).
    None when the message names none, or several."""
    words = normalise(text or "")
    found: set[str] = set()
    postal, _ = extract_postal_code(text)
    if postal:
        found.add(postal_code_to_departement(postal))
    for number in re.findall(r"\b(?:le|departement|dept|dep|c'est|en|du|au) (\d{2,3}|2a|2b)\b|^(\d{2}|2a|2b)$", words):
        code = normalise_departement(next(n for n in number if n))
        if code in _EMERGENCY_NUMBERS and not re.search(rf"\b(departement|dept|dep|dans le|habite le|vis dans le) {code}\b", words):
            # « Je ne veux pas déranger le 15 » is the SAMU, not the Cantal (persona round 102).
            continue
        if code is not None and code in departements():
            found.add(code)
    named = {(departement.code, normalise(name)) for departement in departements().values()
             for name in (departement.name, departement.chef_lieu) if _names_place(words, normalise(name))}
    # « Haute-Vienne » names the Vienne too: the longest name counts.
    found |= {code for code, name in named if not any(name != other and name in other for _, other in named)}
    found &= set(departements())
    return departements()[found.pop()] if len(found) == 1 else None


# Names that are also everyday words (« c'est cher », « en somme », « un lot », « au nord »,
# « des tours »): a place only right after « dans le », « département du »…
_EVERYDAY_NAMES = frozenset({"cher", "lot", "nord", "var", "somme", "orne", "aube", "ain", "gap", "tours",
                             "nice", "eure", "indre", "gers", "tarn", "creuse", "manche", "sens", "foix", "auch"})


def _names_place(words: str, name: str) -> bool:
    if name in _EVERYDAY_NAMES:
        cue = r"(dans (le|la|l')|departement (du|de la|de l'|des)|j'habite (a|au|en|dans (le|la))|je vis (a|au|en)|je suis (a|au|en|dans (le|la))) ?"
        return re.search(rf"\b{cue}{re.escape(name)}\b", words) is not None
    return re.search(rf"\b{re.escape(name)}\b", words) is not None
