"""The territorial events' pages (issue #15) in a real browser (Debian's Chromium through
Playwright), on a phone's screen: a relais agent signs in, declares an event, and reads the
welfare check once citizens answered. CSRF is on, as in production (cookies without Secure: the
server is plain http on loopback). Playwright waits for each element and navigation itself.

Each page is also saved as a PNG: into RELAIS_FIGURES_DIR when set (the figures of issue #15,
docs/figures/issue-15/), else into the test's tmp_path.
"""


import pytest
from playwright.sync_api import expect

from relais.territories import Territory
from tests.support.screenshots import screenshot
from web.app import create_app

PASSWORD = "correct horse battery"
PHONE = {"width": 390, "height": 844}
INSTRUCTIONS = ("Délestage de 18 h à 20 h dans tout le département : chargez vos téléphones avant, "
                "évitez le four et le lave-linge ce soir.")


@pytest.fixture
def base_url(desk, event_service, serve_wsgi):
    desk.create_agent("rose", "Rose Vidal", PASSWORD, "relais", Territory("departement", "43"))
    for chat, postal_code in (("brioude", "43100"), ("le-puy", "43000"), ("yssingeaux", "43200"),
                              ("saint-flour", "15100")):
        event_service.subscribe(chat, postal_code)
    app = create_app(desk, "a browser test's secret key, long enough", testing=True, csrf=True,
                     secure_cookies=False, events=event_service)
    return serve_wsgi(app)


@pytest.fixture
def phone(chromium_browser):
    """A page on a phone-sized screen, in French."""
    context = chromium_browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="fr-FR")
    yield context.new_page()
    context.close()


def test_a_relais_agent_declares_an_event_and_follows_the_welfare_check_on_a_phone(
        phone, base_url, figures, event_service, outbox):
    phone.goto(base_url + "/evenements")
    phone.get_by_label("Identifiant").fill("rose")
    phone.get_by_label("Mot de passe").fill(PASSWORD)
    phone.get_by_role("button", name="Se connecter").click()
    expect(phone.get_by_role("heading", name="Événements du territoire")).to_be_visible()
    expect(phone.get_by_text("Aucun événement déclaré pour vos départements.")).to_be_visible()

    phone.get_by_role("link", name="Déclarer un événement").click()
    phone.get_by_label("Type d'événement").select_option(label="Rationnement d'électricité")
    phone.get_by_label("Niveau").select_option(label="Vigilance")
    expect(phone.get_by_label("Départements concernés")).to_have_value("43")
    phone.get_by_label("Départements concernés").fill("43 15")
    phone.get_by_label("Consignes pratiques").fill(INSTRUCTIONS)
    phone.get_by_role("button", name="Déclarer et alerter").click()
    expect(phone.get_by_role("alert")).to_have_text(
        "Le département 15 n'est pas dans votre territoire (43) : rien n'a été déclaré.")
    expect(phone.get_by_label("Consignes pratiques")).to_have_value(INSTRUCTIONS)
    phone.get_by_label("Départements concernés").fill("43")
    screenshot(phone, figures, "01-declarer")
    phone.get_by_role("button", name="Déclarer et alerter").click()

    expect(phone.get_by_role("status")).to_have_text(
        "Événement déclaré : 3 personnes alertées parmi les inscrits aux alertes de ces départements.")
    expect(phone.get_by_role("heading", name="Rationnement d'électricité")).to_be_visible()
    assert sorted(outbox.move_due()) == ["brioude", "le-puy", "yssingeaux"]

    event_service.answer("brioude", "help")
    event_service.answer("le-puy", "fine")
    phone.reload()
    table = phone.locator("table.bilan")
    expect(table.locator("tr", has_text="Alertées")).to_contain_text("3")
    expect(table.locator("tr", has_text="Tout va bien")).to_contain_text("1")
    expect(table.locator("tr", has_text="Besoin d'aide")).to_contain_text("énergie : 1")
    expect(table.locator("tr", has_text="Sans réponse")).to_contain_text("1")
    screenshot(phone, figures, "02-evenement")

    phone.get_by_role("link", name="Événements", exact=True).click()
    expect(phone.locator("li.fiche", has_text="Rationnement d'électricité")).to_contain_text(
        "3 personnes alertées")
    screenshot(phone, figures, "03-evenements")
