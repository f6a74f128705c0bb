"""The secrets the local services demand of each other, and how a request shows one.

Every service listens on loopback, but any local process (or, for the action server started by
hand, any host) could otherwise call it: run a citizen's export or erasure, post `/oubli` in
their name, or make the edge store forged buttons. Each caller sends the secret of the service
it calls; the values come from the environment (relais.settings), never from a command line.
"""

import hmac
import secrets

# Rasa -> action server: `Authorization: Bearer <ACTION_SERVER_SECRET>` (endpoints.yml).
ACTION_SERVER_AUTH_HEADER = "Authorization"
# Edge -> Rasa's REST channel, and Rasa's callback channel -> edge: this header with EDGE_SECRET.
EDGE_SECRET_HEADER = "X-Relais-Edge-Secret"

# Environment variable names, as relais.settings reads them.
SECRET_NAMES = ("ACTION_SERVER_SECRET", "EDGE_SECRET", "RASA_AUTH_TOKEN", "PSEUDONYM_SECRET")


def matches(given: str | None, expected: str | None) -> bool:
    """Whether a request's secret is the expected one, in constant time. Never true without an
    expected secret: a service that has none refuses everything rather than nothing."""
    if not expected or given is None:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


def bearer(secret: str) -> str:
    return f"Bearer {secret}"


def fresh_secrets() -> dict[str, str]:
    """A new value for each secret, for a stack started by a test or a benchmark."""
    return {name: secrets.token_urlsafe(32) for name in SECRET_NAMES}
