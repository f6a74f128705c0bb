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

from collections.abc import Mapping
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
    shown: dict[Key, int | None] = {key: (None if is_secret(count) else count)
                                    for key, count in parts.items()}
    if total is None:
        return Published(shown, None)
    if is_secret(total):
        return Published({key: None for key in parts}, None)
    while _recoverable(parts, shown):
        visible = [(count, str(key), key) for key, count in parts.items()
                   if shown[key] is not None and count > 0]
        if not visible:
            return Published(shown, None)
        _count, _name, smallest = min(visible)
        shown[smallest] = None
    return Published(shown, total)


def _recoverable(parts: Mapping[Key, int], shown: Mapping[Key, int | None]) -> bool:
    """Whether the hidden cells of a group could be told apart by subtraction: a single one,
    or several that together count fewer than the threshold."""
    hidden = [count for key, count in parts.items() if shown[key] is None]
    if not hidden:
        return False
    return len(hidden) == 1 or is_secret(sum(hidden))


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
    with the totals of nested groups (each region, the nation): the complementary suppression
    of every group is applied again until none changes anything, so that the same cells are
    hidden on every page (a region's page and the nation's cannot be set against each other).

    A group's total is checked against what else is published inside it: the totals of its
    sub-groups (a nation minus its regions' totals) and the visible cells outside them. When
    what remains unknown is one cell or fewer than the threshold, a visible cell outside the
    sub-groups is hidden, or else the group's total (a nation's total is not published beside
    a region of fewer than 11)."""
    shown: dict[str, int | None] = {key: (None if is_secret(count) else count)
                                    for key, count in parts.items()}
    totals: dict[str, int | None] = {
        name: None if is_secret(sum(parts.get(key, 0) for key in members))
        else sum(parts.get(key, 0) for key in members)
        for name, members in groups.items()}
    for name, members in groups.items():
        if totals[name] is None:
            _hide(shown, [key for key in members if parts.get(key, 0)])
    changed = True
    while changed:
        changed = False
        for name, members in groups.items():
            if totals[name] is None:
                continue
            loose = _outside_published_subgroups(name, groups, totals)
            while _recoverable({key: parts.get(key, 0) for key in loose},
                               {key: shown.get(key, 0) for key in loose}):
                visible = [(parts.get(key, 0), key) for key in loose
                           if shown.get(key) is not None and parts.get(key, 0) > 0]
                if not visible:
                    totals[name] = None
                    changed = True
                    break
                changed |= _hide(shown, [min(visible)[1]])
    return PublishedTerritories(shown, totals)


def _outside_published_subgroups(name: str, groups: Mapping[str, tuple[str, ...]],
                                 totals: Mapping[str, int | None]) -> list[str]:
    """The cells of group `name` that no published strict sub-group covers."""
    members = set(groups[name])
    covered: set[str] = set()
    for other, its in groups.items():
        if other != name and totals[other] is not None and set(its) < members:
            covered |= set(its)
    return [key for key in groups[name] if key not in covered]


def _hide(shown: dict[str, int | None], keys: list[str]) -> bool:
    newly = [key for key in keys if shown.get(key) is not None]
    for key in newly:
        shown[key] = None
    return bool(newly)

