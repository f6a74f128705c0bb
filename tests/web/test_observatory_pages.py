"""The observatory's pages (issue #16) through Flask's test client, on a migrated SQLite
database filled through the citizens' own services: a relais agent sees their département, a
negotiator their region and its départements compared, a unit agent has no observatory; small
counts are never shown, nor recoverable from a total; the CSV holds the published figures only."""

import csv
import html
import io
import re

import pytest

from relais.services.consent import ConsentService
from relais.services.observatory import ObservatoryService
from relais.services.progress import ProgressService
from relais.territories import Territory
from web.app import create_app

PASSWORD = "correct horse battery"
SECRET_KEY = "a test secret key, long enough for itsdangerous"
# Haute-Loire 43: 26 people, 13 of them in a low mood; Puy-de-Dôme 63: 12, all low; Cantal 15: 3,
# all low (a secret). All in region 84.
PEOPLE = {"43": ("43100", 26, 13), "63": ("63000", 12, 12), "15": ("15100", 3, 3)}


@pytest.fixture
def observatory(session_factory, clock):
    return ObservatoryService(session_factory, clock=clock)


@pytest.fixture
def client(desk, event_service, observatory):
    return create_app(desk, SECRET_KEY, testing=True, events=event_service,
                      observatory=observatory).test_client()


@pytest.fixture
def agents(desk):
    desk.create_agent("rose", "Rose Vidal", PASSWORD, "relais", Territory("departement", "43"))
    desk.create_agent("nina", "Nina Roux", PASSWORD, "negotiator", Territory("region", "84"))
    desk.create_agent("paul", "Paul Morel", PASSWORD, "negotiator", Territory("nation", "FR"))
    desk.create_agent("claire", "Claire Martin", PASSWORD, "unit", Territory("unit", "brioude"))


@pytest.fixture
def citizens(session_factory, clock, event_service, observatory):
    """People who talked with Relais this week, consented, gave their postal code for the
    alerts, asked about food (a third in urgence) and checked in (at mood 2 or 4)."""
    consent = ConsentService(session_factory, clock=clock)
    progress = ProgressService(session_factory, clock=clock)
    for departement, (postal_code, count, low) in PEOPLE.items():
        for index in range(count):
            chat = f"{departement}-{index}"
            consent.record_consent(chat, True, "v1")
            event_service.subscribe(chat, postal_code)
            progress.enrol(chat, "alimentation", "urgence" if index % 3 == 0 else "continu")
            progress.log_checkin(chat, 2 if index < low else 4)
    observatory.refresh()


def sign_in(client, login):
    response = client.post("/connexion", data={"identifiant": login, "mot_de_passe": PASSWORD})
    assert response.status_code == 302


def text(response) -> str:
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(response.get_data(as_text=True)))


def figure(page: str, label: str) -> str:
    """The value beside a row's label in the page's tables."""
    match = re.search(rf"<th scope=\"row\">{re.escape(label)}</th><td[^>]*>([^<]*)</td>", page)
    assert match, f"no row {label!r}"
    return match.group(1)


def test_a_relais_agent_sees_their_departement(client, agents, citizens):
    sign_in(client, "rose")
    response = client.get("/observatoire")
    assert response.status_code == 200
    page = text(response)
    assert "Observatoire — Haute-Loire (43)" in page
    assert figure(page, "Personnes accompagnées") == "26"
    assert figure(page, "Personnes ayant fait un point d'étape") == "26"
    # 13 of 26 check-ins at mood 2: 50,0 %.
    assert figure(page, "Part des points d'étape en humeur basse (1 ou 2)") == "50,0\u202f%"
    assert figure(page, "4 — bien") == figure(page, "2 — bas") == "13"
    # Another département, even by its code in the address: no such page for them.
    assert client.get("/observatoire?territoire=63").status_code == 404


def test_a_negotiator_compares_the_departements_and_a_small_count_is_hidden(client, agents,
                                                                            citizens):
    sign_in(client, "nina")
    page = text(client.get("/observatoire"))
    assert "Observatoire — Auvergne-Rhône-Alpes" in page
    assert figure(page, "Personnes accompagnées") == "41"
    ranking = re.findall(r"<tr><td>(\d*)</td><td>(\w+) — [^<]*</td><td[^>]*>([^<]*)</td></tr>", page)
    by_code = {code: (rank, shown) for rank, code, shown in ranking}
    # Cantal's 3 is a secret; alone it would be 30 - 15 - 12: Puy-de-Dôme's 12 goes with it.
    assert by_code["15"] == ("", "secret statistique")
    assert by_code["63"] == ("", "secret statistique")
    assert by_code["43"] == ("1", "26")
    assert "3" not in {shown for _rank, shown in by_code.values()}
    # The map: one tile per département, the hidden ones marked « s ».
    assert page.count('<g class="tuile') == 102
    assert re.search(r"<title>Cantal \(15\) : secret statistique</title>", page)
    # The département's own page inside the region shows the same secret.
    cantal = text(client.get("/observatoire?territoire=15"))
    assert figure(cantal, "Personnes accompagnées") == "secret statistique"
    # Puy-de-Dôme's 12 low moods: the region's 28 minus Haute-Loire's 13 would give them with the
    # Cantal's 3, so they are hidden with the Cantal's, and so is their share.
    puy = text(client.get("/observatoire?territoire=63"))
    assert figure(puy, "2 — bas") == "secret statistique"
    assert figure(puy, "Part des points d'étape en humeur basse (1 ou 2)") == "secret statistique"


def test_the_nation_and_its_csv_publish_nothing_under_eleven(client, agents, citizens):
    sign_in(client, "paul")
    page = text(client.get("/observatoire?periode=month&comparaison=mood_low"))
    assert "Observatoire — France entière" in page
    response = client.get("/observatoire.csv?periode=month&nombre=2")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows, "the published aggregates"
    for row in rows:
        assert row["secret"] in ("oui", "non")
        if row["secret"] == "oui":
            assert row["personnes"] == ""
        else:
            assert int(row["personnes"]) == 0 or int(row["personnes"]) >= 11
    places = {row["territoire"] for row in rows if row["indicateur"] == "conversations"}
    assert {"FR", "region:84", "43"} <= places
    cantal = [row for row in rows if row["territoire"] == "15" and row["indicateur"] == "conversations"]
    assert cantal and all(row["secret"] == "oui" for row in cantal)


def test_a_unit_agent_has_no_observatory_and_strangers_sign_in_first(client, agents, citizens):
    assert client.get("/observatoire").status_code == 302
    sign_in(client, "claire")
    assert client.get("/observatoire").status_code == 404
    assert client.get("/observatoire.csv").status_code == 404
    assert "Observatoire" not in text(client.get("/doleances"))


def test_a_query_that_cannot_be_read_falls_back_kindly(client, agents, citizens):
    sign_in(client, "rose")
    response = client.get("/observatoire?periode=annee&debut=hier&nombre=-4&comparaison=x")
    assert response.status_code == 200
    page = text(response)
    assert figure(page, "Personnes accompagnées") == "26"
    assert "Semaine du 23/11/2026" in page
