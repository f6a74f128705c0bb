"""Whether a message asks a safety question that has one answer whatever the conversation:
water reaching the electricity, and whether to call the 15. Plain data, no framework."""

import re

from relais.crisis import DANGER
from relais.crisis_dialogue import practical_asks
from relais.text import normalise

# Water on a light, a socket or the switchboard (« l'eau coule sur le lustre »), or a flood's
# switchboard asked about (relais/crisis_dialogue.py reads the latter).
_WATER_ON_ELECTRICITY = re.compile(
    r"\b(eau|fuite|ca) (\w+ )?(coule|coulent|goutte|gouttent|tombe|tombent|ruisselle|ruissellent|rentre|entre|arrive) "
    r"(\w+ ){0,2}(sur|dans|par|vers) (le |la |les |l' ?|un |une |mon |ma |mes )?"
    r"(lustre|lampe|plafonnier|luminaire|spots?|prises?|tableau|compteur|disjoncteur|douille|ampoule)\b")
_CALL_THE_15 = re.compile(
    r"\b(je dois|dois je|faut il|il faut|est ce que je dois|est ce qu'il faut|je devrais|faut que j'?|je dois pas|faut il que j'?)"
    r" (\w+ ){0,2}appeler (le )?(15|samu|112)\b|\bappeler le (15|samu) (ou pas|\?)|\bj'appelle le (15|samu) (ou pas|\?)")


def asks_about_water_on_electricity(text: str | None) -> bool:
    words = normalise(text or "")
    return bool(_WATER_ON_ELECTRICITY.search(words)) or "flood_power" in practical_asks(text, DANGER)


def asks_whether_to_call_the_15(text: str | None) -> bool:
    return bool(_CALL_THE_15.search(normalise(text or "")))
