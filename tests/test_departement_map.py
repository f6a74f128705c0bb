"""The tile-grid map of the départements: its file, and the data a template draws from it."""

from pathlib import Path

import pytest

from relais.departement_map import (
    HIDDEN,
    NO_DATA,
    TILES_PATH,
    departement_map,
    departement_tiles,
    load_departement_tiles,
)
from relais.directory import ALL_DEPARTEMENTS, OVERSEAS_DEPARTEMENTS, DirectoryError

NNBSP = "\u202f"


def place(code: str) -> tuple[int, int]:
    tile = departement_tiles().tiles[code]
    return tile.column, tile.row


def test_every_departement_has_one_tile_and_a_name() -> None:
    tiles = departement_tiles().tiles
    assert list(tiles) == list(ALL_DEPARTEMENTS)
    assert all(tile.name.strip() for tile in tiles.values())
    assert tiles["2A"].name == "Corse-du-Sud"
    assert tiles["29"].name == "Finistère"
    assert tiles["974"].name == "La Réunion"


def test_no_two_departements_share_a_tile() -> None:
    places = [place(code) for code in ALL_DEPARTEMENTS]
    assert len(set(places)) == len(places)


def test_the_grid_looks_like_france() -> None:
    def column(code: str) -> int:
        return place(code)[0]

    def row(code: str) -> int:
        return place(code)[1]

    # Brittany west, Finistère at its tip.
    assert column("29") < min(column("22"), column("56"))
    assert column("29") == min(column(code) for code in ALL_DEPARTEMENTS)
    # Nord at the top, above the Aisne.
    assert row("59") == 0 and row("59") < row("02")
    # Alsace east of Lorraine, the Bas-Rhin north of the Haut-Rhin.
    assert column("67") > column("88") and column("67") >= column("57")
    assert column("68") > column("88") and row("67") < row("68")
    # Corsica south-east of the mainland, Corse-du-Sud below Haute-Corse.
    assert column("2A") == column("2B") and row("2A") == row("2B") + 1
    assert column("2B") > column("06") + 1 and row("2B") > row("06")
    # The Pyrénées at the bottom, the Atlantic coast to the west of the Rhône valley.
    assert row("66") > row("69") and column("33") < column("69")


def test_ile_de_france_is_compact_around_paris() -> None:
    paris = place("75")
    for code in ("92", "93", "94", "95", "77", "78", "91"):
        column, row = place(code)
        assert max(abs(column - paris[0]), abs(row - paris[1])) <= 2, code
    for code in ("92", "93", "94", "95"):
        column, row = place(code)
        assert max(abs(column - paris[0]), abs(row - paris[1])) == 1, code


def test_overseas_sit_on_a_row_of_their_own_after_a_gap() -> None:
    grid = departement_tiles()
    rows = {place(code)[1] for code in OVERSEAS_DEPARTEMENTS}
    assert len(rows) == 1
    overseas_row = rows.pop()
    assert overseas_row == grid.rows - 1
    metropolitan_rows = {tile.row for tile in grid.tiles.values()} - {overseas_row}
    assert max(metropolitan_rows) < overseas_row - 1
    assert sorted(place(code)[0] for code in OVERSEAS_DEPARTEMENTS)[0] == 0


def write(tmp_path: Path, entries: str) -> Path:
    path = tmp_path / "tiles.yml"
    path.write_text("departements:\n" + entries, encoding="utf-8")
    return path


def shipped_entries() -> list[str]:
    return [line for line in TILES_PATH.read_text(encoding="utf-8").splitlines()
            if line.startswith("  - ")]


def test_a_missing_departement_is_named(tmp_path: Path) -> None:
    entries = [line for line in shipped_entries() if '"48"' not in line]
    with pytest.raises(DirectoryError, match="without a tile: 48"):
        load_departement_tiles(write(tmp_path, "\n".join(entries)))


def test_a_departement_listed_twice_is_named(tmp_path: Path) -> None:
    entries = shipped_entries()
    entries.append('  - {code: "48", name: "Lozère", tile: [20, 20]}')
    with pytest.raises(DirectoryError, match="48 is listed twice"):
        load_departement_tiles(write(tmp_path, "\n".join(entries)))


def test_two_departements_on_one_tile_are_named(tmp_path: Path) -> None:
    column, row = place("29")
    entries = [
        f'  - {{code: "22", name: "Côtes-d\'Armor", tile: [{column}, {row}]}}'
        if '"22"' in line else line
        for line in shipped_entries()
    ]
    with pytest.raises(DirectoryError, match=rf"22 and 29 are both on tile \[{column}, {row}\]"):
        load_departement_tiles(write(tmp_path, "\n".join(entries)))


@pytest.mark.parametrize(("entry", "message"), [
    ('{code: "20", name: "Corse", tile: [0, 0]}', "Corsica is 2A and 2B"),
    ('{code: 48, name: "Lozère", tile: [0, 0]}', "quote the code"),
    ('{code: "48", name: " ", tile: [0, 0]}', r"\(48\): `name` is missing"),
    ('{code: "48", name: "Lozère", tile: [0]}', r"\(48\): `tile` must be \[column, row\]"),
    ('{code: "48", name: "Lozère", tile: [-1, 3]}', r"\(48\): `tile` must be"),
])
def test_a_wrong_entry_is_named(tmp_path: Path, entry: str, message: str) -> None:
    with pytest.raises(DirectoryError, match=message):
        load_departement_tiles(write(tmp_path, f"  - {entry}\n"))


def test_not_a_list_is_named(tmp_path: Path) -> None:
    path = tmp_path / "tiles.yml"
    path.write_text('departements: {"01": [0, 0]}\n', encoding="utf-8")
    with pytest.raises(DirectoryError, match="must be a list"):
        load_departement_tiles(path)


def by_code(values: dict[str, float | None], **options: object) -> dict[str, object]:
    drawn = departement_map(values, **options)  # type: ignore[arg-type]
    return {tile.code: tile for tile in drawn.tiles}


def test_tiles_are_placed_in_the_view_box() -> None:
    drawn = departement_map({}, tile_size=10, gap=2)
    grid = departement_tiles()
    assert (drawn.width, drawn.height) == (grid.columns * 12 - 2, grid.rows * 12 - 2)
    assert drawn.view_box == f"0 0 {drawn.width} {drawn.height}"
    nord = next(tile for tile in drawn.tiles if tile.code == "59")
    assert (nord.x, nord.y, nord.width) == (place("59")[0] * 12, 0, 10)
    assert all(tile.x + tile.width <= drawn.width and tile.y + tile.width <= drawn.height
               for tile in drawn.tiles)
    assert [tile.code for tile in drawn.tiles] == list(ALL_DEPARTEMENTS)


def test_values_fall_into_five_quantile_classes() -> None:
    codes = ALL_DEPARTEMENTS[:10]
    drawn = departement_map({code: index for index, code in enumerate(codes)})
    classes = {tile.code: tile.class_index for tile in drawn.tiles if tile.code in codes}
    assert [classes[code] for code in codes] == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert [(entry.class_index, entry.text, entry.count) for entry in drawn.legend] == [
        (0, "de 0 à 1", 2), (1, "de 2 à 3", 2), (2, "de 4 à 5", 2), (3, "de 6 à 7", 2),
        (4, "de 8 à 9", 2), (NO_DATA, "aucune donnée", len(ALL_DEPARTEMENTS) - 10),
    ]


def test_equal_values_share_a_class_and_empty_classes_are_left_out() -> None:
    values: dict[str, float | None] = {code: 0 for code in ALL_DEPARTEMENTS[:6]}
    values.update({"75": 5, "59": 7.25})
    drawn = departement_map(values)
    tiles = {tile.code: tile for tile in drawn.tiles}
    assert {tiles[code].class_index for code in ALL_DEPARTEMENTS[:6]} == {0}
    assert (tiles["75"].class_index, tiles["59"].class_index) == (3, 4)
    assert [(entry.class_index, entry.text) for entry in drawn.legend[:3]] == [
        (0, "0,0"), (3, "5,0"), (4, "7,3")]


def test_hidden_and_no_data_tiles() -> None:
    drawn = departement_map({"59": 12, "62": None, "75": 3}, highlighted={"62"})
    tiles = {tile.code: tile for tile in drawn.tiles}
    hidden, missing = tiles["62"], tiles["80"]
    assert (hidden.class_index, hidden.label, hidden.value) == (HIDDEN, "s", None)
    assert hidden.title == "Pas-de-Calais (62) : secret statistique"
    assert hidden.highlighted and not tiles["59"].highlighted
    assert (missing.class_index, missing.label) == (NO_DATA, "–")
    assert missing.title == "Somme (80) : aucune donnée"
    assert [(entry.class_index, entry.count) for entry in drawn.legend] == [
        (0, 1), (2, 1), (HIDDEN, 1), (NO_DATA, len(ALL_DEPARTEMENTS) - 3)]


def test_numbers_in_french_format() -> None:
    drawn = departement_map({"59": 2612.45, "62": 3.25, "75": 1_234_567.0, "13": 45_678})
    tiles = {tile.code: tile for tile in drawn.tiles}
    assert tiles["59"].label == f"2{NNBSP}612,5" and tiles["62"].label == "3,3"
    assert tiles["75"].label == f"1,2{NNBSP}M" and tiles["13"].label == f"46{NNBSP}k"
    assert tiles["75"].title == f"Paris (75) : 1{NNBSP}234{NNBSP}567,0"
    assert drawn.legend[-2].text == f"1{NNBSP}234{NNBSP}567,0"
    whole = departement_map({"59": 2612, "62": 3}, decimals=None)
    assert {tile.label for tile in whole.tiles if tile.code in ("59", "62")} == {f"2{NNBSP}612", "3"}
    assert departement_map({"59": 2.5}, decimals=2).tiles[ALL_DEPARTEMENTS.index("59")].label == "2,50"


def test_unknown_codes_and_bad_values_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown départements: 20"):
        departement_map({"20": 1})
    with pytest.raises(ValueError, match="unknown départements: 99"):
        departement_map({}, highlighted={"99"})
    with pytest.raises(ValueError, match="not a finite number"):
        departement_map({"59": float("nan")})
