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

from typing import Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_components.crisis_policy import awaiting_answer, next_crisis_action, previous_action
from rasa_components.decided_policy import DecidedPolicy
from relais.contact_wishes import (
    ContactWishes,
    in_contact_context,
    is_for_contact_turn,
    read_contact_wishes,
    withdrawal_answer,
)
from relais.conversation_contract import (
    CONTACT_ACTION,
    CONTACT_AWAITING_WITHDRAWAL_KEY,
    CONTACT_SLOT,
    CONTACT_WISHES_KEY,
    CRISIS_ACTION,
    CRISIS_SLOT,
    ESCALATION_SLOT,
    TRIAGE_KEY,
)
from relais.safety import QUESTION, assess

# The CrisisPolicy's is 7, the RulePolicy's 6.
CONTACT_POLICY_PRIORITY = 8


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class ContactPolicy(DecidedPolicy):
    PRIORITY = CONTACT_POLICY_PRIORITY

    def next_action(self, tracker: DialogueStateTracker) -> Optional[str]:
        return next_contact_action(tracker)


def next_contact_action(tracker: DialogueStateTracker) -> Optional[str]:
    """`action_consignes_contact` for a message it answers, `action_listen` right after it,
    else None (other policies decide)."""
    if tracker.latest_action_name == CONTACT_ACTION:
        return ACTION_LISTEN_NAME
    if not awaiting_answer(tracker):
        return None
    parse = tracker.latest_message.parse_data if tracker.latest_message else {}
    state = tracker.get_slot(CONTACT_SLOT) or {}
    awaiting_withdrawal = bool(state.get(CONTACT_AWAITING_WITHDRAWAL_KEY)) and \
        previous_action(tracker) == CONTACT_ACTION
    intent = (parse.get("intent") or {}).get("name")
    text = parse.get("text")
    tier = (parse.get(TRIAGE_KEY) or {}).get("tier")
    context = in_contact_context(state, tracker.get_slot(ESCALATION_SLOT), tracker.get_slot(CRISIS_SLOT))
    withdraw = read_contact_wishes(text, context).withdraw
    answers_withdrawal = awaiting_withdrawal and withdrawal_answer(text, intent) is not None
    crisis_words = assess(text).concern or assess(text).is_crisis
    if tier is not None and not (tier == QUESTION and (answers_withdrawal or withdraw) and not crisis_words):
        # A crisis word is the crisis dialogue's; a withdrawal, or a yes or a no to « vous voulez
        # annuler ? », that a model only finds worrying is ours (persona round 104: « oui annulez
        # svp, je préfère appeler moi-même quand je serai seule » got « merci de continuer à
        # m'écrire », and « vous pouvez annuler ? » was never asked about). Not beside a crisis
        # word the lexicon reads (« annulez tout, je suis un poids pour tout le monde »: review).
        return None
    given = ContactWishes.from_json(state.get(CONTACT_WISHES_KEY)).has_instructions
    if not is_for_contact_turn(text, intent, awaiting_withdrawal, context, given):
        return None
    if next_crisis_action(tracker) == CRISIS_ACTION and not awaiting_withdrawal and not withdraw:
        # Inside the crisis dialogue, it answers (« il regarde mon téléphone » is a disclosure
        # first) and keeps the instructions itself (actions/crisis.py); a withdrawal is ours.
        return None
    return CONTACT_ACTION
