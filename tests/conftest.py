"""Shared fixtures: the domain, Rasa SDK trackers, and the trained model (loaded once).

The edge's tests (tests/edge/) run in the edge's virtualenv, without Rasa: nothing of Rasa is
imported here at module level.
"""

import itertools
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from relais.domain_files import load_domain_dict

if TYPE_CHECKING:  # the edge's virtualenv has no Rasa SDK
    from rasa_sdk import Tracker

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "relais.tar.gz"


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    return load_domain_dict()


@pytest.fixture
def dispatcher():
    from rasa_sdk.executor import CollectingDispatcher

    return CollectingDispatcher()


def make_tracker(
    intent: str | None = None,
    text: str = "",
    slots: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
    events: list[dict[str, Any]] | None = None,
    active_loop: str | None = None,
) -> "Tracker":
    """A tracker as the action server receives it, for the latest user message."""
    from rasa_sdk import Tracker

    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0} if intent else {},
        "entities": entities or [],
    }
    return Tracker(
        sender_id="test-citizen",
        slots=slots or {},
        latest_message=latest,
        events=events or [],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


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


# Update ids of the fake Telegram servers: each test has its own server, the database of the
# Rasa stack is shared, and a repeated update id would be a duplicate delivery (answered once).
_update_id_bases = itertools.count(1, 10**5)


def next_update_id_base() -> int:
    return next(_update_id_bases)


@pytest.fixture(scope="module")
def edge_stack(tmp_path_factory):
    """Rasa (trained model, HTTP API with a token) and the action server on an SQLite database,
    with Rasa's callback channel pointing at the Telegram edge's loopback port: one per test
    module (its tests may stop and start Rasa or the action server; another module's cases
    would crowd the coach desk)."""
    from bench.rasa_stack import RasaStack
    from bench.servers import free_port
    from relais.database import upgrade_to_head

    url = f"sqlite:///{tmp_path_factory.mktemp('edge-db') / 'relais.db'}"
    upgrade_to_head(url)
    bridge_port = free_port()
    callback = f"http://127.0.0.1:{bridge_port}/rasa/callback"
    with RasaStack(url, tmp_path_factory.mktemp("edge-stack"), callback_url=callback) as stack:
        stack.bridge_port = bridge_port
        yield stack
