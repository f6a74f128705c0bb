"""The dialogue policy that hears a citizen's contact instructions wherever they are said.

« Ne m'écrivez pas après 19 h », « pas d'appel », « annulez ma demande » are safety
instructions (relais.contact_wishes): this policy predicts `action_consignes_contact` for such
a message in any state — inside a form, after a track's answer, inside the crisis dialogue —
and for the yes or no to the withdrawal question it asked. Then `action_listen`: a form under
way asks its question again in the action's reply, and takes the next message.

Its priority is above the CrisisPolicy's, but it leaves to the crisis dialogue any message the
CrisisGuard triaged as a crisis or a concern, and any message of an open crisis dialogue but a
withdrawal: there, action_crise answers and keeps the instructions itself.
"""

from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_components.crisis_policy import (
    CONTACT_ACTION,
    CRISIS_ACTION,
    awaiting_answer,
    next_crisis_action,
    previous_action,
)
from relais.contact_wishes import ContactWishes, in_contact_context, is_for_contact_turn, read_contact_wishes

CONTACT_SLOT = "contact"
# The CrisisPolicy's is 7, the RulePolicy's 6.
CONTACT_POLICY_PRIORITY = 8


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class ContactPolicy(Policy):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"priority": CONTACT_POLICY_PRIORITY}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 execution_context: ExecutionContext, featurizer: Optional[Any] = None) -> None:
        super().__init__(config, model_storage, resource, execution_context, featurizer)

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain,
              **kwargs: Any) -> Resource:
        # Nothing to learn: the reading is the domain package's.
        return self._resource

    def predict_action_probabilities(self, tracker: DialogueStateTracker, domain: Domain,
                                     rule_only_data: Optional[Dict[Text, Any]] = None,
                                     **kwargs: Any) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        action = next_contact_action(tracker)
        if action is not None:
            probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities)


def next_contact_action(tracker: DialogueStateTracker) -> Optional[str]:
    """`action_consignes_contact` for a message it answers, `action_listen` right after it,
    else None (other policies decide)."""
    if tracker.latest_action_name == CONTACT_ACTION:
        return ACTION_LISTEN_NAME
    if not awaiting_answer(tracker):
        return None
    parse = tracker.latest_message.parse_data if tracker.latest_message else {}
    if (parse.get("crisis") or {}).get("tier") is not None:
        return None
    state = tracker.get_slot(CONTACT_SLOT) or {}
    awaiting_withdrawal = bool(state.get("awaiting_withdrawal")) and \
        previous_action(tracker) == CONTACT_ACTION
    intent = (parse.get("intent") or {}).get("name")
    text = parse.get("text")
    context = in_contact_context(state, tracker.get_slot("escalation"), tracker.get_slot("crisis"))
    given = ContactWishes.from_json(state.get("wishes")).has_instructions
    if not is_for_contact_turn(text, intent, awaiting_withdrawal, context, given):
        return None
    if next_crisis_action(tracker) == CRISIS_ACTION and not awaiting_withdrawal \
            and not read_contact_wishes(text).withdraw:
        # Inside the crisis dialogue, it answers (« il regarde mon téléphone » is a disclosure
        # first) and keeps the instructions itself (actions/crisis.py); a withdrawal is ours.
        return None
    return CONTACT_ACTION
