"""« J'ai la tête qui tourne et mal au crâne, je bois pas beaucoup » in a heatwave: what to do
now and when to call the 15, whatever track or questionnaire is under way (relais/health_worry.py
reads it; the text is the crisis content's)."""

from typing import Any

from relais.crisis import crisis_content
from relais.health_worry import (
    doctor_is_away,
    heat_illness_is_serious,
    tells_heat_illness,
    waits_for_the_15,
)
from relais.heat_words import speaks_of_heat
from relais.safety import asks_about_a_treatment
from relais.track_turn import is_typed

# The citizen's latest messages read for the heat (« 36° dans mon studio » said two turns before;
# persona round 110: the heat wave said nine messages before the vomiting).
EARLIER_MESSAGES = 10


def answer_heat_illness(dispatcher, tracker) -> list[dict[str, Any]] | None:
    """The heat illness answer; None when the latest message tells no such signs."""
    text = tracker.latest_message.get("text") or ""
    if not is_typed(text):
        return None
    earlier = tuple(e.get("text") or "" for e in tracker.events if e.get("event") == "user")[-EARLIER_MESSAGES:]
    keys = []
    if tells_heat_illness(text, earlier):
        keys.append("heat_illness_now" if heat_illness_is_serious(text, earlier) else "heat_illness")
    elif waits_for_the_15(text) and any(tells_heat_illness(t, earlier) for t in earlier[:-1]):
        # Calling the 15 after signs told before: what to do while waiting.
        keys.append("heat_illness_now")
    if asks_about_a_treatment(text) and (speaks_of_heat(text) or any(speaks_of_heat(t) for t in earlier)):
        # « Mes cachets pour le cœur, le furosémide, je continue avec la chaleur ? » (persona
        # round 98: never answered), also beside the signs (round 99: « l'amlodipine et le
        # diurétique, je les prends ce soir ? j'ai la tête qui tourne »).
        keys.append("heat_medicine")
    if doctor_is_away(text) and (keys or speaks_of_heat(text) or any(speaks_of_heat(t) for t in earlier)):
        keys.append("doctor_away")
    for key in keys:
        dispatcher.utter_message(text=crisis_content().text(key))
    return [] if keys else None
