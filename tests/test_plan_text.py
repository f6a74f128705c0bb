"""actions/plan_text.py and actions/theme_text.py: the exact French of a plan of micro-actions
and of a track named after « de », as the citizen reads them from the action server; they must
not change by a byte."""

import pytest
from rasa_sdk import Tracker

from actions.plan_text import plan_text
from actions.theme_text import of_theme
from actions.topic_replies import answer_likely_track, ask_two_tracks, say_plan, say_second_need
from relais.track_content import MicroAction


def action(id: str, text: str, effort: str = "", cost: str = "") -> MicroAction:
    return MicroAction(track="mobilite", id=id, text=text, cost=cost, effort=effort)


def test_a_first_plan_with_effort_and_cost_each_given_or_not(dispatcher):
    chosen = [
        action("a", "Noter ses trajets", effort="faible", cost="0 €"),
        action("b", "Essayer le covoiturage", effort="moyen"),
        action("c", "Réviser son vélo", cost="20 €"),
        action("d", "Demander à la mairie"),
    ]
    events = say_plan(dispatcher, "mobilite", chosen, ["mobilite/x"], first=True)
    [message] = dispatcher.messages
    assert message["text"] == (
        "Voici trois actions adaptées à vos réponses :\n"
        "• Noter ses trajets (Effort : faible · Coût : 0 €)\n"
        "• Essayer le covoiturage (Effort : moyen)\n"
        "• Réviser son vélo (Coût : 20 €)\n"
        "• Demander à la mairie"
    )
    assert [b["title"] for b in message["buttons"]] == ["3 autres actions", "Parler à une personne"]
    assert events[0]["value"] == ["mobilite/x", "mobilite/a", "mobilite/b", "mobilite/c", "mobilite/d"]


def test_the_next_plan_and_a_plan_under_a_heading(dispatcher):
    say_plan(dispatcher, "mobilite", [action("a", "Noter ses trajets", "fort", "gratuit")], [],
             first=False)
    say_plan(dispatcher, "mobilite", [action("b", "Marcher")], [], first=True,
             heading="C'est noté. Pour avancer, voici ce que vous pouvez faire :")
    assert [m["text"] for m in dispatcher.messages] == [
        "Voici trois autres actions :\n• Noter ses trajets (Effort : fort · Coût : gratuit)",
        "C'est noté. Pour avancer, voici ce que vous pouvez faire :\n• Marcher",
    ]


@pytest.mark.parametrize(("track", "named"), [
    ("alimentation", "d'alimentation"),
    ("mobilite", "de mobilité"),
    ("economie", "de budget"),
    ("logement", "de logement"),
    ("travail", "de travail"),
    ("energie", "d'énergie"),
    ("numerique", "de numérique"),
    ("permaculture", "de jardin"),
])
def test_a_second_need_names_its_track_after_de(dispatcher, track, named):
    say_second_need(dispatcher, track)
    [message] = dispatcher.messages
    assert message["text"] == f"Vous parlez aussi {named} : on en parle ensuite ?"
    assert message["buttons"] == [{"title": f"Oui, parler {named}",
                                   "payload": f"/track_{track}"}]


def test_a_likely_track_is_proposed_by_its_name_after_de(dispatcher):
    tracker = Tracker(
        sender_id="test-citizen",
        slots={},
        latest_message={
            "text": "je voudrais changer mes habitudes",
            "intent": {"name": "nlu_fallback", "confidence": 0.5},
            "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.5},
                               {"name": "track_alimentation", "confidence": 0.3}],
            "entities": [],
        },
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )
    answer_likely_track(dispatcher, tracker)
    [message] = dispatcher.messages
    assert message["text"] == (
        "Si je comprends bien, c'est une question d'alimentation. Je peux vous poser deux ou "
        "trois questions pour vous proposer des actions adaptées."
    )


def test_track_names_after_de_are_elided_before_a_vowel():
    assert of_theme("alimentation") == "d'alimentation"
    assert of_theme("mobilite") == "de mobilité"


def test_no_actions_no_lines():
    assert plan_text([]) == ""


def test_two_close_tracks_are_asked_with_de_elided(dispatcher):
    ask_two_tracks(dispatcher, ("alimentation", "energie"))
    ask_two_tracks(dispatcher, ("mobilite", "travail"))
    assert [m["text"] for m in dispatcher.messages] == [
        "Pour bien vous orienter : c'est plutôt une question d'alimentation ou d'énergie ?",
        "Pour bien vous orienter : c'est plutôt une question de mobilité ou de travail ?",
    ]
    assert [b["title"] for b in dispatcher.messages[0]["buttons"]] == ["Alimentation", "Énergie"]
