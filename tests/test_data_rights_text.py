"""actions/data_rights_text.py: the summary of a citizen's export, from the export's data to
French (the exact texts, through the action, are pinned in tests/test_rendered_texts.py)."""

from actions.data_rights_text import NOTHING_KEPT, export_summary

ALICE = {
    "citizen": {"created_at": "2026-11-26T12:00:00+00:00"},
    "consent": {"status": "given", "at": "2026-11-26T12:00:00+00:00", "notice_version": "2026-11"},
    "enrolments": [
        {"track": "energie", "phase": "urgence"},
        {"track": "logement", "phase": "continu"},
    ],
    "progress": [
        {"kind": "checkin", "mood": 3, "text": "Pas facile sans chauffage.", "created_at": "2026-11-26T12:00:00+00:00"},
        {"kind": "goal", "mood": None, "text": "Calfeutrer les fenêtres", "created_at": "2026-11-26T12:00:00+00:00"},
        {"kind": "action_done", "mood": None, "text": "Baisser le chauffage d'un degré", "created_at": "2026-11-26T12:00:00+00:00"},
    ],
    "cases": [{"status": "open"}],
    "conversation": [
        {"at": "2026-11-25T08:00:00+00:00", "from": "vous", "text": "Bonjour"},
        {"at": "2026-11-25T08:00:01+00:00", "from": "Relais", "text": "Bonjour !"},
    ],
}


def test_the_summary_of_everything_kept():
    assert export_summary(ALICE, forgotten_after_hours=24) == (
        "Voici ce que Relais garde sur vous :\n"
        "- depuis le 25/11/2026\n"
        "- consentement : donné le 26/11/2026 (notice 2026-11)\n"
        "- parcours suivis : énergie (phase d'urgence), logement (suivi dans la durée)\n"
        "- suivi : 1 point d'étape, 1 objectif, 1 action réalisée, 0 action laissée de côté\n"
        "  · dernier objectif (26/11/2026) : « Calfeutrer les fenêtres »\n"
        "  · dernier point d'étape : 26/11/2026, humeur 3/5\n"
        "  · action réalisée le 26/11/2026 : « Baisser le chauffage d'un degré »\n"
        "- demandes d'accompagnement humain : 1 (dont 1 en cours)\n"
        "- éléments de conversation (messages et réponses) : 2\n"
        "Le document joint contient toutes ces données en détail (format JSON)."
    )


def test_nothing_kept():
    stranger = {**ALICE, "citizen": None, "consent": None, "enrolments": [], "progress": [],
                "cases": [], "conversation": []}
    # Before consent the conversation is in memory only: said, with its delay (round 94).
    told = export_summary(stranger, forgotten_after_hours=24)
    assert told == NOTHING_KEPT.format(hours=24)
    assert told.startswith("Relais n'a rien enregistré sur vous.")
    assert "oublié 24 h après votre dernier message" in told


def test_unknown_values_are_shown_as_stored_and_a_missing_date_as_a_question_mark():
    odd = {
        **ALICE,
        "consent": {"status": "pending", "at": None, "notice_version": None},
        "enrolments": [{"track": "ailleurs", "phase": "autre"}],
        "progress": [{"kind": "checkin", "mood": None, "text": None, "created_at": None}],
    }
    lines = export_summary(odd, forgotten_after_hours=24).splitlines()
    assert "- consentement : pending" in lines
    assert "- parcours suivis : ailleurs (autre)" in lines
    assert "  · dernier point d'étape : ?" in lines


def test_the_alert_subscription_and_the_doleances_are_told_when_kept():
    # Persona round 93: « vous avez oublié l'abonnement aux alertes du 07600 non ? »
    kept = {**ALICE, "alertes": {"inscription": {"postal_code": "07600", "check_on_me": True,
                                                 "subscribed_at": "2026-11-26T12:00:00+00:00"},
                                 "recues": [{"event_id": 1}]},
            "doleances": [{"reference": "D-1"}]}
    summary = export_summary(kept, forgotten_after_hours=24)
    assert ("- alertes territoriales : inscription pour le 07600 depuis le 26/11/2026, avec relance si vous ne "
            "répondez pas ; 1 alerte reçue") in summary
    assert "- doléances et envies : 1" in summary
