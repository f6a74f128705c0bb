"""What citizens say about their check-ins (relais/checkins.py read_request): pause, resume,
stop, a chosen day and hour, and questions about them (our own phrasings)."""

import pytest

from relais.checkins import CHOOSE, PAUSE, RESUME, STATUS, STOP, CheckinRequest, read_request


@pytest.mark.parametrize("text, kind, weekday, hour", [
    ("pause rappels", PAUSE, None, None),
    ("suspendre les rappels svp", PAUSE, None, None),
    ("reprendre les rappels", RESUME, None, None),
    ("stop rappels", STOP, None, None),
    ("un point chaque lundi à 18h", CHOOSE, 0, 18),
    ("quand est mon prochain point ?", STATUS, None, None),
    # A question about the pause is no new plan (it turned the check-ins back on).
    ("mes points du lundi sont bien en pause ?", STATUS, None, None),
    # Persona round 92: « vous m'enverrez un message vendredi ? » got the scam-SMS advice.
    ("vous m'enverrez un message vendredi ?", CHOOSE, 4, None),
    ("vous pouvez m'écrire lundi à 9h pour voir si j'ai avancé ?", CHOOSE, 0, 9),
])
def test_requests_about_check_ins(text, kind, weekday, hour):
    request = read_request(text)
    assert request is not None
    assert (request.kind, request.weekday, request.hour) == (kind, weekday, hour)


@pytest.mark.parametrize("text", ["je fais une pause", "le point de vue du maire", "bonjour",
                                  "ma fille va m'écrire lundi"])
def test_other_messages_are_not_about_check_ins(text):
    assert read_request(text) is None


@pytest.mark.parametrize("text, kind", [
    # Persona round 97: « je ne sais pas vous aider » to a shopkeeper asking how follow-up works,
    # and a list of actions to « vous me relancez la semaine prochaine ».
    ("la prochaine fois c'est quand? vous m'envoyez un message dans une semaine ou c'est moi qui dois revenir?", "status"),
    ("Fixez moi un objectif et vous me relancez la semaine prochaine pour voir si j'ai tenu.", "choose"),
    ("je reviens la semaine prochaine", None),
])
def test_follow_up_asked_in_everyday_words(text, kind):
    from relais.checkins import read_request
    request = read_request(text)
    assert (request.kind if request else None) == kind
    if kind == "choose":
        assert request.weekday is None


def test_a_weekly_point_asked_without_a_day_keeps_todays_weekday(tmp_path):
    from relais.alert_dialogue import checkin_turn
    from relais.checkins import CheckinRequest, default_schedule
    from relais.services.checkins import CheckinService
    from tests.support import rendered_scenarios as scenario

    s = scenario.services(tmp_path)
    s.consent.record_consent("weekly", True, "v1")
    checkins = CheckinService(s.data_rights._session_factory, clock=s.clock)
    turn = checkin_turn(checkins, "weekly", CheckinRequest(CHOOSE))
    plan = checkins.plan("weekly")
    assert plan is not None and plan.weekday == default_schedule(s.clock())[0]
    assert turn.replies[0].text.startswith("C'est noté : un point chaque")


def test_a_part_of_the_day_sets_the_hour():
    # Persona round 98: « chaque lundi matin » was set at 18 h.
    assert read_request("un rappel chaque lundi matin svp") == CheckinRequest(CHOOSE, 0, 9)
    assert read_request("un point chaque vendredi soir") == CheckinRequest(CHOOSE, 4, 18)


@pytest.mark.parametrize("text, days", [
    # Persona round 107: « droit à la déconnexion », then a card on meaningful work.
    ("est ce que vous m'envoyez un message dans 3 ou 4 jours pour voir où j'en suis ?", 3),
    ("vous pouvez me relancer dans quelques jours pour savoir si j'ai fait les démarches", 3),
    ("relancez-moi dans deux jours svp", 2),
])
def test_a_point_in_a_few_days(text, days):
    assert read_request(text) == CheckinRequest(CHOOSE, in_days=days)


@pytest.mark.parametrize("text, days, hour", [
    ("tu m'écris dans 2 jours", 2, None),  # review F20: « tu m'écris » was not heard
    ("vous pouvez m'écrire dans 3 jours vers 10h", 3, 10),
    ("écrivez-moi dans 3 jours le matin", 3, 9),
])
def test_a_point_in_a_few_days_at_an_hour(text, days, hour):
    assert read_request(text) == CheckinRequest(CHOOSE, hour=hour, in_days=days)


@pytest.mark.parametrize("text", ["ne me relancez pas dans 3 jours", "je pars dans 3 jours en vacances"])
def test_days_said_of_something_else_ask_no_point(text):
    assert read_request(text) is None


def test_will_you_write_to_me_or_not_asks_where_it_stands():
    assert read_request("mais du coup vous allez me relancer ou pas ?") == CheckinRequest(STATUS)


def test_the_weekday_in_a_few_days_is_paris_time():
    from datetime import datetime, timezone

    from relais.checkins import weekday_in_days
    monday_late = datetime(2026, 12, 7, 23, 30, tzinfo=timezone.utc)  # Tuesday 00:30 in Paris
    assert weekday_in_days(3, monday_late) == 4  # Friday


@pytest.mark.parametrize("text", ["tu m'écris pas lundi, mon mari regarde mon tel", "vous m'écrivez pas mardi svp",
                                  "tu ne m'écris pas dans 3 jours hein"])
def test_a_day_not_to_write_books_nothing(text):
    # A review: « tu m'écris pas lundi » booked Monday.
    assert read_request(text) is None


def test_an_hour_of_something_else_is_not_the_points():
    assert read_request("tu m'écris dans 3 jours, j'ai rdv à 14h") == CheckinRequest(CHOOSE, in_days=3)
