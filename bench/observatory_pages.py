"""The observatory's pages (issue #16) over 100,000 citizens and 2 million facts in PostgreSQL:
does the page of the nation and of one département render in at most 500 ms (p95)?

Fills a fresh schema of the database (COPY, no ORM per row) with citizens spread over the
départements of relais.directory.ALL_DEPARTEMENTS (big ones bigger, about 3 % with no
département, about 70 % consented to the coaching memory) and facts over the last 26 weeks:
needs (tracks, phases, urgence scenarios of relais.track_content), progress entries (check-ins
with moods 1-5, from consented citizens only, and some steps done), cases (reasons, statuses,
time to take, coaches), doléances and envies (kinds, themes, statuses), and the recipients of a
few territorial alerts with their welfare answers. Then:

- ObservatoryService.refresh(): the first (the backfill: 26 weeks, 12 months) and a second one
  (only the periods not final yet), timed;
- the web app built as web/__main__.py builds it (desk, events, observatory over one session
  factory; without the refresher thread, and with testing=True so that the test client signs
  in without a CSRF token), a negotiator of the nation and a relais agent of one département
  signed in; /observatoire rendered for each, week and month, through Flask's test client,
  `--renders` times each: cold (the first render of a new app each time: what an agent waits for
  after the web process started) and warm (after 3 warm-ups); the pages read only the figures
  the refresh published (relais_observatory_figures); /observatoire.csv once;
- the baseline: the sign-in page (a template, no database) rendered as many times, in the same
  run; every figure is also given as its ratio to it.

Prints a table (p50/p95 in ms, ratios), the fill and refresh times and the peak resident memory
(getrusage), and exits 0 when every page's p95, cold and warm, is at most 500 ms, else 1 (saying
which; the renders after a refresh are shown, not part of the goal). `--profile` prints cProfile's top functions of one cold and one warm nation page.

Usage (in the edge's virtualenv, where the web space runs; `make bench` runs it so):
    PYTHONPATH=. .venv-edge/bin/python bench/observatory_pages.py [--citizens 100000]
        [--facts 2000000] [--renders 40] [--database-url postgresql://...] [--profile]
The database is --database-url, else BENCH_DATABASE_URL, else the local
postgresql://postgres@127.0.0.1:55432/postgres; when none was given and that one does not
answer, the bench says so and exits 0. It works in a schema of its own and drops it at the end.
"""

import argparse
import cProfile
import csv
import io
import os
import pstats
import random
import resource
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, insert
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from relais.crisis import CRISIS_KINDS
from relais.database import create_engine_from_url, make_session_factory, upgrade_to_head
from relais.directory import ALL_DEPARTEMENTS, RelaisDirectory
from relais.events import PRIORITY
from relais.grievances import THEMES
from relais.models import (
    CASE_PRIORITY,
    CASE_REASONS,
    EVENT_ENDED,
    EVENT_KINDS,
    GRIEVANCE_STATUSES,
    SEVERITIES,
    TerritorialEvent,
)
from relais.services.events import EventService
from relais.services.observatory import ObservatoryService
from relais.services.unit_desk import UnitDesk
from relais.territories import Territory
from relais.track_content import all_topics
from relais.tracks import TRACKS
from tests.support.postgresql import fresh_postgresql_schema
from web.app import create_app

LOCAL_DATABASE_URL = "postgresql://postgres@127.0.0.1:55432/postgres"
GOAL_P95_MS = 500.0
GOAL_RENDERS = (", cold", ", warm")
WARM_UPS = 3
WEEKS = 26
PASSWORD = "bench password, long enough"
SECRET_KEY = "bench secret key, long enough for itsdangerous"
NEGOTIATOR = ("bench-nation", Territory("nation", "FR"), "negotiator")
# Rhône: a big département (its page compares only itself, but its cells are many).
DEPARTEMENT = "69"
# The share of the facts in each table.
SHARES = {"needs": 0.42, "progress": 0.33, "event_recipients": 0.12, "grievances": 0.08,
          "cases": 0.05}
# The biggest départements, roughly by population: several times an average one.
BIG = {"59": 5.0, "75": 4.5, "13": 4.0, "69": 3.8, "92": 3.3, "93": 3.3, "33": 3.2, "62": 3.0,
       "78": 2.9, "77": 2.8, "94": 2.8, "31": 2.7, "44": 2.7, "76": 2.5, "91": 2.5, "06": 2.2,
       "95": 2.5, "67": 2.3, "34": 2.3, "38": 2.5}
NO_DEPARTEMENT = 0.03
CONSENTED, WITHDRAWN = 0.70, 0.05
CASE_STATUS_WEIGHTS = {"closed": 70, "handed_back": 12, "taken": 10, "open": 8}
GRIEVANCE_STATUS_WEIGHTS = dict(zip(GRIEVANCE_STATUSES, (30, 20, 20, 15, 5, 5, 5)))
TEXTS = ("Le car du mercredi a été supprimé", "Plus de médecin au bourg",
         "Un composteur partagé près de l'école", "Pas de réseau mobile au hameau")
COPY_ROWS = 100_000


@dataclass
class Population:
    ids: list[int]
    departement: dict[int, str | None]
    consented: list[int]
    by_departement: dict[str, list[int]] = field(default_factory=dict)


def main() -> int:
    arguments = _parser().parse_args()
    # Stopped (kill): the schema is dropped all the same (SystemExit runs the finally blocks).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    base_url = arguments.database_url or os.environ.get("BENCH_DATABASE_URL") or LOCAL_DATABASE_URL
    if not _answers(base_url):
        print(f"bench/observatory_pages.py: {base_url} does not answer.")
        if arguments.database_url or os.environ.get("BENCH_DATABASE_URL"):
            return 2
        print("Skipped: give --database-url or BENCH_DATABASE_URL (a PostgreSQL database; the "
              "bench works in a schema of its own and drops it).")
        return 0
    with contextmanager(fresh_postgresql_schema)(base_url) as url:
        upgrade_to_head(url)
        engine = create_engine_from_url(url)
        try:
            return run(engine, arguments)
        finally:
            engine.dispose()


def _answers(url: str) -> bool:
    engine = create_engine(url, future=True)
    try:
        with engine.connect():
            return True
    except OperationalError:
        return False
    finally:
        engine.dispose()


def run(engine: Engine, arguments: argparse.Namespace) -> int:
    now = datetime.now(timezone.utc)
    randomness = random.Random(16)
    started = time.perf_counter()
    counts = fill(engine, randomness, now, arguments.citizens, arguments.facts)
    fill_seconds = time.perf_counter() - started
    print(f"filled in {fill_seconds:.1f} s: " + ", ".join(
        f"{table} {count:,}" for table, count in counts.items())
        + f" (facts {sum(count for table, count in counts.items() if table not in ('citizens', 'events')):,}); "
        f"peak RSS {_peak_mb():.0f} MB")

    session_factory = make_session_factory(engine)
    service = ObservatoryService(session_factory)
    started = time.perf_counter()
    first = service.refresh()
    first_seconds = time.perf_counter() - started
    started = time.perf_counter()
    second = service.refresh()
    second_seconds = time.perf_counter() - started
    with engine.connect() as connection:
        cells = connection.exec_driver_sql("SELECT count(*) FROM relais_observatory_cells").scalar()
        connection.exec_driver_sql("ANALYZE relais_observatory_cells")
    print(f"refresh: first {first_seconds:.1f} s ({first} periods, {cells:,} cells), "
          f"second {second_seconds:.2f} s ({second} periods); peak RSS {_peak_mb():.0f} MB")

    # As web/__main__.py composes it (no refresher thread: the refreshes were timed above).
    desk = UnitDesk(session_factory)
    app = create_app(desk, SECRET_KEY, testing=True,
                     events=EventService(session_factory, RelaisDirectory.load(None)),
                     observatory=service)
    relais_agent = ("bench-relais", Territory("departement", arguments.departement), "relais")
    for login, territory, role in (NEGOTIATOR, relais_agent):
        desk.create_agent(login, login, PASSWORD, role, territory)
    clients = {"nation": _signed_in(app, NEGOTIATOR[0]),
               f"département {arguments.departement}": _signed_in(app, relais_agent[0])}

    baseline = _timings(app.test_client(), "/connexion", arguments.renders)
    rows: list[tuple[str, list[float]]] = []
    for who, client in clients.items():
        login = NEGOTIATOR[0] if who == "nation" else relais_agent[0]
        for period in ("week", "month"):
            path = f"/observatoire?periode={period}"
            rows.append((f"{who} {period}, cold", _first_renders(
                lambda login=login: _signed_in(create_app(desk, SECRET_KEY, testing=True,
                                                          observatory=service), login),
                path, arguments.renders)))
            rows.append((f"{who} {period}, warm", _timings(client, path, arguments.renders)))
    started = time.perf_counter()
    response = clients["nation"].get("/observatoire.csv?periode=week")
    csv_seconds = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"GET /observatoire.csv: {response.status_code}")
    csv_lines = response.get_data(as_text=True).count("\n")

    print(f"\n{'GET /observatoire, as':<34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
          f"{'× p50':>7} {'× p95':>7}")
    base50, base95 = _ms(baseline, 0.5), _ms(baseline, 0.95)

    def line(label: str, times: list[float]) -> None:
        print(f"{label:<34} {_ms(times, 0.5):>8.1f} {_ms(times, 0.95):>8.1f} "
              f"{1000 * max(times):>8.1f} {_ms(times, 0.5) / base50:>7.0f} "
              f"{_ms(times, 0.95) / base95:>7.0f}")

    line("baseline: /connexion (anonymous)", baseline)
    for label, times in rows:
        line(label, times)
    print(f"/observatoire.csv (nation, 8 weeks, {csv_lines:,} lines) once, cold: "
          f"{1000 * csv_seconds:.0f} ms ({1000 * csv_seconds / base50:.0f} × baseline p50)")
    print(f"{arguments.renders} renders each (cold: the first render of a new app each time; "
          f"warm: after {WARM_UPS} warm-ups); peak RSS {_peak_mb():.0f} MB")

    if arguments.profile:
        _profile(clients["nation"], "/observatoire?periode=week")

    missed = [label for label, times in rows
              if label.endswith(GOAL_RENDERS) and _ms(times, 0.95) > GOAL_P95_MS]
    if missed:
        print(f"\ngoal missed (p95 > {GOAL_P95_MS:.0f} ms): " + "; ".join(missed))
        return 1
    print(f"\ngoal met: every page's p95, cold and warm, at most {GOAL_P95_MS:.0f} ms")
    return 0


# --- the fill --------------------------------------------------------------------------------


def fill(engine: Engine, randomness: random.Random, now: datetime, citizens: int,
         facts: int) -> dict[str, int]:
    """Everything in one transaction, by COPY; then ANALYZE for the planner."""
    counts: dict[str, int] = {}
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        population = _citizens(cursor, randomness, now, citizens)
        counts["citizens"] = len(population.ids)
        shares = {table: round(facts * share) for table, share in SHARES.items()}
        shares["needs"] += facts - sum(shares.values())
        counts["needs"] = _copy(cursor, "relais_needs",
                                ("citizen_id", "track", "phase", "scenario", "at"),
                                _needs(randomness, now, population, shares["needs"]))
        counts["progress"] = _copy(cursor, "relais_progress",
                                   ("citizen_id", "kind", "track", "mood", "created_at"),
                                   _progress(randomness, now, population, shares["progress"]))
        counts["cases"] = _copy(cursor, "relais_cases", (
            "citizen_id", "reason", "priority", "status", "relais_code", "assigned_coach",
            "opened_at", "taken_at", "handed_back_at", "closed_at", "crisis_kind"),
            _cases(randomness, now, population, shares["cases"]))
        counts["grievances"] = _copy(cursor, "relais_grievances", (
            "citizen_id", "kind", "text", "theme", "departement", "visibility", "status",
            "hidden", "notify_any_time", "created_at", "updated_at"),
            _grievances(randomness, now, population, shares["grievances"]))
        raw.commit()
    finally:
        raw.close()
    events, recipients = _event_recipients(engine, randomness, now, population,
                                           shares["event_recipients"])
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        counts["event_recipients"] = _copy(cursor, "relais_event_recipients", (
            "event_id", "citizen_id", "departement", "alerted_at", "answer", "help_track",
            "answered_at"), recipients)
        raw.commit()
        counts["events"] = events
        cursor.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()
    return counts


def _citizens(cursor, randomness: random.Random, now: datetime, count: int) -> Population:
    weights = [BIG.get(code, randomness.lognormvariate(0.0, 0.5)) for code in ALL_DEPARTEMENTS]
    created = _at(now - timedelta(weeks=WEEKS + 4))
    consent_at = _at(now - timedelta(weeks=WEEKS + 3))
    places: list[str | None] = []
    consent: list[str | None] = []

    def rows() -> Iterator[tuple[object, ...]]:
        for number in range(count):
            departement = (None if randomness.random() < NO_DEPARTEMENT
                           else randomness.choices(ALL_DEPARTEMENTS, weights)[0])
            draw = randomness.random()
            status = "given" if draw < CONSENTED else ("withdrawn" if draw < CONSENTED + WITHDRAWN
                                                       else None)
            places.append(departement)
            consent.append(status)
            yield (f"bench-{number}", created, status, consent_at if status else None,
                   "v1" if status else None, departement)

    _copy(cursor, "relais_citizens", ("conversation_id", "created_at", "consent_status",
                                      "consent_at", "consent_notice_version", "departement"),
          rows())
    cursor.execute("SELECT id, conversation_id FROM relais_citizens WHERE conversation_id LIKE "
                   "'bench-%%'")
    number_of = {int(conversation[len("bench-"):]): citizen for citizen, conversation in cursor}
    ids = [number_of[number] for number in range(count)]
    population = Population(ids, dict(zip(ids, places)),
                            [citizen for citizen, status in zip(ids, consent) if status == "given"])
    for citizen, departement in population.departement.items():
        if departement is not None:
            population.by_departement.setdefault(departement, []).append(citizen)
    return population


def _active(randomness: random.Random, ids: Sequence[int]) -> Callable[[], int]:
    """A citizen drawn with skew: some write every day, most now and then."""
    size = len(ids)
    return lambda: ids[min(size - 1, int(size * randomness.random() ** 1.6))]


def _when(randomness: random.Random, now: datetime) -> datetime:
    """A moment of the last 26 weeks, more of them recent (Relais grows)."""
    return now - timedelta(seconds=WEEKS * 7 * 86400 * randomness.random() ** 1.25)


def _needs(randomness: random.Random, now: datetime, population: Population,
           count: int) -> Iterator[tuple[object, ...]]:
    citizen = _active(randomness, population.ids)
    tracks = list(TRACKS)
    track_weights = [8, 5, 6, 6, 4, 5, 3, 1][:len(tracks)] + [1] * max(0, len(tracks) - 8)
    scenarios: dict[str, list[str]] = {}
    for topic in all_topics():
        scenarios.setdefault(topic.track, []).append(topic.key)
    # A few scenarios of each track are most of its urgences (Zipf).
    zipf = {track: [1 / (rank + 1) for rank in range(len(keys))] for track, keys in scenarios.items()}
    for _ in range(count):
        track = randomness.choices(tracks, track_weights)[0]
        urgent = randomness.random() < 0.25
        scenario = None
        if urgent and scenarios.get(track) and randomness.random() < 0.85:
            scenario = randomness.choices(scenarios[track], zipf[track])[0]
        yield (citizen(), track, "urgence" if urgent else "continu", scenario,
               _at(_when(randomness, now)))


def _progress(randomness: random.Random, now: datetime, population: Population,
              count: int) -> Iterator[tuple[object, ...]]:
    """Check-ins (85 %) and steps done, from consented citizens only (the coaching memory)."""
    citizen = _active(randomness, population.consented)
    tracks = list(TRACKS)
    for _ in range(count):
        if randomness.random() < 0.85:
            yield (citizen(), "checkin", None, randomness.choices((1, 2, 3, 4, 5),
                                                                  (6, 14, 30, 32, 18))[0],
                   _at(_when(randomness, now)))
        else:
            yield (citizen(), "action_done", randomness.choice(tracks), None,
                   _at(_when(randomness, now)))


def _cases(randomness: random.Random, now: datetime, population: Population,
           count: int) -> Iterator[tuple[object, ...]]:
    """At most one open or taken case per citizen (the database's partial unique index)."""
    citizen = _active(randomness, population.ids)
    active: set[int] = set()
    reasons = list(CASE_REASONS)
    statuses, status_weights = zip(*CASE_STATUS_WEIGHTS.items())
    for _ in range(count):
        who = citizen()
        reason = randomness.choices(reasons, (10, 35, 15, 25, 15))[0]
        status = randomness.choices(statuses, status_weights)[0]
        opened = _when(randomness, now)
        wait = timedelta(minutes=randomness.expovariate(1 / (4 if reason == "crisis" else 45)))
        taken = opened + wait if status != "open" else None
        if taken is not None and taken > now:
            status, taken = "open", None
        if status in ("open", "taken"):
            if who in active:
                status = "closed" if taken is not None else "handed_back"
            else:
                active.add(who)
        departement = population.departement[who] or "xx"
        coach = f"coach-{departement}-{randomness.randrange(6)}" if taken else None
        handed_back = taken + timedelta(hours=2) if status == "handed_back" and taken else None
        closed = (taken or opened) + timedelta(days=1) if status == "closed" else None
        yield (who, reason, CASE_PRIORITY[reason], status, f"relais-{departement}", coach,
               _at(opened), _at(taken), _at(handed_back), _at(closed),
               randomness.choice(CRISIS_KINDS) if reason == "crisis" else None)


def _grievances(randomness: random.Random, now: datetime, population: Population,
                count: int) -> Iterator[tuple[object, ...]]:
    citizen = _active(randomness, population.ids)
    statuses, status_weights = zip(*GRIEVANCE_STATUS_WEIGHTS.items())
    for _ in range(count):
        who = citizen()
        created = _at(_when(randomness, now))
        yield (who, randomness.choice(("doleance", "envie")), randomness.choice(TEXTS),
               randomness.choice(THEMES), population.departement[who],
               randomness.choice(("private", "counted", "published")),
               randomness.choices(statuses, status_weights)[0], False, False, created, created)


def _event_recipients(engine: Engine, randomness: random.Random, now: datetime,
                      population: Population, count: int) -> tuple[int, list[tuple[object, ...]]]:
    """Territorial alerts over 10 to 25 départements each, to 70 % of their citizens (those
    subscribed), until `count` recipients; the welfare answers."""
    recipients: list[tuple[object, ...]] = []
    codes = sorted(population.by_departement)
    events = 0
    with engine.begin() as connection:
        while len(recipients) < count:
            chosen = randomness.sample(codes, randomness.randint(10, 25))
            starts = _when(randomness, now)
            severity = randomness.choice(SEVERITIES)
            event_id = connection.execute(insert(TerritorialEvent.__table__).values(
                kind=randomness.choice(EVENT_KINDS), severity=severity,
                departements=" ".join(chosen), instructions="Consignes de la préfecture.",
                starts_at=starts, ends_at=starts + timedelta(days=2), status=EVENT_ENDED,
                priority=PRIORITY[severity], created_at=starts, updated_at=starts,
            ).returning(TerritorialEvent.__table__.c.id)).scalar_one()
            events += 1
            for departement in chosen:
                for citizen in population.by_departement[departement]:
                    if randomness.random() >= 0.7:
                        continue
                    alerted = starts + timedelta(minutes=randomness.expovariate(1 / 20))
                    answer = randomness.choices((None, "fine", "help"), (40, 50, 10))[0]
                    recipients.append((
                        event_id, citizen, departement, _at(alerted), answer,
                        randomness.choice(list(TRACKS)) if answer == "help" else None,
                        _at(alerted + timedelta(hours=3)) if answer else None))
                    if len(recipients) >= count:
                        return events, recipients
    return events, recipients


def _copy(cursor, table: str, columns: Sequence[str], rows: Iterable[tuple[object, ...]]) -> int:
    """COPY the rows into the table, COPY_ROWS at a time; how many."""
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)"
    total = 0
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        # csv writes None as an empty field: COPY's NULL in CSV format (unquoted).
        writer.writerow(row)
        total += 1
        if total % COPY_ROWS == 0:
            buffer.seek(0)
            cursor.copy_expert(statement, buffer)
            buffer = io.StringIO()
            writer = csv.writer(buffer)
    buffer.seek(0)
    cursor.copy_expert(statement, buffer)
    return total


def _at(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


# --- the renders -----------------------------------------------------------------------------


def _signed_in(app: Flask, login: str) -> FlaskClient:
    client = app.test_client()
    response = client.post("/connexion", data={"identifiant": login, "mot_de_passe": PASSWORD})
    if response.status_code != 302:
        raise SystemExit(f"cannot sign in as {login}")
    return client


def _timings(client: FlaskClient, path: str, renders: int,
             before: Callable[[], object] | None = None) -> list[float]:
    """`renders` GETs of `path` after WARM_UPS, `before` called (untimed) before each."""
    for _ in range(WARM_UPS):
        _get(client, path)
    times = []
    for _ in range(renders):
        if before is not None:
            before()
        started = time.perf_counter()
        _get(client, path)
        times.append(time.perf_counter() - started)
    return times


def _first_renders(new_client: Callable[[], FlaskClient], path: str, renders: int) -> list[float]:
    """The first render of `path` by each of `renders` new apps (signed in, untimed): what an
    agent waits for right after the web process started."""
    times = []
    for _ in range(renders):
        client = new_client()
        started = time.perf_counter()
        _get(client, path)
        times.append(time.perf_counter() - started)
    return times


def _get(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"GET {path}: {response.status_code}")


def _profile(client: FlaskClient, path: str) -> None:
    _get(client, path)
    profiler = cProfile.Profile()
    profiler.enable()
    _get(client, path)
    profiler.disable()
    print(f"\n--- cProfile of GET {path} as the nation")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def _ms(times: list[float], q: float) -> float:
    """The q-quantile of `times` (seconds), in milliseconds (nearest rank)."""
    ordered = sorted(times)
    return 1000 * ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--citizens", type=int, default=100_000)
    parser.add_argument("--facts", type=int, default=2_000_000)
    parser.add_argument("--renders", type=int, default=40)
    parser.add_argument("--database-url", default=None,
                        help="a PostgreSQL database (default: BENCH_DATABASE_URL, else the local "
                             f"{LOCAL_DATABASE_URL})")
    parser.add_argument("--departement", default=DEPARTEMENT, choices=ALL_DEPARTEMENTS,
                        help="the relais agent's département")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile of a cold and a warm nation page")
    return parser


if __name__ == "__main__":
    sys.exit(main())
