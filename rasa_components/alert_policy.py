"""The dialogue policy that hears what citizens say about what Relais sends first (issue #15).

The alert's buttons (« j'ai besoin d'aide », « tout va bien »), « je veux recevoir les
alertes », « stop alertes », the answers to the subscription's questions, and the check-ins'
plan (« pause rappels », « un point chaque lundi à 18 h »): `action_alertes`
in any state (inside a form, after a track's answer), then `action_listen`. The decision is the
domain package's (relais.alert_words); a message the CrisisGuard triaged as a crisis or a
concern, and any message of an open crisis dialogue, is the crisis dialogue's.
"""

from typing import Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_components.crisis_policy import awaiting_answer, next_crisis_action, previous_action
from rasa_components.decided_policy import DecidedPolicy
from relais.alert_dialogue import STEP_KEY
from relais.alert_words import answers_step, button_choice, read_request
from relais.checkins import read_request as read_checkin_request
from relais.conversation_contract import ALERT_ACTION, ALERT_SLOT, CRISIS_ACTION, TRIAGE_KEY

# Level with the GrievancePolicy and the CrisisPolicy (7), whose turns it leaves alone; above
# the RulePolicy (6), so that a button or a subscription is heard inside a form.
ALERT_POLICY_PRIORITY = 7


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class AlertPolicy(DecidedPolicy):
    PRIORITY = ALERT_POLICY_PRIORITY

    def next_action(self, tracker: DialogueStateTracker) -> Optional[str]:
        return next_alert_action(tracker)


def next_alert_action(tracker: DialogueStateTracker) -> Optional[str]:
    if tracker.latest_action_name == ALERT_ACTION:
        return ACTION_LISTEN_NAME
    if not awaiting_answer(tracker):
        return None
    parse = tracker.latest_message.parse_data if tracker.latest_message else {}
    if (parse.get(TRIAGE_KEY) or {}).get("tier") is not None:
        return None
    if next_crisis_action(tracker) == CRISIS_ACTION:
        return None
    if button_choice((parse.get("intent") or {}).get("name"), parse.get("entities")):
        return ALERT_ACTION
    text = parse.get("text")
    step = (tracker.get_slot(ALERT_SLOT) or {}).get(STEP_KEY)
    if step and previous_action(tracker) == ALERT_ACTION and answers_step(step, text):
        return ALERT_ACTION
    if read_request(text) is not None or read_checkin_request(text) is not None:
        return ALERT_ACTION
    return None
