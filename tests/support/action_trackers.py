"""Trackers as the action server receives them (Rasa SDK), for the tests of the actions."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the edge's virtualenv has no Rasa SDK
    from rasa_sdk import Tracker


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
