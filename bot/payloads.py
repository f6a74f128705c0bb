"""Which button payloads from Rasa the edge keeps as trusted.

A tapped button's payload reaches Rasa as an intent, skipping NLU (bot/inbound.py): it can erase
a citizen's data (`/oubli`) or give consent. Only Rasa (the REST channel's replies, and the
callback channel behind its secret) gives the edge buttons, and each is checked all the same:
`/<intent>` or `/<intent>{json}` with an intent of the domain (domain/) and only entities declared
there. Anything else is dropped. The edge does not import Rasa: the domain is read with PyYAML,
merged as Rasa does (relais/domain_files.py), once.
"""

import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from relais.domain_files import DOMAIN_DIR, declared_names, load_domain_dict

logger = logging.getLogger(__name__)

_PAYLOAD = re.compile(r"/(?P<intent>\w+)(?P<entities>\{.*\})?", re.DOTALL)


@dataclass(frozen=True)
class DomainNames:
    intents: frozenset[str]
    entities: frozenset[str]


@lru_cache(maxsize=4)
def domain_names(path: Path = DOMAIN_DIR) -> DomainNames:
    names = declared_names(load_domain_dict(path))
    return DomainNames(frozenset(names.get("intents", [])), frozenset(names.get("entities", [])))


def is_trusted_payload(payload: Any, names: DomainNames | None = None) -> bool:
    names = names or domain_names()
    match = _PAYLOAD.fullmatch(payload) if isinstance(payload, str) else None
    if match is None or match["intent"] not in names.intents:
        return False
    if match["entities"] is None:
        return True
    try:
        entities = json.loads(match["entities"])
    except ValueError:
        return False
    return (isinstance(entities, dict) and set(entities) <= names.entities
            and all(isinstance(value, (str, int, float)) for value in entities.values()))


def trusted_buttons(buttons: Any) -> list[dict[str, Any]]:
    """The buttons whose payload is trusted; the others dropped with a warning (never their
    text: it may come from a forged request, or quote a citizen)."""
    buttons = buttons if isinstance(buttons, list) else []
    kept = [b for b in buttons if isinstance(b, dict) and is_trusted_payload(b.get("payload"))]
    if len(kept) < len(buttons):
        logger.warning("Dropped %d button(s) from Rasa: payload not an intent of the domain",
                       len(buttons) - len(kept))
    return kept
