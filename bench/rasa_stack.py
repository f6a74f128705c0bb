"""A Rasa server and an action server on loopback, on a given database, that a test or a
benchmark can stop and start again (to play an outage)."""

import os
import secrets
import signal
import subprocess
from pathlib import Path
from typing import Optional

from bench.servers import RASA, ROOT, free_port, wait_until_up, write_endpoints

MODEL = ROOT / "models" / "relais.tar.gz"


class RasaStack:
    def __init__(self, database_url: str, workdir: Path, callback_url: Optional[str] = None) -> None:
        self.database_url = database_url
        self.workdir = workdir
        self.auth_token = secrets.token_hex(8)
        self.actions_port, self.rasa_port = free_port(), free_port()
        self.rasa_url = f"http://127.0.0.1:{self.rasa_port}"
        self.action_server_url = f"http://127.0.0.1:{self.actions_port}"
        self._callback_url = callback_url
        self._rasa: Optional[subprocess.Popen] = None
        self._actions: Optional[subprocess.Popen] = None
        self._restarts = 0

    def __enter__(self) -> "RasaStack":
        self.workdir.mkdir(parents=True, exist_ok=True)
        self._write_config()
        self.start_actions()
        self.start_rasa()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop_rasa()
        self.stop_actions()

    def start_rasa(self) -> None:
        self._restarts += 1
        args = [RASA, "run", "--model", str(MODEL), "-i", "127.0.0.1", "-p", str(self.rasa_port),
                "--enable-api", "--auth-token", self.auth_token,
                "--endpoints", str(self.workdir / "endpoints.yml"),
                "--credentials", str(self.workdir / "credentials.yml")]
        self._rasa = self._start(args, f"rasa-{self._restarts}.log")
        wait_until_up(f"{self.rasa_url}/", self._rasa)

    def stop_rasa(self, hard: bool = False) -> None:
        self._rasa = _stop(self._rasa, hard)

    def start_actions(self) -> None:
        args = [RASA, "run", "actions", "--actions", "actions", "-p", str(self.actions_port)]
        self._actions = self._start(args, "actions.log")
        wait_until_up(f"{self.action_server_url}/health", self._actions)

    def stop_actions(self) -> None:
        self._actions = _stop(self._actions, hard=False)

    @property
    def rasa_pid(self) -> int:
        return self._rasa.pid

    def _start(self, args, log_name: str) -> subprocess.Popen:
        env = {**os.environ, "DATABASE_URL": self.database_url, "PYTHONPATH": str(ROOT)}
        with open(self.workdir / log_name, "w") as log:
            return subprocess.Popen(args, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env,
                                    start_new_session=True)

    def _write_config(self) -> None:
        write_endpoints(self.workdir / "endpoints.yml", self.action_server_url)
        credentials = "rest:\n"
        if self._callback_url:
            credentials += f'callback:\n  url: "{self._callback_url}"\n'
        (self.workdir / "credentials.yml").write_text(credentials)


def _stop(process: Optional[subprocess.Popen], hard: bool) -> None:
    if process is None or process.poll() is not None:
        return None
    os.killpg(process.pid, signal.SIGKILL if hard else signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    return None
