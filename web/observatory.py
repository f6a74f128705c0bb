"""The observatory's pages (issue #16), for relais agents (their département) and territorial
crisis negotiators (their region, or the nation): a period's figures for the territory or one
of its départements, the time series, the départements compared on a map and in a ranking, and
the CSV of the published aggregates. A unit agent has no observatory (the page does not exist).

What is published, and what statistical secrecy hides, is decided in relais/observatory.py over
the cells of relais.services.observatory; here it is chosen from the query string and rendered.
The pages read the published figures the refresh wrote (relais_observatory_figures), only
those of the places and indicators they show.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from flask import Blueprint, abort, render_template, request
from werkzeug.wrappers import Response

from relais import observatory as figures
from relais.departement_map import departement_map, departement_tiles
from relais.grievances import grievance_texts
from relais.models import OBSERVATORY_PERIODS, OBSERVATORY_WEEK
from relais.services.observatory import period_start, previous_periods
from relais.services.unit_desk import AgentInfo
from relais.territories import DEPARTEMENT, NATION, REGION, Territory
from relais.track_content import all_topics
from relais.tracks import TRACKS
from web.auth import require_agent
from web.context import observatory, places, signed_in_agent

blueprint = Blueprint("observatory", __name__)
blueprint.before_request(require_agent)

OBSERVING_ROLES = ("relais", "negotiator")
OPEN_DATA_COLUMNS = ("periode", "debut", "territoire", "indicateur", "cle", "personnes", "secret")


@dataclass(frozen=True)
class Choice:
    """What the agent asked for, checked: the period, its start, how many periods in the series,
    the place shown (within the agent's territory) and the comparison."""

    period: str
    start: date
    count: int
    place: Territory
    comparison: str


@blueprint.get("/observatoire")
def observatory_page() -> str:
    agent = _observing_agent()
    choice = _choice(agent)
    place = figures.place_of(choice.place)
    departements = figures.compared_departements(agent.territory, places())
    unknown = [figures.UNKNOWN_DEPARTEMENT] if agent.territory.kind == NATION else []
    table = _table(choice.period, choice.start, [place, *departements, *unknown])
    names = _departement_names()
    compared = figures.compare(table, departements, choice.comparison, names)
    values = {row.code: row.value for row in compared if row.value is not None or row.secret}
    return render_template(
        "observatoire.html", choix=choice, territoire=_name(choice.place, names),
        sections=figures.sections(table, place, _labels()),
        serie=_series(choice, place), compares=compared,
        carte=departement_map(values, highlighted={choice.place.code}
                              if choice.place.kind == DEPARTEMENT else ()),
        choix_territoire=_places_to_choose(agent, names),
        territoire_choisi="" if choice.place == agent.territory else choice.place.code,
        periodes=figures.observatory_texts().periods,
        comparaisons=figures.observatory_texts().comparisons,
        libelle_periode=figures.period_label(choice.period, choice.start),
        inconnu=(table.count(figures.UNKNOWN_DEPARTEMENT, figures.CONVERSATIONS)
                 if agent.territory.kind == NATION else 0),
        mis_a_jour=observatory().refreshed_at(),
    )


@blueprint.get("/observatoire.csv")
def observatory_csv() -> Response:
    agent = _observing_agent()
    choice = _choice(agent)
    buffer = io.StringIO()
    buffer.write("\ufeff")  # spreadsheets then read the accents as UTF-8
    writer = csv.DictWriter(buffer, fieldnames=OPEN_DATA_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    mine = _places_of(agent)
    for start in previous_periods(choice.period, choice.start, choice.count):
        writer.writerows(figures.open_data_rows(_table(choice.period, start, mine), choice.period,
                                                start, mine))
    filename = f"observatoire-{agent.territory.kind}-{agent.territory.code}-{choice.period}.csv"
    return Response(buffer.getvalue(), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _observing_agent() -> AgentInfo:
    agent = signed_in_agent()
    if agent.role not in OBSERVING_ROLES or agent.territory.kind not in (DEPARTEMENT, REGION,
                                                                         NATION):
        abort(404)
    return agent


def _choice(agent: AgentInfo) -> Choice:
    """The query string, read kindly: anything that cannot be read falls back to the default
    (this week, the agent's territory, people accompanied) rather than an error page."""
    period = request.args.get("periode", OBSERVATORY_WEEK)
    if period not in OBSERVATORY_PERIODS:
        period = OBSERVATORY_WEEK
    today = observatory().today()
    start = period_start(period, _date(request.args.get("debut")) or today)
    if start > today:
        start = period_start(period, today)
    count = _int(request.args.get("nombre")) or figures.DEFAULT_PERIODS[period]
    count = max(1, min(count, figures.MAX_PERIODS))
    place = _place(agent, request.args.get("territoire", ""))
    comparison = request.args.get("comparaison", figures.CONVERSATIONS)
    if comparison not in figures.COMPARISONS:
        comparison = figures.CONVERSATIONS
    return Choice(period, start, count, place, comparison)


def _place(agent: AgentInfo, asked: str) -> Territory:
    """A département or region inside the agent's territory; else a 404 (never another's)."""
    if not asked:
        return agent.territory
    if asked in (figures.compared_departements(agent.territory, places())):
        return Territory(DEPARTEMENT, asked)
    if agent.territory.kind == NATION and asked in places().regions:
        return Territory(REGION, asked)
    abort(404)


def _places_of(agent: AgentInfo) -> list[str]:
    """The places whose published figures the agent may export: their territory and what is in it."""
    own = figures.place_of(agent.territory)
    departements = list(figures.compared_departements(agent.territory, places()))
    regions = ([figures.region_place(code) for code in places().regions]
               if agent.territory.kind == NATION else [])
    unknown = [figures.UNKNOWN_DEPARTEMENT] if agent.territory.kind == NATION else []
    return list(dict.fromkeys([own, *regions, *departements, *unknown]))


def _series(choice: Choice, place: str) -> list[figures.SeriesPoint]:
    starts = previous_periods(choice.period, choice.start, choice.count)
    return [figures.series_point(_table(choice.period, start, [place], list(figures.SERIES)),
                                 place, start, figures.period_label(choice.period, start))
            for start in reversed(starts)]


def _table(period: str, start: date, places: list[str] | None = None,
           indicators: list[str] | None = None) -> figures.PublishedTable:
    """A period's published figures of these places (all if None): rows the refresh wrote."""
    return figures.PublishedTable(observatory().figures(period, start, places, indicators))


def _places_to_choose(agent: AgentInfo, names: dict[str, str]) -> list[tuple[str, str]]:
    """(value, label) of the places the agent can look at."""
    choices = [("", places().name_of(agent.territory))]
    if agent.territory.kind == NATION:
        choices += [(code, region.name) for code, region in sorted(
            places().regions.items(), key=lambda item: item[1].name)]
    if agent.territory.kind in (REGION, NATION):
        choices += [(code, f"{code} — {names.get(code, code)}")
                    for code in figures.compared_departements(agent.territory, places())]
    return choices


def _name(territory: Territory, names: dict[str, str]) -> str:
    if territory.kind == DEPARTEMENT:
        return f"{names.get(territory.code, territory.code)} ({territory.code})"
    return places().name_of(territory)


@lru_cache(maxsize=1)
def _departement_names() -> dict[str, str]:
    return {code: tile.name for code, tile in departement_tiles().tiles.items()}


@lru_cache(maxsize=1)
def _labels() -> dict[str, dict[str, str]]:
    texts = grievance_texts()
    return {
        "tracks": dict(TRACKS),
        "scenarios": {topic.key: topic.title for topic in all_topics()},
        "grievance_kinds": dict(texts.kinds),
        "grievance_themes": dict(texts.themes),
        "grievance_statuses": dict(texts.statuses),
    }


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None

