"""A typed message that means one of the buttons Relais just offered (relais/button_choice.py),
replayed as that button: the NLU's failed reading is reverted and the button's intent stands in
its place, so the same rules and actions answer as for a tap (Rasa's two-stage fallback does
the same with UserUtteranceReverted and a new UserUttered)."""

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecuted, UserUtteranceReverted, UserUttered

from relais.button_choice import last_buttons, meant_button, payload_intent

ACTION_LISTEN = "action_listen"


def replay_meant_button(tracker: Tracker) -> list[dict[str, Any]] | None:
    """Events that replay the button the typed message means, or None."""
    payload = meant_button(tracker.latest_message.get("text") or "", last_buttons(tracker.events))
    chosen = payload_intent(payload) if payload else None
    if chosen is None:
        return None
    intent = {"name": chosen.intent, "confidence": 1.0}
    parse_data = {
        "text": payload,
        "intent": intent,
        "intent_ranking": [intent],
        "entities": [{"entity": name, "value": value} for name, value in chosen.entities],
    }
    # The listen Rasa's rewind removes with the message is put back before the button's message,
    # as Rasa's own two-stage fallback does: without it no rule follows the replayed intent, and
    # the turn stayed silent (persona round 109: « je voudrais faire un budget pour les courses »
    # under the menu, replayed as « Budget », got no answer).
    return [UserUtteranceReverted(), ActionExecuted(ACTION_LISTEN),
            UserUttered(text=payload, parse_data=parse_data, input_channel=tracker.get_latest_input_channel())]
