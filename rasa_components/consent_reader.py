"""Rasa NLU component: a whole message that answers the consent question in its own words
(« ouais garde », « non merci pour la trace »; relais/consent_words.py) gets `consentir` or
`refuser_consentement` with full confidence: DIET read them as thanks or not at all, and the
consent question asked after an answer went unanswered. A request about one's data in plain
words (« qu'est-ce que vous gardez sur moi ? », « bon effacez tout »; relais/data_rights_words.py)
gets `mes_donnees` or `oubli`, whose action still asks before erasing anything; so does a short
question on how they are kept (« c'est stocké où ? »), answered by the same action.

Placed after the PlanReader and before the CrisisGuard, which has the last word.
"""

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_components.intent_override import IntentOverride, set_intent
from relais.consent_words import consent_in_words
from relais.data_rights_words import SEE, asks_how_data_is_kept, data_request_in_words

GIVE_INTENT, REFUSE_INTENT = "consentir", "refuser_consentement"
# A longer message asks something else too; its consent and this question are heard by the
# action that answers it (actions/welcome.py note_leading_consent).
HOW_KEPT_WORDS = 25


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ConsentReader(IntentOverride):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            answer = consent_in_words(message.get(TEXT))
            request = data_request_in_words(message.get(TEXT)) if answer is None else None
            if answer is not None:
                set_intent(message, GIVE_INTENT if answer else REFUSE_INTENT, 1.0)
            elif request is not None:
                set_intent(message, request, 1.0)
            elif asks_how_data_is_kept(message.get(TEXT)) and len((message.get(TEXT) or "").split()) <= HOW_KEPT_WORDS:
                # « C'est stocké où et combien de temps ? » (persona round 97: « pas compris »).
                set_intent(message, SEE, 1.0)
        return messages
