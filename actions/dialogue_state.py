"""What the actions read of the dialogue that several of them share: the actions that ran
before the latest message, and the contact instructions the citizen gave."""


from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from relais.contact_wishes import ContactWishes
from relais.conversation_contract import CONTACT_SLOT, CONTACT_WISHES_KEY, CRISIS_SLOT
from relais.crisis_dialogue import (
    ASIDE_KEY,
    CitizenMessage,
    asks_aside,
    closed_after_no,
    declines_with_a_question,
)
from relais.safety import CERTAIN

_NEUTRAL_ACTIONS = {"action_listen", "action_extract_slots", "action_session_start"}


def previous_action(tracker: Tracker, skip: str | None = None) -> str | None:
    """The last action Relais ran before the latest user message; with `skip`, the last one
    before the turns that action answered."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") not in _NEUTRAL_ACTIONS \
                and event.get("name") != skip:
            return event.get("name")
    return None


def wishes_of(tracker: Tracker) -> ContactWishes:
    """The contact instructions the citizen gave in this conversation, for a case opened later."""
    return ContactWishes.from_json((tracker.get_slot(CONTACT_SLOT) or {}).get(CONTACT_WISHES_KEY))


def in_crisis(tracker: Tracker) -> bool:
    """A crisis dialogue is open, or its case is: the team is already told, and a consent
    question or « écrivez mon relais » would be noise beside it (persona round 87)."""
    crisis = tracker.get_slot(CRISIS_SLOT) or {}
    return bool(crisis.get("open") or crisis.get("case"))


def crisis_aside_events(tracker: Tracker) -> list[dict[str, Any]]:
    """A practical question a track answered beside an open crisis dialogue (« je ne suis pas
    en danger, je demande juste pour le poêle ») keeps the dialogue open for the next message:
    « il rentre dans une heure, j'ai peur » is answered in it, not asked about from scratch."""
    crisis = tracker.get_slot(CRISIS_SLOT) or {}
    if not crisis.get("open"):
        return []
    parse = tracker.latest_message or {}
    intent = parse.get("intent") or {}
    message = CitizenMessage(parse.get("text") or "", intent.get("name"))
    confidence = float(intent.get("confidence") or 0.0)
    if declines_with_a_question(crisis, message, confidence):
        # « Non, c'est rien… et pour tailler les framboisiers ? »: the question is answered no.
        return [SlotSet(CRISIS_SLOT, closed_after_no(crisis))]
    aside = crisis.get("tier") == CERTAIN and asks_aside(crisis, message, confidence)
    if bool(crisis.get(ASIDE_KEY)) == aside:
        return []
    return [SlotSet(CRISIS_SLOT, {**crisis, ASIDE_KEY: aside})]


def earlier_texts(tracker: Tracker) -> tuple[str, ...]:
    """The citizen's messages before the latest, the latest last (the action server's view of
    what rasa_components/crisis_policy.earlier_texts reads from Rasa's tracker)."""
    texts = [event.get("text") or "" for event in tracker.events if event.get("event") == "user"]
    return tuple(texts[:-1])
