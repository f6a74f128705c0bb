"""A tile-grid map of the départements: the data a template needs to draw it as an SVG.

Each département is one square tile (directory/departement_tiles.yml), placed so that the grid
looks like France: nothing is downloaded at run time. The file is validated when loaded; a
mistake raises DirectoryError naming what to fix.

`departement_map(values, highlighted)` places the tiles and sorts the visible values into five
quantile classes. The map must be readable without colour: the template draws a pattern per
class and writes each tile's label (its value), and the legend gives each class's range as
text. No HTML here: data only.
"""

import bisect
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeGuard

import yaml

from relais.directory import ALL_DEPARTEMENTS, DirectoryError
from relais.settings import PROJECT_ROOT

TILES_PATH = PROJECT_ROOT / "directory" / "departement_tiles.yml"

CLASS_COUNT = 5
# Class indices of the tiles without a class: the value is hidden by statistical secrecy (too
# few people behind it), or there is no value at all.
HIDDEN = -1
NO_DATA = -2

HIDDEN_LABEL = "s"
NO_DATA_LABEL = "–"
HIDDEN_TEXT = "secret statistique"
NO_DATA_TEXT = "aucune donnée"

TILE_SIZE = 40
TILE_GAP = 2


@dataclass(frozen=True)
class Tile:
    """A département's square on the grid: column 0 is the west edge, row 0 the top."""

    code: str
    name: str
    column: int
    row: int


@dataclass(frozen=True)
class TileGrid:
    tiles: Mapping[str, Tile]  # by département code, in the order of ALL_DEPARTEMENTS
    columns: int
    rows: int


@dataclass(frozen=True)
class MapTile:
    """One tile as drawn: position and side in the viewBox's units, and what it shows."""

    code: str
    name: str
    x: int
    y: int
    width: int  # a square: its height too
    value: float | None
    class_index: int  # 0 (lowest values) to 4, HIDDEN or NO_DATA
    label: str  # the value, French format ("1 234", "3,5", "12 k"); "s" hidden, "–" no data
    title: str  # "Nord (59) : 12 345", the whole value, for a tooltip or a screen reader
    highlighted: bool


@dataclass(frozen=True)
class LegendEntry:
    class_index: int
    text: str  # "de 3 à 7", "12", "secret statistique", "aucune donnée"
    count: int  # how many tiles have this class


@dataclass(frozen=True)
class DepartementMap:
    width: int
    height: int
    tiles: tuple[MapTile, ...]  # in the order of ALL_DEPARTEMENTS
    legend: tuple[LegendEntry, ...]  # classes present, lowest first, then hidden, then no data

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def load_departement_tiles(path: Path = TILES_PATH) -> TileGrid:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DirectoryError(f"{path}: {error}") from error
    if not isinstance(document, dict):
        raise DirectoryError(f"{path}: expected a mapping at the top")
    return _grid(document.get("departements"), str(path))


@lru_cache(maxsize=1)
def departement_tiles() -> TileGrid:
    """The tile grid shipped with Relais (read once)."""
    return load_departement_tiles()


def departement_map(
    values: Mapping[str, float | None],
    highlighted: Collection[str] = frozenset(),
    *,
    grid: TileGrid | None = None,
    decimals: int | None = None,
    tile_size: int = TILE_SIZE,
    gap: int = TILE_GAP,
) -> DepartementMap:
    """The map of `values` ({département code: value, or None when secrecy hides it}; a
    département absent from `values` has no data), `highlighted` tiles marked.

    Classes: the visible values sorted, a value's class is the fifth of that order it starts in
    (equal values share a class, so a class may be empty and is then left out of the legend).
    Labels and legend show `decimals` decimals: by default none when every visible value is a
    whole number, one otherwise. Unknown codes raise ValueError.
    """
    if grid is None:
        grid = departement_tiles()
    unknown = sorted((set(values) | set(highlighted)) - set(grid.tiles))
    if unknown:
        raise ValueError(f"unknown départements: {', '.join(unknown)}")
    visible = sorted(_checked(code, value) for code, value in values.items() if value is not None)
    if decimals is None:
        decimals = 0 if all(float(value).is_integer() for value in visible) else 1

    tiles = []
    members: dict[int, list[float]] = {}  # the values of each class 0..4
    counts: dict[int, int] = {}  # tiles by class index, HIDDEN and NO_DATA included
    for code, tile in grid.tiles.items():
        value = values.get(code)
        if code not in values:
            class_index, label, said = NO_DATA, NO_DATA_LABEL, NO_DATA_TEXT
        elif value is None:
            class_index, label, said = HIDDEN, HIDDEN_LABEL, HIDDEN_TEXT
        else:
            class_index = CLASS_COUNT * bisect.bisect_left(visible, value) // len(visible)
            label, said = _short(value, decimals), _number(value, decimals)
            members.setdefault(class_index, []).append(value)
        counts[class_index] = counts.get(class_index, 0) + 1
        tiles.append(MapTile(
            code=tile.code,
            name=tile.name,
            x=tile.column * (tile_size + gap),
            y=tile.row * (tile_size + gap),
            width=tile_size,
            value=value,
            class_index=class_index,
            label=label,
            title=f"{tile.name} ({tile.code}) : {said}",
            highlighted=code in highlighted,
        ))

    legend = [
        LegendEntry(index, _range(members[index], decimals), counts[index])
        for index in range(CLASS_COUNT) if index in members
    ]
    for index, text in ((HIDDEN, HIDDEN_TEXT), (NO_DATA, NO_DATA_TEXT)):
        if index in counts:
            legend.append(LegendEntry(index, text, counts[index]))
    return DepartementMap(
        width=grid.columns * (tile_size + gap) - gap,
        height=grid.rows * (tile_size + gap) - gap,
        tiles=tuple(tiles),
        legend=tuple(legend),
    )


def _checked(code: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"département {code}: value {value!r} is not a finite number")
    return value


def _range(values: list[float], decimals: int) -> str:
    low, high = _number(min(values), decimals), _number(max(values), decimals)
    return low if low == high else f"de {low} à {high}"


def _short(value: float, decimals: int) -> str:
    """The number for a tile: 12 345 as "12 k", 1 234 567 as "1,2 M"."""
    if abs(value) >= 999_500:
        return _number(value / 1_000_000, 1).removesuffix(",0") + "\u202fM"
    if abs(value) >= 10_000:
        return _number(value / 1000, 0) + "\u202fk"
    return _number(value, decimals)


def _number(value: float, decimals: int) -> str:
    """French number format: a comma for decimals, a narrow no-break space between thousands.
    Rounded half up on the number as written (2,45 gives 2,5), not on its binary value."""
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    text = f"{abs(rounded):,.{decimals}f}".replace(",", "\u202f").replace(".", ",")
    return f"−{text}" if rounded < 0 else text


def _grid(entries: object, source: str) -> TileGrid:
    if not isinstance(entries, list):
        raise DirectoryError(f"{source}: `departements` must be a list")
    found: dict[str, Tile] = {}
    owner: dict[tuple[int, int], str] = {}
    for index, entry in enumerate(entries, start=1):
        tile = _tile(entry, f"{source}: entry {index}")
        if tile.code in found:
            raise DirectoryError(f"{source}: département {tile.code} is listed twice")
        place = (tile.column, tile.row)
        if place in owner:
            raise DirectoryError(
                f"{source}: départements {owner[place]} and {tile.code} are both on tile "
                f"[{tile.column}, {tile.row}]")
        owner[place] = tile.code
        found[tile.code] = tile
    missing = [code for code in ALL_DEPARTEMENTS if code not in found]
    if missing:
        raise DirectoryError(f"{source}: départements without a tile: {', '.join(missing)}")
    return TileGrid(
        tiles={code: found[code] for code in ALL_DEPARTEMENTS},
        columns=max(tile.column for tile in found.values()) + 1,
        rows=max(tile.row for tile in found.values()) + 1,
    )


def _tile(entry: object, where: str) -> Tile:
    if not isinstance(entry, dict):
        raise DirectoryError(f"{where}: expected a mapping with code, name and tile")
    code, name, place = entry.get("code"), entry.get("name"), entry.get("tile")
    if code not in ALL_DEPARTEMENTS:
        hint = " (Corsica is 2A and 2B)" if code in ("20", 20) else ""
        hint = hint or (" (quote the code)" if isinstance(code, int) else "")
        raise DirectoryError(f"{where}: unknown département {code!r}{hint}")
    where = f"{where} ({code})"
    if not isinstance(name, str) or not name.strip():
        raise DirectoryError(f"{where}: `name` is missing")
    if not _is_place(place):
        raise DirectoryError(f"{where}: `tile` must be [column, row], two whole numbers from 0")
    return Tile(str(code), name.strip(), place[0], place[1])


def _is_place(place: Any) -> TypeGuard[list[int]]:
    return (
        isinstance(place, list) and len(place) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in place)
    )
