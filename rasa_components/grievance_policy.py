"""The dialogue policy that hears doléances and envies wherever they are said (issue #14).

« Ils ont supprimé le car du mercredi », « mes doléances », « retirez la D-12 », and the answers
to the questions of a doléance being collected: `action_doleance` for such a message in any
state (inside a form, after a track's answer), then `action_listen`. The decision is the domain
package's (relais.grievance_words.is_for_grievance_turn); a message the CrisisGuard triaged as a
crisis or a concern, and any message of an open crisis dialogue, is the crisis dialogue's.
"""

from typing import Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_components.consent_reader import GIVE_INTENT, REFUSE_INTENT
from rasa_components.crisis_policy import awaiting_answer, next_crisis_action, previous_action
from rasa_components.decided_policy import DecidedPolicy
from relais.conversation_contract import (
    CONSENT_SLOT,
    CONSENT_SLOT_UNKNOWN,
    CRISIS_ACTION,
    GRIEVANCE_ACTION,
    GRIEVANCE_RECORDED_KEY,
    GRIEVANCE_SLOT,
    GRIEVANCE_STEP_KEY,
    TRIAGE_KEY,
)
from relais.grievance_words import STEP_WHAT, is_for_grievance_turn

# Below the ContactPolicy (8) and level with the CrisisPolicy (7), which it always leaves the
# crisis turns to; above the RulePolicy (6), so that a doléance is heard inside a form.
GRIEVANCE_POLICY_PRIORITY = 7


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class GrievancePolicy(DecidedPolicy):
    PRIORITY = GRIEVANCE_POLICY_PRIORITY

    def next_action(self, tracker: DialogueStateTracker) -> Optional[str]:
        return next_grievance_action(tracker)


def next_grievance_action(tracker: DialogueStateTracker) -> Optional[str]:
    if tracker.latest_action_name == GRIEVANCE_ACTION:
        return ACTION_LISTEN_NAME
    if not awaiting_answer(tracker):
        return None
    parse = tracker.latest_message.parse_data if tracker.latest_message else {}
    if (parse.get(TRIAGE_KEY) or {}).get("tier") is not None:
        return None
    if next_crisis_action(tracker) == CRISIS_ACTION:
        return None
    state = tracker.get_slot(GRIEVANCE_SLOT) or {}
    step = state.get(GRIEVANCE_STEP_KEY)
    if step in (None, STEP_WHAT) and answers_the_pending_consent(tracker, parse):
        # « J'accepte » after « je voudrais faire une réclamation »: the consent question asked
        # at the start is answered, not the doléance's « que voulez-vous transmettre ? » (persona
        # round 109: « j'accepte » became the doléance's text). Its rules answer, then the
        # doléance's question waits for the next message. Not « gardez-la » to the later
        # question of what may be published (a review).
        return None
    just_asked = previous_action(tracker) == GRIEVANCE_ACTION
    if is_for_grievance_turn(parse.get("text"), step, just_asked, bool(state.get(GRIEVANCE_RECORDED_KEY))):
        return GRIEVANCE_ACTION
    return None


def answers_the_pending_consent(tracker: DialogueStateTracker, parse: dict) -> bool:
    """The message answers the consent question, which is still unanswered."""
    intent = (parse.get("intent") or {}).get("name")
    return intent in (GIVE_INTENT, REFUSE_INTENT) and tracker.get_slot(CONSENT_SLOT) in (None, CONSENT_SLOT_UNKNOWN)
