"""The dialogue policy that gives the crisis dialogue the floor.

A crisis is answered first, from any state: this policy predicts `action_crise` for a message
the CrisisGuard triaged as a crisis or a concern, and for every message of an open crisis
dialogue (the last thing Relais did was the crisis action) unless the citizen confidently moved
on to another topic (relais.crisis_dialogue.takes_message). After `action_crise` it predicts
`action_listen`. Its priority is above the RulePolicy's, so that rules of the ordinary
conversation never interrupt a crisis; forms reject the `crise` intent first (their mappings
exclude it), so an active form does not either.
"""

from typing import Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import (
    ACTION_EXTRACT_SLOTS,
    ACTION_LISTEN_NAME,
    ACTION_SESSION_START_NAME,
)
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_components.decided_policy import DecidedPolicy
from relais.conversation_contract import CONTACT_ACTION, CRISIS_ACTION, CRISIS_SLOT, TRIAGE_KEY
from relais.crisis_dialogue import CitizenMessage, continues_dialogue, takes_message
from relais.safety import Triage, carbon_monoxide_in_context

# RulePolicy's priority is 6.
CRISIS_POLICY_PRIORITY = 7
# Actions Rasa runs around every message, which say nothing about the dialogue.
_NEUTRAL_ACTIONS = frozenset({ACTION_LISTEN_NAME, ACTION_EXTRACT_SLOTS, ACTION_SESSION_START_NAME})


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class CrisisPolicy(DecidedPolicy):
    PRIORITY = CRISIS_POLICY_PRIORITY

    def next_action(self, tracker: DialogueStateTracker) -> Optional[str]:
        return next_crisis_action(tracker)


def next_crisis_action(tracker: DialogueStateTracker) -> Optional[str]:
    """`action_crise` when the latest message is for the crisis dialogue and not yet answered,
    `action_listen` right after it, else None (other policies decide)."""
    latest_action = tracker.latest_action_name
    if latest_action == CRISIS_ACTION:
        return ACTION_LISTEN_NAME
    if not awaiting_answer(tracker):
        return None
    parse = tracker.latest_message.parse_data if tracker.latest_message else {}
    crisis = parse.get(TRIAGE_KEY) or {}
    intent = parse.get("intent") or {}
    message = CitizenMessage(
        text=parse.get("text") or "",
        intent=intent.get("name"),
        triage=Triage(crisis.get("tier"), crisis.get("kind")),
    )
    state = tracker.get_slot(CRISIS_SLOT)
    confidence = float(intent.get("confidence") or 0.0)
    # The contact instructions' action (rasa_components/contact_policy.py) may answer a message
    # in the middle of the crisis dialogue: the dialogue goes on after it, as if it had not run.
    if takes_message(state, message, confidence, in_crisis_dialogue(tracker, state)):
        return CRISIS_ACTION
    if message.text and not message.text.startswith("/") and not (state or {}).get("open") \
            and not (state or {}).get("carbon_monoxide") \
            and carbon_monoxide_in_context(message.text, earlier_texts(tracker)):
        # Signs of poisoning after a fire indoors told before (relais/safety.py); not inside
        # another kind's dialogue (head blows read as poisoning), nor after the carbon monoxide
        # emergency was answered once (review).
        return CRISIS_ACTION
    return None


def earlier_texts(tracker: DialogueStateTracker) -> tuple[str, ...]:
    """The citizen's messages before the latest, the latest last."""
    texts = [event.text or "" for event in tracker.events if isinstance(event, UserUttered)]
    return tuple(texts[:-1])


def in_crisis_dialogue(tracker: DialogueStateTracker, state: Optional[dict]) -> bool:
    """The crisis dialogue answered the message before, or a track answered a practical aside
    beside it (relais.crisis_dialogue.asks_aside)."""
    return continues_dialogue(previous_action(tracker, skip=CONTACT_ACTION), state)


def awaiting_answer(tracker: DialogueStateTracker) -> bool:
    """True when the latest user message has not been answered by any action yet."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return True
        if isinstance(event, ActionExecuted) and event.action_name not in _NEUTRAL_ACTIONS:
            return False
    return False


def previous_action(tracker: DialogueStateTracker, skip: Optional[str] = None) -> Optional[str]:
    """The last action Relais ran before the latest user message; with `skip`, the last one
    before the turns that action answered."""
    seen_user = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            seen_user = True
        elif seen_user and isinstance(event, ActionExecuted) and event.action_name not in _NEUTRAL_ACTIONS \
                and event.action_name != skip:
            return event.action_name
    return None
