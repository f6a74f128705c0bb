"""What a citizen says about territorial alerts (issue #15): subscribing (« je veux recevoir les
alertes », « prévenez-moi s'il y a une coupure »), stopping (« stop alertes »), the answers to
the subscription's questions, and the alert's buttons. Plain data, no Rasa.

The alert's buttons carry `/choisir{"choix": "alerte_aide"}` and `…"alerte_ok"}` (an intent
of the domain with its entity, chosen by Relais, never typed): `button_choice` reads them.
"""

import re
from typing import Any

from relais.directory import extract_postal_code
from relais.text import normalise
from relais.yes_no import says_yes

SUBSCRIBE = "subscribe"
STOP = "stop"
STATUS = "status"
NEED_HELP = "alerte_aide"
FINE = "alerte_ok"
PERSON = "alerte_personne"
NOT_NOW = "alerte_pas_maintenant"
BUTTON_CHOICES = (NEED_HELP, FINE, PERSON, NOT_NOW)

# The subscription's steps, kept in the conversation (relais.conversation_contract.ALERT_SLOT).
STEP_PLACE = "code_postal"
STEP_CHECK_ON_ME = "check_on_me"

_ALERTS = r"(?:alertes?|alerte territoriale|notifications? d alerte)"
_STOP = re.compile(
    rf"\b(?:stop|arret(?:er|ez|e)?|desactiv\w*|desinscri\w*|plus de|ne (?:plus|pas) recevoir"
    rf"|supprim\w*|annul\w*)\b(?:\s+\w+){{0,3}}\s+{_ALERTS}\b"
    rf"|\b{_ALERTS}\s*(?::|,)?\s*(?:stop|non merci|c est fini)\b"
    rf"|\b(?:veux|veut|souhaite|voudrais)\s+plus\b(?:\s+\w+){{0,3}}\s+{_ALERTS}\b"
    rf"|\bplus (?:recevoir|avoir)\b(?:\s+\w+){{0,2}}\s+{_ALERTS}\b"
)
_SUBSCRIBE = re.compile(
    rf"\b(?:recevoir|inscri\w*|abonn\w*|activ\w*|etre (?:prevenue?|alertee?)|m alerter"
    rf"|me prevenir|prevenez[ -]moi|avertissez[ -]moi)\b(?:\s+\w+){{0,4}}\s+{_ALERTS}\b"
    rf"|\b(?:prevenez|alertez|avertissez)[ -]moi\b.{{0,40}}\b(?:coupure|penurie|inondation"
    rf"|crue|canicule|rationnement|alerte)"
    rf"|^\s*{_ALERTS}\s*$"
)
_STATUS = re.compile(rf"\b(?:suis[ -]je|je suis|est[ -]ce que je suis)\s+inscrit\w*\b.{{0,20}}\b{_ALERTS}\b"
                     rf"|\bmes {_ALERTS}\b")


_NO = re.compile(r"^(?:non|nan|nope|pas (?:la peine|besoin|maintenant)|non merci|surtout pas|"
                 r"ce n est pas la peine|je prefere pas|plutot pas)\b")


def says_no(text: str | None) -> bool:
    return bool(_NO.search(normalise(text or "").strip()))


# A question about other alert systems (« comment recevoir les alertes Ecowatt ? ») is for the
# tracks' answers, not a subscription to Relais' own.
_OTHER_SYSTEMS = re.compile(r"\b(?:comment|alternative|c est quoi|ecowatt|fr ?alert|prefecture|meteo"
                            r"|vigicrues?|banque|application|appli)\b")


def read_request(text: str | None) -> str | None:
    """SUBSCRIBE, STOP, STATUS, or None when the message is about something else."""
    words = normalise(text or "")
    if not words:
        return None
    if _STOP.search(words):
        return STOP
    if _STATUS.search(words):
        return STATUS
    if _SUBSCRIBE.search(words) and not _OTHER_SYSTEMS.search(words):
        return SUBSCRIBE
    return None


def payload(choice: str) -> str:
    """The payload of the alert button `choice` (BUTTON_CHOICES)."""
    return f'/choisir{{"choix": "{choice}"}}'


def button_choice(intent: str | None, entities: list[dict[str, Any]] | None) -> str | None:
    """The alert button tapped, if the message is one."""
    if intent != "choisir":
        return None
    for entity in entities or ():
        if entity.get("entity") == "choix" and entity.get("value") in BUTTON_CHOICES:
            return str(entity["value"])
    return None


def postal_code_in(text: str | None) -> str | None:
    code, _reason = extract_postal_code(text)
    return code


def answers_step(step: str | None, text: str | None) -> bool:
    """Whether the message answers the subscription's question `step` (a postal code; yes or
    no), rather than being about something else."""
    if step == STEP_PLACE:
        return postal_code_in(text) is not None or says_no(text)
    if step == STEP_CHECK_ON_ME:
        return says_yes(text or "") or says_no(text)
    return False
