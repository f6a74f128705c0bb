"""Welcome (of a new or a returning citizen, with an answer to what follows the hello), and
consent: given, refused or withdrawn."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.backend import CONSENT_NOTICE_VERSION, backend, record
from actions.data_rights import say_how_data_is_kept
from actions.data_rights_text import FREE_OF_CHARGE
from actions.event_answer import answer_about_event
from actions.topic_replies import CONSENT_QUESTIONS, answer_from_topics, consent_asked
from relais.coaching import clean_answer
from relais.consent_words import (
    consent_in_words,
    is_explicit_answer,
    leading_consent,
    polite_answer,
)
from relais.conversation_contract import (
    CONSENT_SLOT,
    CONSENT_SLOT_GIVEN,
    CONSENT_SLOT_REFUSED,
    GRIEVANCE_SLOT,
    GRIEVANCE_STEP_KEY,
)
from relais.data_rights_words import asks_about_cost, asks_how_data_is_kept
from relais.greeting import after_greeting, is_greeting_only
from relais.grievance_words import STEP_TRANSMIT, STEP_VISIBILITY, STEP_WHAT, STEP_WHERE
from relais.grievances import grievance_texts
from relais.services import StorageUnavailable

GIVING_INTENTS = ("consentir", "affirm")
WITHDRAWING_INTENT = "retirer_consentement"


def _answer_after_greeting(dispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    """« Bonjour, c'est quoi la permaculture ? »: the question is answered after the welcome,
    when a track's topic fits it."""
    rest = after_greeting(tracker.latest_message.get("text") or "")
    if not rest:
        return []
    # During an event, its instructions come before any topic (« bonsoir, pour le courant ? »).
    return answer_about_event(dispatcher, tracker, rest) or answer_from_topics(dispatcher, tracker, rest) or []


class ActionAccueil(Action):
    """Welcomes a new citizen; the consent question follows (data/rules/welcome.yml)."""

    responses = frozenset({"utter_accueil", "utter_accueil_deja_fait"})

    def name(self) -> str:
        return "action_accueil"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        # Persona round 95: Telegram's /start, then « slt », gave the welcome twice.
        welcomed = _welcomed_in_this_session(tracker)
        dispatcher.utter_message(response="utter_accueil_deja_fait" if welcomed else "utter_accueil")
        return _answer_after_greeting(dispatcher, tracker)


def _welcomed_in_this_session(tracker: Tracker) -> bool:
    """Was the welcome already said since the conversation's session started?"""
    return _in_this_session(tracker, lambda event: event.get("event") == "action" and event.get("name") == "action_accueil")


def _in_this_session(tracker: Tracker, seen) -> bool:
    """Is an event `seen` since the conversation's session started?"""
    for event in reversed(tracker.events):
        if event.get("event") == "session_started":
            return False
        if seen(event):
            return True
    return False


def _is_consent_question(event: dict[str, Any]) -> bool:
    return event.get("event") == "bot" and (event.get("metadata") or {}).get("utter_action") in CONSENT_QUESTIONS


class ActionDemandeConsentement(Action):
    """The consent question after the welcome, unless this session asked it already: Telegram
    sends /start, then the citizen's « bonjour » (persona round 97: the question came twice on
    the first screen, every time)."""

    responses = frozenset({"utter_demande_consentement"})

    def name(self) -> str:
        return "action_demande_consentement"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if not _consent_asked_in_this_session(tracker):
            dispatcher.utter_message(response="utter_demande_consentement")
        return []


def _consent_asked_in_this_session(tracker: Tracker) -> bool:
    """Was a consent question said since the conversation's session started?"""
    return _in_this_session(tracker, _is_consent_question)


class ActionAccueilRetour(Action):
    """Greets a citizen who already answered the consent question, recalling their goal."""

    responses = frozenset({"utter_retour_objectif", "utter_bon_retour", "utter_menu"})

    def name(self) -> str:
        return "action_accueil_retour"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if tracker.get_slot("objectif"):
            dispatcher.utter_message(response="utter_retour_objectif")
        else:
            dispatcher.utter_message(response="utter_bon_retour")
        answered = _answer_after_greeting(dispatcher, tracker)
        if not answered and not tracker.get_slot("objectif"):
            dispatcher.utter_message(response="utter_menu")
        return answered


class ActionEnregistrerConsentement(Action):
    """Records the citizen's answer to the consent request: given, refused, or withdrawn."""

    responses = frozenset(
        {"utter_consentement_merci", "utter_consentement_refuse", "utter_consentement_retire",
         "utter_menu", "utter_stockage_indisponible", "utter_consentement_non_compris"}
    )

    def name(self) -> str:
        return "action_enregistrer_consentement"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        given = intent in GIVING_INTENTS
        text = tracker.latest_message.get("text") or ""
        if not text.startswith("/") and not is_explicit_answer(text, given):
            # Never record (or refuse) consent on a guess of the NLU model: ask plainly.
            dispatcher.utter_message(response="utter_consentement_non_compris")
            return []
        try:
            backend().consent.record_consent(tracker.sender_id, given, CONSENT_NOTICE_VERSION)
        except StorageUnavailable:
            dispatcher.utter_message(response="utter_stockage_indisponible")
            # Consent not recorded: nothing will be kept either, so treat it as not given.
            return [SlotSet(CONSENT_SLOT, CONSENT_SLOT_REFUSED)]
        if given and _keep_the_goal_offered(dispatcher, tracker):
            return [SlotSet(CONSENT_SLOT, CONSENT_SLOT_GIVEN)]
        if given:
            dispatcher.utter_message(response="utter_consentement_merci")
        elif intent == WITHDRAWING_INTENT:
            dispatcher.utter_message(response="utter_consentement_retire")
        else:
            dispatcher.utter_message(response="utter_consentement_refuse")
        pending = pending_grievance_question(tracker) if intent != WITHDRAWING_INTENT else None
        if pending is not None:
            # « Je voudrais faire une réclamation », then « j'accepte »: the doléance's question
            # again, not the menu (persona round 109: « j'accepte » became its text).
            dispatcher.utter_message(text=pending)
        elif intent != WITHDRAWING_INTENT:
            dispatcher.utter_message(response="utter_menu")
        return [SlotSet(CONSENT_SLOT, CONSENT_SLOT_GIVEN if given else CONSENT_SLOT_REFUSED)]


# The doléance questions asked again as they were, by their step (relais/grievance_words.py).
_GRIEVANCE_QUESTIONS = {STEP_WHAT: "ask_what", STEP_WHERE: "ask_where", STEP_VISIBILITY: "ask_visibility",
                        STEP_TRANSMIT: "ask_transmit_again"}


def pending_grievance_question(tracker: Tracker) -> str | None:
    """The question of a doléance being collected, when one waits for its answer."""
    step = (tracker.get_slot(GRIEVANCE_SLOT) or {}).get(GRIEVANCE_STEP_KEY)
    key = _GRIEVANCE_QUESTIONS.get(step)
    return str(grievance_texts().conversation[key]) if key else None


def _keep_the_goal_offered(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """« Très bon objectif… voulez-vous que je le garde ? » (utter_objectif_enregistre without
    consent) then « J'accepte »: the goal is kept, as promised (persona round 15: consent was
    recorded, the goal was not, and the menu came instead)."""
    said = [(e.get("metadata") or {}).get("utter_action") for e in tracker.events if e.get("event") == "bot"][-3:]
    goal = clean_answer(tracker.get_slot("objectif"))
    if not goal or "utter_objectif_enregistre" not in said:
        return False
    if not record(dispatcher, lambda: backend().progress.set_goal(tracker.sender_id, goal, track=tracker.get_slot("track"))):
        return False
    dispatcher.utter_message(text=f"Merci. C'est gardé : « {goal} ». Je vous demanderai où vous en êtes la "
                                  "prochaine fois ; vous pouvez retirer votre accord quand vous voulez.")
    return True


CONSENT_NOTE_RESPONSES = frozenset({"utter_consentement_note", "utter_consentement_refus_note",
                                    "utter_stockage_indisponible"})


def _consent_asked_last(tracker: Tracker) -> bool:
    """The consent question was among Relais' messages of the turn before this one, or before a
    greeting only (« Bonjour » typed after /start, then « Oui je veux bien »: persona round 100)."""
    users_seen = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users_seen += 1
            if users_seen >= 2 and not is_greeting_only(event.get("text")):
                return False
        elif users_seen >= 1 and _is_consent_question(event):
            return True
    return False


def note_leading_consent(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    """« Ok jaccepte. On n'a plus d'eau depuis hier… » right after the consent question: the
    answer is recorded and acknowledged in a line, then the rest of the message is answered.
    The tracker's slot is set here too, so that the answer that follows does not ask again."""
    text = tracker.latest_message.get("text") or ""
    if tracker.get_slot(CONSENT_SLOT) in (CONSENT_SLOT_GIVEN, CONSENT_SLOT_REFUSED) or text.startswith("/"):
        return []
    just_asked = _consent_asked_last(tracker)
    given = leading_consent(text, just_asked=just_asked)
    if given is None and just_asked:
        given = polite_answer(text)
    if given is None:
        # The whole message answers it, where no rule took it (persona round 110: « je refuse,
        # je ne veux pas que vous gardiez mes informations » inside the budget questions).
        given = consent_in_words(text)
    if given is None or not consent_asked(tracker):
        return []
    try:
        backend().consent.record_consent(tracker.sender_id, given, CONSENT_NOTICE_VERSION)
    except StorageUnavailable:
        dispatcher.utter_message(response="utter_stockage_indisponible")
        return []
    value = CONSENT_SLOT_GIVEN if given else CONSENT_SLOT_REFUSED
    tracker.slots[CONSENT_SLOT] = value
    dispatcher.utter_message(response="utter_consentement_note" if given else "utter_consentement_refus_note")
    if asks_how_data_is_kept(text):
        # « Vos données, qui les lit ? L'État ? Si c'est juste pour le suivi ok j'accepte. »
        say_how_data_is_kept(dispatcher)
    if asks_about_cost(text):
        dispatcher.utter_message(text=FREE_OF_CHARGE)
    return [SlotSet(CONSENT_SLOT, value)]
