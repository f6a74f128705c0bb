"""action_consignes_contact: a citizen's contact instructions are kept in the conversation and
on their case, a form's question is asked again, a withdrawal is confirmed before the case is
closed. On the real database (SQLite)."""


from rasa_sdk import Tracker
from sqlalchemy import create_engine, text

from actions.backend import backend
from actions.contact import ActionConsignesContact
from actions.escalation import ActionEscalader
from relais.contact_wishes import contact_texts

SENDER = "contact-citizen"


def tracker(message: str, contact: dict | None = None, intent: str = "inform",
            after_contact: bool = False, active_loop: str | None = None,
            requested_slot: str | None = None, crisis: dict | None = None) -> Tracker:
    events: list[dict] = []
    if after_contact:
        events += [{"event": "action", "name": "action_consignes_contact"},
                   {"event": "action", "name": "action_listen"}]
    events += [{"event": "user", "text": message}]
    return Tracker(
        sender_id=SENDER,
        slots={"contact": contact, "requested_slot": requested_slot, "crisis": crisis},
        latest_message={"text": message, "intent": {"name": intent, "confidence": 1.0}, "entities": []},
        events=events, paused=False, followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def run(dispatcher, domain, track: Tracker) -> dict:
    events = ActionConsignesContact().run(dispatcher, track, domain)
    return next(e["value"] for e in events if e.get("name") == "contact")


def case_rows(database):
    engine = create_engine(database, future=True)
    with engine.connect() as connection:
        rows = connection.execute(text(
            "select status, closing_note, contact_wishes from relais_cases")).all()
    engine.dispose()
    return rows


def test_an_instruction_without_a_case_is_kept_for_the_case_opened_later(dispatcher, domain, database):
    state = run(dispatcher, domain, tracker("ne m'écrivez pas après 19h"))
    reply = dispatcher.messages[-1]["text"]
    assert "après 19 h" in reply and "personne de l'équipe ne vous écrit" in reply
    assert case_rows(database) == []

    dispatcher.messages.clear()
    track = tracker("je veux parler à quelqu'un", contact=state, intent="demander_humain")
    ActionEscalader().run(dispatcher, track, domain)
    assert case_rows(database) == [("open", None, '{"quiet_from": 19}')]


def test_an_instruction_with_a_case_goes_on_it_and_a_discreet_one_gets_the_erase_hint(dispatcher, domain, database):
    ActionEscalader().run(dispatcher, tracker("un humain svp", intent="demander_humain"), domain)
    dispatcher.messages.clear()
    run(dispatcher, domain, tracker("il lit mes messages, pas d'appel"))
    texts = [m["text"] for m in dispatcher.messages]
    assert "l'équipe relais le voit sur votre demande" in texts[0]
    assert texts[1] == contact_texts().citizen["erase_hint"]
    assert case_rows(database) == [("open", None, '{"discreet": true, "no_calls": true}')]


def test_inside_a_form_its_question_comes_again(dispatcher, domain, database):
    run(dispatcher, domain, tracker("pas le soir svp", active_loop="diagnostic_form",
                                    requested_slot="alimentation_situation"))
    assert dispatcher.messages[-1]["response"] == "utter_ask_alimentation_situation"


def test_a_withdrawal_is_confirmed_then_closes_the_case(dispatcher, domain, database):
    ActionEscalader().run(dispatcher, tracker("un humain svp", intent="demander_humain"), domain)
    dispatcher.messages.clear()
    state = run(dispatcher, domain, tracker("annulez ma demande"))
    asked = dispatcher.messages[-1]
    assert asked["text"] == contact_texts().citizen["withdraw_question"]
    assert [b["payload"] for b in asked["buttons"]] == ["/affirm", "/deny"]
    assert case_rows(database)[0][0] == "open"

    dispatcher.messages.clear()
    state = run(dispatcher, domain, tracker("non", contact=state, intent="deny", after_contact=True))
    assert dispatcher.messages[-1]["text"] == contact_texts().citizen["kept"]
    assert case_rows(database)[0][0] == "open" and not state["awaiting_withdrawal"]

    state = run(dispatcher, domain, tracker("annulez le dossier", contact=state))
    dispatcher.messages.clear()
    run(dispatcher, domain, tracker("/affirm", contact=state, intent="affirm", after_contact=True))
    assert dispatcher.messages[-1]["text"] == contact_texts().citizen["withdrawn"]
    assert case_rows(database)[0][:2] == ("closed", "withdrawn_by_citizen")


def test_a_crisis_case_withdrawn_keeps_the_numbers(dispatcher, domain, database):
    backend().escalation.open_case(SENDER, "crisis", crisis_kind="violence")
    state = run(dispatcher, domain, tracker("annulez ma demande, il va voir"))
    dispatcher.messages.clear()
    run(dispatcher, domain, tracker("oui", contact=state, intent="affirm", after_contact=True))
    reply = dispatcher.messages[-1]["text"]
    assert reply.startswith(contact_texts().citizen["withdrawn"]) and "3919" in reply


def test_nothing_to_withdraw_says_so(dispatcher, domain, database):
    run(dispatcher, domain, tracker("je ne veux plus qu'on me contacte"))
    assert dispatcher.messages[-1]["text"] == contact_texts().citizen["nothing_to_withdraw"]


def test_a_request_for_a_person_with_an_instruction_opens_the_case_with_it(dispatcher, domain, database):
    run(dispatcher, domain, tracker("je voudrais parler à quelqu'un de vrai, mais pas le week-end svp",
                                    intent="demander_humain"))
    texts = [m.get("text") or m.get("response") for m in dispatcher.messages]
    assert dispatcher.messages[0]["response"] == "utter_escalade_demande"
    assert "aucun message le week-end" in texts[-1]
    assert case_rows(database) == [("open", None, '{"no_weekend": true}')]


def test_a_check_of_what_is_noted_and_a_change_of_mind(dispatcher, domain, database):
    state = run(dispatcher, domain, tracker("je veux parler à un humain, pas le week-end", intent="demander_humain"))
    dispatcher.messages.clear()
    state = run(dispatcher, domain, tracker("vous leur avez bien dit ?", contact=state))
    assert "aucun message le week-end" in dispatcher.messages[-1]["text"]
    dispatcher.messages.clear()
    run(dispatcher, domain, tracker("finalement vous pouvez m'écrire le week-end aussi", contact=state))
    # The case stands, without instructions now.
    assert dispatcher.messages[-1]["text"] == contact_texts().citizen["case_pending"].format(case=1)
    assert case_rows(database) == [("open", None, "{}")]


def test_a_request_for_a_person_worried_about_a_babys_health_gets_the_15_beside_it(dispatcher, domain, database):
    # Persona round 16: « il a les mains un peu froides, je m'inquiète » got « dans la
    # demi-journée » and the 112 only.
    from relais.crisis import crisis_content
    ActionEscalader().run(dispatcher, tracker("il a les mains un peu froides, je m'inquiète. je peux parler à quelqu'un ?",
                                              intent="demander_humain"), domain)
    assert dispatcher.messages[-1]["text"] == crisis_content().text("health_signs")
    dispatcher.messages.clear()
    ActionEscalader().run(dispatcher, tracker("un humain svp", intent="demander_humain"), domain)
    assert all(m.get("text") != crisis_content().text("health_signs") for m in dispatcher.messages)


def test_said_again_an_instruction_gets_what_stands_and_holds_for_the_alerts(dispatcher, domain, database):
    backend().events.subscribe(SENDER, "59000")
    state = run(dispatcher, domain, tracker("pas de messages avant 9 h"))
    texts = [m["text"] for m in dispatcher.messages]
    assert "avant 9 h" in texts[0]
    assert texts[-1].startswith("Pour les alertes aussi : rien entre 21 h et 9 h")
    subscription = backend().events.subscription_of(SENDER)
    assert (subscription.quiet_from, subscription.quiet_until) == (21, 9)
    dispatcher.messages.clear()
    run(dispatcher, domain, tracker("pour les alertes : pas de messages avant 9h", contact=state))
    assert dispatcher.messages and "avant 9 h" in dispatcher.messages[0]["text"]  # not silence


def test_a_day_told_in_the_past_is_no_day_off():
    # Persona round 101: « je ne l'ai plus au téléphone, c'était mardi » kept « aucun message le
    # mardi » on a case.
    from relais.contact_wishes import read_contact
    assert read_contact("Je ne l'ai plus au téléphone, c'était mardi. Je dois faire opposition ?", True).wishes.days_off == ()
    assert read_contact("pas de message le mardi svp", True).wishes.days_off == (1,)


def test_a_phone_call_asked_for_goes_on_the_case_and_a_day_off_said_by_mistake_is_lifted(dispatcher, domain, database):
    # Persona round 101: a woman of 69 with poor eyesight asked twice to be phoned, and « aucun
    # message le mardi », noted by mistake, stayed.
    state = run(dispatcher, domain, tracker("pas le mardi"))
    ActionEscalader().run(dispatcher, tracker("je veux parler à quelqu'un", contact=state, intent="demander_humain"), domain)
    dispatcher.messages.clear()
    state = run(dispatcher, domain, tracker(
        "Je voudrais que la personne de l'équipe me téléphone au lieu d'écrire, n'importe quel jour, le mardi aussi. "
        "J'ai du mal à lire les messages", contact=state))
    assert "appel téléphonique" in dispatcher.messages[-1]["text"]
    assert case_rows(database) == [("open", None, '{"call_me": true}')]
