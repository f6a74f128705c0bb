"""Trackers as the dialogue policies see them (Rasa's own events), for the policy tests."""

from typing import List, Optional

from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker


def user(text: str, intent: str, confidence: float = 0.99, tier: Optional[str] = None,
         kind: Optional[str] = None) -> UserUttered:
    """A user message with its parse, the CrisisGuard's triage included."""
    parse = {"intent": {"name": intent, "confidence": confidence}, "entities": [], "text": text,
             "crisis": {"tier": tier, "kind": kind}}
    return UserUttered(text, parse["intent"], [], parse)


def tracker(events: List) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("policy-test", [ActionExecuted("action_listen")] + events)
