"""Safety questions asked outside a crisis, answered whatever track or questionnaire the model
read: « l'eau coule sur le lustre, je coupe le disjoncteur ? », « avec mon cœur, je dois appeler
le 15 ? » (persona round 101: both got « je n'ai pas de réponse sûre » and an energy plan). The
texts are the crisis content's; relais/safety_questions.py reads the words."""

from typing import Any

from relais.crisis import crisis_content
from relais.health_worry import heat_illness_is_serious
from relais.heat_words import speaks_of_heat
from relais.safety_questions import (
    asks_about_a_painkiller_in_pregnancy,
    asks_about_going_back_after_a_flood,
    asks_about_water_on_electricity,
    asks_whether_to_call_the_15,
    cannot_call_by_voice,
    tells_a_child_fever,
    tells_a_medicine_shortage,
    tells_pregnancy_warning_signs,
    tells_sparks,
)
from relais.track_turn import is_typed

# The citizen's latest messages read for the heat or a frail body told before.
EARLIER_MESSAGES = 6


def answer_safety_question(dispatcher, tracker) -> list[dict[str, Any]] | None:
    """The answer to such a question, or None when the latest message asks none."""
    text = tracker.latest_message.get("text") or ""
    if not is_typed(text):
        return None
    content = crisis_content()
    if asks_about_water_on_electricity(text) and not tracker.get_slot("topic"):
        # With advice under way (a flood's), its own line answers (actions/tracks.py).
        # Sparks or smoke: the fire brigade first (review of persona round 101's fixes).
        fire = content.text("sparks") + " " if tells_sparks(text) else ""
        dispatcher.utter_message(text=fire + str(content.dialogue["danger_answers"]["flood_power"]))
        return []
    if asks_about_going_back_after_a_flood(text):
        dispatcher.utter_message(text=content.text("flood_return"))
        return []
    if tells_a_medicine_shortage(text):
        dispatcher.utter_message(text=content.text("medicine_shortage"))
        return []
    if cannot_call_by_voice(text):
        dispatcher.utter_message(text=content.text("emergency_by_text"))
        return []
    # The latest messages, this one last (as before: the heat told now counts too).
    recent = tuple(e.get("text") or "" for e in tracker.events if e.get("event") == "user")[-EARLIER_MESSAGES:]
    earlier = recent[:-1]
    if tells_pregnancy_warning_signs(text, earlier):
        dispatcher.utter_message(text=content.text("pregnancy_warning"))
        return []
    # The child's fever first: « je peux lui donner du doliprane ? » from a pregnant mother is
    # about her son.
    if tells_a_child_fever(text, earlier):
        dispatcher.utter_message(text=content.text("child_fever"))
        return []
    if asks_about_a_painkiller_in_pregnancy(text, earlier):
        dispatcher.utter_message(text=content.text("pregnancy_painkiller"))
        return []
    if asks_whether_to_call_the_15(text, earlier):
        heat = speaks_of_heat(text) or any(speaks_of_heat(t) for t in recent)
        serious = heat and heat_illness_is_serious(text, recent)
        dispatcher.utter_message(text=content.text("heat_illness_now" if serious else "call_the_15"))
        return []
    return None
