"""Whether a citizen who asks for a person worries about someone's health (« il a les mains
un peu froides, je m'inquiète, je peux parler à quelqu'un ? » about a baby at night).

The relais team answers in hours; a worry about health needs the 15 now. Not a crisis: no
danger is told, so the crisis dialogue does not start; the request for a person gets the
health line beside it (relais/content/crisis.yml, dialogue.health_signs). Free of any framework.
"""

import re

from relais.heat_words import FIRST_SIGNS, speaks_of_heat
from relais.safety import speaks_of_a_person
from relais.text import normalise

_WORRY = re.compile(
    r"\b(je m'inquiete|je suis inquiete?|ca m'inquiete|j'ai peur pour (lui|elle|mon|ma)|"
    r"(a|fait) de la fievre|mains? (un peu |toutes? |tres )?froides?|tout froid|toute froide|gele|gelee|"
    r"respire mal|tousse beaucoup|vomit|ne (mange|boit) plus|tout pale|toute pale|tres pale|tout mou|toute molle)\b")


def worries_about_health(text: str | None) -> bool:
    """A worry about the health of someone named in the message (or the writer's body)."""
    words = normalise(text or "")
    return bool(_WORRY.search(words)) and speaks_of_a_person(text)


# The first signs of heat illness told by the writer in a heatwave (« 36° dans mon studio… j'ai
# la tête qui tourne et un peu mal au crâne, je bois pas beaucoup », persona round 93: firewood,
# then cycling workshops, five turns long). Not a crisis told: what to do now, and when it is
# the 15's. The heat may be in an earlier message (relais/heat_words.py: a temperature alone,
# « 39 et mal à la tête », is a fever's).
_HEAT_SIGNS = re.compile(
    rf"\b({FIRST_SIGNS}|je bois (pas|peu)|bu (pas|peu)|pas assez bu|epuisee?|tres fatiguee?|faiblesse|"
    # « jme sens pas bien, jai vomi 2 fois… un peu dans le coton » (persona round 110: a student
    # alone in a heat wave got « pas bien saisi » and the work questionnaire).
    r"(je me|jme|je m) sens (pas bien|mal|faible|bizarre|confuse?)|(j'ai|jai|j ai) (\w+ )?vomi|je vomis|dans le coton|"
    r"coup de chaleur|insolation)\b")
# The writer's own body too hot (« j'ai super chaud ») is the heat of heat illness.
_HOT_BODY = re.compile(r"\b(j'ai|jai|j ai) (super |tres |trop |tellement |si |vraiment )?chaud\b")


def tells_heat_illness(text: str | None, earlier: tuple[str, ...] = ()) -> bool:
    """Signs of heat illness in the message, with heat in it or in the `earlier` messages."""
    words = normalise(text or "")
    if not _HEAT_SIGNS.search(words):
        return False
    return speaks_of_heat(text) or bool(_HOT_BODY.search(words)) or any(speaks_of_heat(t) for t in earlier)


# Heat illness that is the 15's now: signs that do not pass or worsen, or a frail body (persona
# round 98: a heart patient of 66, alone, dizzy for over an hour, then nauseous, was told
# « appelez le 15 si ça ne passe pas dans l'heure » twice).
_SERIOUS = re.compile(
    r"\b(vomi\w*|envie de vomir|confus\w*|malaise|evanoui\w*|perdu connaissance|peau (brulante|seche)|ne transpire plus|"
    r"plus d'une heure|plus d'1 ?h|depuis (plus d')?(une|1|deux|2|trois|3) ?(heures?|h)\b|ca (ne )?passe (pas|toujours pas)|"
    r"toujours (la tete qui tourne|des vertiges|mal|aussi mal)|de pire en pire|ca empire)\b")
_FRAIL = re.compile(
    r"\b(coeur|cardiaque|tension|diuretiques?|furosemide|lasilix|diabet\w*|insuffisan\w*|enceinte|"
    r"(6[5-9]|[7-9]\d) ans)\b")


# « Ok j'appelle le 15, en attendant je fais quoi ? », « le 15 m'a mise en attente » (persona
# round 110: the right to disconnect from work, after heat illness signs).
_WAITING_FOR_THE_15 = re.compile(
    r"^(?=.*\b(15|samu)\b)(?=.*\b(en attendant|en attente|j'appelle|j'ai appele|je l'appelle|je vais appeler|ca sonne)\b)")


def waits_for_the_15(text: str | None) -> bool:
    """The writer calls, or waits for, the 15."""
    return bool(_WAITING_FOR_THE_15.search(normalise(text or "")))


def heat_illness_is_serious(text: str | None, earlier: tuple[str, ...] = ()) -> bool:
    """Heat illness told with signs that make it the 15's now, or by a frail writer."""
    words = normalise(text or "")
    return bool(_SERIOUS.search(words)) or any(_FRAIL.search(normalise(t)) for t in (text or "", *earlier))


# « Mon médecin est en vacances jusqu'au 20, j'attends ? » (persona round 101: a heart patient in
# a heat wave was sent back to his doctor twice).
_DOCTOR_AWAY = re.compile(
    r"\b(mon|ma|le|la|notre) (medecin|docteur|generaliste|toubib)( traitant)? (est |part |sera )?"
    r"(en vacances|en conge|absente?|pas la|injoignable|parti|partie|ne repond pas|repond pas|ferme)"
    r"|\b(je n'ai|j'ai|jai|j'ai meme) (pas|plus) de (medecin|docteur|generaliste)( traitant)?\b|\b(mon|le) cabinet (medical )?(est )?ferme\b")


def doctor_is_away(text: str | None) -> bool:
    """The citizen says their doctor cannot be reached."""
    return bool(_DOCTOR_AWAY.search(normalise(text or "")))
