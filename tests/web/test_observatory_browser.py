"""The observatory (issue #16) in a real browser (Debian's Chromium through Playwright): a
negotiator of a region signs in, reads their region, compares its départements on the map and
in the ranking (a small count hidden), looks at one département; a relais agent reads their
département on a phone and cannot open another's.

Each page is also saved as a PNG: into RELAIS_FIGURES_DIR when set (the figures of issue #16,
docs/figures/issue-16/), else into the test's tmp_path.
"""


import pytest
from playwright.sync_api import Page, expect

from relais.services.consent import ConsentService
from relais.services.escalation import EscalationService
from relais.services.observatory import ObservatoryService
from relais.services.progress import ProgressService
from relais.territories import Territory
from tests.support.screenshots import screenshot
from web.app import create_app

PASSWORD = "correct horse battery"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# (postal code, people, of whom in urgence, of whom in a low mood) per département of
# Auvergne-Rhône-Alpes; the Cantal's 3 are a secret.
PEOPLE = {
    "43": ("43100", 26, 6, 13),
    "63": ("63000", 12, 2, 11),
    "15": ("15100", 3, 1, 3),
    "69": ("69008", 40, 14, 12),
    "38": ("38000", 25, 12, 14),
    "01": ("01000", 18, 3, 11),
}


@pytest.fixture
def base_url(session_factory, clock, desk, event_service, serve_wsgi):
    desk.create_agent("nina", "Nina Roux", PASSWORD, "negotiator", Territory("region", "84"))
    desk.create_agent("rose", "Rose Vidal", PASSWORD, "relais", Territory("departement", "43"))
    _citizens(session_factory, clock, event_service)
    observatory = ObservatoryService(session_factory, clock=clock)
    observatory.refresh()
    app = create_app(desk, "a browser test's secret key, long enough", testing=True, csrf=True,
                     secure_cookies=False, events=event_service, observatory=observatory)
    return serve_wsgi(app)


def _citizens(session_factory, clock, event_service) -> None:
    consent = ConsentService(session_factory, clock=clock)
    progress = ProgressService(session_factory, clock=clock)
    escalation = EscalationService(session_factory, clock=clock)
    for departement, (postal_code, people, urgent, low) in PEOPLE.items():
        for index in range(people):
            chat = f"{departement}-{index}"
            consent.record_consent(chat, True, "v1")
            event_service.subscribe(chat, postal_code)
            if index < urgent:
                progress.enrol(chat, "energie", "urgence", "energie/delestage_ce_soir")
            else:
                progress.enrol(chat, "alimentation", "continu")
            progress.log_checkin(chat, 2 if index < low else 4)
            if index % 3 == 0:
                case = escalation.open_case(chat, "citizen_request")
                escalation.take_case(case.id, f"coach-{departement}")


def sign_in(page: Page, login: str) -> None:
    page.get_by_label("Identifiant").fill(login)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def test_a_negotiator_compares_the_departements_of_their_region(chromium_browser, base_url,
                                                                 figures):
    context = chromium_browser.new_context(viewport=DESKTOP, locale="fr-FR")
    page = context.new_page()
    page.goto(base_url + "/doleances")
    sign_in(page, "nina")
    page.get_by_role("link", name="Observatoire").click()
    expect(page.get_by_role("heading", name="Observatoire — Auvergne-Rhône-Alpes")).to_be_visible()
    activity = page.locator("#activity")
    expect(activity.get_by_role("row", name="Personnes accompagnées")).to_contain_text("124")
    # The map: one tile per département, the Cantal's hidden; the ranking says so in words.
    expect(page.get_by_role("img", name="Carte des départements")).to_be_visible()
    expect(page.locator("svg g.tuile")).to_have_count(102)
    expect(page.locator("svg g.tuile title", has_text="Cantal (15) : secret statistique")).to_have_count(1)
    ranking = page.locator("table.classement")
    expect(ranking.get_by_role("row", name="15 — Cantal")).to_contain_text("secret statistique")
    expect(ranking.get_by_role("row", name="69 — Rhône")).to_contain_text("40")
    expect(ranking.locator("tbody tr").first).to_contain_text("69 — Rhône")
    screenshot(page, figures, "01-negociateur-region")

    page.get_by_label("Comparer les départements sur").select_option(label="Personnes en urgence")
    page.get_by_role("button", name="Afficher").click()
    expect(page.get_by_role("heading", name="Départements : Personnes en urgence")).to_be_visible()
    # 14 in the Rhône, 12 in the Isère; Haute-Loire's 6, Puy-de-Dôme's 2, Cantal's 1 and Ain's
    # 3 are secrets.
    expect(ranking.locator("tbody tr").first).to_contain_text("69 — Rhône")
    expect(ranking.get_by_role("row", name="43 — Haute-Loire")).to_contain_text("secret statistique")
    screenshot(page, figures, "02-comparaison-urgences")

    page.get_by_label("Territoire", exact=True).select_option(label="43 — Haute-Loire")
    page.get_by_role("button", name="Afficher").click()
    expect(page.get_by_role("heading", name="Observatoire — Haute-Loire (43)")).to_be_visible()
    expect(page.locator("#activity").get_by_role("row", name="Personnes accompagnées")).to_contain_text("26")
    context.close()


def test_a_relais_agent_reads_their_departement_on_a_phone(chromium_browser, base_url, figures):
    context = chromium_browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                           locale="fr-FR")
    page = context.new_page()
    page.goto(base_url + "/observatoire")
    sign_in(page, "rose")
    expect(page.get_by_role("heading", name="Observatoire — Haute-Loire (43)")).to_be_visible()
    mood = page.locator("#mood")
    expect(mood.get_by_role("row", name="Part des points d'étape en humeur basse")).to_contain_text("50,0")
    # Nothing on the page is wider than the phone's screen but the scrolling tables.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    screenshot(page, figures, "03-relais-telephone")

    page.goto(base_url + "/observatoire?territoire=69")
    expect(page.get_by_role("heading", name="Page introuvable")).to_be_visible()
    context.close()
