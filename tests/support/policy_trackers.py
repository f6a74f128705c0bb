"""Trackers as the dialogue policies see them (Rasa's own events), for the policy tests."""


from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from relais.conversation_contract import TRIAGE_KEY


def user(text: str, intent: str, confidence: float = 0.99, tier: str | None = None,
         kind: str | None = None) -> UserUttered:
    """A user message with its parse, the CrisisGuard's triage included."""
    parse = {"intent": {"name": intent, "confidence": confidence}, "entities": [], "text": text,
             TRIAGE_KEY: {"tier": tier, "kind": kind}}
    return UserUttered(text, parse["intent"], [], parse)


def tracker(events: list) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("policy-test", [ActionExecuted("action_listen")] + events)
