"""Shared fixtures: the domain, Rasa SDK trackers, and the trained model (loaded once)."""

from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "relais.tar.gz"


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def make_tracker(
    intent: Optional[str] = None,
    text: str = "",
    slots: Optional[Dict[str, Any]] = None,
    entities: Optional[List[Dict[str, Any]]] = None,
    events: Optional[List[Dict[str, Any]]] = None,
    active_loop: Optional[str] = None,
) -> Tracker:
    """A tracker as the action server receives it, for the latest user message."""
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
