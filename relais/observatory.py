"""The observatory's pages as data (issue #16): for a territory and a period, what citizens
need and how they are doing, the comparison of départements, the time series and the open data,
all under statistical secrecy.

The cells come from relais.services.observatory (one per département, period, indicator, key).
They are summed into regions and the nation, and secrecy is decided once for the whole table of
a period (relais.statistical_secrecy.suppress) with its margins: a region is the sum of its
départements and the nation of its regions; a breakdown is checked against its whole (needs by
track against the people accompanied, moods against the people who checked in, welfare answers
against the people alerted, reasons and statuses of cases against the cases, themes and statuses
of doléances against them). Every page then hides the same cells, whichever territory it shows.

Means and shares (the wait before a case is taken, the share of low moods) are shown only where
the people they are about are shown.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from relais.directory import ALL_DEPARTEMENTS
from relais.models import (
    CASE_REASONS,
    CASE_STATUSES,
    MOOD_MIN,
    OBSERVATORY_MONTH,
    OBSERVATORY_PERIODS,
)
from relais.observatory_indicators import (
    ALERTED,
    CASE_REASON,
    CASE_STATUS,
    CASE_TAKEN,
    COACHES,
    CONVERSATIONS,
    GRIEVANCE_KIND,
    GRIEVANCE_STATUS,
    GRIEVANCE_THEME,
    LOW_MOOD,
    MOOD,
    MOOD_ALL,
    MOOD_LOW,
    NEED_TRACK,
    NO_KEY,
    UNKNOWN_DEPARTEMENT,
    URGENCE,
    URGENCE_SCENARIO,
    WELFARE,
    Cell,
)
from relais.settings import PROJECT_ROOT
from relais.statistical_secrecy import Constraint, suppress
from relais.territories import DEPARTEMENT, NATION, NATION_CODE, REGION, Territories, Territory

CONTENT_PATH = PROJECT_ROOT / "relais" / "content" / "observatory.yml"

# Sums the pages show that no single indicator holds.
CASES = "cases"
GRIEVANCES = "grievances"
# (whole, parts): each breakdown and the figure it is checked against.
BREAKDOWNS = (
    (CONVERSATIONS, NEED_TRACK),
    (URGENCE, URGENCE_SCENARIO),
    (CASES, CASE_REASON),
    (CASES, CASE_STATUS),
    (GRIEVANCES, GRIEVANCE_KIND),
    (GRIEVANCES, GRIEVANCE_THEME),
    (GRIEVANCES, GRIEVANCE_STATUS),
    (ALERTED, WELFARE),
    (MOOD_ALL, MOOD),
)
# Sums made of a breakdown: the cases are those of every reason, the doléances of each kind.
SUMMED = {CASES: CASE_REASON, GRIEVANCES: GRIEVANCE_KIND}
# What the time series shows of each period.
SERIES = (CONVERSATIONS, URGENCE, MOOD_LOW, MOOD_ALL)
COMPARISONS = ("conversations", "urgence", "cases", "per_coach", "wait", "mood_low",
               "grievances", "alerted")
DEFAULT_PERIODS = {"week": 8, "month": 6}
MAX_PERIODS = 24
LOW_MOOD_SHARE = "mood_low"
LOW_MOOD_KEYS = tuple(str(mood) for mood in range(MOOD_MIN, LOW_MOOD + 1))

Place = str  # a département code, "region:<code>" or "FR"
Key = tuple[Place, str, str]  # (place, figure, key)


@dataclass(frozen=True)
class ObservatoryTexts:
    periods: dict[str, str]
    sections: dict[str, str]
    figures: dict[str, str]
    case_reasons: dict[str, str]
    case_statuses: dict[str, str]
    welfare: dict[str, str]
    moods: dict[str, str]
    comparisons: dict[str, str]
    secret: str
    no_data: str
    unknown_departement: str


@lru_cache(maxsize=1)
def observatory_texts(path: Path = CONTENT_PATH) -> ObservatoryTexts:
    document: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts = ObservatoryTexts(**document)
    problems = [f"no label for the period {name}" for name in OBSERVATORY_PERIODS
                if name not in texts.periods]
    problems += [f"no label for the case reason {name}" for name in CASE_REASONS
                 if name not in texts.case_reasons]
    problems += [f"no label for the case status {name}" for name in CASE_STATUSES
                 if name not in texts.case_statuses]
    problems += [f"no label for the comparison {name}" for name in COMPARISONS
                 if name not in texts.comparisons]
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    return texts


@dataclass(frozen=True)
class Row:
    label: str
    # The figure as published ("1 234", "12,5 %"), or the secret's label; None: no data.
    shown: str
    secret: bool = False


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class SeriesPoint:
    start: date
    label: str
    conversations: Row
    urgence: Row
    mood_low: Row


@dataclass(frozen=True)
class Compared:
    code: str
    name: str
    value: float | None  # None: secret or no data
    shown: str
    secret: bool
    rank: int | None


@dataclass(frozen=True)
class ObservatoryPage:
    territory: str
    period: str
    start: date
    sections: tuple[Section, ...]
    series: tuple[SeriesPoint, ...]
    comparison: str
    compared: tuple[Compared, ...]


@dataclass(frozen=True)
class Figure:
    """A published figure: the citizens of a place, an indicator and a key, or None where
    statistical secrecy hides it (its facts and sum then None too)."""

    place: Place
    indicator: str
    key: str
    citizens: int | None
    facts: int | None
    total: float | None


def publish_cells(cells: Iterable[Cell], places: Territories) -> list[Figure]:
    """One period's cells, summed into regions and the nation, as published: statistical
    secrecy decided once over the whole table with its margins."""
    return _Publication(cells, places).figures()


class PublishedTable:
    """Published figures of one period, read by the pages (relais_observatory_figures)."""

    def __init__(self, figures: Iterable[Figure]):
        self.shown: dict[Key, int | None] = {}
        self.facts: dict[Key, int] = {}
        self.totals: dict[Key, float] = {}
        self._keys: dict[tuple[Place, str], list[str]] = {}
        for figure in sorted(figures, key=lambda f: (f.place, f.indicator, f.key)):
            key = (figure.place, figure.indicator, figure.key)
            self.shown[key] = figure.citizens
            if figure.citizens is not None:
                self.facts[key] = figure.facts or 0
                self.totals[key] = figure.total or 0.0
            self._keys.setdefault((figure.place, figure.indicator), []).append(figure.key)

    def count(self, place: Place, figure: str, key: str = NO_KEY) -> int | None:
        """Distinct citizens as published: None when secret, 0 when nobody."""
        return self.shown.get((place, figure, key), 0)

    def keys(self, place: Place, figure: str) -> list[str]:
        return self._keys.get((place, figure), [])

    def mean(self, place: Place, figure: str) -> float | None:
        """The mean of a figure's sums (seconds, moods) where its citizens are published."""
        key = (place, figure, NO_KEY)
        if not self.count(place, figure) or not self.facts.get(key):
            return None
        return self.totals.get(key, 0.0) / self.facts[key]

    def ratio(self, place: Place, part: str, whole: str) -> float | None:
        """part's facts over whole's facts, where both are published (the part may be 0)."""
        if self.count(place, part) is None or not self.count(place, whole):
            return None
        return self.facts.get((place, part, NO_KEY), 0) / self.facts[(place, whole, NO_KEY)]


class _Publication:
    """The sums of a period's cells into every place, and what of them may be published."""

    def __init__(self, cells: Iterable[Cell], places: Territories):
        self._places = places
        counts: dict[Key, int] = {}
        facts: dict[Key, int] = {}
        totals: dict[Key, float] = {}
        enclosing: dict[str, list[Place]] = {}
        for cell in cells:
            around = enclosing.get(cell.departement)
            if around is None:
                around = enclosing[cell.departement] = self._enclosing(cell.departement)
            for place in around:
                key = (place, cell.indicator, cell.key)
                counts[key] = counts.get(key, 0) + cell.citizens
                facts[key] = facts.get(key, 0) + cell.facts
                totals[key] = totals.get(key, 0.0) + cell.total
        for whole, parts in SUMMED.items():
            for (place, figure, _key), count in list(counts.items()):
                if figure == parts:
                    summed = (place, whole, NO_KEY)
                    counts[summed] = counts.get(summed, 0) + count
                    facts[summed] = facts.get(summed, 0) + facts[(place, figure, _key)]
        self.counts, self.facts, self.totals = counts, facts, totals
        self._keys: dict[tuple[Place, str], list[str]] = {}
        for place, figure, name in sorted(counts):
            self._keys.setdefault((place, figure), []).append(name)
        self.shown = suppress(counts, self._constraints())

    def figures(self) -> list[Figure]:
        published = []
        for key, count in self.counts.items():
            shown = self.shown.get(key, count)
            place, indicator, name = key
            published.append(Figure(place, indicator, name, shown,
                                    None if shown is None else self.facts.get(key, 0),
                                    None if shown is None else self.totals.get(key, 0.0)))
        return published

    def keys(self, place: Place, figure: str) -> list[str]:
        return self._keys.get((place, figure), [])

    def _enclosing(self, departement: str) -> list[Place]:
        region = self._region_of(departement)
        # The citizens of no known département are a part of the nation ("") of their own.
        return [place for place in (departement, region, NATION_CODE) if place is not None]

    def _region_of(self, departement: str) -> Place | None:
        for region in self._places.regions.values():
            if departement in region.departements:
                return region_place(region.code)
        return None

    def _constraints(self) -> list[Constraint]:
        counts = self.counts
        regions = [(region_place(region.code), region.departements)
                   for region in self._places.regions.values()]
        figures = {(name, key) for (_place, name, key) in counts}
        constraints = []
        for name, key in figures:
            # The nation is its regions (and the citizens of no known département); a region
            # is its départements.
            constraints.append(Constraint(
                (NATION_CODE, name, key),
                tuple([(region, name, key) for region, _codes in regions]
                      + [(UNKNOWN_DEPARTEMENT, name, key)])))
            for region, codes in regions:
                # A region nobody of this figure lives in: nothing to protect (its constraint
                # could never hide anything).
                if (region, name, key) in counts:
                    constraints.append(Constraint(
                        (region, name, key), tuple([(code, name, key) for code in codes])))
        places = {place for (place, _name, _key) in counts}
        for place in places:
            for whole, parts in BREAKDOWNS:
                constraints.append(Constraint(
                    (place, whole, NO_KEY),
                    tuple([(place, parts, key) for key in self.keys(place, parts)])))
            # The low moods are the moods 1 and 2: their count beside the moods' would give
            # the others.
            constraints.append(Constraint((place, MOOD_LOW, NO_KEY),
                                          tuple([(place, MOOD, key) for key in LOW_MOOD_KEYS])))
        return constraints


def region_place(code: str) -> Place:
    return f"region:{code}"


def place_of(territory: Territory) -> Place:
    if territory.kind == DEPARTEMENT:
        return territory.code
    if territory.kind == REGION:
        return region_place(territory.code)
    return NATION_CODE


def compared_departements(scope: Territory, places: Territories) -> tuple[str, ...]:
    """The départements a page compares: the region's, or all for the nation."""
    if scope.kind == REGION:
        return places.regions[scope.code].departements
    if scope.kind == NATION:
        return ALL_DEPARTEMENTS
    return (scope.code,)


def sections(table: PublishedTable, place: Place, labels: Mapping[str, Mapping[str, str]],
             texts: ObservatoryTexts | None = None) -> tuple[Section, ...]:
    """The tables of a place for one period. `labels` names the keys of tracks, scenarios,
    doléance kinds, themes and statuses (their own content files)."""
    texts = texts or observatory_texts()
    figure = texts.figures

    def count_row(label: str, name: str, key: str = NO_KEY) -> Row:
        return _count_row(texts, label, table.count(place, name, key))

    def breakdown(name: str, names: Mapping[str, str]) -> tuple[Row, ...]:
        return tuple(count_row(names.get(key, key or "—"), name, key)
                     for key in _ordered(table.keys(place, name), names))

    def derived(label: str, comparison: str) -> Row:
        return _derived_row(table, place, texts, label, comparison)

    mood_mean = table.mean(place, MOOD_ALL)
    return (
        Section("activity", texts.sections["activity"], (
            count_row(figure["conversations"], CONVERSATIONS),
            count_row(figure["urgence"], URGENCE))),
        Section("needs", texts.sections["needs"], breakdown(NEED_TRACK, labels["tracks"])),
        Section("urgences", texts.sections["urgences"],
                breakdown(URGENCE_SCENARIO, labels["scenarios"])),
        Section("cases", texts.sections["cases"], (
            count_row(figure["cases"], CASES),
            *breakdown(CASE_REASON, texts.case_reasons),
            *breakdown(CASE_STATUS, texts.case_statuses),
            count_row(figure["case_taken"], CASE_TAKEN),
            derived(figure["wait"], "wait"),
            derived(figure["per_coach"], "per_coach"))),
        Section("grievances", texts.sections["grievances"], (
            count_row(figure["grievances"], GRIEVANCES),
            *breakdown(GRIEVANCE_KIND, labels["grievance_kinds"]),
            *breakdown(GRIEVANCE_THEME, labels["grievance_themes"]),
            *breakdown(GRIEVANCE_STATUS, labels["grievance_statuses"]))),
        Section("alerts", texts.sections["alerts"], (
            count_row(figure["alerted"], ALERTED), *breakdown(WELFARE, texts.welfare))),
        Section("mood", texts.sections["mood"], (
            count_row(figure["mood_all"], MOOD_ALL),
            *breakdown(MOOD, texts.moods),
            _value_row(texts, figure["mood_mean"], mood_mean, _decimal),
            derived(figure["mood_low"], LOW_MOOD_SHARE))),
    )


def comparison_value(table: PublishedTable, place: Place, comparison: str) -> float | None:
    """A place's figure for a comparison (None: secret or nothing to show)."""
    if comparison == "per_coach":
        return table.ratio(place, CASE_TAKEN, COACHES)
    if comparison == "wait":
        wait = table.mean(place, CASE_TAKEN)
        return None if wait is None else wait / 60
    if comparison == LOW_MOOD_SHARE:
        share = table.ratio(place, MOOD_LOW, MOOD_ALL)
        return None if share is None else 100 * share
    count = table.count(place, comparison)
    return None if count is None else float(count)


def compare(table: PublishedTable, departements: Sequence[str], comparison: str,
            names: Mapping[str, str], texts: ObservatoryTexts | None = None) -> tuple[Compared, ...]:
    """The départements on one figure, ranked (highest first); secret ones unranked, last."""
    texts = texts or observatory_texts()
    rows = []
    for code in departements:
        value = comparison_value(table, code, comparison)
        secret = value is None and _is_hidden(table, code, comparison)
        shown = texts.secret if secret else (texts.no_data if value is None
                                             else _format_comparison(comparison, value))
        rows.append((code, value, secret, shown))
    ranked = sorted((row for row in rows if row[1] is not None), key=lambda row: -(row[1] or 0.0))
    ranks = {row[0]: index for index, row in enumerate(ranked, start=1)}
    ordered = ranked + [row for row in rows if row[1] is None]
    return tuple(Compared(code, names.get(code, code), value, shown, secret, ranks.get(code))
                 for code, value, secret, shown in ordered)


def series_point(table: PublishedTable, place: Place, start: date, label: str,
                 texts: ObservatoryTexts | None = None) -> SeriesPoint:
    texts = texts or observatory_texts()
    return SeriesPoint(
        start, label,
        _count_row(texts, texts.figures["conversations"], table.count(place, CONVERSATIONS)),
        _count_row(texts, texts.figures["urgence"], table.count(place, URGENCE)),
        _derived_row(table, place, texts, texts.figures["mood_low"], LOW_MOOD_SHARE))


def open_data_rows(table: PublishedTable, period: str, start: date,
                   places: Iterable[Place]) -> list[dict[str, str]]:
    """The published aggregates of these places as CSV rows: secret figures are left empty
    and marked, never written."""
    rows = []
    wanted = set(places)
    for (where, figure, key), published in sorted(table.shown.items()):
        if where in wanted and published != 0:
            rows.append({"periode": period, "debut": start.isoformat(), "territoire": where,
                         "indicateur": figure, "cle": key,
                         "personnes": "" if published is None else str(published),
                         "secret": "oui" if published is None else "non"})
    return rows


def period_label(period: str, start: date) -> str:
    if period == OBSERVATORY_MONTH:
        return f"{MONTHS[start.month - 1]} {start.year}"
    return f"semaine du {start:%d/%m/%Y}"


MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")


def format_count(count: int) -> str:
    return f"{count:,}".replace(",", "\u202f")


def _count_row(texts: ObservatoryTexts, label: str, count: int | None) -> Row:
    if count is None:
        return Row(label, texts.secret, secret=True)
    return Row(label, format_count(count))


def _value_row(texts: ObservatoryTexts, label: str, value: float | None, formatter: Any) -> Row:
    return Row(label, texts.no_data if value is None else formatter(value))


def _derived_row(table: PublishedTable, place: Place, texts: ObservatoryTexts, label: str,
                 comparison: str) -> Row:
    """A mean or a share: secret where the people it is about are, else its value."""
    value = comparison_value(table, place, comparison)
    if value is None and _is_hidden(table, place, comparison):
        return Row(label, texts.secret, secret=True)
    return Row(label, texts.no_data if value is None else _format_comparison(comparison, value))


def _is_hidden(table: PublishedTable, place: Place, comparison: str) -> bool:
    figure = {"per_coach": CASE_TAKEN, "wait": CASE_TAKEN, LOW_MOOD_SHARE: MOOD_ALL}.get(
        comparison, comparison)
    return table.count(place, figure) is None or (
        comparison == LOW_MOOD_SHARE and table.count(place, MOOD_LOW) is None)


def _format_comparison(comparison: str, value: float) -> str:
    if comparison == "wait":
        return _minutes(value * 60)
    if comparison == LOW_MOOD_SHARE:
        return _percent(value / 100)
    if comparison == "per_coach":
        return _decimal(value)
    return format_count(round(value))


def _minutes(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d}"


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _percent(share: float) -> str:
    return f"{100 * share:.1f}".replace(".", ",") + "\u202f%"


def _ordered(keys: Iterable[str], names: Mapping[str, str]) -> list[str]:
    """The keys in their labels' order (the content's), unknown ones after."""
    order = {key: index for index, key in enumerate(names)}
    return sorted(keys, key=lambda key: (order.get(key, len(order)), key))
