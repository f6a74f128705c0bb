"""Action server and database figures, on SQLite and on PostgreSQL (when TEST_DATABASE_URL is set).

- latency p50/p95 of each custom action at 20 concurrent calls, through the action server's HTTP
  webhook (as Rasa calls it);
- load time of a tracker of 500 events from Rasa's SQL tracker store;
- database size for 1,000 citizens with 30 check-ins each.

Usage: python bench/actions_db.py [--calls 200]
"""

import argparse
import asyncio
import os
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from sqlalchemy import create_engine, insert, text

from relais.conversation_contract import CONSENT_SLOT, CONSENT_SLOT_GIVEN
from relais.database import create_engine_from_url, upgrade_to_head
from relais.domain_files import load_domain_dict
from relais.models import CONSENT_GIVEN, Citizen, ProgressEntry
from relais.shared_secrets import ACTION_SERVER_AUTH_HEADER, bearer, fresh_secrets
from tests.support.servers import ROOT, action_server_args, running

ACTIONS_PORT = 5255
# (action, latest intent, latest text, slots)
CALLS = [
    ("action_enregistrer_consentement", "consentir", "j'accepte", {}),
    ("action_select_track", "track_energie", "je voudrais produire mon électricité", {}),
    ("action_checkin_bilan", "choisir", "rien", {"humeur": "3", "fait_recemment": "j'ai isolé la porte"}),
    ("action_noter_action", "action_faite", "c'est fait, j'ai baissé le chauffage", {"track": "energie"}),
    ("action_afficher_progres", "progres", "mes progrès", {}),
    ("action_escalader", "demander_humain", "je veux parler à un conseiller", {}),
    ("action_exporter_donnees", "mes_donnees", "mes données", {}),
]


def webhook_payload(action: str, sender: str, intent: str, text: str, slots: dict, domain: dict) -> dict:
    return {
        "next_action": action,
        "sender_id": sender,
        "version": "3.6.2",
        "domain": domain,
        "tracker": {
            "sender_id": sender,
            "slots": {CONSENT_SLOT: CONSENT_SLOT_GIVEN, **slots},
            "latest_message": {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": []},
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        },
    }


async def action_latencies(url: str, calls: int, concurrency: int, domain: dict,
                           headers: dict[str, str]) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {}
    async with httpx.AsyncClient(base_url=url, timeout=60, headers=headers) as client:
        senders = [f"bench-{uuid.uuid4().hex[:8]}" for _ in range(concurrency)]
        for sender in senders:  # each simulated citizen consents first
            payload = webhook_payload(*CALLS[0][:1], sender, *CALLS[0][1:3], {}, domain)
            (await client.post("/webhook", json=payload)).raise_for_status()
        for action, intent, message, slots in CALLS:
            latencies: list[float] = []

            # Defaults bind this call's values: the closure must not see the next loop's.
            async def one(sender: str, action=action, intent=intent, message=message,
                          slots=slots, latencies=latencies) -> None:
                payload = webhook_payload(action, sender, intent, message, slots, domain)
                started = time.perf_counter()
                (await client.post("/webhook", json=payload)).raise_for_status()
                latencies.append(time.perf_counter() - started)

            for start in range(0, calls, concurrency):
                await asyncio.gather(*(one(senders[i % concurrency]) for i in range(start, min(start + concurrency, calls))))
            results[action] = sorted(latencies)
    return results


def percentile(values: list[float], fraction: float) -> float:
    return 1000 * values[int(fraction * (len(values) - 1))]


def tracker_load_ms(database_url: str, events: int = 500) -> float:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from rasa_components.stores import RelaisTrackerStore

    os.environ["DATABASE_URL"] = database_url
    store = RelaisTrackerStore(domain=Domain.empty())
    sender = f"bench-{uuid.uuid4().hex[:8]}"
    history = []
    for i in range(events // 2):
        history += [UserUttered(f"message {i}", {"name": "greet", "confidence": 1.0}), ActionExecuted("utter_de_rien")]
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, history)))
    timings = []
    for _ in range(20):
        started = time.perf_counter()
        tracker = asyncio.run(store.retrieve_full_tracker(sender))
        timings.append(time.perf_counter() - started)
    assert len(tracker.events) >= events
    return 1000 * statistics.median(timings)


def database_size_mb(database_url: str, citizens: int = 1000, checkins: int = 30) -> float:
    engine = create_engine_from_url(database_url)
    with engine.begin() as connection:
        for n in range(citizens):
            citizen_id = connection.execute(
                insert(Citizen).values(conversation_id=f"size-{n}", consent_status=CONSENT_GIVEN)
            ).inserted_primary_key[0]
            connection.execute(insert(ProgressEntry), [
                {"citizen_id": citizen_id, "kind": "checkin", "mood": 1 + i % 5,
                 "text": "j'ai baissé le chauffage d'un degré et testé le covoiturage"} for i in range(checkins)
            ])
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            pages = connection.execute(text("pragma page_count")).scalar_one()
            size = connection.execute(text("pragma page_size")).scalar_one()
        return pages * size / 1e6
    with engine.connect() as connection:
        return float(connection.execute(text(
            "select sum(pg_total_relation_size(c.oid)) from pg_class c "
            "join pg_namespace n on n.oid = c.relnamespace "
            "where c.relkind = 'r' and c.relname like 'relais_%' and n.nspname = current_schema()"
        )).scalar_one()) / 1e6


def fresh_postgresql_url(base_url: str) -> str:
    from sqlalchemy.engine import make_url
    from sqlalchemy.schema import CreateSchema

    schema = f"relais_bench_{uuid.uuid4().hex[:8]}"
    with create_engine(base_url, future=True).begin() as connection:
        connection.execute(CreateSchema(schema))
    url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args()
    domain = load_domain_dict()
    databases = {"sqlite": f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"}
    if os.environ.get("TEST_DATABASE_URL"):
        databases["postgresql"] = fresh_postgresql_url(os.environ["TEST_DATABASE_URL"])
    for name, url in databases.items():
        upgrade_to_head(url)
        secret = fresh_secrets()["ACTION_SERVER_SECRET"]
        with running(action_server_args(ACTIONS_PORT), ROOT, f"http://127.0.0.1:{ACTIONS_PORT}/health",
                     ROOT / "var" / "bench" / "logs" / f"actions-{name}.log",
                     env={"DATABASE_URL": url, "ACTION_SERVER_SECRET": secret}):
            latencies = asyncio.run(action_latencies(f"http://127.0.0.1:{ACTIONS_PORT}", args.calls, 20, domain,
                                                     {ACTION_SERVER_AUTH_HEADER: bearer(secret)}))
        print(f"=== {name}: action latency at 20 concurrent calls ({args.calls} calls per action)")
        for action, values in latencies.items():
            print(f"  {action:34s} p50 {percentile(values, 0.5):7.1f} ms   p95 {percentile(values, 0.95):7.1f} ms")
        print(f"  tracker of 500 events loaded in {tracker_load_ms(url):.1f} ms (median of 20)")
        print(f"  1,000 citizens x 30 check-ins: {database_size_mb(url):.1f} MB")


if __name__ == "__main__":
    main()
