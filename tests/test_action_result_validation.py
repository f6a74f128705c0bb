"""The compiled validator of the action server's answers accepts and rejects what Rasa's does."""

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

import rasa_components  # noqa: F401  (installs the validator)


def test_the_compiled_validator_is_installed():
    assert RemoteAction._validate_action_result.__module__ == "rasa_components.action_result_validation"


def test_a_valid_answer_passes():
    answer = {"events": [{"event": "slot", "name": "track", "value": "energie"}], "responses": [{"response": "utter_menu"}]}
    assert RemoteAction("action_x", None)._validate_action_result(answer)


def test_an_invalid_answer_is_refused_as_rasa_would():
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        RemoteAction("action_x", None)._validate_action_result({"events": "not a list"})
