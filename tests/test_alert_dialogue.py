"""The conversation about territorial alerts without Rasa (relais/alert_dialogue.py) over a
real SQLite database: the alert's buttons record the welfare answer, subscribing asks only
what is missing, stopping forgets the place."""

import pytest

from relais.alert_dialogue import PERSON_PAYLOAD, STEP_KEY, alert_turn
from relais.alert_words import (
    FINE,
    NEED_HELP,
    NOT_NOW,
    STEP_CHECK_ON_ME,
    STEP_CURRENT_PLACE,
    STEP_PLACE,
)
from relais.database import create_engine_from_url, make_session_factory, upgrade_to_head
from relais.services.events import EventDraft, EventService
from tests.support.clock import FakeClock


@pytest.fixture
def events(tmp_path):
    url = f"sqlite:///{tmp_path / 'relais.db'}"
    upgrade_to_head(url)
    engine = create_engine_from_url(url)
    yield EventService(make_session_factory(engine), clock=FakeClock())
    engine.dispose()


def say(events, text, state=None, choice=None, sender="c1"):
    turn = alert_turn(events, sender, state or {}, text, choice)
    return "\n".join(said.text for said in turn.replies), turn


def test_subscribing_asks_the_postal_code_then_the_check_on_me(events):
    text, turn = say(events, "je veux recevoir les alertes")
    assert "code postal" in text and turn.state == {STEP_KEY: STEP_PLACE}
    text, turn = say(events, "43 100", turn.state)
    assert "43100" in text and "revienne vers vous" in text
    assert turn.state == {STEP_KEY: STEP_CHECK_ON_ME}
    assert [b[1] for b in turn.replies[-1].buttons] == ["oui", "non"]
    text, turn = say(events, "oui", turn.state)
    assert turn.state == {} and events.subscription_of("c1").check_on_me is True
    text, _ = say(events, "je suis inscrite aux alertes ?")
    assert "43100" in text and "je reviens vers vous" in text


def test_a_postal_code_given_at_once_is_used(events):
    _text, turn = say(events, "inscrivez-moi aux alertes pour le 15100 svp")
    assert events.subscription_of("c1").departement == "15"
    _text, turn = say(events, "non", turn.state)
    assert events.subscription_of("c1").check_on_me is False and turn.state == {}


def test_declining_the_postal_code_subscribes_nothing(events):
    _text, turn = say(events, "alertes")
    text, turn = say(events, "non merci", turn.state)
    assert "pas d'alertes" in text and events.subscription_of("c1") is None and turn.state == {}


def test_stop_forgets_the_subscription(events):
    say(events, "alertes pour le 43100")
    text, _ = say(events, "stop alertes")
    assert "arrêté" in text and events.subscription_of("c1") is None
    text, _ = say(events, "stop alertes")
    assert "pas inscrit" in text


def test_the_alert_buttons_record_the_welfare_answer(events):
    for chat in ("c1", "c2"):
        events.subscribe(chat, "43100")
    event = events.declare(EventDraft("penurie_carburant", "vigilance", ("43",),
                                      "Stations à sec jusqu'à jeudi."))
    text, turn = say(events, "J'ai besoin d'aide", choice=NEED_HELP)
    assert "Pénurie de carburant" in text and "1." in text  # the scenario's first steps
    assert (PERSON_PAYLOAD in [b[1] for b in turn.replies[-1].buttons])
    text, _ = say(events, "Tout va bien", choice=FINE, sender="c2")
    assert "tout va bien" in text
    [count] = events.welfare(event.id)
    assert (count.help, count.fine, count.help_by_track) == (1, 1, {"mobilite": 1})
    text, _ = say(events, "Pas pour l'instant", choice=NOT_NOW)
    assert "quand vous voulez" in text


def test_a_button_after_the_end_of_the_event_still_helps(events):
    events.subscribe("c1", "43100")
    event = events.declare(EventDraft("coupure_eau", "danger", ("43",), "Eau non potable."))
    events.end(event.id)
    text, turn = say(events, "J'ai besoin d'aide", choice=NEED_HELP)
    assert "ce qui se passe" in text and turn.replies[-1].buttons


def test_a_shared_location_answers_the_postal_code_question(events):
    """The edge turns a shared location into the postal code of the nearest prefecture, sent
    as the relais lookup's payload (bot/telegram_updates.py)."""
    _text, turn = say(events, "alertes")
    text, turn = say(events, '/trouver_relais{"code_postal":"43000"}', turn.state)
    assert events.subscription_of("c1").departement == "43" and turn.state == {STEP_KEY: STEP_CHECK_ON_ME}


def test_quiet_hours_are_the_citizens_own(events):
    text, _ = say(events, "pas de messages avant 9h")
    assert "pas inscrit" in text
    say(events, "alertes pour le 43100")
    text, _ = say(events, "ne m'écrivez pas entre 22h et 9h")
    assert "entre 22 h et 9 h" in text and "danger" in text
    current = events.subscription_of("c1")
    assert (current.quiet_from, current.quiet_until) == (22, 9)
    say(events, "pas de notif avant 7h")  # one end changed, the other kept
    current = events.subscription_of("c1")
    assert (current.quiet_from, current.quiet_until) == (22, 7)
    text, _ = say(events, "je suis inscrit aux alertes ?")
    assert "de 22 h à 7 h" in text


def test_is_there_an_alert_now(events):
    # Not subscribed, no place: the place is asked, then answered.
    text, turn = say(events, "est-ce qu'il y a une alerte en ce moment ?")
    assert "code postal" in text and turn.state == {STEP_KEY: STEP_CURRENT_PLACE}
    text, turn = say(events, "43 100", turn.state)
    assert "Aucune alerte en cours pour le département 43" in text and "prévenu·e" in text
    text, turn = say(events, "ok oui je veux bien être prévenue alors", turn.state)
    assert "43100" in text and events.subscription_of("c1").departement == "43"  # the code given
    events.declare(EventDraft(kind="coupure_eau", severity="danger", departements=("43",),
                              instructions="Eau non potable. Bouteilles au gymnase Jules-Vallès."))
    # Subscribed: their département; another one named in the message.
    say(events, "alertes pour le 43100", sender="c2")
    text, _ = say(events, "y a toujours une alerte en cours chez moi ?", sender="c2")
    assert text.startswith("DANGER — Coupure d'eau potable (département 43), depuis le")
    assert "gymnase Jules-Vallès" in text and "je suis là" in text
    text, _ = say(events, "et dans le 15, il y a une alerte ?", sender="c2")
    assert "Aucune alerte en cours pour le département 15" in text
