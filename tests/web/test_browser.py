"""The web space in a real browser (Debian's Chromium through Playwright), on a phone's screen:
an agent signs in, filters the list, answers an item from a template and two items at once; the
public page. CSRF is on, as in production (cookies without Secure: the server is plain http on
loopback). Playwright waits for each element and navigation itself: no timed waits.

Each page is also saved as a PNG: into RELAIS_FIGURES_DIR when set (the figures of issue #14,
docs/figures/issue-14/), else into the test's tmp_path.
"""

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from relais.services.grievances import Draft
from relais.territories import Territory
from tests.support.screenshots import screenshot
from web.app import create_app

PASSWORD = "correct horse battery"
BRIOUDE = Territory("unit", "brioude")
PHONE = {"width": 390, "height": 844}
TEMPLATE_TEXT = ("Merci pour votre message. Nous l'avons transmis au conseil régional, qui gère "
                 "les lignes de car ; nous vous tiendrons au courant ici.")


def draft(text, theme="mobilite", postal_code="43100", commune="Brioude", visibility="published"):
    return Draft(kind="doleance", text=text, theme=theme, visibility=visibility,
                 postal_code=postal_code, commune=commune)


@pytest.fixture
def items(desk, grievances, clock):
    """The unit's items, as citizens left them in the chat: the chat id of each, by key. The
    first two came in ten days ago (overdue), the second is Paul's to follow."""
    desk.create_agent("claire", "Claire Martin", PASSWORD, "unit", BRIOUDE)
    paul = desk.create_agent("paul", "Paul Girard", PASSWORD, "unit", BRIOUDE)
    recorded = {
        "car": ("chat-car", draft("Le car du mercredi matin vers Clermont a été supprimé : je ne peux "
                                  "plus aller à mes rendez-vous à l'hôpital.")),
        "gare": ("chat-gare", draft("Plus de guichet à la gare de Brioude, et l'automate ne rend pas "
                                    "la monnaie. Appelez-moi au 06 12 34 56 78.")),
        "reseau": ("chat-reseau", draft("Pas de réseau mobile au bourg depuis l'orage, impossible "
                                        "d'appeler le médecin.", theme="numerique",
                                        postal_code="43360", commune="Vergongheon")),
        "compost": ("chat-compost", draft("Un composteur partagé près de l'école serait bienvenu.",
                                          theme="permaculture")),
        "prive": ("chat-prive", draft("Mon voisin M. Dupont brûle ses déchets.", theme="autre",
                                      visibility="private")),
    }
    now, ids = clock.now, {}
    for position, (key, (chat, text)) in enumerate(recorded.items()):
        clock.now = now - timedelta(days=10) if position < 2 else now
        ids[key] = (chat, grievances.record(chat, text).id)
    desk.assign(desk.sign_in("paul", PASSWORD), ids["gare"][1], paul)
    return ids


@pytest.fixture
def base_url(desk, items, serve_wsgi):
    app = create_app(desk, "a browser test's secret key, long enough", testing=True, csrf=True,
                     secure_cookies=False)
    return serve_wsgi(app)


@pytest.fixture
def phone(chromium_browser):
    """A page on a phone-sized screen, in French."""
    context = chromium_browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="fr-FR")
    yield context.new_page()
    context.close()


def sign_in(page: Page, base_url: str, login: str = "claire") -> None:
    page.goto(base_url + "/connexion")
    page.get_by_label("Identifiant").fill(login)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Doléances et envies", exact=True)).to_be_visible()


def test_an_agent_signs_in_and_filters_the_list_on_a_phone(phone, base_url, figures):
    phone.goto(base_url + "/doleances")
    expect(phone).to_have_url(base_url + "/connexion?suivant=/doleances")
    screenshot(phone, figures, "01-connexion")
    phone.get_by_label("Identifiant").fill("claire")
    phone.get_by_label("Mot de passe").fill("not the password")
    phone.get_by_role("button", name="Se connecter").click()
    expect(phone.get_by_role("alert")).to_have_text("Identifiant ou mot de passe incorrect. "
                                                    "Vérifiez-les et réessayez.")
    phone.get_by_label("Mot de passe").fill(PASSWORD)
    phone.get_by_role("button", name="Se connecter").click()

    cards = phone.locator("li.fiche")
    expect(cards).to_have_count(5)
    expect(phone.locator("li.fiche.retard")).to_have_count(2)
    expect(phone.locator("li.fiche", has_text="Plus de guichet")).to_contain_text("Suivie par Paul Girard")
    screenshot(phone, figures, "02-doleances")
    phone.get_by_text("Filtrer la liste").click()
    phone.get_by_label("Thème").select_option(label="Numérique")
    phone.get_by_role("button", name="Filtrer").click()
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Pas de réseau mobile au bourg")
    expect(phone.locator(".compte")).to_have_text("1 résultat")


def test_an_agent_answers_an_item_with_a_template(outbox, phone, base_url, figures, items, grievances):
    chat, item_id = items["car"]
    sign_in(phone, base_url)
    phone.get_by_role("link", name="Modèles").click()
    phone.get_by_label("Titre").fill("Car : transmis à la région")
    phone.get_by_label("Texte de la réponse").fill(TEMPLATE_TEXT)
    phone.get_by_role("button", name="Enregistrer le modèle").click()
    expect(phone.get_by_role("status")).to_have_text("Modèle « Car : transmis à la région » enregistré.")
    screenshot(phone, figures, "04-modeles")

    phone.get_by_role("link", name="Doléances").click()
    phone.get_by_role("link", name=f"D-{item_id}", exact=True).click()
    expect(phone.get_by_role("heading", name=f"D-{item_id} · Doléance")).to_be_visible()
    phone.get_by_label("Partir d'un modèle").select_option(label="Car : transmis à la région")
    phone.get_by_role("button", name="Préremplir").click()
    answer = phone.get_by_label("Réponse officielle")
    expect(answer).to_have_value(TEMPLATE_TEXT)
    phone.get_by_label("Nouveau statut (facultatif)").select_option(label="À l'étude")
    phone.get_by_role("button", name="Envoyer la réponse").click()
    expect(phone.locator("#reponse").get_by_role("status")).to_have_text(
        "Réponse envoyée : la personne la recevra dans sa conversation.")
    expect(phone.locator("section.carte").first).to_contain_text("Réponse envoyée")
    expect(phone.locator("section.carte").first).to_contain_text("À l'étude")
    screenshot(phone, figures, "03-doleance")
    assert outbox.move_due() == [chat]


def test_an_agent_answers_two_items_at_once(outbox, phone, base_url, items, grievances):
    sign_in(phone, base_url)
    boxes = phone.locator("input[name=ids]")
    select_all = phone.get_by_role("button", name="Tout sélectionner")
    select_all.click()
    for index in range(5):
        expect(boxes.nth(index)).to_be_checked()
    phone.get_by_role("button", name="Tout désélectionner").click()
    for index in range(5):
        expect(boxes.nth(index)).not_to_be_checked()

    (car_chat, car), (gare_chat, gare) = items["car"], items["gare"]
    phone.get_by_label(f"Sélectionner la D-{car}").check()
    phone.get_by_label(f"Sélectionner la D-{gare}").check()
    phone.get_by_label("Ou votre texte (il remplace le modèle)").fill(
        "Nous avons rencontré la région le 25 novembre au sujet des transports du Brivadois.")
    phone.locator("#statut-groupe").select_option(label="En cours")
    phone.get_by_role("button", name="Envoyer la réponse").click()
    expect(phone.get_by_role("status")).to_have_text(
        "Réponse envoyée pour 2 doléances ou envies : chaque personne la recevra dans sa conversation.")
    expect(phone.locator("li.fiche", has_text="Le car du mercredi")).to_contain_text("En cours")
    expect(phone.locator("li.fiche", has_text="Plus de guichet")).to_contain_text("En cours")
    expect(phone.locator("li.fiche", has_text="composteur")).to_contain_text("Reçue")
    assert sorted(outbox.move_due()) == sorted([car_chat, gare_chat])


def test_the_public_page_of_the_unit(phone, base_url, figures, items, desk):
    agent = desk.sign_in("claire", PASSWORD)
    desk.answer(agent, [items["compost"][1]], "Un composteur a été installé rue de l'École.",
                status="realisee")
    phone.goto(base_url + "/public/unit/brioude")
    expect(phone.get_by_role("heading", name="Doléances et envies", exact=True)).to_be_visible()
    expect(phone.get_by_text("Unité de quartier du Brivadois")).to_be_visible()
    expect(phone.locator("table").first).to_contain_text("moins de 11")
    expect(phone.locator("body")).not_to_contain_text("Dupont")
    expect(phone.locator("body")).not_to_contain_text("06 12")
    expect(phone.locator("section", has_text="Ce qui a été fait")).to_contain_text(
        "Un composteur a été installé rue de l'École.")
    screenshot(phone, figures, "05-public")
