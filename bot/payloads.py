"""Which button payloads from Rasa the edge keeps as trusted.

A tapped button's payload reaches Rasa as an intent, skipping NLU (bot/inbound.py): it can erase
a citizen's data (`/oubli`) or give consent. Only Rasa (the REST channel's replies, and the
callback channel behind its secret) gives the edge buttons, and each is checked all the same:
`/<intent>` or `/<intent>{json}` with an intent of domain.yml and only entities declared there.
Anything else is dropped. The edge does not import Rasa: the domain is read with PyYAML, once.
"""

import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from relais.settings import PROJECT_ROOT

logger = logging.getLogger(__name__)

DOMAIN_PATH = PROJECT_ROOT / "domain.yml"
_PAYLOAD = re.compile(r"/(?P<intent>\w+)(?P<entities>\{.*\})?", re.DOTALL)


@dataclass(frozen=True)
class DomainNames:
    intents: frozenset[str]
    entities: frozenset[str]


@lru_cache(maxsize=4)
def domain_names(path: Path = DOMAIN_PATH) -> DomainNames:
    domain = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return DomainNames(frozenset(_names(domain.get("intents"))), frozenset(_names(domain.get("entities"))))


def _names(items: Iterable[Any] | None) -> Iterable[str]:
    # An intent or entity is a name, or a mapping from its name to its options.
    for item in items or []:
        yield item if isinstance(item, str) else next(iter(item))


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
