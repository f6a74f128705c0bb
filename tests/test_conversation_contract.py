"""The names of relais/conversation_contract.py are those of Rasa's domain: the consent slot
offers exactly the values the contract names, and the slots, actions and intents it names exist."""

from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME

from relais import conversation_contract as contract

ROOT = Path(__file__).resolve().parent.parent


def domain_parts() -> list[dict[str, Any]]:
    """domain.yml, and the files of a domain/ directory: Rasa merges whichever exist."""
    paths = [ROOT / "domain.yml"] if (ROOT / "domain.yml").is_file() else []
    paths += sorted((ROOT / "domain").rglob("*.yml")) if (ROOT / "domain").is_dir() else []
    assert paths, "no domain.yml nor domain/ directory"
    return [yaml.safe_load(path.read_text(encoding="utf-8")) or {} for path in paths]


def names(key: str) -> set[str]:
    # An item of a list is a name, or a mapping from its name to its options.
    found = set()
    for part in domain_parts():
        for item in part.get(key) or []:
            found |= set(item) if isinstance(item, dict) else {item}
    return found


def slots() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for part in domain_parts():
        found.update(part.get("slots") or {})
    return found


def test_the_consent_slot_offers_exactly_the_contracts_values():
    slot = slots()[contract.CONSENT_SLOT]
    assert slot["type"] == "categorical"
    assert slot["values"] == list(contract.CONSENT_SLOT_VALUES)
    assert slot["initial_value"] == contract.CONSENT_SLOT_UNKNOWN


def test_the_names_kept_in_stored_conversations_do_not_change():
    # Rasa's events (slots set) and the edge's inbox (a message's metadata) hold them: another
    # value would need a migration of the stored conversations.
    assert (contract.CONSENT_SLOT, contract.CONSENT_SLOT_GIVEN, contract.CONSENT_SLOT_REFUSED) \
        == ("consentement", "donne", "refuse")
    assert contract.FIRST_REPLY_SENT == "crisis_first_reply"


def test_the_slot_values_are_not_the_stored_consent_statuses():
    from relais.models import CONSENT_STATUSES

    assert not set(contract.CONSENT_SLOT_VALUES) & set(CONSENT_STATUSES)


@pytest.mark.parametrize("slot", [contract.CONSENT_SLOT, contract.CRISIS_SLOT, contract.CONTACT_SLOT,
                                  contract.ESCALATION_SLOT])
def test_the_slot_exists_in_the_domain(slot):
    assert slot in slots()


@pytest.mark.parametrize("action", [contract.ERASE_ACTION, contract.CRISIS_ACTION, contract.CONTACT_ACTION])
def test_the_action_exists_in_the_domain(action):
    assert action in names("actions")


def test_the_person_intent_exists_in_the_domain():
    assert contract.PERSON_INTENT in names("intents")


def test_the_fallback_intent_is_rasas():
    # Rasa adds it to every domain: it is not listed in domain.yml.
    assert contract.FALLBACK_INTENT == DEFAULT_NLU_FALLBACK_INTENT_NAME

