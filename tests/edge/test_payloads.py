"""Which button payloads from Rasa the edge keeps (bot/payloads.py): intents and entities of the
domain only."""

import logging

import pytest

from bot.conversation import replies_from_rasa
from bot.payloads import domain_names, is_trusted_payload


def rendered(payload: str) -> str:
    # The domain doubles the braces of a payload with entities; Rasa sends them single.
    return payload.replace("{{", "{").replace("}}", "}")


def test_every_button_of_the_domain_is_trusted(domain):
    payloads = [rendered(button["payload"]) for variants in domain["responses"].values()
                for variant in variants for button in variant.get("buttons") or []]
    assert payloads
    assert [p for p in payloads if not is_trusted_payload(p)] == []


def test_the_domain_is_read_once():
    assert domain_names() is domain_names()
    assert {"affirm", "consentir"} <= domain_names().intents
    assert "choix" in domain_names().entities


@pytest.mark.parametrize("payload", [
    "/pirate",  # not an intent of the domain
    '/affirm{"consentement":"donne"}',  # a slot, not an entity
    '/choisir{"choix":{"nested":1}}',
    '/choisir{"choix":"4"',  # not JSON
    '/choisir["choix"]',
    "bonjour",
    "/affirm ",
    "/affirm\n/oubli",
    "",
    None,
    42,
])
def test_other_payloads_are_not(payload):
    assert not is_trusted_payload(payload)


def test_a_reply_keeps_trusted_buttons_and_warns_without_the_text(caplog):
    caplog.set_level(logging.WARNING)
    replies = replies_from_rasa([{"text": "Choisissez", "buttons": [
        {"title": "Oui", "payload": "/affirm"},
        {"title": "Piège secret", "payload": "/pirate"},
        {"title": "Deux", "payload": '/choisir{"choix":"2"}'},
    ]}, {"text": "Rien", "buttons": "not a list"}])
    assert [b.payload for b in replies[0].buttons] == ["/affirm", '/choisir{"choix":"2"}']
    assert replies[1].buttons == ()
    assert "Dropped 1 button" in caplog.text
    assert "Piège" not in caplog.text and "pirate" not in caplog.text
