"""The relais lookup as a citizen reads it: never a placeholder, the real services of their place
while their team's entry is sample data, the team's contact once it is real."""

import copy

import pytest
import yaml

from actions.relais import ActionTrouverRelais, ValidateRelaisForm
from relais.directory import ALL_DEPARTEMENTS, DEFAULT_DIRECTORY_PATH, RelaisDirectory
from relais.geography import departements
from tests.support.action_trackers import make_tracker

PLACEHOLDER_WORDS = ("exemple", "à renseigner", "todo", "xxx")
MAX_SCREEN = 700  # one phone screen


def rendered(domain, message):
    """The text Rasa would send for a message of the action server (first variation)."""
    from rasa.core.nlg.interpolator import interpolate_text

    template = domain["responses"][message["response"]][0]["text"]
    values = {key: value for key, value in message.items() if key not in ("response", "text")}
    return interpolate_text(template, values)


def lookup(dispatcher, domain, postal_code):
    """The form's validation, then the action, as Rasa runs them."""
    slots = ValidateRelaisForm().validate_code_postal(postal_code, dispatcher, make_tracker(), domain)
    assert slots["relais"], postal_code
    events = ActionTrouverRelais().run(dispatcher, make_tracker(slots=slots), domain)
    assert [(event["name"], event["value"]) for event in events] == [("code_postal", None)]
    assert len(dispatcher.messages) == 1
    return dispatcher.messages[0], rendered(domain, dispatcher.messages[0])


@pytest.mark.parametrize("code", ALL_DEPARTEMENTS)
def test_every_departement_gets_real_services_and_no_placeholder(dispatcher, domain, code):
    prefecture = departements()[code]
    message, text = lookup(dispatcher, domain, prefecture.postal_code)
    assert message["response"] == "utter_relais_services_locaux"
    assert not any(word in text.lower() for word in PLACEHOLDER_WORDS), text
    assert "{" not in text and "}" not in text
    for service in ("mairie", "CCAS", "France Services", "https://www.france-services.gouv.fr/",
                    "3939", "Allô Service Public", "préfecture"):
        assert service in text, (code, service)
    assert f"({prefecture.name}), à {prefecture.chef_lieu}" in text
    assert len(text) <= MAX_SCREEN


def test_a_real_entry_shows_its_contact(dispatcher, domain, monkeypatch):
    document = yaml.safe_load(DEFAULT_DIRECTORY_PATH.read_text(encoding="utf-8"))
    bretagne = next(team for team in document["teams"] if team["code"] == "BRE")
    del bretagne["sample"]
    bretagne["contact"] = "02 99 00 00 00 (du lundi au vendredi, 9 h-17 h)"
    monkeypatch.setattr("actions.relais.directory", lambda: RelaisDirectory.from_document(copy.deepcopy(document)))

    message, text = lookup(dispatcher, domain, "35000")
    assert message["response"] == "utter_relais_trouve"
    assert "Relais Bretagne" in text and "02 99 00 00 00 (du lundi au vendredi, 9 h-17 h)" in text
    dispatcher.messages.clear()
    message, text = lookup(dispatcher, domain, "75011")  # Île-de-France: still sample data
    assert message["response"] == "utter_relais_services_locaux" and "Paris" in text


def test_without_a_postal_code_the_services_are_given_without_a_prefecture(dispatcher, domain):
    ActionTrouverRelais().run(dispatcher, make_tracker(slots={"relais": "IDF"}), domain)
    (message,) = dispatcher.messages
    assert message["response"] == "utter_relais_services_locaux_sans_prefecture"
    text = rendered(domain, message)
    assert "3939" in text and "{" not in text and len(text) <= MAX_SCREEN


def test_an_unknown_team_says_nothing(dispatcher, domain):
    events = ActionTrouverRelais().run(dispatcher, make_tracker(slots={"relais": "NOPE"}), domain)
    assert dispatcher.messages == [] and events[0]["name"] == "code_postal"


def test_no_response_of_the_domain_holds_a_placeholder(domain):
    for name, variations in domain["responses"].items():
        for variation in variations:
            assert "à renseigner" not in variation.get("text", ""), name


def test_help_near_me_asked_in_a_heat_wave_names_the_towns_heat_wave_register(dispatcher, domain):
    # Persona round 99: « quelqu'un pourrait passer me voir ? » from a woman of 79 alone at 40 °C.
    from relais.crisis import crisis_content
    slots = ValidateRelaisForm().validate_code_postal("31000", dispatcher, make_tracker(), domain)
    said = [{"event": "user", "text": "il fait 40 degrés dehors et chez moi c'est pareil"}]
    ActionTrouverRelais().run(dispatcher, make_tracker(slots=slots, events=said), domain)
    assert dispatcher.messages[-1]["text"] == crisis_content().text("heat_visits")
    assert "registre canicule" in dispatcher.messages[-1]["text"]
