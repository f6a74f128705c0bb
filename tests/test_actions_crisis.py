"""action_crise: renders the crisis dialogue, keeps its state, opens, raises and closes the case,
and ends a form. On the real database (SQLite)."""

import logging

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from sqlalchemy import create_engine, text

from actions.crisis import ActionCrise
from relais.conversation_contract import FIRST_REPLY_SENT
from relais.crisis import crisis_content

SENDER = "crisis-citizen"


def tracker(message: str, tier: str | None = None, kind: str | None = None,
            intent: str = "crise", state: dict | None = None, in_dialogue: bool = False,
            metadata: dict | None = None, active_loop: str | None = None) -> Tracker:
    events: list[dict] = []
    if in_dialogue:
        events += [{"event": "action", "name": "action_crise"}, {"event": "action", "name": "action_listen"}]
    events += [{"event": "user", "text": message}]
    return Tracker(
        sender_id=SENDER,
        slots={"crisis": state},
        latest_message={"text": message, "intent": {"name": intent, "confidence": 1.0},
                        "entities": [], "crisis": {"tier": tier, "kind": kind},
                        "metadata": metadata or {}},
        events=events, paused=False, followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def run(dispatcher, domain, track: Tracker):
    events = ActionCrise().run(dispatcher, track, domain)
    state = next(e["value"] for e in events if e.get("name") == "crisis")
    return events, state


def cases(database):
    engine = create_engine(database, future=True)
    with engine.connect() as connection:
        rows = connection.execute(text(
            "select reason, priority, status, crisis_kind, closing_note, alert_raised_at is not null "
            "from relais_cases")).all()
        audit = [row[0] for row in connection.execute(text("select action from relais_case_audit")).all()]
    engine.dispose()
    return rows, audit


def test_certain_crisis_renders_the_kind_and_opens_a_priority_case(dispatcher, domain, database):
    events, state = run(dispatcher, domain, tracker("mon mari me frappe", "certain", "violence"))
    texts = [m["text"] for m in dispatcher.messages]
    assert texts[0] == crisis_content().kind("violence").first
    assert "dossier n° 1" in texts[-1]
    assert state["kind"] == "violence" and state["case"] == 1
    assert cases(database)[0] == [("crisis", 1, "open", "violence", None, False)]


def test_a_question_opens_no_case_and_offers_yes_and_no(dispatcher, domain, database):
    _, state = run(dispatcher, domain, tracker("je vois plus à quoi ça sert tout ça", "question", "suicide"))
    payloads = [b["payload"] for b in dispatcher.messages[-1]["buttons"]]
    assert payloads == ["/affirm", "/deny"]
    assert state["tier"] == "question"
    assert cases(database)[0] == []


def test_plan_raises_the_alert_and_false_alarm_closes_the_case(dispatcher, domain, database):
    _, state = run(dispatcher, domain, tracker("je veux mourir", "certain", "suicide"))
    _, state = run(dispatcher, domain, tracker("j'ai gardé tous mes cachets", None, None, "inform",
                                               state, in_dialogue=True))
    rows, audit = cases(database)
    assert rows == [("crisis", 1, "open", "suicide", None, True)]
    assert audit == ["alert_raised"]
    _, state = run(dispatcher, domain, tracker("non tout va bien, je parlais de mes tomates", None, None,
                                               "deny", state, in_dialogue=True))
    rows, audit = cases(database)
    assert rows == [("crisis", 1, "closed", "suicide", "false_alarm", True)]
    assert audit == ["alert_raised", "false_alarm"]
    assert not state["open"]


def test_a_crisis_inside_a_form_ends_the_form(dispatcher, domain, database):
    events, _ = run(dispatcher, domain, tracker("je veux en finir", "certain", "suicide",
                                                active_loop="diagnostic_form"))
    assert ActiveLoop(None) in events and SlotSet("requested_slot", None) in events


def test_after_the_edge_sent_the_block_it_is_not_repeated(dispatcher, domain, database):
    run(dispatcher, domain, tracker("je veux mourir", "certain", "suicide", metadata={FIRST_REPLY_SENT: True}))
    texts = [m["text"] for m in dispatcher.messages]
    assert crisis_content().kind("suicide").first not in texts
    assert "3114" in texts[0]


@pytest.mark.usefixtures("database_down")
def test_without_the_database_the_citizen_still_gets_the_numbers_and_is_told(dispatcher, domain):
    run(dispatcher, domain, tracker("je veux mourir", "certain", "suicide"))
    texts = [m["text"] for m in dispatcher.messages]
    assert texts[0] == crisis_content().kind("suicide").first
    assert "problème technique" in texts[-1]


@pytest.mark.usefixtures("database_down")
def test_the_warning_without_the_database_names_no_citizen_and_quotes_nothing(dispatcher, domain,
                                                                             caplog):
    with caplog.at_level(logging.INFO):
        run(dispatcher, domain, tracker("je veux mourir", "certain", "suicide"))
    assert "storage unavailable" in caplog.text
    assert SENDER not in caplog.text and "mourir" not in caplog.text


def test_contact_instructions_said_with_a_crisis_are_kept_on_its_case(dispatcher, domain, database):
    events, _ = run(dispatcher, domain, tracker("il me frappe, ne m'appelez surtout pas", "certain", "violence"))
    assert dispatcher.messages[0]["text"] == crisis_content().kind("violence").first
    assert dispatcher.messages[1]["text"].startswith("C'est noté : pas d'appel")
    contact = next(e["value"] for e in events if e.get("name") == "contact")
    assert contact == {"wishes": '{"no_calls": true}'}
    engine = create_engine(database, future=True)
    with engine.connect() as connection:
        assert connection.execute(text("select contact_wishes from relais_cases")).scalar() == '{"no_calls": true}'
    engine.dispose()


def test_cancel_everything_in_danger_makes_the_team_silent_not_the_case_closed(dispatcher, domain, database):
    _, state = run(dispatcher, domain, tracker("mon mari me frappe", "certain", "violence"))
    dispatcher.messages.clear()
    events, _ = run(dispatcher, domain, tracker("il arrive il va voir, annulez tout", "certain", "violence",
                                               state=state, in_dialogue=True))
    contact = next(e["value"] for e in events if e.get("name") == "contact")
    assert contact == {"wishes": '{"discreet": true, "wait_for_me": true}'}
    assert any("personne ne vous écrit en premier" in m["text"] for m in dispatcher.messages)
    engine = create_engine(database, future=True)
    with engine.connect() as connection:
        assert connection.execute(text("select status, contact_wishes from relais_cases")).one() == (
            "open", '{"discreet": true, "wait_for_me": true}')
    engine.dispose()


def test_a_track_answering_an_aside_keeps_the_dialogue_then_a_no_with_a_question_closes_it():
    from actions.dialogue_state import crisis_aside_events

    open_violence = {"open": True, "tier": "certain", "kind": "violence", "case": 3}
    aside = tracker("je demande juste pour le chauffage d'appoint, il fait 13 degrés", intent="track_energie",
                    state=open_violence)
    assert crisis_aside_events(aside) == [SlotSet("crisis", {**open_violence, "aside": True})]
    # A confident change of topic that is no aside ends it; no open dialogue, no event.
    assert crisis_aside_events(tracker("menu", intent="track_energie", state={**open_violence, "aside": True})) \
        == [SlotSet("crisis", {**open_violence, "aside": False})]
    assert crisis_aside_events(tracker("et pour le chauffage ?", intent="track_energie", state=None)) == []
    asked = {"open": True, "tier": "question", "kind": "suicide", "asked": 1, "last": "?"}
    [closed] = crisis_aside_events(tracker("nan rien… on plante l'ail quand ?", intent="track_permaculture", state=asked))
    assert closed["value"]["open"] is False


def test_a_false_alarm_with_a_question_is_followed_by_the_track_action(dispatcher, domain):
    from rasa_sdk.events import FollowupAction

    state = {"open": True, "tier": "certain", "kind": "suicide", "step": 1, "case": None}
    track = tracker("non c'était une expression, je veux savoir comment réduire ma facture d'électricité",
                    intent="track_energie", state=state, in_dialogue=True)
    events, new_state = run(dispatcher, domain, track)
    assert FollowupAction("action_select_track") in events and new_state["open"] is False


def test_signs_of_poisoning_after_a_heater_told_before_are_the_carbon_monoxide_emergency(dispatcher, domain, database):
    # Persona round 102: a woman of 81 with a paraffin heater in a closed kitchen, then « mal au
    # cœur, la tête qui tourne, je vais m'allonger dans la cuisine », got cooking tips and « au
    # moindre doute, le 15 » for three messages.
    track = tracker("J'ai mal au coeur un peu et la tete qui tourne. Je vais m'allonger dans la cuisine", intent="inform")
    track.events.insert(0, {"event": "user", "text": "Donc le chauffage a petrole je peux ou pas ?"})
    events, state = run(dispatcher, domain, track)
    said = " ".join(m.get("text") or "" for m in dispatcher.messages)
    assert "monoxyde de carbone" in said and state["carbon_monoxide"] and state["tier"] == "certain"
    rows, _audit = cases(database)
    assert rows and rows[0][2] == "open" and rows[0][3] == "medical"


def test_an_erasure_asked_in_a_violence_dialogue_is_answered_then_confirmed(dispatcher, domain):
    # Persona round 107: « je veux que tu supprimes mes données », four times, unanswered.
    from rasa_sdk.events import FollowupAction

    state = {"open": True, "tier": "certain", "kind": "violence", "step": 1, "case": None}
    track = tracker("je veux que tu supprimes mes données", intent="oubli", state=state, in_dialogue=True)
    events, _ = run(dispatcher, domain, track)
    assert FollowupAction("utter_confirmer_oubli") in events
    assert "jamais par la personne qui regarde votre téléphone" in dispatcher.messages[0]["text"]


def test_a_no_to_the_question_with_a_person_asked_for_is_followed_by_the_teams_answer(dispatcher, domain, database):
    # Persona round 108: « non mais je voudrais parler à un humain » got « reprenons ».
    from relais.crisis_dialogue import CitizenMessage, next_turn
    from relais.safety import triage

    first = "je suis à bout je vois plus trop à quoi ça sert tout ça"
    asked = next_turn(None, CitizenMessage(first, None, triage(first))).state
    track = tracker("non mais je voudrais parler à un humain", intent="demander_humain", state=asked,
                    in_dialogue=True)
    events, state = run(dispatcher, domain, track)
    assert not state["open"]
    assert dispatcher.messages[0]["text"] == crisis_content().text("no_question_person")
    # The team's answer in the same turn: a case opened, not a priority one.
    assert dispatcher.messages[1]["response"] == "utter_escalade_demande"
    rows, _ = cases(database)
    assert [(priority, status, crisis_kind) for _, priority, status, crisis_kind, *_ in rows] == [(2, "open", None)]


def test_signs_of_heat_illness_inside_a_suicide_dialogue_come_first(dispatcher, domain):
    # Persona round 111: a widow alone at 31 °C, dizzy and never thirsty, got sleep advice and
    # the safety plan.
    from relais.crisis import crisis_content

    state = {"open": True, "tier": "certain", "kind": "suicide", "step": 1, "case": None}
    text = "Il fait 31 degrés dans mon appartement même avec les volets fermés, je dors très mal et j'ai souvent la tête qui tourne. C'est grave ?"
    track = tracker(text, intent="humeur_basse", state=state, in_dialogue=True)
    track.events.insert(0, {"event": "user", "text": "depuis la canicule je ne sors plus, je suis seule"})
    run(dispatcher, domain, track)
    assert dispatcher.messages[0]["text"] in (crisis_content().text("heat_illness"), crisis_content().text("heat_illness_now"))
