"""Statistical secrecy: no figure about fewer than 11 citizens, and none recoverable from a
published total (complementary suppression)."""

from relais.statistical_secrecy import (
    SECRECY_THRESHOLD,
    is_secret,
    publish,
    publish_territories,
)


def recoverable_cells(parts, published):
    """Every hidden cell an attacker can compute exactly from the published total and the
    visible parts: the total minus the visible parts, when one cell is hidden; and each hidden
    cell whose possible values (given the others are at least 1 and at most the rest) collapse
    to a single value under the threshold."""
    hidden = [key for key, value in published.parts.items() if value is None]
    if published.total is None or not hidden:
        return []
    rest = published.total - sum(value for value in published.parts.values() if value)
    if len(hidden) == 1:
        return hidden
    return [key for key in hidden if rest - (len(hidden) - 1) <= 0]


def test_a_small_count_is_never_shown():
    assert is_secret(1) and is_secret(10) and not is_secret(11) and not is_secret(0)
    published = publish({"energie": 4, "alimentation": 40})
    assert published.parts == {"energie": None, "alimentation": 40}


def test_a_single_hidden_cell_beside_its_total_takes_the_smallest_visible_one_with_it():
    parts = {"energie": 4, "alimentation": 40, "mobilite": 15, "logement": 30}
    published = publish(parts, total=89)
    # 89 - 40 - 30 would give energie + mobilite = 19, not either one.
    assert published.parts == {"energie": None, "alimentation": 40, "mobilite": None,
                               "logement": 30}
    assert published.total == 89
    assert recoverable_cells(parts, published) == []


def test_two_hidden_cells_that_together_count_fewer_than_the_threshold_are_not_enough():
    parts = {"a": 3, "b": 4, "c": 50, "d": 60}
    published = publish(parts, total=117)
    hidden = {key for key, value in published.parts.items() if value is None}
    # 3 + 4 = 7 could be read as "fewer than 11 between them": a third cell goes.
    assert hidden == {"a", "b", "c"}
    assert sum(parts[key] for key in hidden) >= SECRECY_THRESHOLD


def test_a_total_minus_the_visible_parts_never_gives_a_hidden_figure():
    # Every split of 40 citizens into three cells of which at least one is secret.
    for a in range(1, SECRECY_THRESHOLD):
        for b in range(0, 40 - a + 1):
            parts = {"a": a, "b": b, "c": 40 - a - b}
            published = publish(parts, total=40)
            visible = sum(value for value in published.parts.values() if value is not None)
            hidden = [key for key, value in published.parts.items() if value is None]
            assert published.parts["a"] is None
            assert len(hidden) >= 2 or published.total is None
            if published.total is not None:
                assert published.total - visible >= SECRECY_THRESHOLD


def test_a_secret_total_hides_everything():
    published = publish({"a": 3, "b": 4}, total=7)
    assert published.parts == {"a": None, "b": None} and published.total is None


def test_nothing_visible_left_to_hide_hides_the_total():
    published = publish({"a": 3, "b": 0}, total=12)
    # The 0 cannot hide the 3 (it is nobody): the total goes.
    assert published.parts["a"] is None and published.total is None


def test_territories_hide_the_same_cells_on_the_region_and_the_nation():
    # Region R1 = 43, 63, 15; region R2 = 75, 92. 43 is secret.
    parts = {"43": 5, "63": 200, "15": 30, "75": 500, "92": 300}
    groups = {"R1": ("43", "63", "15"), "R2": ("75", "92"), "FR": tuple(parts)}
    published = publish_territories(parts, groups)
    assert published.parts["43"] is None
    # Within R1, 43 alone would be R1 - 63 - 15: the smallest other one goes too.
    assert published.parts["15"] is None
    assert published.parts["63"] == 200 and published.parts["75"] == 500
    assert published.totals == {"R1": 235, "R2": 800, "FR": 1035}
    # No page can subtract its way to 43: within R1, within FR.
    for name, members in groups.items():
        hidden = [key for key in members if published.parts[key] is None]
        visible = sum(published.parts[key] or 0 for key in members)
        if hidden:
            assert len(hidden) >= 2
            assert published.totals[name] - visible >= SECRECY_THRESHOLD


def test_a_region_with_a_secret_total_is_hidden_and_the_nation_stays_safe():
    parts = {"2A": 4, "2B": 3, "75": 500, "92": 300}
    groups = {"COR": ("2A", "2B"), "IDF": ("75", "92"), "FR": tuple(parts)}
    published = publish_territories(parts, groups)
    assert published.totals["COR"] is None
    assert published.parts["2A"] is None and published.parts["2B"] is None
    # FR - IDF (or FR - 75 - 92) would give Corsica's 7: Île-de-France's total goes, and
    # then one of its départements (else IDF = 75 + 92).
    assert published.totals["FR"] == 807 and published.totals["IDF"] is None
    assert published.parts["75"] == 500 and published.parts["92"] is None


def test_randomised_territories_never_leak_a_secret_cell():
    import random

    rng = random.Random(16)
    codes = [f"{n:02d}" for n in range(1, 13)]
    groups = {"R1": tuple(codes[:4]), "R2": tuple(codes[4:9]), "R3": tuple(codes[9:]),
              "FR": tuple(codes)}
    for _ in range(300):
        parts = {code: rng.choice([0, 0, 1, 2, 5, 9, 10, 11, 12, 30, 200]) for code in codes}
        published = publish_territories(parts, groups)
        for code, count in parts.items():
            if is_secret(count):
                assert published.parts[code] is None
        for name, members in groups.items():
            total = published.totals.get(name)
            if total is None:
                continue
            hidden = [key for key in members if published.parts[key] is None and parts[key]]
            if hidden:
                assert len(hidden) >= 2
                assert sum(parts[key] for key in hidden) >= SECRECY_THRESHOLD
        # Nested totals: the nation minus the regions whose totals are shown leaves either
        # nothing or at least the threshold.
        shown_regions = [name for name in ("R1", "R2", "R3") if published.totals[name] is not None]
        if published.totals["FR"] is not None:
            rest = published.totals["FR"] - sum(published.totals[name] for name in shown_regions)
            assert rest == 0 or not is_secret(rest)


def test_a_table_with_margins_hides_the_same_cells_on_every_page():
    from relais.statistical_secrecy import Constraint, suppress

    # Needs by track in two départements of one region: rows are départements (their
    # conversations), columns tracks (their region's figure).
    cells = {
        ("43", "total"): 60, ("43", "energie"): 5, ("43", "alimentation"): 55,
        ("63", "total"): 80, ("63", "energie"): 30, ("63", "alimentation"): 50,
        ("R", "total"): 140, ("R", "energie"): 35, ("R", "alimentation"): 105,
    }
    constraints = [Constraint((place, "total"), ((place, "energie"), (place, "alimentation")))
                   for place in ("43", "63", "R")]
    constraints += [Constraint(("R", key), (("43", key), ("63", key)))
                    for key in ("total", "energie", "alimentation")]
    shown = suppress(cells, constraints)
    assert shown[("43", "energie")] is None
    # Every constraint: no single unknown, no hidden parts summing under 11 beside a whole.
    for constraint in constraints:
        hidden = [key for key in constraint.parts if shown[key] is None]
        unknowns = len(hidden) + (shown[constraint.whole] is None)
        assert unknowns != 1
        if hidden and shown[constraint.whole] is not None:
            assert not is_secret(sum(cells[key] for key in hidden))
