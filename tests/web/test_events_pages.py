"""The territorial events' pages of the web space (issue #15) through Flask's test client, on a
migrated SQLite database: declaring an event alerts the subscribed citizens of its départements
only, within the agent's territory and role; the welfare check per département; an update and
the end reach the alerted citizens; another territory's event is a 404 page; CSRF."""

import html
import json
import re
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from relais.models import AgentAudit, InboxEntry
from relais.services.events import EventDraft
from relais.territories import Territory
from web.app import create_app

PASSWORD = "correct horse battery"
SECRET_KEY = "a test secret key, long enough for itsdangerous"
HAUTE_LOIRE = Territory("departement", "43")
RHONE = Territory("departement", "69")
AUVERGNE_RHONE_ALPES = Territory("region", "84")
BRIOUDE = Territory("unit", "brioude")
WATER = "L'eau du réseau n'est pas potable jusqu'à nouvel ordre : bouteilles à la mairie dès 14 h."


@pytest.fixture
def app(desk, event_service):
    return create_app(desk, SECRET_KEY, testing=True, events=event_service)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def agents(desk):
    """An agent of each kind: a relais of Haute-Loire (43) and one of the Rhône (69), the
    negotiator of Auvergne-Rhône-Alpes (43, 15, 69…), a unit agent of Brioude (in the 43)."""
    desk.create_agent("rose", "Rose Vidal", PASSWORD, "relais", HAUTE_LOIRE)
    desk.create_agent("lyon", "Louis Bernard", PASSWORD, "relais", RHONE)
    desk.create_agent("nina", "Nina Roux", PASSWORD, "negotiator", AUVERGNE_RHONE_ALPES)
    desk.create_agent("claire", "Claire Martin", PASSWORD, "unit", BRIOUDE)


@pytest.fixture
def subscribers(event_service):
    """Citizens subscribed to the alerts: two in the 43, one in the 15, one in the 69."""
    chats = {"brioude": "43100", "le-puy": "43000", "saint-flour": "15100", "lyon": "69008"}
    for chat, postal_code in chats.items():
        event_service.subscribe(chat, postal_code)
    return chats


def sign_in(client, login):
    response = client.post("/connexion", data={"identifiant": login, "mot_de_passe": PASSWORD})
    assert response.status_code == 302
    return response


def page_text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def messages(response) -> list[str]:
    return re.findall(r'<p class="message[^"]*"[^>]*>([^<]*)</p>', page_text(response))


def csrf_token(response) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page_text(response)).group(1)


def form(**changes) -> dict[str, str]:
    fields = {"type": "coupure_eau", "gravite": "vigilance", "departements": "43", "consignes": WATER,
              "fin": ""}
    fields.update(changes)
    return fields


def declared_id(response) -> int:
    assert response.status_code == 302, page_text(response)
    return int(re.fullmatch(r"/evenements/(\d+)", response.headers["Location"]).group(1))


def sent_texts(session_factory) -> dict[str, list[str]]:
    """What reached the chats' queues: {chat: [texts]}."""
    with session_factory() as session:
        rows = session.execute(select(InboxEntry.chat_id, InboxEntry.replies)
                               .where(InboxEntry.kind == "outgoing").order_by(InboxEntry.id)).all()
    texts: dict[str, list[str]] = {}
    for chat, replies in rows:
        texts.setdefault(chat, []).extend(reply["text"] for reply in json.loads(replies))
    return texts


def welfare_table(response) -> dict[str, list[str]]:
    """The welfare check's table: {row's heading: its cells' text}."""
    table = re.search(r'<table class="bilan">(.*?)</table>', page_text(response), re.S).group(1)
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S):
        cells = [" ".join(re.sub(r"<[^>]+>", " ", cell).split())
                 for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        rows[cells[0]] = cells[1:]
    return rows


def declare(event_service, departements=("43",), **changes):
    """An event declared as the CLI would (no agent), for the pages to show."""
    values = {"kind": "coupure_eau", "severity": "vigilance", "departements": departements,
              "instructions": WATER}
    values.update(changes)
    return event_service.declare(EventDraft(**values)).id


def test_the_events_pages_need_a_signed_in_agent(client):
    for path in ("/evenements", "/evenements/nouveau", "/evenements/1"):
        assert client.get(path).headers["Location"].startswith("/connexion")
    assert client.post("/evenements/nouveau", data=form()).headers["Location"].startswith("/connexion")


def test_a_relais_agent_declares_an_event_and_its_departement_subscribers_only_are_alerted(
        client, agents, subscribers, outbox, event_service, session_factory):
    sign_in(client, "rose")
    assert "/evenements" in page_text(client.get("/doleances"))  # in the menu
    new = client.get("/evenements/nouveau")
    assert new.status_code == 200
    assert 'name="departements" value="43"' in page_text(new)  # its only département, typed
    event_id = declared_id(client.post("/evenements/nouveau", data=form(fin="2026-11-28T18:00")))

    page = client.get(f"/evenements/{event_id}")
    assert messages(page) == ["Événement déclaré : 2 personnes alertées parmi les inscrits aux "
                              "alertes de ces départements."]
    assert "Coupure d'eau potable" in page_text(page) and WATER in page_text(page)
    assert "28/11/2026 à 18 h 00" in page_text(page)  # the end, in Paris time
    assert sorted(outbox.move_due()) == ["brioude", "le-puy"]
    assert WATER in sent_texts(session_factory)["brioude"][0]

    listed = page_text(client.get("/evenements"))
    assert "Coupure d'eau potable" in listed and "2 personnes alertées" in listed and "En cours" in listed
    [event] = event_service.events()
    assert event.ends_at == datetime(2026, 11, 28, 17, 0, tzinfo=timezone.utc)
    with session_factory() as session:
        [audit] = session.scalars(select(AgentAudit).where(AgentAudit.action == "event_declared")).all()
        assert audit.agent_id is not None


def test_a_unit_agent_reads_the_events_of_its_departement_but_cannot_declare(
        client, agents, subscribers, outbox, event_service):
    event_id = declare(event_service)
    outbox.move_due()
    sign_in(client, "claire")
    listed = page_text(client.get("/evenements"))
    assert "Coupure d'eau potable" in listed and "Déclarer un événement" not in listed
    page = client.get(f"/evenements/{event_id}")
    assert page.status_code == 200 and "Envoyer la mise à jour" not in page_text(page)
    assert "Terminer l'événement" not in page_text(page)
    assert client.get("/evenements/nouveau").status_code == 404
    assert client.post("/evenements/nouveau", data=form()).status_code == 404
    assert client.post(f"/evenements/{event_id}/mise-a-jour", data={"consignes": "Non"}).status_code == 404
    assert client.post(f"/evenements/{event_id}/fin", data={}).status_code == 404
    assert len(event_service.events()) == 1 and event_service.event(event_id).status == "active"
    assert outbox.move_due() == []


@pytest.mark.parametrize("login, typed, refusal", [
    ("rose", "43 15", "Le département 15 n'est pas dans votre territoire (43) : rien n'a été déclaré."),
    ("nina", "43 75 13", "Les départements 75, 13 ne sont pas dans votre territoire (01, 03, 07, 15, "
                         "26, 38, 42, 43, 63, 69, 73, 74) : rien n'a été déclaré."),
    ("rose", "43 1000", "« 1000 » n'est pas un numéro de département."),
    ("rose", "", "Indiquez au moins un département."),
])
def test_a_departement_outside_the_territory_is_refused_and_nothing_is_declared(
        client, agents, subscribers, outbox, event_service, login, typed, refusal):
    sign_in(client, login)
    response = client.post("/evenements/nouveau", data=form(departements=typed, type="inondation"))
    assert response.status_code == 200
    assert messages(response) == [refusal]
    text = page_text(response)
    assert WATER in text and f'value="{typed}"' in text  # what was typed is kept
    assert '<option value="inondation" selected>' in text
    assert event_service.events() == [] and outbox.move_due() == []


def test_the_services_refusals_are_shown_with_the_form_as_typed(client, agents, event_service):
    sign_in(client, "rose")
    for changes, refusal in [
        ({"consignes": "  "}, "Écrivez les consignes pratiques : ce qui se passe et ce qu'il faut faire."),
        ({"consignes": "x" * 1201}, "Les consignes dépassent 1200 caractères : raccourcissez-les (un "
                                    "message doit rester lisible sur un téléphone)."),
        ({"gravite": "apocalypse"}, "Niveau inconnu : apocalypse."),
        ({"fin": "demain soir"}, "La fin prévue n'a pas pu être lue : choisissez une date et une "
                                 "heure (ou laissez le champ vide)."),
    ]:
        response = client.post("/evenements/nouveau", data=form(**changes))
        assert messages(response) == [refusal]
    assert event_service.events() == []


def test_a_negotiator_declares_for_several_departements_of_its_region(client, agents, subscribers, outbox):
    sign_in(client, "nina")
    assert 'name="departements" value=""' in page_text(client.get("/evenements/nouveau"))
    event_id = declared_id(client.post("/evenements/nouveau", data=form(departements="43, 15",
                                                                        gravite="danger")))
    assert messages(client.get(f"/evenements/{event_id}"))[0].startswith("Événement déclaré : 3 personnes")
    assert sorted(outbox.move_due()) == ["brioude", "le-puy", "saint-flour"]


def test_a_declaration_without_a_csrf_token_is_refused(desk, event_service, agents, subscribers, outbox):
    client = create_app(desk, SECRET_KEY, csrf=True, secure_cookies=False, events=event_service).test_client()
    token = csrf_token(client.get("/connexion"))
    client.post("/connexion", data={"identifiant": "rose", "mot_de_passe": PASSWORD, "csrf_token": token})
    for data in (form(), form(csrf_token="forged")):
        refused = client.post("/evenements/nouveau", data=data)
        assert refused.status_code == 400 and "rien n'a été enregistré" in page_text(refused)
    assert event_service.events() == [] and outbox.move_due() == []
    token = csrf_token(client.get("/evenements/nouveau"))
    event_id = declared_id(client.post("/evenements/nouveau", data=form(csrf_token=token)))
    assert client.post(f"/evenements/{event_id}/fin", data={}).status_code == 400
    assert event_service.event(event_id).status == "active"


def test_the_welfare_check_counts_the_answers_per_departement_of_the_territory(
        client, agents, subscribers, event_service):
    event_service.subscribe("yssingeaux", "43200")
    event_id = declare(event_service, departements=("43", "15"))
    event_service.answer("brioude", "help")
    event_service.answer("le-puy", "fine")
    event_service.note_reply("yssingeaux")  # wrote without a button
    event_service.answer("saint-flour", "help", track="energie")

    sign_in(client, "rose")  # the 43 only
    table = welfare_table(client.get(f"/evenements/{event_id}"))
    assert table == {
        "Réponse": ["43"], "Alertées": ["3"], "Tout va bien": ["1"],
        "Besoin d'aide": ["1 alimentation : 1"], "Répondu autrement": ["1"], "Sans réponse": ["0"],
        "Relancées": ["0"], "Signalées au relais": ["0"],
    }
    client.post("/deconnexion")
    sign_in(client, "nina")  # the region: both départements, and their total
    table = welfare_table(client.get(f"/evenements/{event_id}"))
    assert table["Réponse"] == ["15", "43", "Total"]
    assert table["Alertées"] == ["1", "3", "4"]
    assert table["Besoin d'aide"] == ["1 énergie : 1", "1 alimentation : 1", "2"]
    assert table["Sans réponse"] == ["0", "0", "0"]


def test_an_update_and_the_end_reach_the_alerted_citizens(
        client, agents, subscribers, outbox, event_service, session_factory):
    event_id = declare(event_service)
    assert sorted(outbox.move_due()) == ["brioude", "le-puy"]
    sign_in(client, "rose")

    refused = client.post(f"/evenements/{event_id}/mise-a-jour", data={"consignes": " ", "gravite": ""})
    assert messages(refused) == ["Écrivez les consignes pratiques : ce qui se passe et ce qu'il faut faire."]
    assert outbox.move_due() == []

    news = "Distribution de bouteilles prolongée jusqu'à 19 h, place de la mairie."
    response = client.post(f"/evenements/{event_id}/mise-a-jour", data={"consignes": news, "gravite": "danger"})
    assert response.headers["Location"] == f"/evenements/{event_id}"
    page = client.get(f"/evenements/{event_id}")
    assert messages(page) == ["Mise à jour envoyée à 2 personnes."]
    assert "DANGER" in page_text(page) and news in page_text(page)
    assert sorted(outbox.move_due()) == ["brioude", "le-puy"]
    assert news in sent_texts(session_factory)["le-puy"][-1]

    client.post(f"/evenements/{event_id}/fin", data={"message": "L'eau est de nouveau potable."})
    page = client.get(f"/evenements/{event_id}")
    assert messages(page) == ["Événement terminé : 2 personnes prévenues."]
    assert "Terminé le" in page_text(page) and "Envoyer la mise à jour" not in page_text(page)
    assert sorted(outbox.move_due()) == ["brioude", "le-puy"]
    ended = sent_texts(session_factory)["brioude"][-1]
    assert ended.startswith("Fin de l'alerte") and "de nouveau potable" in ended

    again = client.post(f"/evenements/{event_id}/fin", data={})
    assert again.headers["Location"] == f"/evenements/{event_id}"
    assert messages(client.get(f"/evenements/{event_id}")) == [
        "Cet événement est déjà terminé : plus rien ne peut être envoyé à son sujet."]
    assert outbox.move_due() == []


def test_another_territorys_event_is_a_404_page_and_nothing_changes(
        client, agents, subscribers, outbox, event_service):
    event_id = declare(event_service)
    outbox.move_due()
    sign_in(client, "lyon")
    assert "Coupure d'eau potable" not in page_text(client.get("/evenements"))
    for response in (client.get(f"/evenements/{event_id}"), client.get("/evenements/999999"),
                     client.post(f"/evenements/{event_id}/mise-a-jour", data={"consignes": "Rien"}),
                     client.post(f"/evenements/{event_id}/fin", data={})):
        assert response.status_code == 404
        assert "Page introuvable" in page_text(response)
    assert event_service.event(event_id).status == "active" and outbox.move_due() == []


def test_without_an_event_service_the_pages_and_their_link_are_absent(desk, agents):
    client = create_app(desk, SECRET_KEY, testing=True).test_client()
    sign_in(client, "rose")
    assert "/evenements" not in page_text(client.get("/doleances"))
    assert client.get("/evenements").status_code == 404
