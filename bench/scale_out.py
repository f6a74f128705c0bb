"""Relais scaled out on this machine: throughput and reply latency through HAProxy with one and
with two Rasa servers (each with its action server), on one PostgreSQL and one Redis, against
the bare `rasa init` bot in the same run; and where the CPU goes, per process kind.

The servers are the scale-out test's (tests/edge/test_scale_out.py): RasaStack processes,
Rasa calling the action servers through HAProxy, HAProxy configured from
deploy/haproxy/haproxy.cfg (tests/support/haproxy.py). Both stacks start once; the first phase
puts only the first Rasa server and the first action server behind HAProxy, the second both.
The load is bench/latency.py's: N conversations at once, each the same scripted messages
through Rasa's REST channel, after one conversation alone to warm up.

CPU per message is the CPU time (user + system) the processes of each kind used during the
load, divided by the messages: Rasa servers, action servers, HAProxy, PostgreSQL (the server
and its backends, when it runs on this machine), Redis. The bare bot's is its Rasa server's.
Then a third Rasa server answers a few conversations under cProfile (bench/profiled_rasa.py,
switched on after the warm-up): the share of a message's time in each stage (NLU and its main
components, the policies, the actions, the tracker store). Profiling slows Python code more
than native code: the shares are a direction, not a measure.
Figures depend on the machine and on what else runs on it: run it on a quiet machine.

Needs PostgreSQL (BENCH_DATABASE_URL, else TEST_DATABASE_URL: a fresh schema, dropped after),
redis-server and Debian's haproxy.

Usage: python bench/scale_out.py [--conversations 20]
"""

import argparse
import asyncio
import os
import pstats
import signal
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import redis
from sqlalchemy import create_engine, text

from bench.latency import (
    RELAIS_SCRIPT,
    WORK,
    ensure_baseline,
    load,
    measure_baseline,
    throwaway_redis,
)
from relais.database import upgrade_to_head
from relais.shared_secrets import fresh_secrets
from tests.support import haproxy
from tests.support.paths import ROOT
from tests.support.postgresql import fresh_postgresql_schema
from tests.support.rasa_stack import RasaStack
from tests.support.servers import (
    PYTHON,
    free_port,
    rasa_server_args,
    resident_memory_mb,
    running,
    write_endpoints,
)

SCALE_WORK = WORK / "scale-out"
GROUPS = ("rasa", "actions", "haproxy", "postgresql", "redis")
PROFILED_CONVERSATIONS = 5


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=20, help="conversations at once")
    args = parser.parse_args()
    database = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if not database or not haproxy.installed():
        print("scale-out: skipped (needs BENCH_DATABASE_URL or TEST_DATABASE_URL, and Debian's haproxy)")
        return
    baseline_model = ensure_baseline()
    relais = measure_relais(database, args.conversations)
    baseline, baseline_rss = measure_baseline(baseline_model, [args.conversations])
    report(relais, baseline[args.conversations], baseline_rss, args.conversations)


def measure_relais(database: str, conversations: int) -> dict:
    """Figures with one, then two Rasa servers behind HAProxy: servers -> figures."""
    SCALE_WORK.mkdir(parents=True, exist_ok=True)
    results: dict = {}
    with throwaway_redis() as redis_url, ExitStack() as cleanup:
        if redis_url is None:
            raise SystemExit("scale-out: redis-server is not installed")
        url = cleanup.enter_context(schema(database))
        upgrade_to_head(url)
        actions_port = free_port()
        secrets = fresh_secrets()
        stacks = [RasaStack(url, SCALE_WORK / f"stack-{n}", secrets=secrets, env={"REDIS_URL": redis_url},
                            action_endpoint_url=f"http://127.0.0.1:{actions_port}") for n in (1, 2)]
        for stack in stacks:  # side by side: each loads the model for a minute or more
            cleanup.callback(stack.__exit__, None, None, None)
            stack.launch()
        for stack in stacks:
            stack.wait_until_up()
        for servers in (1, 2):
            in_use = stacks[:servers]
            with balancer(in_use, actions_port) as (lb_url, lb_pid):
                processes = {"rasa": [s.rasa_pid for s in in_use], "actions": [s.actions_pid for s in in_use],
                             "haproxy": [lb_pid], "postgresql": postgresql_pids(url),
                             "redis": [redis.Redis.from_url(redis_url).info("server")["process_id"]]}
                figures = asyncio.run(load(lb_url, RELAIS_SCRIPT, conversations, f"scale{servers}", processes,
                                           stacks[0].edge_headers))
            figures["rasa_rss_mb"] = resident_memory_mb(stacks[0].rasa_pid)
            figures["actions_rss_mb"] = resident_memory_mb(stacks[0].actions_pid)
            results[servers] = figures
        stacks[1].stop_rasa()  # the profile runs alone beside the first stack's action server
        results["profile"] = profile_rasa(stacks[0], url, redis_url)
    return results


def profile_rasa(stack: RasaStack, url: str, redis_url: str) -> dict[str, float]:
    """A third Rasa server, profiled while it answers a few conversations at once (its action
    server called directly): the seconds spent in each stage of a message (STAGES)."""
    port, out = free_port(), SCALE_WORK / "rasa.prof"
    endpoints = write_endpoints(SCALE_WORK / "endpoints-profiled.yml", stack.action_server_url)
    args = rasa_server_args(ROOT / "models" / "relais.tar.gz", port, endpoints, stack.workdir / "credentials.yml")
    args = [PYTHON, str(ROOT / "bench" / "profiled_rasa.py"), str(out), *args[3:]]  # after "-m module"
    env = {**stack.secrets, "DATABASE_URL": url, "REDIS_URL": redis_url, "PYTHONPATH": str(ROOT)}
    out.unlink(missing_ok=True)
    rasa_url = f"http://127.0.0.1:{port}"
    with running(args, ROOT, f"{rasa_url}/", SCALE_WORK / "rasa-profiled.log", env) as process:
        # Warm first (TensorFlow builds its graphs at the first messages), then profile a load.
        asyncio.run(load(rasa_url, RELAIS_SCRIPT, 1, "unprofiled", {"rasa": [process.pid]}, stack.edge_headers))
        os.kill(process.pid, signal.SIGUSR1)
        asyncio.run(load(rasa_url, RELAIS_SCRIPT, PROFILED_CONVERSATIONS, "profiled", {"rasa": [process.pid]},
                         stack.edge_headers))
        os.kill(process.pid, signal.SIGUSR2)
        wait_for_file(out, process)
    return by_stage(pstats.Stats(str(out)))


def wait_for_file(path: Path, process) -> None:
    """Until the server has written `path` (its signal handler runs between two steps of its
    event loop)."""
    deadline = time.monotonic() + 60
    while not path.exists() or path.stat().st_size == 0:
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the profiled Rasa server wrote no {path.name}")
        time.sleep(0.2)


@contextmanager
def schema(database: str) -> Iterator[str]:
    yield from fresh_postgresql_schema(database)


@contextmanager
def balancer(stacks: list[RasaStack], actions_port: int) -> Iterator[tuple[str, int]]:
    """HAProxy in front of `stacks`, its action frontend on `actions_port` (where every Rasa
    server calls): its Rasa frontend's URL and its pid."""
    binds = {"health": free_port(), "rasa": free_port(), "actions": actions_port}
    config = SCALE_WORK / f"haproxy-{len(stacks)}.cfg"
    config.write_text(haproxy.loopback_config(
        binds,
        {"rasa": [f"127.0.0.1:{s.rasa_port}" for s in stacks],
         "actions": [f"127.0.0.1:{s.actions_port}" for s in stacks]},
        SCALE_WORK / f"haproxy-{len(stacks)}.sock"))
    with running(haproxy.args(config), ROOT, f"http://127.0.0.1:{binds['health']}/healthz",
                 SCALE_WORK / f"haproxy-{len(stacks)}.log") as process:
        yield f"http://127.0.0.1:{binds['rasa']}", process.pid


def postgresql_pids(url: str) -> list[int]:
    """The PostgreSQL server's pid (its backends are its children), when it runs here and we
    may read its data directory; none otherwise (its CPU is then not counted)."""
    engine = create_engine(url, future=True)
    try:
        with engine.connect() as connection:
            directory = connection.execute(text("show data_directory")).scalar_one()
        return [int((Path(directory) / "postmaster.pid").read_text().split()[0])]
    except Exception:  # not a superuser, or another machine's server
        return []
    finally:
        engine.dispose()


# The stages of a message in a Rasa server, by the function that runs each (file, function):
# its time includes what it calls. Indented stages are part of the one above.
STAGES = [
    ("a message, whole (Agent.handle_message)", "rasa/core/agent.py", "handle_message"),
    ("NLU pipeline", "rasa/core/processor.py", "parse_message"),
    ("  DIET classifier", "rasa/nlu/classifiers/diet_classifier.py", "process"),
    ("  crisis guard (Relais)", "rasa_components/crisis_guard.py", "process"),
    ("  spaCy", "rasa/nlu/utils/spacy_utils.py", "process"),
    ("dialogue policies", "rasa/core/processor.py", "predict_next_with_tracker_if_should"),
    ("  RulePolicy", "rasa/core/policies/rule_policy.py", "predict_action_probabilities"),
    ("  MemoizationPolicy", "rasa/core/policies/memoization.py", "predict_action_probabilities"),
    ("  the tracker's states for them", "rasa/core/featurizers/tracker_featurizers.py", "prediction_states"),
    ("actions (calls to the action server)", "rasa/core/processor.py", "_run_action"),
    ("tracker store: read", "rasa/core/tracker_store.py", "retrieve"),
    ("tracker store: write", "rasa_components/stores.py", "save"),
]


def by_stage(stats: pstats.Stats) -> dict[str, float]:
    """Seconds spent in each stage (cumulative time of its function; the largest entry when
    several classes of one file define it, not their sum: they call one another)."""
    seconds = dict.fromkeys((name for name, _file, _function in STAGES), 0.0)
    for (filename, _line, function), (_cc, _nc, _own, cumulative, _callers) in stats.stats.items():
        for name, file, stage_function in STAGES:
            if function == stage_function and filename.endswith(file):
                seconds[name] = max(seconds[name], cumulative)
    return seconds


def report(relais: dict, baseline: dict[str, float], baseline_rss: float, conversations: int) -> None:
    print(f"Relais behind HAProxy (PostgreSQL tracker store, Redis lock store), {conversations} conversations "
          f"at once, {len(RELAIS_SCRIPT)} messages each; baseline: the bare `rasa init` bot, one Rasa server")
    print(f"{'bot':>26} {'p50 ms':>8} {'p95 ms':>8} {'msg/s':>7} {'Rasa CPU ms/msg':>16} {'vs baseline':>12}")
    for servers in (1, 2):
        figures = relais[servers]
        name = f"relais, {servers} Rasa server{'s' if servers > 1 else ''}"
        print(f"{name:>26} {figures['p50_ms']:8.1f} {figures['p95_ms']:8.1f} {figures['msg_per_s']:7.1f} "
              f"{figures['cpu_ms_per_msg']:16.1f} {figures['cpu_ms_per_msg'] / baseline['cpu_ms_per_msg']:11.2f}x")
    print(f"{'baseline':>26} {baseline['p50_ms']:8.1f} {baseline['p95_ms']:8.1f} {baseline['msg_per_s']:7.1f} "
          f"{baseline['cpu_ms_per_msg']:16.1f} {'1.00x':>12}")
    print("Where the CPU goes, ms per message (all processes of each kind):")
    print(f"{'servers':>8} " + " ".join(f"{group:>11}" for group in GROUPS) + f" {'total':>8}")
    for servers in (1, 2):
        figures = relais[servers]
        cells = [figures[f"cpu_ms_per_msg_{group}"] for group in GROUPS]
        print(f"{servers:>8} " + " ".join(f"{cell:11.1f}" for cell in cells) + f" {sum(cells):8.1f}")
    profile: dict[str, float] = relais["profile"]
    whole = profile[STAGES[0][0]]
    print(f"Where a Rasa server's time goes (cProfile of its event loop's thread, {PROFILED_CONVERSATIONS} "
          "conversations at once; share of a message's time, awaits excluded; profiling slows Python code "
          "more than native code, so the shares are a direction):")
    for name, seconds in profile.items():
        print(f"  {name:<44} {100 * seconds / whole:5.1f} %")
    last = relais[2]
    print(f"resident memory: a Rasa server {last['rasa_rss_mb']:.0f} MB, an action server "
          f"{last['actions_rss_mb']:.0f} MB; the bare bot's Rasa server {baseline_rss:.0f} MB")


if __name__ == "__main__":
    main()
