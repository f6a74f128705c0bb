"""What citizens say about their check-ins (relais/checkins.py read_request): pause, resume,
stop, a chosen day and hour, and questions about them (our own phrasings)."""

import pytest

from relais.checkins import CHOOSE, PAUSE, RESUME, STATUS, STOP, read_request


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
