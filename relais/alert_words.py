"""What a citizen says about territorial alerts (issue #15): subscribing (« je veux recevoir les
alertes », « prévenez-moi s'il y a une coupure »), stopping (« stop alertes »), the answers to
the subscription's questions, and the alert's buttons. Plain data, no Rasa.

The alert's buttons carry `/choisir{"choix": "alerte_aide"}` and `…"alerte_ok"}` (an intent
of the domain with its entity, chosen by Relais, never typed): `button_choice` reads them.
"""

import re
from typing import Any

from relais.directory import extract_postal_code, normalise_departement, postal_code_to_departement
from relais.text import normalise
from relais.yes_no import says_yes

SUBSCRIBE = "subscribe"
STOP = "stop"
STATUS = "status"
QUIET = "quiet"
CURRENT = "current"
NEED_HELP = "alerte_aide"
FINE = "alerte_ok"
PERSON = "alerte_personne"
NOT_NOW = "alerte_pas_maintenant"
BUTTON_CHOICES = (NEED_HELP, FINE, PERSON, NOT_NOW)

# The subscription's steps, kept in the conversation (relais.conversation_contract.ALERT_SLOT).
STEP_PLACE = "code_postal"
STEP_CHECK_ON_ME = "check_on_me"
STEP_CURRENT_PLACE = "ou_alerte"  # « y a-t-il une alerte ? » from someone not subscribed
STEP_OFFER = "offre"  # « … Pour être prévenu·e : recevoir les alertes » was just said

_ALERTS = r"(?:alertes?|alerte territoriale|notifications? d alerte)"
_ABOUT_A_CASE = re.compile(r"\b(suicid\w*|dossier|malentendu|c'etait une erreur|de tout a l'heure|mal compris)\b")
_STOP = re.compile(
    rf"\b(?:stop|arret(?:er|ez|e)?|desactiv\w*|desinscri\w*|plus de|(?:ne )?(?:plus|pas) recevoir"
    rf"|supprim\w*|annul\w*)\b(?:\s+\w+){{0,3}}\s+{_ALERTS}\b"
    rf"|\b{_ALERTS}\s*(?::|,)?\s*(?:stop|non merci|c est fini)\b"
    rf"|\benvoy\w*\s+(?:plus|pas)\b(?:\s+\w+){{0,2}}\s+{_ALERTS}\b"
    rf"|\b(?:veux|veut|souhaite|voudrais)\s+plus\b(?:\s+\w+){{0,3}}\s+{_ALERTS}\b"
    rf"|\bplus (?:recevoir|avoir)\b(?:\s+\w+){{0,2}}\s+{_ALERTS}\b"
)
_SUBSCRIBE = re.compile(
    rf"\b(?:recevoir|inscri\w*|abonn(?:er|ez|e|es)|activ\w*|etre (?:prevenue?|alertee?)|m alerter"
    rf"|me prevenir|prevenez[ -]moi|avertissez[ -]moi)\b(?:\s+\w+){{0,4}}\s+{_ALERTS}\b"
    rf"|\b(?:(?:prevenez|alertez|avertissez)[ -]moi|etre (?:prevenue?|alertee?))\b.{{0,40}}\b(?:coupure|penurie|inondation"
    rf"|crue|canicule|rationnement|alerte|eau|potable|courant|electricite|carburant|essence)"
    rf"|^\s*{_ALERTS}\s*$"
    # « c possible davoir les alertes pr 69003 », « remettez-moi les alertes », « je vx les alertes »
    rf"|\b(?:avoir|davoir|remett\w*|remet|veux|vx|veut|voudrais|voudrai|souhaite)\b"
    rf"(?:\s+(?:moi|me|m|les|des|d|aux|a|bien|encore|quand meme|finalement|recevoir)){{0,3}}\s+{_ALERTS}\b"
    rf"|^\s*{_ALERTS}\s+(?:pour|pr|sur|a|au|du|de)\b"
)
# « Y a-t-il une alerte en ce moment chez moi ? », « toujours une alerte en cours ? »
_CURRENT = re.compile(
    rf"\b(?:y a|il y a|ya|y aurait|il y aurait)\s+(?:t il\s+)?"
    rf"(?:(?:encore|toujours|une|des|d|pas|actuellement|en ce moment|maintenant)\s+){{0,3}}{_ALERTS}\b"
    rf"|\b{_ALERTS}\s+(?:en cours|actuelles?|du moment|aujourd hui|en ce moment)\b"
    rf"|\bquelles?\s+(?:sont\s+les\s+)?{_ALERTS}\b"
)
_STATUS = re.compile(rf"\b(?:suis[ -]je|je suis|est[ -]ce que je suis)\s+(?:(?:toujours|encore|bien|deja)\s+)?"
                     rf"(?:inscrit\w*|abonn\w*)\b.{{0,30}}\b{_ALERTS}\b"
                     rf"|\bje (?:recois|reçois|vais recevoir) (?:toujours|encore|bien) (?:les |vos )?{_ALERTS}\b"
                     rf"|\bmes {_ALERTS}\b")


_NO = re.compile(r"^(?:non|nan|nope|pas (?:la peine|besoin|maintenant)|non merci|surtout pas|"
                 r"ce n est pas la peine|je prefere pas|plutot pas)\b")


def says_no(text: str | None) -> bool:
    return bool(_NO.search(normalise(text or "").strip()))


# A question about other alert systems (« comment recevoir les alertes Ecowatt ? ») is for the
# tracks' answers, not a subscription to Relais' own.
_OTHER_SYSTEMS = re.compile(r"\b(?:comment|alternative|c est quoi|ecowatt|fr ?alert|prefecture|meteo"
                            r"|vigicrues?|banque|application|appli)\b")


# Quiet hours (« pas de messages avant 9 h », « ne m'écrivez pas entre 22 h et 7 h », « heures
# calmes de 23 h à 7 h »): a wish about when Relais writes, with at least one hour.
_QUIET_CONTEXT = re.compile(
    r"\b(?:heures? (?:calmes?|de silence|de calme)|silence|au calme|(?:pas|aucune?|plus) d"
    r"(?:e)? ?(?:messages?|notifs?|notifications?|alertes?|rappels?|sms)"
    r"|ne (?:m |me )?(?:ecri\w*|envoy\w*|derang\w*|reveill\w*|contact\w*)(?: rien)? pas"
    r"|(?:me )?(?:ecri\w*|envoy\w*|contact\w*|derang\w*)\s+(?:pas|plus|jamais)"
    r"|pas (?:me )?(?:deranger|reveiller)"
    r"|(?:pas|plus) recevoir(?:\s+\w+){0,2}\s+(?:alertes?|messages?|notifications?|rappels?))\b")
_HOUR = r"(\d{1,2})\s*(?:h|heures?)(?:\s*\d{2})?\b"
_BETWEEN = re.compile(rf"\b(?:entre|de)\s+{_HOUR}\s+(?:et|a)\s+{_HOUR}")
_BEFORE = re.compile(rf"\bavant\s+{_HOUR}")
_AFTER = re.compile(rf"\bapres\s+{_HOUR}")


def _words(text: str | None) -> str:
    """Normalised, with elisions split (« d'alertes » is « d alertes »)."""
    return normalise(text or "").replace("'", " ")


def quiet_hours_in(text: str | None) -> tuple[int | None, int | None] | None:
    """The quiet hours a message asks for: (from, until), either None when not said (« avant
    9 h » says until 9); None when the message asks for none."""
    words = _words(text)
    if not _QUIET_CONTEXT.search(words):
        return None
    between = _BETWEEN.search(words)
    if between:
        hours: tuple[int | None, int | None] = (int(between.group(1)), int(between.group(2)))
    else:
        after, before = _AFTER.search(words), _BEFORE.search(words)
        hours = (int(after.group(1)) if after else None, int(before.group(1)) if before else None)
    if hours == (None, None) or any(hour is not None and not 0 <= hour <= 24 for hour in hours):
        return None
    return tuple(None if hour is None else hour % 24 for hour in hours)  # type: ignore[return-value]


# « Vous avez oublié l'abonnement aux alertes ? bon effacez tout » (persona round 93: subscribed
# again): erasing is never subscribing.
_ERASE = re.compile(r"\b(?:effac\w*|supprim\w*|oubli\w*|retir\w*)\b")


def read_request(text: str | None) -> str | None:
    """SUBSCRIBE, STOP, STATUS, QUIET, CURRENT, or None when the message is about something else."""
    words = _words(text)
    if not words:
        return None
    if quiet_hours_in(words) is not None:  # « pas d'alertes avant 9 h » is no stop
        return QUIET
    if _ABOUT_A_CASE.search(words):
        # « Annulez l'alerte de tout à l'heure, je ne suis pas suicidaire » is about the case a
        # misunderstanding opened (persona round 98: « vous n'êtes pas inscrit aux alertes »).
        return None
    if _STOP.search(words):
        return STOP
    if _STATUS.search(words):
        return STATUS
    if _CURRENT.search(words) and not _OTHER_SYSTEMS.search(words):
        return CURRENT
    if _SUBSCRIBE.search(words) and not _OTHER_SYSTEMS.search(words) and not _ERASE.search(words):
        return SUBSCRIBE
    return None


# A free answer to the alert that says the citizen is fine (« ça va, j'ai encore un demi
# réservoir », « tout va bien en fait ») — counted as the button « Tout va bien » would be.
_FINE = re.compile(r"\b(?:ca va|tout va bien|tout roule|on gere|je gere|pas de (?:souci|soucis|probleme)"
                   r"|rien de grave|ras|on est bien|je suis bien|nous allons bien|je vais bien"
                   r"|on va bien|tout est ok|c est bon pour nous|on s en sort)\b")
_NOT_FINE = re.compile(r"\b(?:pas|plus|ne|n|besoin|aide|aidez|peur|mal|danger|urgent|urgence|inquiet\w*"
                       r"|angoiss\w*|panique|help|sos|secours|bless\w*|malade)\b")


def says_fine(text: str | None) -> bool:
    """Whether a short free message says all is well (and asks for nothing)."""
    words = _words(text)
    return (bool(words) and len(words.split()) <= 15 and bool(_FINE.search(words))
            and not _NOT_FINE.search(words) and "?" not in (text or ""))


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


_DEPARTEMENT = re.compile(r"\b(?:le|du|dans|en|pour|pr|departement)\s+(?:le\s+)?(\d{2,3}|2a|2b)\b")


def departement_in(text: str | None) -> str | None:
    """The département a message names: by a postal code (« 43100 »), or by its number after
    « le », « dans le », « département » (« y a une alerte dans le 43 ? »)."""
    code = postal_code_in(text)
    if code is not None:
        return postal_code_to_departement(code)
    found = _DEPARTEMENT.search(normalise(text or "").replace("'", " "))
    if found is None:
        return None
    return normalise_departement(found.group(1))


_ACCEPT = re.compile(r"^(?:(?:ok|oui|ouais|d accord|dac|volontiers|bien sur|carrement|allez)\b|je veux bien\b)"
                     r"|\b(?:prevenez[ -]moi|je veux (?:bien )?etre prevenue?|inscri\w+[ -]moi)\b")


def accepts_offer(text: str | None) -> bool:
    """« ok oui je veux bien être prévenue alors »: yes to the offer of alerts."""
    words = _words(text)
    return (says_yes(text or "") or bool(_ACCEPT.search(words))) and not says_no(text)


def answers_step(step: str | None, text: str | None) -> bool:
    """Whether the message answers the subscription's question `step` (a postal code; yes or
    no), rather than being about something else."""
    if step == STEP_PLACE:
        return postal_code_in(text) is not None or says_no(text)
    if step == STEP_CURRENT_PLACE:
        return departement_in(text) is not None
    if step == STEP_OFFER:
        return accepts_offer(text) or says_no(text)
    if step == STEP_CHECK_ON_ME:
        return says_yes(text or "") or says_no(text)
    return False
