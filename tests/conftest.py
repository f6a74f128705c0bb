"""Shared fixtures: the domain, a dispatcher, databases, the trained model (loaded once), a
Rasa stack shared by the session and one for the edge. Helpers that are not fixtures live in
tests/support/.

The edge's tests (tests/edge/) run in the edge's virtualenv, without Rasa: nothing of Rasa is
imported here at module level.
"""

from typing import Any

import pytest

from relais.domain_files import load_domain_dict
from tests.support.paths import MODEL


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    return load_domain_dict()


@pytest.fixture
def dispatcher():
    from rasa_sdk.executor import CollectingDispatcher

    return CollectingDispatcher()


@pytest.fixture(scope="session")
def agent():
    """The trained Relais model (make test trains it first), without an action server."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first.")
    from rasa.core.agent import Agent

    return Agent.load(str(MODEL))


@pytest.fixture
def database(tmp_path, monkeypatch) -> str:
    """A migrated SQLite database that the action server's backend uses for this test."""
    from actions.backend import backend
    from relais.database import upgrade_to_head

    url = f"sqlite:///{tmp_path / 'relais.db'}"
    upgrade_to_head(url)
    monkeypatch.setenv("DATABASE_URL", url)
    backend.cache_clear()
    yield url
    backend.cache_clear()


@pytest.fixture
def database_down(monkeypatch) -> None:
    """The action server's database is unreachable (nothing listens on port 1)."""
    from actions.backend import backend

    monkeypatch.setenv("DATABASE_URL", "postgresql://relais:relais@127.0.0.1:1/relais")
    backend.cache_clear()
    yield
    backend.cache_clear()


@pytest.fixture(scope="module")
def edge_stack(tmp_path_factory):
    """Rasa (trained model, HTTP API with a token) and the action server on an SQLite database,
    with Rasa's callback channel pointing at the Telegram edge's loopback port: one per test
    module (its tests may stop and start Rasa or the action server; another module's cases
    would crowd the coach desk)."""
    from relais.database import upgrade_to_head
    from tests.support.rasa_stack import RasaStack
    from tests.support.servers import free_port

    url = f"sqlite:///{tmp_path_factory.mktemp('edge-db') / 'relais.db'}"
    upgrade_to_head(url)
    bridge_port = free_port()
    callback = f"http://127.0.0.1:{bridge_port}/rasa/callback"
    with RasaStack(url, tmp_path_factory.mktemp("edge-stack"), callback_url=callback) as stack:
        stack.bridge_port = bridge_port
        yield stack


@pytest.fixture(scope="session")
def relais_stack(tmp_path_factory):
    """Rasa (trained model) and the action server on an SQLite database, without the callback
    channel: one for the whole session, started once (half a minute or more on 2 cores), shared
    by the modules that only talk to Rasa's REST channel and read back the rows and tracker of
    their own senders (every test its own sender, so they stay independent): the end-to-end
    tests on SQLite, the requests for a person, the blind crisis conversations. A module that
    stops or restarts Rasa, or counts rows of every sender, starts its own stack."""
    from relais.database import upgrade_to_head
    from tests.support.rasa_stack import RasaStack

    workdir = tmp_path_factory.mktemp("relais-stack")
    url = f"sqlite:///{workdir / 'relais.db'}"
    upgrade_to_head(url)
    with RasaStack(url, workdir / "stack") as stack:
        yield stack


@pytest.fixture(scope="module")
def relais_client(relais_stack):
    """A client of the session's stack (tests/support/blind_conversations.py): says messages,
    reads a sender's tracker and cases. Every test talks as its own sender."""
    from tests.support.blind_conversations import RelaisClient

    client = RelaisClient(relais_stack.rasa_url, relais_stack.auth_token, relais_stack.database_url,
                          relais_stack.edge_headers)
    yield client
    client.close()
