"""Territories of the public agents: a neighbourhood unit, a département, a region, the nation.

An item (a doléance or an envie) is placed by its postal code: its département
(relais.directory) and, when a unit covers that postal code, its unit (directory/units.yml). An
agent sees the items of their territory only: a unit's agent those of the unit, a relais' agent
those of the département, a negotiator those of the region (directory/regions.yml) or of the
nation. The files are validated when loaded; a mistake names what to fix.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from relais.directory import ALL_DEPARTEMENTS, DirectoryError
from relais.settings import PROJECT_ROOT

UNITS_PATH = PROJECT_ROOT / "directory" / "units.yml"
REGIONS_PATH = PROJECT_ROOT / "directory" / "regions.yml"

UNIT = "unit"
DEPARTEMENT = "departement"
REGION = "region"
NATION = "nation"
NATION_CODE = "FR"

_UNIT_CODE = re.compile(r"[a-z0-9][a-z0-9-]{0,31}")
_POSTAL_CODE = re.compile(r"[0-9]{5}")


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    postal_codes: tuple[str, ...]
    sample: bool


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    departements: tuple[str, ...]


@dataclass(frozen=True)
class Territory:
    """What an agent covers: (kind, code), e.g. ("unit", "brioude"), ("departement", "43")."""

    kind: str
    code: str


@dataclass(frozen=True)
class Territories:
    units: Mapping[str, Unit]
    regions: Mapping[str, Region]

    def unit_of_postal_code(self, postal_code: str | None) -> Unit | None:
        if not postal_code:
            return None
        for unit in self.units.values():
            if postal_code in unit.postal_codes:
                return unit
        return None

    def departements_of(self, territory: Territory) -> tuple[str, ...] | None:
        """The départements an agent of `territory` covers; None for a unit (placed by its
        code) and for the nation (everything)."""
        if territory.kind == DEPARTEMENT:
            return (territory.code,)
        if territory.kind == REGION:
            return self.regions[territory.code].departements
        return None

    def name_of(self, territory: Territory) -> str:
        if territory.kind == UNIT:
            return self.units[territory.code].name
        if territory.kind == REGION:
            return self.regions[territory.code].name
        if territory.kind == DEPARTEMENT:
            return f"Département {territory.code}"
        return "France entière"

    def exists(self, territory: Territory) -> bool:
        if territory.kind == UNIT:
            return territory.code in self.units
        if territory.kind == REGION:
            return territory.code in self.regions
        if territory.kind == DEPARTEMENT:
            return territory.code in ALL_DEPARTEMENTS
        return territory.kind == NATION and territory.code == NATION_CODE


def load_territories(units_path: Path = UNITS_PATH, regions_path: Path = REGIONS_PATH) -> Territories:
    units = _units(_read(units_path).get("units"), str(units_path))
    regions = _regions(_read(regions_path).get("regions"), str(regions_path))
    return Territories(units, regions)


@lru_cache(maxsize=1)
def territories() -> Territories:
    """The territories of the files shipped with Relais (read once)."""
    return load_territories()


def _read(path: Path) -> dict[str, Any]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DirectoryError(f"{path}: {error}") from error
    if not isinstance(document, dict):
        raise DirectoryError(f"{path}: expected a mapping at the top")
    return document


def _units(entries: object, source: str) -> dict[str, Unit]:
    if not isinstance(entries, list):
        raise DirectoryError(f"{source}: `units` must be a list")
    units: dict[str, Unit] = {}
    owner: dict[str, str] = {}
    for index, entry in enumerate(entries, start=1):
        where = f"{source}: unit {index}"
        if not isinstance(entry, dict):
            raise DirectoryError(f"{where}: expected a mapping")
        code, name, codes = entry.get("code"), entry.get("name"), entry.get("postal_codes")
        if not isinstance(code, str) or not _UNIT_CODE.fullmatch(code) or code in units:
            raise DirectoryError(f"{where}: `code` must be unique, lower-case letters, digits, dashes")
        if not isinstance(name, str) or not name.strip():
            raise DirectoryError(f"{where}: `name` is missing")
        if not isinstance(codes, list) or not codes:
            raise DirectoryError(f"{where}: `postal_codes` must be a non-empty list")
        for postal_code in codes:
            if not isinstance(postal_code, str) or not _POSTAL_CODE.fullmatch(postal_code):
                raise DirectoryError(f"{where}: postal code {postal_code!r} must be 5 quoted digits")
            if postal_code in owner:
                raise DirectoryError(f"{where}: postal code {postal_code} is already {owner[postal_code]}'s")
            owner[postal_code] = code
        units[code] = Unit(code, name.strip(), tuple(codes), bool(entry.get("sample", False)))
    return units


def _regions(entries: object, source: str) -> dict[str, Region]:
    if not isinstance(entries, dict):
        raise DirectoryError(f"{source}: `regions` must be a mapping of region codes")
    regions: dict[str, Region] = {}
    seen: dict[str, str] = {}
    for code, entry in entries.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise DirectoryError(f"{source}: region {code}: expected a name and départements")
        departements = entry.get("departements")
        if not isinstance(departements, list):
            raise DirectoryError(f"{source}: region {code}: `departements` must be a list")
        for departement in departements:
            if departement not in ALL_DEPARTEMENTS:
                raise DirectoryError(f"{source}: region {code}: unknown département {departement!r}")
            if departement in seen:
                raise DirectoryError(f"{source}: département {departement} is in {seen[departement]} and {code}")
            seen[departement] = str(code)
        regions[str(code)] = Region(str(code), entry["name"], tuple(departements))
    missing = sorted(set(ALL_DEPARTEMENTS) - set(seen))
    if missing:
        raise DirectoryError(f"{source}: départements in no region: {', '.join(missing)}")
    return regions
