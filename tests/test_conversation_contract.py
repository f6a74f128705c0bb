"""The names of relais/conversation_contract.py are those of Rasa's domain (domain/, merged by
relais.domain_files): the consent slot offers exactly the values the contract names, and the
slots, actions and intents it names exist."""

import pytest
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME

from relais import conversation_contract as contract
from relais.domain_files import declared_names


def test_the_consent_slot_offers_exactly_the_contracts_values(domain):
    slot = domain["slots"][contract.CONSENT_SLOT]
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
def test_the_slot_exists_in_the_domain(domain, slot):
    assert slot in domain["slots"]


@pytest.mark.parametrize("action", [contract.ERASE_ACTION, contract.CRISIS_ACTION, contract.CONTACT_ACTION])
def test_the_action_exists_in_the_domain(domain, action):
    assert action in declared_names(domain)["actions"]


def test_the_person_intent_exists_in_the_domain(domain):
    assert contract.PERSON_INTENT in declared_names(domain)["intents"]


def test_the_fallback_intent_is_rasas():
    # Rasa adds it to every domain: domain/ does not list it.
    assert contract.FALLBACK_INTENT == DEFAULT_NLU_FALLBACK_INTENT_NAME

