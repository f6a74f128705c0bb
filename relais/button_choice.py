"""Which button a typed message means, when the NLU could not place it.

Relais asks with buttons (« Un exercice pour souffler », « Faire le point », « Parler à une
personne »); people type their own words instead (« je veux bien un truc pour souffler »). A
message that names a distinctive word of exactly one button's title means that button. Read
only after the NLU failed: a second chance, never a guess over a sure reading.
"""

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from relais.conversation_contract import PERSON_INTENT
from relais.text import normalise

# Words that say nothing of a choice (« un », « pour », « plus »…).
_STOP_WORDS = frozenset(
    "a au aux avec ce ces c'est d' de des du en et j'ai je la le les l' leur ma mes mon ne on ou "
    "par pas plus pour qu' que qui sa se ses son sur ta tes ton un une vos votre vous y oui non "
    "faire voir parler autre autres moi merci bien tres".split())
_MIN_WORD = 4
_PAYLOAD = re.compile(r"^/(?P<intent>[a-z_]+)(?P<entities>\{.*\})?$")
# Never read from words: a case for the team, consent and erasure are asked explicitly.
_EXPLICIT_ONLY = frozenset({PERSON_INTENT, "consentir", "refuser_consentement", "retirer_consentement",
                            "oubli", "oubli_confirme", "mes_donnees", "affirm", "deny"})


@dataclass(frozen=True)
class ButtonIntent:
    intent: str
    entities: tuple[tuple[str, str], ...] = ()


def _content_words(text: str) -> set[str]:
    return {w for w in normalise(text).split() if len(w) >= _MIN_WORD and w not in _STOP_WORDS}


def meant_button(text: str, buttons: Sequence[dict[str, str]]) -> str | None:
    """The payload of the one button whose distinctive words the message uses, else None."""
    words = _content_words(text or "")
    titles = [(button.get("payload") or "", _content_words(button.get("title") or "")) for button in buttons]
    matched = []
    for index, (payload, title_words) in enumerate(titles):
        others = set().union(*(w for j, (_, w) in enumerate(titles) if j != index)) if len(titles) > 1 else set()
        if words & (title_words - others):
            matched.append(payload)
    if len(matched) != 1:
        return None
    chosen = payload_intent(matched[0])
    # A payload with entities (« /track_economie{"phase": "continu"} ») is not replayed: the
    # entities would reach no slot without Rasa's slot extraction, and the turn stayed silent.
    if chosen is None or chosen.intent in _EXPLICIT_ONLY or chosen.entities:
        return None
    return matched[0]


def payload_intent(payload: str) -> ButtonIntent | None:
    """« /track_energie{"phase": "continu"} » as an intent and its entities."""
    found = _PAYLOAD.match(payload or "")
    if not found:
        return None
    raw = found.group("entities")
    try:
        entities = json.loads(raw) if raw else {}
    except ValueError:
        return None
    return ButtonIntent(found.group("intent"), tuple((str(k), str(v)) for k, v in entities.items()))


def last_buttons(events: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The buttons of Relais' messages since the citizen's previous message."""
    buttons: list[dict[str, str]] = []
    users = 0
    for event in reversed(events):
        if event.get("event") == "user":
            users += 1
            if users > 1:
                break
        elif event.get("event") == "bot" and users == 1:
            buttons = list((event.get("data") or {}).get("buttons") or []) + buttons
    return buttons
