"""Custom actions, in the style of the Rasa demos: a tracker in, exact events and responses out."""

import asyncio

import pytest
from rasa_sdk.events import FollowupAction, SlotSet
from sqlalchemy import create_engine
from sqlalchemy import text as text_query

from actions.checkin import ActionCheckinBilan, ActionPreparerObjectif, ValidateCheckinForm
from actions.fallback import ActionFallback, consecutive_fallbacks
from actions.registry import action_classes
from actions.tracks import ActionSelectTrack, ActionTrackPlan, ValidateDiagnosticForm
from actions.welcome import ActionAccueilRetour, ActionEnregistrerConsentement
from tests.conftest import make_tracker

# Every action here may touch the database: give each test a fresh, migrated one.
pytestmark = pytest.mark.usefixtures("database")


def responses(dispatcher):
    return [message["response"] for message in dispatcher.messages]


def test_every_action_is_declared_in_the_domain_with_existing_responses(domain):
    for cls in action_classes():
        assert cls().name() in domain["actions"]
        for response in getattr(cls, "responses", ()):
            assert response in domain["responses"], (cls.__name__, response)


# --- Tracks ----------------------------------------------------------------------------------


def test_calm_track_request_starts_the_diagnostic(dispatcher, domain):
    tracker = make_tracker("track_energie", "je voudrais produire mon électricité")
    events = ActionSelectTrack().run(dispatcher, tracker, domain)
    assert events == [
        SlotSet("track", "energie"),
        SlotSet("phase", "continu"),
        SlotSet("energie_situation", None),
        SlotSet("energie_besoin", None),
        SlotSet("engagement", None),
        SlotSet("requested_slot", None),
    ]
    assert responses(dispatcher) == ["utter_energie_intro"]


def test_acute_track_request_gives_first_steps(dispatcher, domain):
    tracker = make_tracker("track_mobilite", "plus une goutte d'essence depuis ce matin")
    events = ActionSelectTrack().run(dispatcher, tracker, domain)
    assert events == [SlotSet("track", "mobilite"), SlotSet("phase", "urgence")]
    assert responses(dispatcher) == [
        "utter_mobilite_urgence",
        "utter_relais_local",
        "utter_apres_urgence",
    ]


def test_track_button_from_the_urgence_menu_is_urgence(dispatcher, domain):
    tracker = make_tracker("track_energie", '/track_energie{"phase":"urgence"}', entities=[{"entity": "phase", "value": "urgence"}])
    events = ActionSelectTrack().run(dispatcher, tracker, domain)
    assert SlotSet("phase", "urgence") in events


def test_same_track_inside_its_diagnostic_is_an_answer(dispatcher, domain):
    tracker = make_tracker(
        "track_alimentation",
        "on mange surtout des pâtes",
        slots={"track": "alimentation", "requested_slot": "alimentation_situation"},
        active_loop="diagnostic_form",
    )
    events = ActionSelectTrack().run(dispatcher, tracker, domain)
    assert events == [SlotSet("alimentation_situation", "on mange surtout des pâtes"), SlotSet("phase", "continu")]
    assert dispatcher.messages == []


def test_other_track_inside_a_diagnostic_switches(dispatcher, domain):
    tracker = make_tracker(
        "track_mobilite",
        "en fait c'est pour la voiture",
        slots={"track": "alimentation", "requested_slot": "alimentation_situation"},
        active_loop="diagnostic_form",
    )
    events = ActionSelectTrack().run(dispatcher, tracker, domain)
    assert events[:2] == [SlotSet("track", "mobilite"), SlotSet("phase", "continu")]
    assert responses(dispatcher) == ["utter_mobilite_intro"]


def test_diagnostic_asks_the_questions_of_the_current_track(dispatcher, domain):
    tracker = make_tracker(slots={"track": "numerique"})
    slots = asyncio.run(ValidateDiagnosticForm().required_slots([], dispatcher, tracker, domain))
    assert slots == ["numerique_situation", "numerique_besoin", "engagement"]


@pytest.mark.parametrize(
    "engagement, expected",
    [
        ("petits_pas", ["utter_plan_intro", "utter_logement_petits_pas", "utter_plan_suite", "utter_logement_ressources"]),
        ("ambitieux", ["utter_plan_intro", "utter_logement_petits_pas", "utter_logement_grands_pas", "utter_logement_ressources"]),
    ],
)
def test_plan_matches_what_the_citizen_can_invest(dispatcher, domain, engagement, expected):
    tracker = make_tracker(slots={"track": "logement", "engagement": engagement})
    assert ActionTrackPlan().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == expected


# --- Welcome and consent ----------------------------------------------------------------------


@pytest.mark.parametrize("intent, consent, response", [
    ("consentir", "donne", "utter_consentement_merci"),
    ("affirm", "donne", "utter_consentement_merci"),
    ("refuser_consentement", "refuse", "utter_consentement_refuse"),
    ("deny", "refuse", "utter_consentement_refuse"),
])
def test_consent_answer(dispatcher, domain, intent, consent, response):
    events = ActionEnregistrerConsentement().run(dispatcher, make_tracker(intent, f"/{intent}"), domain)
    assert events == [SlotSet("consentement", consent)]
    assert responses(dispatcher) == [response, "utter_menu"]


@pytest.mark.parametrize("intent, text", [("consentir", "azertyuiop"), ("refuser_consentement", "bof")])
def test_consent_is_never_recorded_on_a_guess(dispatcher, domain, intent, text):
    assert ActionEnregistrerConsentement().run(dispatcher, make_tracker(intent, text), domain) == []
    assert responses(dispatcher) == ["utter_consentement_non_compris"]


@pytest.mark.parametrize("intent, text", [("consentir", "oui j'accepte"), ("affirm", "ok"), ("refuser_consentement", "non merci"),
                                          ("deny", "je refuse"), ("consentir", "consentir"), ("consentir", "je consens")])
def test_typed_consent_answers_are_recorded(dispatcher, domain, intent, text):
    assert ActionEnregistrerConsentement().run(dispatcher, make_tracker(intent, text), domain)


def test_welcome_back_recalls_the_goal(dispatcher, domain):
    tracker = make_tracker("greet", slots={"objectif": "réparer mon vélo"})
    assert ActionAccueilRetour().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == ["utter_retour_objectif"]


def test_welcome_back_without_goal_shows_the_menu(dispatcher, domain):
    ActionAccueilRetour().run(dispatcher, make_tracker("greet"), domain)
    assert responses(dispatcher) == ["utter_bon_retour", "utter_menu"]


# --- Check-in and goals -----------------------------------------------------------------------


@pytest.mark.parametrize("value, expected", [("4", "4"), ("pas terrible", "2"), ("super bien", "5")])
def test_mood_is_read_from_buttons_and_words(dispatcher, domain, value, expected):
    result = ValidateCheckinForm().validate_humeur(value, dispatcher, make_tracker(), domain)
    assert result == {"humeur": expected}
    assert dispatcher.messages == []


def test_unreadable_mood_is_asked_again(dispatcher, domain):
    result = ValidateCheckinForm().validate_humeur("patate", dispatcher, make_tracker(), domain)
    assert result == {"humeur": None}
    assert responses(dispatcher) == ["utter_humeur_non_comprise"]


@pytest.mark.parametrize("mood, done, goal, expected", [
    ("1", "rien", None, ["utter_bilan_humeur_basse", "utter_bilan_rien"]),
    ("3", "j'ai trié mes placards", None, ["utter_bilan_humeur_moyenne", "utter_bilan_fait"]),
    ("5", "rien", "prendre le vélo", ["utter_bilan_humeur_haute", "utter_bilan_rien", "utter_bilan_objectif"]),
])
def test_checkin_summary(dispatcher, domain, mood, done, goal, expected):
    tracker = make_tracker(slots={"humeur": mood, "fait_recemment": done, "objectif": goal})
    events = ActionCheckinBilan().run(dispatcher, tracker, domain)
    assert events == [SlotSet("humeur", None), SlotSet("fait_recemment", None)]
    assert responses(dispatcher) == expected


def test_new_goal_clears_the_previous_one(dispatcher, domain):
    events = ActionPreparerObjectif().run(dispatcher, make_tracker(slots={"objectif": "x"}), domain)
    assert events == [SlotSet("objectif", None)]


# --- Fallback ---------------------------------------------------------------------------------


def action(name):
    return {"event": "action", "name": name}


def user(text):
    return {"event": "user", "text": text}


def bot(response):
    return {"event": "bot", "text": response, "metadata": {"utter_action": response}}


def case_rows(url):
    with create_engine(url, future=True).connect() as connection:
        return connection.execute(text_query("select reason, status from relais_cases")).all()


LISTEN = FollowupAction("action_listen")


def test_first_misunderstanding_offers_buttons(dispatcher, domain):
    tracker = make_tracker("nlu_fallback", events=[action("action_listen"), action("utter_menu"), action("action_listen")])
    assert ActionFallback().run(dispatcher, tracker, domain) == [LISTEN]
    assert responses(dispatcher) == ["utter_default"]


def test_second_misunderstanding_in_a_row_offers_a_person_without_a_case(dispatcher, domain, database):
    events = [action("utter_menu"), action("action_listen"), action("action_fallback"), action("action_listen")]
    result = ActionFallback().run(dispatcher, make_tracker("nlu_fallback", events=events), domain)
    assert responses(dispatcher) == ["utter_fallback_humain"]
    assert result == [LISTEN]  # no escalation slot, no case
    assert case_rows(database) == []
    assert "/demander_humain" in [b["payload"] for b in domain["responses"]["utter_fallback_humain"][0]["buttons"]]


def test_a_third_misunderstanding_does_not_repeat_the_offer(dispatcher, domain):
    events = [action("action_fallback"), action("action_listen"), action("action_fallback"), action("action_listen")]
    assert ActionFallback().run(dispatcher, make_tracker("nlu_fallback", events=events), domain) == [LISTEN]
    assert responses(dispatcher) == ["utter_default"]


def test_an_understood_turn_resets_the_count():
    events = [action("action_fallback"), action("action_listen"), action("utter_menu"), action("action_listen")]
    assert consecutive_fallbacks(events) == 0


def after_the_offer(intent, text):
    """The turn after Relais offered a person, as Rasa sends it to the action server."""
    events = [user("azerty"), action("action_fallback"), bot("utter_default"), action("action_listen"),
              user("qsdfg"), action("action_fallback"), bot("utter_fallback_humain"),
              action("action_listen"), user(text)]
    return make_tracker(intent, text, events=events)


@pytest.mark.parametrize("intent, text", [
    ("affirm", "oui"), ("affirm", "ouais"), ("nlu_fallback", "wi"), ("affirm", "oui svp"),
    ("nlu_fallback", "d'acc"), ("nlu_fallback", "oui une personne"), ("affirm", "👍"),
])
def test_a_yes_to_the_offer_opens_the_case(dispatcher, domain, database, intent, text):
    result = ActionFallback().run(dispatcher, after_the_offer(intent, text), domain)
    assert result == [SlotSet("escalation", "1"), LISTEN]
    assert responses(dispatcher) == ["utter_escalade_demande"]
    assert case_rows(database) == [("repeated_misunderstanding", "open")]


@pytest.mark.parametrize("intent, text", [
    ("nlu_fallback", "blablabla"), ("affirm", "mouais"), ("nlu_fallback", "oui mais non"),
    ("nlu_fallback", "plus tard"), ("affirm", "👎"), ("nlu_fallback", "svp je comprends pas"),
    ("nlu_fallback", "je ne suis pas ok"), ("affirm", "ok mais je ne vois pas le rapport"),
    ("nlu_fallback", "pourquoi pas"),
    ("nlu_fallback", "ok alors j'ai une autre question sur le chèque énergie pour ma mère"),
])
def test_anything_but_a_yes_to_the_offer_goes_on_without_a_case(dispatcher, domain, database, intent, text):
    result = ActionFallback().run(dispatcher, after_the_offer(intent, text), domain)
    assert SlotSet("escalation", "1") not in result
    assert responses(dispatcher) == ["utter_default"]
    assert case_rows(database) == []


def test_a_yes_long_after_the_offer_opens_nothing(dispatcher, domain, database):
    events = [action("action_fallback"), bot("utter_fallback_humain"), action("action_listen"),
              user("bof"), action("utter_menu"), bot("utter_menu"), action("action_listen"), user("oui")]
    ActionFallback().run(dispatcher, make_tracker("affirm", "oui", events=events), domain)
    assert responses(dispatcher) == ["utter_default"]
    assert case_rows(database) == []


@pytest.mark.parametrize("response", ["utter_action_notee", "utter_sans_consentement"])
def test_only_a_refusal_is_called_the_citizens_choice(domain, response):
    variants = domain["responses"][response]
    refused = [v for v in variants if any(c.get("value") == "refuse" for c in v.get("condition", []))]
    unanswered = [v for v in variants if "condition" not in v]
    assert "choisi" in refused[0]["text"]
    # Consent not answered yet: the citizen chose nothing, and is told how to accept.
    assert "choisi" not in unanswered[0]["text"] and "j'accepte l'enregistrement" in unanswered[0]["text"]


def test_low_mood_without_a_risk_offers_a_person_not_the_suicide_line(domain):
    wordings = ("utter_humeur_basse", "utter_humeur_basse_2", "utter_humeur_basse_3", "utter_bilan_humeur_basse")
    variants = [v for name in wordings for v in domain["responses"][name]]
    assert len(variants) >= 4
    for variant in variants:
        assert "3114" not in variant["text"]
    for variant in variants[:3]:
        assert "/demander_humain" in [button["payload"] for button in variant["buttons"]]


def test_low_mood_is_never_answered_twice_in_a_row_with_the_same_words(dispatcher, domain):
    from actions.varied import ActionHumeurBasse

    said = []
    events = []
    for _ in range(4):
        dispatcher.messages.clear()
        ActionHumeurBasse().run(dispatcher, make_tracker("humeur_basse", events=events), domain)
        said.append(dispatcher.messages[0]["response"])
        events = events + [action("action_humeur_basse")]
    assert all(a != b for a, b in zip(said, said[1:]))


def test_the_actions_read_the_relais_directory_the_edge_and_the_desks_read(tmp_path, monkeypatch):
    """Cases get the relais codes coaches are scoped by: one directory file for every process."""
    from actions.backend import directory
    from relais.settings import PROJECT_ROOT

    source = (PROJECT_ROOT / "directory" / "relais.yml").read_text(encoding="utf-8")
    custom = tmp_path / "relais.yml"
    custom.write_text(source.replace('updated: "2026-12-01"', 'updated: "2027-01-15"'), encoding="utf-8")
    monkeypatch.setenv("RELAIS_DIRECTORY", str(custom))
    directory.cache_clear()
    try:
        assert directory().updated == "2027-01-15"
    finally:
        directory.cache_clear()
