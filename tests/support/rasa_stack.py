"""A Rasa server and an action server on loopback, on a given database, that a test or a
benchmark can stop and start again (to play an outage)."""

import os
import subprocess
from pathlib import Path

from relais.shared_secrets import (
    ACTION_SERVER_AUTH_HEADER,
    EDGE_SECRET_HEADER,
    bearer,
    fresh_secrets,
)
from tests.support.paths import MODEL, ROOT
from tests.support.servers import (
    action_server_args,
    free_port,
    rasa_server_args,
    stop,
    wait_until_up,
    write_credentials,
    write_endpoints,
)


class RasaStack:
    def __init__(self, database_url: str, workdir: Path, callback_url: str | None = None,
                 secrets: dict[str, str] | None = None, env: dict[str, str] | None = None,
                 action_endpoint_url: str | None = None) -> None:
        """`secrets`: fresh ones unless given; `env`: more environment for both processes;
        `action_endpoint_url`: where Rasa calls the action server, this stack's own unless
        given (a load balancer in front of several action servers)."""
        self.database_url = database_url
        self.workdir = workdir
        # Fresh secrets for each stack, given to its processes through the environment.
        self.secrets = secrets or fresh_secrets()
        self._env = env or {}
        self.auth_token = self.secrets["RASA_AUTH_TOKEN"]
        self.edge_secret = self.secrets["EDGE_SECRET"]
        self.actions_port, self.rasa_port = free_port(), free_port()
        self.rasa_url = f"http://127.0.0.1:{self.rasa_port}"
        self.action_server_url = f"http://127.0.0.1:{self.actions_port}"
        self._action_endpoint_url = action_endpoint_url or self.action_server_url
        self._callback_url = callback_url
        self._rasa: subprocess.Popen | None = None
        self._actions: subprocess.Popen | None = None
        self._restarts = 0

    def __enter__(self) -> "RasaStack":
        self.launch()
        self.wait_until_up()
        return self

    def launch(self) -> None:
        """Start both processes without waiting for them (several stacks start side by side:
        launch each, then wait for each)."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        self._write_config()
        # Both at once: each spends its start importing and loading, mostly on one core, and
        # Rasa needs the action server only at the first message (the database is migrated
        # by the caller beforehand, so neither writes Relais' tables while starting).
        self._launch_actions()
        self._launch_rasa()

    def wait_until_up(self) -> None:
        wait_until_up(f"{self.action_server_url}/health", self._actions)
        wait_until_up(f"{self.rasa_url}/", self._rasa)

    def __exit__(self, *exc_info) -> None:
        self.stop_rasa()
        self.stop_actions()

    def start_rasa(self) -> None:
        self._launch_rasa()
        wait_until_up(f"{self.rasa_url}/", self._rasa)

    def _launch_rasa(self) -> None:
        self._restarts += 1
        args = rasa_server_args(MODEL, self.rasa_port, self.workdir / "endpoints.yml",
                                self.workdir / "credentials.yml")
        self._rasa = self._start(args, f"rasa-{self._restarts}.log")

    def stop_rasa(self, hard: bool = False) -> None:
        self._rasa = _stop(self._rasa, hard)

    def start_actions(self) -> None:
        self._launch_actions()
        wait_until_up(f"{self.action_server_url}/health", self._actions)

    def _launch_actions(self) -> None:
        self._actions = self._start(action_server_args(self.actions_port), "actions.log")

    def stop_actions(self) -> None:
        self._actions = _stop(self._actions, hard=False)

    @property
    def rasa_pid(self) -> int:
        return self._rasa.pid

    @property
    def actions_pid(self) -> int:
        return self._actions.pid

    @property
    def edge_headers(self) -> dict[str, str]:
        """What the edge sends with each message to Rasa's REST channel."""
        return {EDGE_SECRET_HEADER: self.edge_secret}

    @property
    def action_headers(self) -> dict[str, str]:
        """What Rasa sends with each call to the action server."""
        return {ACTION_SERVER_AUTH_HEADER: bearer(self.secrets["ACTION_SERVER_SECRET"])}

    def _start(self, args, log_name: str) -> subprocess.Popen:
        env = {**os.environ, **self.secrets, "DATABASE_URL": self.database_url,
               "PYTHONPATH": str(ROOT), **self._env}
        with open(self.workdir / log_name, "w") as log:
            return subprocess.Popen(args, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env,
                                    start_new_session=True)

    def _write_config(self) -> None:
        write_endpoints(self.workdir / "endpoints.yml", self._action_endpoint_url)
        write_credentials(self.workdir / "credentials.yml", self._callback_url)


def _stop(process: subprocess.Popen | None, hard: bool) -> None:
    if process is not None:
        stop(process, hard)
    return None
