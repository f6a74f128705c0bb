"""Validate the action server's answers with a compiled JSON schema, once.

Rasa 3.6 checks every answer of the action server with `jsonschema.validate(result, spec)`,
which re-validates the schema itself against its meta-schema on every call: a profile of Relais
under load (py-spy, 20 conversations) showed a third of the Rasa server's time spent there. The
check is kept, with the same schema and the same error, but the validator is built once.
"""

from functools import lru_cache
from typing import Any, Dict, Text

from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def _validator():
    spec = RemoteAction.action_response_format_spec()
    return validator_for(spec)(spec)


def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    try:
        _validator().validate(result)
        return True
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            f"from the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error


def install() -> None:
    RemoteAction._validate_action_result = _validate_action_result
