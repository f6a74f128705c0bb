"""Whether a message speaks of a heat wave or a heatstroke: one vocabulary for the crisis
dialogue (a heatstroke is cooled hard, a fever gently) and the heat-illness answer.

Not relais.safety's heat words, where a temperature alone (« 39 degrés ») beside confusion is
heat: here it would turn a fever into a heatstroke, so a temperature counts only with a place or
as the weather (« il fait 36 », « 36 degrés dans l'appart », « 36° dans mon studio »)."""

import re

from relais.text import normalise

_HEAT = re.compile(
    r"\b(canicule|coup de chaleur|insolation|hyperthermie|chaleur|il fait (tres |trop |super )?chaud|"
    r"(en plein|au) soleil|etouffe de chaud|on cuit|fournaise|etuve|il fait (3[3-9]|4[0-9])|"
    # « 36° dans mon studio » is « 36 dans mon studio » once normalised.
    r"(3[3-9]|4[0-9]) ?degres (dans|a la maison|chez|dans l'appart\w*|dedans|depuis|dehors|a l'interieur)|"
    r"(3[3-9]|4[0-9]) (dans|a la maison|chez|dans l'appart\w*|dedans|dehors|a l'interieur))\b")


def speaks_of_heat(text: str | None) -> bool:
    """The message speaks of a heat wave or a heatstroke."""
    return bool(_HEAT.search(normalise(text or "")))


# The first signs of heat illness, read by the crisis triage (relais/safety.py: mild signs do not
# make the models' emergency certain) and by the heat-illness answer (relais/health_worry.py),
# each with words of its own around them.
FIRST_SIGNS = (r"mal (a la tete|au crane|de tete)|migraine|tete qui tourne|la tete me tourne|vertiges?|"
               r"envie de vomir|nausee\w*|crampes?")
