"""Relais' fixes to Rasa's hot paths behave as Rasa's own code."""

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered

import rasa_components  # noqa: F401  (installs the fixes)
from rasa_components.speedups import _rasa_resolve_by_type


def test_the_fixes_are_installed():
    assert RemoteAction._validate_action_result.__module__ == "rasa_components.speedups"
    assert Event.resolve_by_type.__module__ == "rasa_components.speedups"


@pytest.mark.parametrize("name", ["user", "action", "slot", "session_started", "bot", "active_loop", "restart"])
def test_event_classes_resolve_as_in_rasa(name):
    assert Event.resolve_by_type(name) is _rasa_resolve_by_type(name)


def test_unknown_event_names_behave_as_in_rasa():
    assert Event.resolve_by_type("topic") is None
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")


def test_events_round_trip():
    events = [UserUttered("bonjour", {"name": "greet"}), ActionExecuted("utter_menu"), SlotSet("track", "energie")]
    assert [Event.from_parameters(event.as_dict()) for event in events] == events


def test_a_valid_answer_passes():
    answer = {"events": [{"event": "slot", "name": "track", "value": "energie"}], "responses": [{"response": "utter_menu"}]}
    assert RemoteAction("action_x", None)._validate_action_result(answer)


def test_an_invalid_answer_is_refused_as_rasa_would():
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        RemoteAction("action_x", None)._validate_action_result({"events": "not a list"})


def test_spacy_runs_without_its_entity_recogniser_and_gives_the_same_tokens():
    import spacy
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    lean = SpacyNLP.load_model("fr_core_news_md").model
    assert "ner" not in lean.pipe_names and "tok2vec" in lean.pipe_names
    full = spacy.load("fr_core_news_md")
    text = "on nous a coupé l'électricité, je mangeais froid depuis trois jours"
    lean_doc, full_doc = lean(text), full(text)
    assert [(t.text, t.lemma_, t.pos_) for t in lean_doc] == [(t.text, t.lemma_, t.pos_) for t in full_doc]
    assert (lean_doc.vector == full_doc.vector).all()
    assert not lean_doc.ents
