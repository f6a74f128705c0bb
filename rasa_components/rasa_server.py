"""Relais' Rasa server: `rasa run` with its HTTP API, the token read from the environment.

    python -m rasa_components.rasa_server --model models/relais.tar.gz -i 127.0.0.1 -p 5005 \
        --endpoints endpoints.yml --credentials credentials.yml

takes `rasa run`'s arguments. Rasa reads the API token from its arguments only: passed on a
command line, it would be readable by any local user in `ps` (/proc/<pid>/cmdline). Here it goes
from RASA_AUTH_TOKEN into this process's argument list, which the kernel never sees.
"""

import os
import signal
import sys
from typing import List

from relais.settings import Settings, load_settings


def missing_secrets(settings: Settings) -> List[str]:
    """The secrets Rasa needs: its API token, EDGE_SECRET for its channels
    (rasa_components/channels.py), ACTION_SERVER_SECRET for its action calls (endpoints.yml)."""
    needed = {
        "RASA_AUTH_TOKEN": settings.rasa_auth_token,
        "EDGE_SECRET": settings.edge_secret,
        "ACTION_SERVER_SECRET": settings.action_server_secret,
    }
    return [name for name, value in needed.items() if not value]


def rasa_arguments(arguments: List[str], token: str) -> List[str]:
    """`rasa run` with its HTTP API and token, on loopback unless `-i` says otherwise (like the
    action server; Rasa's own default is every interface)."""
    if not {"-i", "--interface"} & set(arguments):
        arguments = [*arguments, "-i", "127.0.0.1"]
    # `--auth-token=<token>`, one word: a token may start with "-" (token_urlsafe), which
    # argparse would take for an option after a separate `--auth-token`.
    return ["rasa", "run", *arguments, "--enable-api", f"--auth-token={token}"]


def stop_workers_at_once_while_they_start() -> None:
    """With SANIC_WORKERS > 1, Sanic forks its workers after giving the main process a SIGTERM
    handler that forwards the signal to the workers it knows: a worker inherits that handler and
    keeps it until it serves, so a SIGTERM while it loads the model (a minute on a loaded
    machine) is ignored, and the worker then serves on, never stopping. Forked processes of this
    one start with the default instead (SIGTERM ends them at once); Sanic installs its graceful
    stop once the worker serves."""
    os.register_at_fork(after_in_child=_default_sigterm)


def _default_sigterm() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def main() -> None:
    settings = load_settings()
    missing = missing_secrets(settings)
    if missing:
        sys.exit(f"Rasa does not start without {', '.join(missing)} "
                 "(`make run` makes them in var/secrets.env).")
    # Rasa's API takes the token in the query string, and Sanic's access log writes each URL
    # (at LOG_LEVEL_LIBRARIES=INFO or below): no access log.
    os.environ["SANIC_ACCESS_LOG"] = "false"
    sys.argv = rasa_arguments(sys.argv[1:], settings.rasa_auth_token)
    stop_workers_at_once_while_they_start()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
