"""A typed message that means a button Relais just offered is read as that button."""

import pytest

from relais.button_choice import last_buttons, meant_button, payload_intent
from tests.support.action_trackers import make_tracker

BUTTONS = [
    {"title": "Un exercice pour souffler", "payload": "/exercice_respiration"},
    {"title": "Faire le point", "payload": "/checkin"},
    {"title": "Parler à une personne", "payload": "/demander_humain"},
]


@pytest.mark.parametrize("text, payload", [
    ("ok pour souffler un peu, j'ai cinq minutes", "/exercice_respiration"),
    ("on peut faire un point rapide ?", "/checkin"),
    # A case for the team is never read from words (« personne ne m'aide » is no request).
    ("personne ne m'aide", None),
    ("bof", None),
])
def test_a_distinctive_word_of_one_button_means_it(text, payload):
    assert meant_button(text, BUTTONS) == payload


def test_a_button_with_entities_is_not_replayed():
    plan = [{"title": "Un plan pour moi", "payload": '/track_economie{"phase": "continu"}'},
            {"title": "En savoir plus", "payload": "/en_savoir_plus"}]
    assert meant_button("vous pouvez me faire un petit plan ?", plan) is None


def test_a_payload_gives_its_intent_and_entities():
    chosen = payload_intent('/track_energie{"phase": "continu"}')
    assert chosen.intent == "track_energie" and chosen.entities == (("phase", "continu"),)
    assert payload_intent("pas un payload") is None


def test_the_buttons_are_those_since_the_previous_message():
    events = [
        {"event": "user", "text": "avant"},
        {"event": "bot", "text": "ancien", "data": {"buttons": [{"title": "Vieux", "payload": "/menu"}]}},
        {"event": "user", "text": "bonjour"},
        {"event": "bot", "text": "choisissez", "data": {"buttons": BUTTONS}},
        {"event": "user", "text": "pour souffler"},
    ]
    assert last_buttons(events) == BUTTONS


def test_the_fallback_replays_the_button_in_place_of_the_failed_reading(dispatcher, domain):
    from actions.fallback import ActionFallback

    events = [{"event": "bot", "text": "choisissez", "data": {"buttons": BUTTONS}},
              {"event": "user", "text": "je veux bien un truc pour souffler"}]
    tracker = make_tracker("nlu_fallback", "je veux bien un truc pour souffler", events=events)
    replayed = ActionFallback().run(dispatcher, tracker, domain)
    # The listen before the replayed message, as Rasa's two-stage fallback puts it back: without
    # it no rule followed and the turn was silent (persona round 109).
    assert [e["event"] for e in replayed] == ["rewind", "action", "user"]
    assert replayed[1]["name"] == "action_listen"
    assert replayed[2]["parse_data"]["intent"]["name"] == "exercice_respiration"
    assert dispatcher.messages == []
