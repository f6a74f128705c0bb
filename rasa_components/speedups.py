"""Three fixes to Rasa 3.6's hot paths, found by profiling Relais under load (py-spy, 20
conversations). Behaviour is unchanged; only repeated or unused work is left out.

- Every answer of the action server is checked with `jsonschema.validate(result, spec)`, which
  re-validates the schema itself against its meta-schema on each call: a third of the Rasa
  server's time. The validator is now compiled once (same schema, same error).
- Every event read from the tracker store is resolved to its class by walking all subclasses
  of `Event`: a tenth of the server's time. The classes are now looked up in a table built
  once (first match wins, as in Rasa; unknown names go through Rasa's own code).
- Rasa loads spaCy's model without its parser but with its named-entity recogniser, which is
  half of spaCy's time per message. Nothing in Relais reads spaCy's entities (postal codes come
  from a regular expression), so the recogniser is disabled too. Tokens, lemmas and vectors,
  hence every feature the model sees, are unchanged.
"""

from functools import lru_cache
from typing import Any, Dict, Optional, Type

from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

_rasa_resolve_by_type = Event.resolve_by_type
_rasa_load_spacy_model = SpacyNLP.load_model
UNUSED_SPACY_PIPES = ("ner",)


@lru_cache(maxsize=1)
def _validator():
    spec = RemoteAction.action_response_format_spec()
    return validator_for(spec)(spec)


def _validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
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


@lru_cache(maxsize=1)
def _event_classes() -> Dict[str, Type[Event]]:
    table: Dict[str, Type[Event]] = {}
    for cls in all_subclasses(Event):
        table.setdefault(cls.type_name, cls)
    return table


def _resolve_by_type(type_name: str, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    return _event_classes().get(type_name) or _rasa_resolve_by_type(type_name, default)


def _load_spacy_model(spacy_model_name: str) -> SpacyModel:
    model = _rasa_load_spacy_model(spacy_model_name)
    for pipe in UNUSED_SPACY_PIPES:
        if pipe in model.model.pipe_names:
            model.model.disable_pipe(pipe)
    return model


def install() -> None:
    RemoteAction._validate_action_result = _validate_action_result
    Event.resolve_by_type = staticmethod(_resolve_by_type)
    SpacyNLP.load_model = staticmethod(_load_spacy_model)
