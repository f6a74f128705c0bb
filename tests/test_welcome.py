"""The first thing a citizen reads: one phone screen, then the consent question."""

import yaml

from tests.support.paths import ROOT

SCREEN = 700  # characters of one phone screen


def text(domain, response):
    (variation,) = domain["responses"][response]
    return variation["text"]


def test_welcome_and_consent_question_fit_one_screen(domain):
    welcome = text(domain, "utter_accueil") + text(domain, "utter_demande_consentement")
    assert len(welcome) <= SCREEN, len(welcome)


def test_the_welcome_says_what_relais_is_and_the_numbers(domain):
    welcome = text(domain, "utter_accueil")
    assert "programme" in welcome and "équipe relais" in welcome
    assert "112" in welcome and "3114" in welcome


def test_the_consent_question_says_what_is_kept_and_asks(domain):
    question = text(domain, "utter_demande_consentement")
    for said in ("humeur", "objectifs", "santé", "effacer", "refusez"):
        assert said in question, said
    assert "?" in question
    buttons = domain["responses"]["utter_demande_consentement"][0]["buttons"]
    assert [button["payload"] for button in buttons] == ["/consentir", "/refuser_consentement"]


def test_the_first_rule_is_welcome_then_consent():
    rules = yaml.safe_load((ROOT / "data" / "rules" / "welcome.yml").read_text(encoding="utf-8"))
    first = next(rule for rule in rules["rules"] if rule["rule"].startswith("first contact"))
    assert first["steps"] == [
        {"intent": "greet"}, {"action": "action_accueil"}, {"action": "action_demande_consentement"},
    ]


def test_after_the_answer_one_screen_again(domain):
    for answer in ("utter_consentement_merci", "utter_consentement_refuse"):
        assert len(text(domain, answer) + text(domain, "utter_menu")) <= SCREEN, answer


def test_what_follows_a_greeting_is_kept_for_an_answer():
    from relais.greeting import after_greeting

    assert after_greeting("Bonsoir madame, comment on fait un compost en appartement ?") == \
        "comment on fait un compost en appartement"
    assert after_greeting("bonjour") == "" and after_greeting("salut ça va ?") == ""
    assert after_greeting("bonjour à vous tous") == ""
    # No greeting: the message is not one (DIET's other readings handle it).
    assert after_greeting("comment on fait un compost") == ""


def test_the_welcome_answers_a_question_asked_with_the_hello(dispatcher, domain):
    from actions.welcome import ActionAccueil
    from tests.support.action_trackers import make_tracker

    tracker = make_tracker("greet", "Bonjour, comment démarrer un potager ?")
    events = ActionAccueil().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_accueil"
    assert len(dispatcher.messages) >= 2
    assert any(e.get("name") == "track" and e.get("value") == "permaculture" for e in events)


def test_a_plain_greeting_is_only_welcomed(dispatcher, domain):
    from actions.welcome import ActionAccueil
    from tests.support.action_trackers import make_tracker

    assert ActionAccueil().run(dispatcher, make_tracker("greet", "bonjour !"), domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_accueil"]


def test_the_consent_question_is_not_asked_twice_in_one_session(dispatcher, domain):
    # Persona round 97: Telegram's /start, then « bonjour urgent svp », showed the question twice.
    from actions.welcome import ActionDemandeConsentement
    from tests.support.action_trackers import make_tracker

    asked = {"event": "bot", "text": "Acceptez-vous ?", "metadata": {"utter_action": "utter_demande_consentement"}}
    started = {"event": "session_started"}
    ActionDemandeConsentement().run(dispatcher, make_tracker("greet", "bonjour", events=[started, asked]), domain)
    assert dispatcher.messages == []
    ActionDemandeConsentement().run(dispatcher, make_tracker("greet", "bonjour", events=[asked, started]), domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_demande_consentement"]
