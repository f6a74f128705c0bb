"""The agents' web space (web/) through Flask's test client, on a migrated SQLite database:
sign-in, CSRF, the territory's bounds, answers one by one and in bulk reaching each citizen's
chat, templates, the public page and its CSV export, security headers."""

import csv
import html
import io
import re
import time
from datetime import timedelta
from types import SimpleNamespace

import itsdangerous.timed
import pytest
from sqlalchemy import select, update

from relais.models import Agent, GrievanceNote
from relais.services.grievances import Draft
from relais.territories import Territory
from web.app import create_app

PASSWORD = "correct horse battery"
SECRET_KEY = "a test secret key, long enough for itsdangerous"
BRIOUDE = Territory("unit", "brioude")
LYON_8 = Territory("unit", "lyon-8")
AGENT_PAGES = ["/", "/doleances", "/doleances/1", "/modeles", "/resume"]


def draft(text="Le car du mercredi a été supprimé", postal_code="43100", **values):
    fields = dict(kind="doleance", text=text, theme="mobilite", visibility="published",
                  postal_code=postal_code, commune="Brioude")
    fields.update(values)
    return Draft(**fields)


@pytest.fixture
def app(desk):
    return create_app(desk, SECRET_KEY, testing=True)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def unit_agent(desk):
    desk.create_agent("claire", "Claire Martin", PASSWORD, "unit", BRIOUDE)
    return "claire"


def sign_in(client, login, password=PASSWORD):
    return client.post("/connexion", data={"identifiant": login, "mot_de_passe": password})


def page_text(response) -> str:
    """The page's HTML with its entities read (« l&#39;étude » as « l'étude »)."""
    return html.unescape(response.get_data(as_text=True))


def messages(response) -> list[str]:
    return re.findall(r'<p class="message[^"]*"[^>]*>([^<]*)</p>', page_text(response))


@pytest.mark.parametrize("path", AGENT_PAGES)
def test_every_agent_page_sends_a_stranger_to_the_sign_in_page(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/connexion")


def test_a_stranger_cannot_post_an_action(client, grievances, desk, unit_agent):
    item = grievances.record("c1", draft()).id
    response = client.post(f"/doleances/{item}/statut", data={"statut": "en_cours"})
    assert response.headers["Location"].startswith("/connexion")
    assert status_of(desk, unit_agent, item) == "recue"


def test_signing_in_leads_to_the_page_asked_for_and_signing_out_ends_the_session(client, unit_agent):
    assert client.get("/modeles").headers["Location"] == "/connexion?suivant=/modeles"
    response = client.post("/connexion", data={"identifiant": "Claire", "mot_de_passe": PASSWORD,
                                               "suivant": "/modeles"})
    assert response.headers["Location"] == "/modeles"
    assert client.get("/modeles").status_code == 200
    assert client.post("/deconnexion").headers["Location"] == "/connexion"
    assert client.get("/modeles").status_code == 302


def test_sign_in_never_sends_the_agent_to_another_site(client, unit_agent):
    for elsewhere in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = client.post("/connexion", data={"identifiant": "claire", "mot_de_passe": PASSWORD,
                                                   "suivant": elsewhere})
        assert response.headers["Location"] == "/doleances"


def test_a_wrong_password_and_an_unknown_login_get_the_same_generic_refusal(client, unit_agent):
    wrong = sign_in(client, "claire", "not the password at all")
    unknown = sign_in(client, "nobody", PASSWORD)
    for response in (wrong, unknown):
        assert response.status_code == 200
        assert messages(response) == ["Identifiant ou mot de passe incorrect. Vérifiez-les et réessayez."]
    assert client.get("/doleances").status_code == 302


def test_an_agent_deactivated_since_signing_in_is_out_at_the_next_request(client, unit_agent, session_factory):
    sign_in(client, unit_agent)
    assert client.get("/doleances").status_code == 200
    with session_factory.begin() as session:
        session.execute(update(Agent).where(Agent.login == unit_agent).values(active=False))
    assert client.get("/doleances").headers["Location"].startswith("/connexion")


def test_the_session_cookie_is_http_only_lax_secure_and_expires(desk, unit_agent):
    client = create_app(desk, SECRET_KEY).test_client()  # production defaults
    token = csrf_token(client.get("/connexion"))
    response = client.post("/connexion", data={"identifiant": unit_agent, "mot_de_passe": PASSWORD,
                                               "csrf_token": token})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie
    assert "Expires=" in cookie


def test_a_session_ends_after_eight_hours_without_use_however_long_it_was_used(
        client, unit_agent, monkeypatch):
    """Flask re-signs the cookie at each request; itsdangerous refuses a signature older than the
    session's lifetime, on the server (whatever the browser keeps)."""
    hours = [0]
    real_time = time.time
    monkeypatch.setattr(itsdangerous.timed, "time",
                        SimpleNamespace(time=lambda: real_time() + hours[0] * 3600))
    sign_in(client, unit_agent)
    for hours[0] in (7, 14, 21):  # used every 7 hours: still signed in after 21
        assert client.get("/doleances").status_code == 200
    hours[0] = 29.5
    assert client.get("/doleances").headers["Location"].startswith("/connexion")


def csrf_token(response) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page_text(response)).group(1)


def test_a_post_without_a_valid_csrf_token_is_refused_with_a_kind_page(desk, grievances, unit_agent, session_factory):
    item = grievances.record("c1", draft()).id
    client = create_app(desk, SECRET_KEY, csrf=True, secure_cookies=False).test_client()
    refused = sign_in(client, unit_agent)  # no token
    assert refused.status_code == 400
    assert "Formulaire expiré" in page_text(refused)
    token = csrf_token(client.get("/connexion"))
    assert client.post("/connexion", data={"identifiant": unit_agent, "mot_de_passe": PASSWORD,
                                           "csrf_token": token}).status_code == 302
    for data in ({"texte": "Vu"}, {"texte": "Vu", "csrf_token": "forged"}):
        response = client.post(f"/doleances/{item}/note", data=data)
        assert response.status_code == 400
        assert "rien n'a été enregistré" in page_text(response)
    with session_factory() as session:
        assert session.scalars(select(GrievanceNote)).all() == []
    page = client.get(f"/doleances/{item}")
    response = client.post(f"/doleances/{item}/note", data={"texte": "Vu", "csrf_token": csrf_token(page)})
    assert response.status_code == 302


def test_an_agent_of_another_territory_gets_404_and_changes_nothing(outbox, client, desk, grievances, unit_agent):
    item = grievances.record("c1", draft()).id
    desk.create_agent("lyon", "Agent Lyon", PASSWORD, "unit", LYON_8)
    sign_in(client, "lyon")
    assert client.get(f"/doleances/{item}").status_code == 404
    assert client.get("/doleances/999999").status_code == 404  # the same as a missing one
    attempts = [
        (f"/doleances/{item}/statut", {"statut": "realisee"}),
        (f"/doleances/{item}/reponse", {"texte": "Ce n'est pas chez nous."}),
        (f"/doleances/{item}/note", {"texte": "curieux"}),
        (f"/doleances/{item}/publication", {"masquer": "1"}),
        (f"/doleances/{item}/attribution", {"agent": ""}),
        (f"/doleances/{item}/regroupement", {"reference": "D-999"}),
        ("/doleances/reponse", {"ids": [str(item)], "texte": "Réponse groupée"}),
    ]
    for path, data in attempts:
        response = client.post(path, data=data)
        assert response.status_code == 404, path
        assert "Page introuvable" in page_text(response)
    assert "D-" not in page_text(client.get("/doleances"))
    detail = desk.item(desk.sign_in(unit_agent, PASSWORD), item)
    assert (detail.row.status, detail.answer, detail.notes, detail.hidden) == ("recue", None, [], False)
    assert outbox.move_due() == []


def test_a_bulk_answer_with_a_template_answers_the_ticked_items_and_each_citizen_hears_of_it(outbox,
        client, desk, grievances, unit_agent):
    ids = [grievances.record(f"chat-{i}", draft(text=f"Le car {i} ne passe plus")).id for i in range(3)]
    sign_in(client, unit_agent)
    saved = client.post("/modeles", data={"titre": "Transmis", "texte": "Merci : c'est transmis à la région."},
                        follow_redirects=True)
    assert messages(saved) == ["Modèle « Transmis » enregistré."]
    [template] = desk.templates(desk.sign_in(unit_agent, PASSWORD))
    response = client.post("/doleances/reponse", data={
        "ids": [str(ids[0]), str(ids[2])], "modele": str(template.id), "texte": "",
        "statut": "a_l_etude", "retour": "theme=mobilite&page=1&bad=x",
    })
    assert response.headers["Location"] == "/doleances?theme=mobilite"
    assert messages(client.get("/doleances")) == [
        "Réponse envoyée pour 2 doléances ou envies : chaque personne la recevra dans sa conversation."]
    assert sorted(outbox.move_due()) == ["chat-0", "chat-2"]
    agent = desk.sign_in(unit_agent, PASSWORD)
    answered = [desk.item(agent, i) for i in ids]
    assert [(d.answer, d.row.status) for d in answered] == [
        ("Merci : c'est transmis à la région.", "a_l_etude"), (None, "recue"),
        ("Merci : c'est transmis à la région.", "a_l_etude")]


def test_a_bulk_answer_needs_ticked_items_and_a_text(outbox, client, grievances, unit_agent):
    item = grievances.record("c1", draft()).id
    sign_in(client, unit_agent)
    client.post("/doleances/reponse", data={"texte": "Réponse"})
    assert messages(client.get("/doleances")) == ["Cochez au moins une doléance ou envie à laquelle répondre."]
    client.post("/doleances/reponse", data={"ids": [str(item)], "texte": "  "})
    assert messages(client.get("/doleances")) == ["Choisissez un modèle ou écrivez la réponse."]
    assert outbox.move_due() == []


def test_a_template_prefills_the_answer_of_an_item_which_then_reaches_the_citizen(outbox,
        client, desk, grievances, unit_agent):
    item = grievances.record("chat-7", draft()).id
    sign_in(client, unit_agent)
    client.post("/modeles", data={"titre": "Étude", "texte": "Nous étudions votre demande avec la mairie."})
    assert "Nous étudions votre demande avec la mairie." in page_text(client.get("/modeles"))
    [template] = desk.templates(desk.sign_in(unit_agent, PASSWORD))
    page = page_text(client.get(f"/doleances/{item}?modele={template.id}"))
    assert re.search(r'<textarea id="texte-reponse"[^>]*>Nous étudions votre demande avec la mairie.</textarea>', page)
    assert re.search(r'<textarea id="texte-reponse"[^>]*></textarea>', page_text(client.get(f"/doleances/{item}")))
    assert client.get(f"/doleances/{item}?modele=99999").status_code == 404
    response = client.post(f"/doleances/{item}/reponse", data={"texte": "Nous étudions votre demande avec la mairie."})
    assert response.headers["Location"] == f"/doleances/{item}#reponse"
    assert outbox.move_due() == ["chat-7"]


def test_a_rejection_without_a_reason_is_refused_with_a_french_message(client, desk, grievances, unit_agent):
    item = grievances.record("c1", draft()).id
    sign_in(client, unit_agent)
    client.post(f"/doleances/{item}/statut", data={"statut": "non_retenue", "motif": " "})
    assert messages(client.get(f"/doleances/{item}")) == [
        "Indiquez le motif : il est obligatoire pour « non retenue », et la personne le recevra."]
    assert status_of(desk, unit_agent, item) == "recue"
    client.post(f"/doleances/{item}/statut", data={"statut": "non_retenue", "motif": "La ligne dépend de la région.",
                                                   "statut_libre": "transmise"})
    detail = desk.item(desk.sign_in(unit_agent, PASSWORD), item)
    assert (detail.row.status, detail.status_reason, detail.row.custom_status) == (
        "non_retenue", "La ligne dépend de la région.", "transmise")


def status_of(desk, login, item_id) -> str:
    return desk.item(desk.sign_in(login, PASSWORD), item_id).row.status


def test_notes_assignment_merge_and_hiding_from_the_detail_page(client, desk, grievances, unit_agent):
    first = grievances.record("c1", draft()).id
    second = grievances.record("c2", draft(text="Plus de car le mercredi !")).id
    colleague = desk.create_agent("paul", "Paul Girard", PASSWORD, "unit", BRIOUDE)
    sign_in(client, unit_agent)
    client.post(f"/doleances/{first}/note", data={"texte": "Voir avec la région"})
    client.post(f"/doleances/{first}/attribution", data={"agent": str(colleague)})
    client.post(f"/doleances/{first}/publication", data={"masquer": "1"})
    client.post(f"/doleances/{second}/regroupement", data={"reference": "d-999"})
    assert messages(client.get(f"/doleances/{second}")) == ["Aucune D-999 dans votre territoire."]
    client.post(f"/doleances/{second}/regroupement", data={"reference": f"D-{first}"})
    assert messages(client.get(f"/doleances/{second}")) == [
        f"Regroupée avec la D-{first} : la personne en est prévenue."]
    page = page_text(client.get(f"/doleances/{first}"))
    assert "Voir avec la région" in page and "Paul Girard" in page and "masquée de la page publique" in page
    assert f'<a href="/doleances/{first}">D-{first}</a>' in page_text(client.get(f"/doleances/{second}"))
    assert status_of(desk, unit_agent, second) == "fusionnee"


def test_the_list_filters_by_theme_place_and_overdue(client, clock, grievances, unit_agent):
    old = grievances.record("c1", draft(text="Ancienne doléance sur le car"))
    clock.now += timedelta(days=8)
    grievances.record("c2", draft(text="Pas de réseau au bourg", theme="numerique", postal_code="43360",
                                  commune="Vergongheon"))
    sign_in(client, unit_agent)
    page = page_text(client.get("/doleances"))
    assert "Ancienne doléance" in page and "Pas de réseau" in page and page.count("en retard</span>") == 1
    assert "Ancienne doléance" not in page_text(client.get("/doleances?theme=numerique"))
    assert "Pas de réseau" not in page_text(client.get("/doleances?lieu=43100"))
    overdue = page_text(client.get("/doleances?en_retard=1"))
    assert old.reference in overdue and "Pas de réseau" not in overdue
    assert "Pas de réseau" in page_text(client.get("/doleances?theme=nonsense&jours=abc"))


def test_the_summary_counts_the_territory(client, grievances, unit_agent):
    grievances.record("c1", draft())
    sign_in(client, unit_agent)
    page = page_text(client.get("/resume"))
    assert "Unité de quartier du Brivadois" in page
    assert re.search(r'<span class="nombre">1</span> reçue depuis 24 heures', page)


def test_the_public_page_hides_small_counts_and_private_items(client, desk, grievances, unit_agent):
    for i in range(12):
        grievances.record(f"p{i}", draft(text=f"Car supprimé, appelez-moi au 06 12 34 56 7{i % 10}"))
    grievances.record("x", draft(text="Compteur de la salle des fêtes", theme="numerique", visibility="counted"))
    grievances.record("y", draft(text="Mon voisin fait du bruit", theme="logement", visibility="private"))
    hidden = grievances.record("z", draft(text="Texte injurieux publié par erreur"))
    sign_in(client, unit_agent)
    client.post(f"/doleances/{hidden.id}/publication", data={"masquer": "1"})
    client.post("/deconnexion")

    response = client.get("/public/unit/brioude")
    page = page_text(response)
    assert response.status_code == 200
    assert "Unité de quartier du Brivadois" in page
    assert re.search(r"<td>Mobilité et transports</td><td>12</td>", page)
    assert re.search(r"<td>Numérique</td><td>moins de 11</td>", page)
    assert "Logement" not in page.split("Par thème")[1].split("</table>")[0]
    for private in ("Compteur de la salle", "Mon voisin", "injurieux", "06 12"):
        assert private not in page
    assert "[masqué]" in page
    assert "Déconnexion" not in page  # no agent's menu on a public page
    assert client.get("/public/unit/nowhere").status_code == 404
    assert client.get("/public/planet/mars").status_code == 404
    assert client.get("/public/region/84").status_code == 200


def test_the_csv_export_has_only_the_published_items_masked(client, grievances):
    for i in range(3):
        grievances.record(f"p{i}", draft(text=f"=cmd appelez-moi au 06 12 34 56 7{i}, ou jean@example.org"))
    grievances.record("x", draft(text="Compteur", visibility="counted"))
    grievances.record("y", draft(text="Mon voisin", visibility="private"))
    response = client.get("/public/unit/brioude.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert len(rows) == 3
    assert list(rows[0]) == ["reference", "type", "theme", "commune", "code_postal", "statut", "texte",
                             "reponse", "cree_le", "mis_a_jour_le"]
    assert all("06 12" not in row["texte"] and "@example" not in row["texte"] for row in rows)
    assert all(row["texte"].startswith("'=cmd") for row in rows)  # no formula in a spreadsheet
    assert "Compteur" not in body and "voisin" not in body
    assert client.get("/public/unit/nowhere.csv").status_code == 404


@pytest.mark.parametrize("path", ["/connexion", "/doleances", "/public/unit/brioude",
                                  "/public/unit/brioude.csv", "/nowhere", "/static/relais.css"])
def test_every_response_carries_the_security_headers(client, unit_agent, path):
    sign_in(client, unit_agent)
    headers = client.get(path).headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_agent_pages_are_not_cached(client, unit_agent):
    sign_in(client, unit_agent)
    assert client.get("/doleances").headers["Cache-Control"] == "no-store"
