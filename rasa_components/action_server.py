"""Relais' action server: rasa_sdk's own server, on loopback unless ACTIONS_HOST says otherwise,
and refusing (401) every request but `GET /health` without ACTION_SERVER_SECRET.

rasa_sdk 3.6 has no authentication and listens on every interface by default: anyone reaching
its port could run a citizen's export, erasure or a fake crisis case with any sender id. Rasa
sends the secret with every action call (endpoints.yml, `action_endpoint.headers`).

    python -m rasa_components.action_server --actions actions -p 5055

takes rasa_sdk's arguments; it refuses to start without a secret.
"""

import os
import sys
import threading
from typing import Optional

import pluggy
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from relais.settings import load_settings
from relais.shared_secrets import ACTION_SERVER_AUTH_HEADER, bearer, matches
from relais.topics import topic_index

hookimpl = pluggy.HookimplMarker("rasa_sdk")


class SecretRequired:
    """A rasa_sdk plugin: a request middleware in front of every route of the server."""

    def __init__(self, secret: str) -> None:
        self._expected = bearer(secret)

    @hookimpl
    def attach_sanic_app_extensions(self, app: Sanic) -> None:
        app.register_middleware(self.refuse_without_secret, "request")

    async def refuse_without_secret(self, request: Request) -> Optional[HTTPResponse]:
        # The health check stays open: the edge and the scripts wait on it, and it says nothing.
        if request.method == "GET" and request.path == "/health":
            return None
        if not matches(request.headers.get(ACTION_SERVER_AUTH_HEADER), self._expected):
            return response.json({"error": "unauthorized"}, status=401)
        return None


def main() -> None:
    settings = load_settings()
    if not settings.action_server_secret:
        sys.exit("ACTION_SERVER_SECRET is not set: the action server does not start without it "
                 "(`make run` makes one in var/secrets.env).")
    # rasa_sdk reads the address from SANIC_HOST only, and defaults to every interface.
    os.environ["SANIC_HOST"] = settings.actions_host
    from rasa_sdk import __main__ as sdk
    from rasa_sdk.plugin import plugin_manager

    plugin_manager().register(SecretRequired(settings.action_server_secret))
    # The sub-topic model is fitted from the track files in a few seconds: in the background
    # now, rather than in the first citizen's turn.
    threading.Thread(target=topic_index, name="topic-index", daemon=True).start()
    sdk.main()


if __name__ == "__main__":
    main()
