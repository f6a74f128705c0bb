"""Start and stop Rasa servers on loopback for tests and benchmarks, and read their resident
memory."""

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import yaml

from tests.support.paths import ROOT

RASA = str(ROOT / ".venv" / "bin" / "rasa")
# The Telegram edge runs in its own virtualenv (make install builds it).
EDGE_PYTHON = str(ROOT / ".venv-edge" / "bin" / "python")
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def rasa_server_args(model: Path, port: int, endpoints: Path, credentials: Path) -> list[str]:
    """Relais' Rasa as `make run` starts it: HTTP API on, its token from RASA_AUTH_TOKEN in the
    environment (never on the command line), EDGE_SECRET and ACTION_SERVER_SECRET there too."""
    return [PYTHON, "-m", "rasa_components.rasa_server", "--model", str(model), "-i", "127.0.0.1",
            "-p", str(port), "--endpoints", str(endpoints), "--credentials", str(credentials)]


def action_server_args(port: int) -> list[str]:
    """Relais' action server as `make run` starts it (ACTION_SERVER_SECRET in the environment)."""
    return [PYTHON, "-m", "rasa_components.action_server", "--actions", "actions", "-p", str(port)]


def write_credentials(path: Path, callback_url: str | None = None) -> Path:
    """Relais' credentials.yml, with the callback channel posting to `callback_url` (or without
    the callback channel)."""
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text())
    callback = next(name for name in credentials if name.endswith("CallbackInput"))
    if callback_url:
        credentials[callback] = {**credentials[callback], "url": callback_url}
    else:
        credentials.pop(callback)
    path.write_text(yaml.safe_dump(credentials))
    return path


def write_endpoints(path: Path, action_server_url: str, stores: bool = True) -> Path:
    """Relais' endpoints.yml with another action server URL (and Rasa's in-memory stores if
    `stores` is False): tests and benchmarks run Relais as configured."""
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    endpoints["action_endpoint"]["url"] = f"{action_server_url}/webhook"
    if not stores:
        endpoints.pop("tracker_store", None)
        endpoints.pop("lock_store", None)
    path.write_text(yaml.safe_dump(endpoints))
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen | None = None, timeout: float = 240.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server for {url} exited with {process.returncode}; see its log")
        try:
            if httpx.get(url, timeout=2.0).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up in {timeout:.0f} s")


def resident_memory_mb(pid: int) -> float:
    """VmRSS of a process and its children, in MB."""
    pids = [pid] + _children(pid)
    total_kb = 0
    for one in pids:
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except FileNotFoundError:
            continue
    return total_kb / 1024


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by a process and its children."""
    total = 0.0
    for one in [pid] + _children(pid):
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _children(pid: int) -> list[int]:
    try:
        out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    except FileNotFoundError:
        return []
    kids = [int(x) for x in out.split()]
    return kids + [grand for kid in kids for grand in _children(kid)]


@contextmanager
def running(args: list[str], cwd: Path, health_url: str, log: Path,
            env: dict | None = None) -> Iterator[subprocess.Popen]:
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as out:
        process = subprocess.Popen(
            args, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})}, start_new_session=True,
        )
        try:
            wait_until_up(health_url, process)
            yield process
        finally:
            stop(process)


def stop(process: subprocess.Popen, hard: bool = False) -> None:
    """Stop a server started in its own session, with its children (Sanic's workers): SIGTERM,
    or SIGKILL if `hard`. Each stops at once on SIGTERM (rasa_components/rasa_server.py makes
    Rasa's workers do so even while they start); SIGKILL after 30 s is only for a server that
    hangs."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGKILL if hard else signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
