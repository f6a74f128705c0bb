"""What the actions read of the dialogue that several of them share: the actions that ran
before the latest message, and the contact instructions the citizen gave."""


from rasa_sdk import Tracker

from relais.contact_wishes import ContactWishes
from relais.conversation_contract import CONTACT_SLOT, CONTACT_WISHES_KEY

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
