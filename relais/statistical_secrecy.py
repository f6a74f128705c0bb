"""Statistical secrecy of the observatory's figures: nothing published that counts fewer than
11 citizens, nor anything from which such a figure could be recovered.

INSEE publishes no figure about fewer than 11 households; the observatory follows the same rule
for citizens. Two kinds of suppression:

- primary: a cell counting fewer than SECRECY_THRESHOLD distinct citizens is hidden;
- complementary: in a breakdown published with its total (needs by track beside the
  conversations, départements beside the nation), one hidden cell could be recovered as the
  total minus the visible parts. So while the hidden cells of a group are alone or together
  count fewer than the threshold, the smallest visible cell is hidden too; when nothing visible
  is left to hide, the total goes as well.

The counts given here are distinct citizens. A citizen may be in several cells of a breakdown
(two tracks), so the parts may add up to more than the total: the rule is applied as if they
added up, which hides at least as much as needed.
"""

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

SECRECY_THRESHOLD = 11

Key = TypeVar("Key")


@dataclass(frozen=True)
class Published:
    """A breakdown as published: each part's count, or None where it is hidden; the total
    likewise."""

    parts: dict[Any, int | None]
    total: int | None


def is_secret(citizens: int) -> bool:
    """A figure about this many distinct citizens is not published (0 is: nobody, no one)."""
    return 0 < citizens < SECRECY_THRESHOLD


def publish(parts: Mapping[Key, int], total: int | None = None) -> Published:
    """`parts` (distinct citizens per key) and their `total` as they may be published.

    Without a total, only primary suppression applies: the parts are not shown beside a figure
    they could be subtracted from. A part of 0 is published as 0 (nobody to protect)."""
    if total is None:
        return Published({key: (None if is_secret(count) else count)
                          for key, count in parts.items()}, None)
    whole = ("total",)
    cells: dict[Hashable, int] = {key: count for key, count in parts.items()}
    cells[whole] = total
    shown = suppress(cells, [Constraint(whole, tuple(parts))])
    return Published({key: shown[key] for key in parts}, shown[whole])


def share(part: int | None, whole: int | None) -> float | None:
    """part / whole when both are published and whole is not 0."""
    if part is None or not whole:
        return None
    return part / whole


@dataclass(frozen=True)
class PublishedTerritories:
    """The départements' figures as everybody sees them, and the totals of the groups they
    are published with (the regions, the nation)."""

    parts: dict[str, int | None]
    totals: dict[str, int | None]


def publish_territories(parts: Mapping[str, int],
                        groups: Mapping[str, tuple[str, ...]]) -> PublishedTerritories:
    """Figures of territories that add up (each citizen counted in one département), published
    with the totals of nested groups (each region, the nation): `suppress` with a constraint
    per group, whose parts are its largest sub-groups and the cells outside them (the nation
    is the sum of its regions, a region of its départements)."""
    cells: dict[Hashable, int] = {key: count for key, count in parts.items()}
    for name, members in groups.items():
        cells[_group_key(name)] = sum(parts.get(key, 0) for key in members)
    constraints = [Constraint(_group_key(name), _direct_parts(name, groups)) for name in groups]
    shown = suppress(cells, constraints)
    return PublishedTerritories({key: shown[key] for key in parts},
                                {name: shown[_group_key(name)] for name in groups})


def _group_key(name: str) -> tuple[str, str]:
    return ("group", name)


def _direct_parts(name: str, groups: Mapping[str, tuple[str, ...]]) -> tuple[Hashable, ...]:
    """A group's largest strict sub-groups, and its cells that none of them holds."""
    members = set(groups[name])
    inside = [other for other, its in groups.items() if other != name and set(its) < members]
    largest = [other for other in inside
               if not any(set(groups[other]) < set(groups[bigger]) for bigger in inside)]
    covered = set().union(*(set(groups[other]) for other in largest)) if largest else set()
    loose = [key for key in groups[name] if key not in covered]
    return tuple(_group_key(other) for other in largest) + tuple(loose)


@dataclass(frozen=True)
class Constraint:
    """A published sum and its parts: `whole` = sum of `parts` (cells of one table)."""

    whole: Hashable
    parts: tuple[Hashable, ...]


def suppress(cells: Mapping[Any, int], constraints: Sequence[Constraint]) -> dict[Any, int | None]:
    """Every cell of a table with its margins, as published: primary suppression, then each
    constraint in turn, again until none changes anything (every page then hides the same
    cells, whichever of them it shows).

    In a constraint, the unknowns are its hidden cells (the whole or parts of more than 0). One
    unknown alone is recovered by subtraction; hidden parts beside a shown whole give their sum,
    which must not be a secret figure either. Then the smallest visible part is hidden too, or
    the whole when no part is left. Parts that overlap (a citizen in two tracks) are treated as
    if they added up, which hides at least as much as needed.

    A constraint that changed nothing is not looked at again until one of its cells is hidden
    (it would change nothing again): the same passes in the same order, without the work of
    the constraints already settled (a table of the observatory has thousands)."""
    shown: dict[Hashable, int | None] = {key: (None if is_secret(count) else count)
                                         for key, count in cells.items()}
    # Each constraint's parts of more than 0 (a cell the table does not hold is 0: nobody,
    # published), and the constraints each cell is in.
    counted = [[(key, cells[key]) for key in constraint.parts if cells.get(key, 0) > 0]
               for constraint in constraints]
    watchers: dict[Hashable, list[int]] = {}
    for index, (constraint, parts) in enumerate(zip(constraints, counted)):
        watchers.setdefault(constraint.whole, []).append(index)
        for key, _count in parts:
            watchers.setdefault(key, []).append(index)
    unsettled = [True] * len(constraints)
    changed = True
    while changed:
        changed = False
        for index, constraint in enumerate(constraints):
            if not unsettled[index]:
                continue
            while (hidden := _protect(counted[index], shown, constraint.whole)) is not _NOTHING:
                changed = True
                for other in watchers.get(hidden, ()):
                    unsettled[other] = True
            unsettled[index] = False
    return shown


# What _protect returns when it hid nothing (a cell's key may be anything hashable, even None).
_NOTHING = object()


def _protect(parts: list[tuple[Hashable, int]], shown: dict[Hashable, int | None],
             whole: Hashable) -> Hashable:
    """Hide one more cell of a constraint (its whole and its parts of more than 0) if its hidden
    ones can be recovered; the cell it hid, _NOTHING if it hid none."""
    hidden = 0
    mass = 0
    for key, count in parts:
        if shown[key] is None:
            hidden += 1
            mass += count
    whole_hidden = shown.get(whole, 0) is None
    unknowns = hidden + int(whole_hidden)
    if unknowns == 0 or (unknowns >= 2 and (whole_hidden or not is_secret(mass))):
        return _NOTHING
    visible = [(count, str(key), key) for key, count in parts if shown[key] is not None]
    if visible:
        smallest = min(visible)[2]
        shown[smallest] = None
        return smallest
    if not whole_hidden:
        shown[whole] = None
        return whole
    return _NOTHING
