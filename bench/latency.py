"""Reply latency and throughput through Rasa's REST channel, Relais against a bare `rasa init` bot.

Both bots are measured in the same run, one after the other on the same machine, with the same
load: N concurrent conversations each sending the same scripted messages. Prints p50/p95
latency, messages per second, the ratio to the baseline, and the resident memory of the Rasa
server and of the action server.

Relais runs as configured (SQL tracker store on its own SQLite file under var/bench/, action
server), first as `make run` starts it (one Rasa process), then as in production with two Rasa
processes (SANIC_WORKERS=2) sharing a throwaway Redis on loopback (skipped without
redis-server). `--tracker memory` measures it with Rasa's in-memory tracker store instead, to
show what the database costs (one process only: that store is per process).

Usage: python bench/latency.py [--levels 1,20] [--tracker sql|memory] [--workers 1,2]
"""

import argparse
import asyncio
import shutil
import statistics
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from relais.database import upgrade_to_head
from relais.shared_secrets import EDGE_SECRET_HEADER, fresh_secrets
from tests.support.servers import (
    RASA,
    ROOT,
    action_server_args,
    cpu_seconds,
    free_port,
    rasa_server_args,
    resident_memory_mb,
    running,
    write_endpoints,
)

WORK = ROOT / "var" / "bench"
BASELINE_DIR = WORK / "baseline"
RELAIS_PORT, BASELINE_PORT, ACTIONS_PORT = 5105, 5106, 5155

RELAIS_SCRIPT = [
    "bonjour",
    "j'accepte",
    "je voudrais réduire ma facture de chauffage",
    "je suis locataire",
    "avoir moins froid",
    "pas beaucoup de temps",
    "non merci",
    "on vient de nous couper l'électricité depuis ce matin",
    "je ne vois plus d'issue",
    "non",
    "merci",
    "au revoir",
]
BASELINE_SCRIPT = [
    "hello", "I am sad", "yes", "great", "are you a bot?", "bye",
    "hi", "I am feeling very good", "no", "goodbye", "hey", "perfect",
]


def ensure_baseline() -> Path:
    """The bare `rasa init` bot, created and trained once (kept under var/bench/)."""
    model_dir = BASELINE_DIR / "models"
    if not any(model_dir.glob("*.tar.gz")):
        BASELINE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run([RASA, "init", "--no-prompt", "--init-dir", str(BASELINE_DIR)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return sorted(model_dir.glob("*.tar.gz"))[-1]


async def conversation(client: httpx.AsyncClient, sender: str, script: list[str], latencies: list[float]) -> None:
    for text in script:
        started = time.perf_counter()
        response = await client.post("/webhooks/rest/webhook", json={"sender": sender, "message": text})
        response.raise_for_status()
        latencies.append(time.perf_counter() - started)


async def load(url: str, script: list[str], conversations: int, tag: str, processes: dict[str, list[int]],
               headers: dict[str, str] | None = None) -> dict[str, float]:
    """`conversations` at once through `url`, after one alone to warm up; latency, throughput,
    and the CPU time per message of each group of `processes` (its pids and their children):
    `cpu_ms_per_msg` for the group "rasa", `cpu_ms_per_msg_<group>` for every group."""
    latencies: list[float] = []
    async with httpx.AsyncClient(base_url=url, timeout=120.0, headers=headers) as client:
        await conversation(client, f"warmup-{tag}", script, [])  # first calls build TF graphs
        cpu_before, started = group_cpu(processes), time.perf_counter()
        await asyncio.gather(*(conversation(client, f"{tag}-{i}", script, latencies) for i in range(conversations)))
        elapsed, cpu_after = time.perf_counter() - started, group_cpu(processes)
    latencies.sort()
    figures = {
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
        "msg_per_s": len(latencies) / elapsed,
    }
    for group in processes:
        figures[f"cpu_ms_per_msg_{group}"] = 1000 * (cpu_after[group] - cpu_before[group]) / len(latencies)
    # CPU time of the Rasa server (all its processes) per message: what caps throughput on a
    # machine of two cores.
    figures["cpu_ms_per_msg"] = figures["cpu_ms_per_msg_rasa"]
    return figures


def group_cpu(processes: dict[str, list[int]]) -> dict[str, float]:
    return {group: sum(cpu_seconds(pid) for pid in pids) for group, pids in processes.items()}


def measure(url: str, script: list[str], levels: list[int], tag: str, server_pid: int,
            headers: dict[str, str] | None = None) -> dict[int, dict[str, float]]:
    return {level: asyncio.run(load(url, script, level, f"{tag}-{level}", {"rasa": [server_pid]}, headers))
            for level in levels}


@contextmanager
def throwaway_redis() -> Iterator[str | None]:
    """A Redis server on a free loopback port, without persistence; None without redis-server."""
    if shutil.which("redis-server") is None:
        yield None
        return
    port = free_port()
    process = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).returncode != 0:
            if time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/1"
    finally:
        process.terminate()
        process.wait(timeout=10)


def measure_relais(levels: list[int], tracker: str, workers: int, redis_url: str | None) -> dict[str, object]:
    """Relais' figures with `workers` Rasa processes, on a new SQLite file."""
    logs = WORK / "logs"
    database = WORK / "relais-bench.db"
    database.unlink(missing_ok=True)
    secrets = fresh_secrets()
    env = {**secrets, "DATABASE_URL": f"sqlite:///{database}", "SANIC_WORKERS": str(workers)}
    if workers > 1:
        env["REDIS_URL"] = redis_url
    upgrade_to_head(env["DATABASE_URL"])
    action_args = action_server_args(ACTIONS_PORT)
    with running(action_args, ROOT, f"http://127.0.0.1:{ACTIONS_PORT}/health", logs / "actions.log", env) as actions:
        endpoints = write_endpoints(WORK / "endpoints.yml", f"http://127.0.0.1:{ACTIONS_PORT}", stores=tracker == "sql")
        relais_args = rasa_server_args(ROOT / "models" / "relais.tar.gz", RELAIS_PORT, endpoints,
                                       ROOT / "credentials.yml")
        with running(relais_args, ROOT, f"http://127.0.0.1:{RELAIS_PORT}/", logs / f"relais-{workers}.log", env) as relais:
            figures = measure(f"http://127.0.0.1:{RELAIS_PORT}", RELAIS_SCRIPT, levels, f"relais{workers}",
                              relais.pid, {EDGE_SECRET_HEADER: secrets["EDGE_SECRET"]})
            return {"figures": figures, "rasa_rss": resident_memory_mb(relais.pid),
                    "actions_rss": resident_memory_mb(actions.pid)}


def measure_baseline(model: Path, levels: list[int]) -> tuple[dict[int, dict[str, float]], float]:
    """The bare `rasa init` bot's figures at each level, and its Rasa server's memory (MB)."""
    args = [RASA, "run", "--model", str(model), "-i", "127.0.0.1", "-p", str(BASELINE_PORT),
            "--credentials", str(BASELINE_DIR / "credentials.yml")]
    with running(args, BASELINE_DIR, f"http://127.0.0.1:{BASELINE_PORT}/", WORK / "logs" / "baseline.log") as baseline:
        figures = measure(f"http://127.0.0.1:{BASELINE_PORT}", BASELINE_SCRIPT, levels, "baseline", baseline.pid)
        return figures, resident_memory_mb(baseline.pid)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--levels", default="1,20")
    parser.add_argument("--tracker", choices=("sql", "memory"), default="sql")
    parser.add_argument("--workers", default="1,2", help="Rasa processes for Relais, e.g. 1,2")
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")]
    worker_counts = [1] if args.tracker == "memory" else [int(x) for x in args.workers.split(",")]
    baseline_model = ensure_baseline()

    relais: dict[int, dict[str, object]] = {}
    with throwaway_redis() as redis_url:
        for workers in worker_counts:
            if workers > 1 and redis_url is None:
                print(f"{workers} Rasa processes: skipped (they need Redis, and redis-server is not installed)")
                continue
            relais[workers] = measure_relais(levels, args.tracker, workers, redis_url)

    baseline_figures, baseline_rss = measure_baseline(baseline_model, levels)

    print(f"Relais tracker store: {args.tracker}; baseline: bare `rasa init` bot, one Rasa process (its default)")
    print(f"{'conversations':>13} {'bot':>18} {'p50 ms':>8} {'p95 ms':>8} {'msg/s':>7} {'throughput vs baseline':>24}"
          f" {'Rasa CPU ms/msg':>16}")
    for level in levels:
        b = baseline_figures[level]
        for workers, result in relais.items():
            r = result["figures"][level]
            name = f"relais, {workers} proc."
            print(f"{level:>13} {name:>18} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['msg_per_s']:7.1f} "
                  f"{r['msg_per_s'] / b['msg_per_s']:23.2f}x {r['cpu_ms_per_msg']:16.1f}")
        print(f"{level:>13} {'baseline':>18} {b['p50_ms']:8.1f} {b['p95_ms']:8.1f} {b['msg_per_s']:7.1f} {'1.00x':>24}"
              f" {b['cpu_ms_per_msg']:16.1f}")
    for workers, result in relais.items():
        print(f"resident memory, Relais with {workers} Rasa process(es): Rasa {result['rasa_rss']:.0f} MB, "
              f"action server {result['actions_rss']:.0f} MB")
    print(f"resident memory, baseline Rasa server: {baseline_rss:.0f} MB")


if __name__ == "__main__":
    main()
