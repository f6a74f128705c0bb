"""Actions that record or read the citizen's data: the rows they leave in the database, what
they say without consent, and what they say when the database is down."""

import pytest
from rasa_sdk.events import AllSlotsReset, SlotSet
from sqlalchemy import create_engine, text

from actions import checkin as checkin_actions
from actions.backend import CONSENT_NOTICE_VERSION
from actions.checkin import (
    ActionAfficherProgres,
    ActionCheckinBilan,
    ActionEnregistrerObjectif,
    ActionNoterAction,
)
from actions.data_rights import ActionEffacerDonnees, ActionExporterDonnees
from actions.escalation import ActionEscalader
from actions.relais import ActionTrouverRelais, ValidateRelaisForm
from actions.tracks import ActionSelectTrack
from actions.welcome import ActionEnregistrerConsentement
from relais.progress_chart import photo_bytes
from tests.support.action_trackers import make_tracker


def responses(dispatcher):
    return [message["response"] for message in dispatcher.messages if message.get("response")]


def rows(url, query):
    with create_engine(url, future=True).connect() as connection:
        return connection.execute(text(query)).all()


def consent(dispatcher, domain):
    ActionEnregistrerConsentement().run(dispatcher, make_tracker("consentir", "/consentir"), domain)
    dispatcher.messages.clear()


def test_consent_is_recorded_with_the_notice_version(dispatcher, domain, database):
    consent(dispatcher, domain)
    assert rows(database, "select consent_status, consent_notice_version from relais_citizens") == [("given", CONSENT_NOTICE_VERSION)]


def test_withdrawn_consent(dispatcher, domain, database):
    consent(dispatcher, domain)
    events = ActionEnregistrerConsentement().run(dispatcher, make_tracker("retirer_consentement", "je retire mon accord"), domain)
    assert events == [SlotSet("consentement", "refuse")]
    assert responses(dispatcher) == ["utter_consentement_retire"]
    assert rows(database, "select consent_status from relais_citizens") == [("withdrawn",)]


def test_progress_is_logged_with_consent(dispatcher, domain, database):
    consent(dispatcher, domain)
    ActionSelectTrack().run(dispatcher, make_tracker("track_energie", "produire mon électricité"), domain)
    ActionCheckinBilan().run(dispatcher, make_tracker(slots={"humeur": "2", "fait_recemment": "j'ai isolé la porte"}), domain)
    ActionEnregistrerObjectif().run(dispatcher, make_tracker(slots={"objectif": "poser des rideaux épais", "track": "logement"}), domain)
    ActionNoterAction().run(dispatcher, make_tracker("action_faite", "c'est fait, j'ai baissé le chauffage", slots={"track": "energie"}), domain)
    assert rows(database, "select track, phase from relais_enrolments") == [("energie", "continu")]
    assert rows(database, "select kind, mood, text from relais_progress order by id") == [
        ("checkin", 2, "j'ai isolé la porte"),
        ("goal", None, "poser des rideaux épais"),
        ("action_done", None, "c'est fait, j'ai baissé le chauffage"),
    ]
    assert "utter_sans_consentement" not in responses(dispatcher)


def test_a_step_not_done_is_logged_as_skipped_and_not_congratulated(dispatcher, domain, database):
    consent(dispatcher, domain)
    ActionNoterAction().run(dispatcher, make_tracker("action_faite", "j'ai pas réussi à prendre le vélo"), domain)
    assert responses(dispatcher) == ["utter_action_pas_faite"]
    assert "Bravo" not in domain["responses"]["utter_action_pas_faite"][0]["text"]
    assert rows(database, "select kind from relais_progress") == [("action_skipped",)]
    dispatcher.messages.clear()
    ActionCheckinBilan().run(dispatcher, make_tracker(slots={"humeur": "3", "fait_recemment": "rien réussi, j'ai abandonné"}), domain)
    assert "utter_bilan_pas_fait" in responses(dispatcher) and "utter_bilan_fait" not in responses(dispatcher)


def test_nothing_is_logged_without_consent_and_the_answer_says_so(dispatcher, domain, database):
    ActionNoterAction().run(dispatcher, make_tracker("action_faite", "j'ai testé le vélo"), domain)
    assert responses(dispatcher) == ["utter_action_notee"]  # its variant without consent says so
    assert rows(database, "select count(*) from relais_progress") == [(0,)]
    without_consent = [v for v in domain["responses"]["utter_action_notee"] if "condition" not in v]
    assert "pas de trace" in without_consent[0]["text"]


def test_progress_without_consent_explains_why_it_is_empty(dispatcher, domain, database):
    ActionAfficherProgres().run(dispatcher, make_tracker("progres"), domain)
    assert responses(dispatcher) == ["utter_sans_consentement"]


def test_progress_summary_in_plain_french(dispatcher, domain, database):
    consent(dispatcher, domain)
    ActionNoterAction().run(dispatcher, make_tracker("action_faite", "j'ai fait mon compost"), domain)
    dispatcher.messages.clear()
    ActionAfficherProgres().run(dispatcher, make_tracker("progres"), domain)
    # A chart of the steps done, the summary as its caption (issue #16).
    (message,) = dispatcher.messages
    photo = message["custom"]["photo"]
    assert "compost" in photo["caption"] and photo["filename"].endswith(".png")
    assert photo_bytes(photo).startswith(b"\x89PNG")


def test_progress_summary_as_text_when_the_chart_cannot_be_drawn(dispatcher, domain, database,
                                                                 monkeypatch):
    def broken(summary, chart):
        raise RuntimeError("no plotting backend")

    monkeypatch.setattr(checkin_actions, "progress_picture", broken)
    consent(dispatcher, domain)
    ActionNoterAction().run(dispatcher, make_tracker("action_faite", "j'ai fait mon compost"), domain)
    dispatcher.messages.clear()
    ActionAfficherProgres().run(dispatcher, make_tracker("progres"), domain)
    (message,) = dispatcher.messages
    assert "compost" in message["text"] and not message.get("custom")


def test_a_long_note_is_kept_whole(dispatcher, domain, database):
    consent(dispatcher, domain)
    note = "é" * 10_000
    ActionNoterAction().run(dispatcher, make_tracker("action_faite", note), domain)
    assert rows(database, "select text from relais_progress") == [(note,)]


def test_escalation_sets_the_slot_and_is_idempotent(dispatcher, domain, database):
    first = ActionEscalader().run(dispatcher, make_tracker("demander_humain"), domain)
    second = ActionEscalader().run(dispatcher, make_tracker("demander_humain"), domain)
    assert first == second == [SlotSet("escalation", "1")]
    assert responses(dispatcher) == ["utter_escalade_demande", "utter_escalade_demande"]
    assert rows(database, "select reason, priority, status from relais_cases") == [("citizen_request", 2, "open")]


@pytest.mark.parametrize("code, response", [
    ("ABCDE", "utter_code_postal_format"),
    ("00000", "utter_code_postal_inconnu"),
    ("99999", "utter_code_postal_inconnu"),
    ("2A004", "utter_code_postal_insee"),
    ("75'; DROP TABLE relais_cases;--", "utter_code_postal_format"),
])
def test_invalid_postal_codes_get_a_clear_answer(dispatcher, domain, database, code, response):
    result = ValidateRelaisForm().validate_code_postal(code, dispatcher, make_tracker(), domain)
    assert result == {"code_postal": None, "relais": None}
    assert responses(dispatcher) == [response]


def test_a_postal_code_finds_the_relais(dispatcher, domain, database):
    result = ValidateRelaisForm().validate_code_postal("20200", dispatcher, make_tracker(), domain)
    assert result["relais"] == "COR"
    ActionTrouverRelais().run(dispatcher, make_tracker(slots=result), domain)
    # The Corsican team's entry is sample data: the services of Haute-Corse instead.
    assert responses(dispatcher) == ["utter_relais_services_locaux"]
    assert dispatcher.messages[0]["prefecture_ville"] == "Bastia"


def test_a_departement_named_finds_the_relais_and_a_refusal_ends_the_question(dispatcher, domain, database):
    # Persona round 110: « je suis dans la Creuse, c'est suffisant ? » and « je ne donne pas »
    # got the five digits asked for three times, a scam SMS question ignored in between.
    from actions.relais import ASKED_ELSE, NOT_GIVEN, WITHOUT_A_PLACE

    named = ValidateRelaisForm().validate_code_postal(
        "Je préfère ne pas donner mon code postal sur internet. Je suis dans la Creuse, c'est suffisant ?",
        dispatcher, make_tracker(), domain)
    assert named["relais"] is not None and named["code_postal"].startswith("23")
    refused = ValidateRelaisForm().validate_code_postal("Non je ne donne pas.", dispatcher, make_tracker(), domain)
    assert refused == {"code_postal": NOT_GIVEN, "relais": None}
    ActionTrouverRelais().run(dispatcher, make_tracker(slots=refused), domain)
    assert dispatcher.messages[-1]["text"] == WITHOUT_A_PLACE
    other = ValidateRelaisForm().validate_code_postal(
        "Répondez moi : le SMS de la banque avec le lien, je clique ou pas ?", dispatcher, make_tracker(), domain)
    assert other == {"code_postal": ASKED_ELSE, "relais": None}


def test_export_then_erasure(dispatcher, domain, database):
    consent(dispatcher, domain)
    ActionNoterAction().run(dispatcher, make_tracker("action_faite", "j'ai réparé mon vélo"), domain)
    dispatcher.messages.clear()
    ActionExporterDonnees().run(dispatcher, make_tracker("mes_donnees"), domain)
    summary, document = dispatcher.messages
    assert summary["text"]
    assert document["custom"]["document"]["content"]["progress"]
    dispatcher.messages.clear()
    assert ActionEffacerDonnees().run(dispatcher, make_tracker("affirm"), domain) == [AllSlotsReset()]
    assert responses(dispatcher) == ["utter_donnees_effacees"]
    for table in ("relais_citizens", "relais_progress", "relais_enrolments", "relais_cases"):
        assert rows(database, f"select count(*) from {table}") == [(0,)]


@pytest.mark.usefixtures("database_down")
class TestDatabaseDown:
    def test_consent_says_it_was_not_recorded(self, dispatcher, domain):
        events = ActionEnregistrerConsentement().run(dispatcher, make_tracker("consentir", "/consentir"), domain)
        assert responses(dispatcher) == ["utter_stockage_indisponible"]
        assert events == [SlotSet("consentement", "refuse")]

    def test_track_still_helps(self, dispatcher, domain):
        events = ActionSelectTrack().run(dispatcher, make_tracker("track_energie", "coupure de courant"), domain)
        assert responses(dispatcher)[0] == "utter_stockage_indisponible"
        # The first steps of the scenario are given all the same.
        assert SlotSet("phase", "urgence") in events and "utter_relais_local" in responses(dispatcher)
        assert any(m.get("text") for m in dispatcher.messages)

    def test_checkin_says_it_was_not_recorded_and_still_answers(self, dispatcher, domain):
        ActionCheckinBilan().run(dispatcher, make_tracker(slots={"humeur": "4", "fait_recemment": "rien"}), domain)
        assert responses(dispatcher) == ["utter_stockage_indisponible", "utter_bilan_humeur_haute", "utter_bilan_rien"]

    def test_escalation_never_pretends(self, dispatcher, domain):
        assert ActionEscalader().run(dispatcher, make_tracker("demander_humain"), domain) == []
        assert responses(dispatcher) == ["utter_escalade_impossible"]

    def test_progress_export_and_erasure_say_so(self, dispatcher, domain):
        ActionAfficherProgres().run(dispatcher, make_tracker("progres"), domain)
        ActionExporterDonnees().run(dispatcher, make_tracker("mes_donnees"), domain)
        ActionEffacerDonnees().run(dispatcher, make_tracker("affirm"), domain)
        assert responses(dispatcher) == ["utter_stockage_indisponible"] * 3
