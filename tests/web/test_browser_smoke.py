"""Smoke test of the browser tests' tooling: Debian's Chromium, driven by Playwright, submits a
Flask form served on loopback and takes a screenshot."""

from flask import Flask
from playwright.sync_api import expect

FORM = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Essai</title></head>
<body><form method="post"><button type="submit">Envoyer</button></form></body></html>
"""


def tiny_app() -> Flask:
    app = Flask(__name__)

    @app.get("/")
    def form() -> str:
        return FORM

    @app.post("/")
    def submitted() -> str:
        return "ok"

    return app


def test_a_click_on_the_button_posts_the_form(page, serve_wsgi, tmp_path):
    base_url = serve_wsgi(tiny_app())
    page.goto(base_url + "/")
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer").click()
    expect(page.locator("body")).to_have_text("ok")

    screenshot = tmp_path / "submitted.png"
    page.screenshot(path=str(screenshot))
    assert screenshot.exists()
    assert screenshot.stat().st_size > 0
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
