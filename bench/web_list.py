"""The agents' list page (web/) over 100,000 items on PostgreSQL.

Fills a fresh schema of the BENCH_DATABASE_URL database with 100,000 doléances and envies spread
over the four units of directory/units.yml and other postal codes (bulk inserts), then renders
the list through Flask's test client, signed in as a unit's agent (Brivadois, about 15,000 items)
and as a negotiator of a region (Auvergne-Rhône-Alpes, about 80,000): the whole list and a
filtered one, `--requests` times each. Prints p50/p95 in ms and their ratio to a baseline
measured in the same run: the sign-in page, which renders a template and reads no item. No
assertion on time. `--explain` (or a list p95 above 300 ms) prints PostgreSQL's plans of the
list's queries (EXPLAIN ANALYZE).

Usage (in the edge's virtualenv, where the web space runs; `make bench` runs it so):
    BENCH_DATABASE_URL=postgresql://user@host/db PYTHONPATH=. .venv-edge/bin/python \
        bench/web_list.py [--items 100000] [--requests 200] [--explain]
Without BENCH_DATABASE_URL it says so and exits 0. The schema is dropped at the end; the
database itself is left as it was.
"""

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from datetime import timedelta

from flask.testing import FlaskClient
from sqlalchemy import event, insert
from sqlalchemy.engine import Engine

from relais.database import create_engine_from_url, make_session_factory, upgrade_to_head
from relais.directory import postal_code_to_departement
from relais.grievances import THEMES
from relais.models import Citizen, Grievance
from relais.services.unit_desk import ItemFilter, UnitDesk
from relais.territories import Territory, territories
from tests.support.clock import NOW
from tests.support.postgresql import fresh_postgresql_schema
from web.app import create_app

PASSWORD = "bench password, long enough"
SLOW_P95_MS = 300.0
BATCH = 5000
# (postal code, commune, share of the items): the four units' codes, then codes of no unit in
# the same départements (the negotiator's region sees them) and elsewhere.
PLACES = [
    ("43100", "Brioude", 0.11), ("43360", "Vergongheon", 0.02), ("43450", "Blesle", 0.02),
    ("43000", "Le Puy-en-Velay", 0.13), ("43750", "Vals-près-le-Puy", 0.02),
    ("69008", "Lyon", 0.15), ("15100", "Saint-Flour", 0.15),
    ("43200", "Yssingeaux", 0.07), ("69003", "Lyon", 0.07), ("63000", "Clermont-Ferrand", 0.06),
    ("75011", "Paris", 0.08), ("13001", "Marseille", 0.06), ("33000", "Bordeaux", 0.06),
]
STATUSES = [("recue", 30), ("a_l_etude", 20), ("en_cours", 20), ("realisee", 15),
            ("non_retenue", 5), ("retiree", 5), ("fusionnee", 5)]
TEXTS = [
    "Le car du mercredi a été supprimé, je ne peux plus aller au marché",
    "Plus de médecin au bourg depuis le départ du docteur",
    "Un composteur partagé près de l'école serait bienvenu",
    "Le lampadaire de la rue de la gare est cassé depuis un mois",
    "Pas de réseau mobile au hameau, impossible d'appeler les secours",
    "La piscine a fermé ses portes, les enfants n'ont plus où nager",
    "Des bornes de recharge pour les vélos électriques sur la place",
]
UNIT_AGENT = ("bench-unit", Territory("unit", "brioude"), "unit")
NEGOTIATOR = ("bench-region", Territory("region", "84"), "negotiator")
PAGES = ["/doleances", "/doleances?theme=energie&en_retard=1"]


def main() -> int:
    arguments = _parser().parse_args()
    base_url = os.environ.get("BENCH_DATABASE_URL")
    if not base_url:
        print("bench/web_list.py: skipped (BENCH_DATABASE_URL is not set). Set it to a PostgreSQL "
              "database, e.g. BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:55432/bench; the "
              "bench works in a schema of its own and drops it.")
        return 0
    with contextmanager(fresh_postgresql_schema)(base_url) as url:
        upgrade_to_head(url)
        engine = create_engine_from_url(url)
        try:
            return run(engine, arguments)
        finally:
            engine.dispose()


def run(engine: Engine, arguments: argparse.Namespace) -> int:
    desk = UnitDesk(make_session_factory(engine), clock=lambda: NOW)
    agent_ids = {login: desk.create_agent(login, login, PASSWORD, role, territory)
                 for login, territory, role in (UNIT_AGENT, NEGOTIATOR)}
    started = time.perf_counter()
    fill(engine, arguments.items, assignee=agent_ids[UNIT_AGENT[0]])
    print(f"{arguments.items:,} items inserted in {time.perf_counter() - started:.1f} s")

    app = create_app(desk, "bench secret key, long enough for itsdangerous", testing=True)
    baseline = timings(app.test_client(), "/connexion", arguments.requests)

    def report(label: str, times: list[float]) -> None:
        print(f"{label:<54} {ms(times, 0.5):>8.1f} {ms(times, 0.95):>8.1f} "
              f"{ms(times, 0.5) / ms(baseline, 0.5):>7.1f} {ms(times, 0.95) / ms(baseline, 0.95):>7.1f}")

    print(f"\n{'GET, as':<54} {'p50 ms':>8} {'p95 ms':>8} {'× p50':>7} {'× p95':>7}")
    report("baseline: /connexion (anonymous)", baseline)
    slow = []
    for login, territory, _ in (UNIT_AGENT, NEGOTIATOR):
        client = signed_in(app.test_client(), login)
        name = f"{territory.kind}:{territory.code}"
        if login == UNIT_AGENT[0]:
            # What any agent page costs without items: the agent read again, the templates.
            report(f"{name} /modeles (no item)", timings(client, "/modeles", arguments.requests))
        total = desk.items(desk.agent(agent_ids[login]), ItemFilter()).total
        for path in PAGES:
            times = timings(client, path, arguments.requests)
            label = f"{name} {path}" + (f" ({total:,})" if path == PAGES[0] else "")
            report(label, times)
            if arguments.explain or ms(times, 0.95) > SLOW_P95_MS:
                slow.append((label, client, path))
    for label, client, path in slow:
        print(f"\n--- GET {label}")
        explain(engine, lambda client=client, path=path: client.get(path))
    return 0


def fill(engine: Engine, count: int, assignee: int) -> None:
    """`count` items in bulk (executemany of core inserts), then ANALYZE for the planner."""
    randomness = random.Random(14)
    citizens = max(1, count // 4)
    with engine.begin() as connection:
        for start in range(0, citizens, BATCH):
            connection.execute(insert(Citizen.__table__), [
                {"conversation_id": f"bench-{number}", "created_at": NOW}
                for number in range(start, min(citizens, start + BATCH))])
        first_citizen = connection.exec_driver_sql("SELECT min(id) FROM relais_citizens").scalar()
        places = territories()
        codes, weights = [place[:2] for place in PLACES], [place[2] for place in PLACES]
        statuses, status_weights = zip(*STATUSES)
        for start in range(0, count, BATCH):
            rows = []
            for _ in range(min(BATCH, count - start)):
                postal_code, commune = randomness.choices(codes, weights)[0]
                unit = places.unit_of_postal_code(postal_code)
                status = randomness.choices(statuses, status_weights)[0]
                created = NOW - timedelta(minutes=randomness.randrange(365 * 24 * 60))
                answered = status != "recue" and randomness.random() < 0.6
                rows.append({
                    "citizen_id": first_citizen + randomness.randrange(citizens),
                    "kind": randomness.choice(("doleance", "envie")),
                    "text": randomness.choice(TEXTS), "theme": randomness.choice(THEMES),
                    "commune": commune, "postal_code": postal_code,
                    "departement": postal_code_to_departement(postal_code),
                    "unit_code": unit.code if unit else None,
                    "visibility": randomness.choice(("private", "counted", "published")),
                    "status": status, "answer": "Nous étudions votre demande." if answered else None,
                    "answered_at": created + timedelta(days=2) if answered else None,
                    "assignee_id": assignee if unit and unit.code == "brioude" and randomness.random() < 0.1 else None,
                    "hidden": False, "notify_any_time": False,
                    "created_at": created, "updated_at": created,
                })
            connection.execute(insert(Grievance.__table__), rows)
        connection.exec_driver_sql("ANALYZE")


def signed_in(client: FlaskClient, login: str) -> FlaskClient:
    response = client.post("/connexion", data={"identifiant": login, "mot_de_passe": PASSWORD})
    if response.status_code != 302:
        raise SystemExit(f"cannot sign in as {login}")
    return client


def timings(client: FlaskClient, path: str, requests: int) -> list[float]:
    for _ in range(5):  # warm up: template compilation, connection pool, PostgreSQL's caches
        client.get(path)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"GET {path}: {response.status_code}")
    return times


def ms(times: list[float], q: float) -> float:
    """The q-quantile of `times` (seconds), in milliseconds (nearest rank)."""
    ordered = sorted(times)
    return 1000 * ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def explain(engine: Engine, request: Callable[[], object]) -> None:
    """EXPLAIN ANALYZE of the queries on relais_grievances that one request runs."""
    captured: list[tuple[str, object]] = []

    def capture(connection, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "relais_grievances" in statement:
            captured.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        request()
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    with engine.connect() as connection:
        for statement, parameters in captured:
            if "FOR UPDATE" in statement.upper():
                continue
            print("\n" + " ".join(statement.split()))
            plan = connection.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
            for (line,) in plan:
                print("   ", line)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--explain", action="store_true", help="print the list queries' plans")
    return parser


if __name__ == "__main__":
    sys.exit(main())
