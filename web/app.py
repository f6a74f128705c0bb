"""The web space's Flask application, built by create_app from the services the composition root
(web/__main__.py, or a test) passes in: nothing here opens a database or reads the environment.

Sessions are Flask's signed cookies holding the agent's id only; the agent is read again from the
database at every request (web/auth.py). Every POST carries a CSRF token (Flask-WTF).
"""

from collections.abc import Callable
from datetime import timedelta

from flask import Flask, Response, g, render_template
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException

from relais.services.errors import StorageUnavailable
from relais.services.events import EventService
from relais.services.observatory import ObservatoryService
from relais.services.unit_desk import UnitDesk
from relais.territories import Territories, territories
from web import answer_templates, auth, items, labels, public
from web import events as event_pages
from web import observatory as observatory_pages
from web.context import EXTENSION, WebServices

# Idle expiry: Flask re-signs a permanent session's cookie at every request, and refuses one
# whose signature is older than this (itsdangerous checks the time on the server, whatever the
# browser keeps): a phone left signed in is signed out after a working day without use.
IDLE_EXPIRY = timedelta(hours=8)
# The largest form: a bulk answer (up to 500 ids and a 2,000-character text).
MAX_FORM_BYTES = 256 * 1024

SECURITY_HEADERS = {
    # Scripts and styles from our own origin only (no inline script: the little JS is in static/).
    "Content-Security-Policy": "default-src 'self'; base-uri 'self'; form-action 'self'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

# (title, message) of the error pages, in French for the agents and the public.
ERROR_PAGES = {
    400: ("Demande incomplète", "Ce qui a été envoyé n'a pas pu être lu. Revenez en arrière et "
                                "réessayez."),
    404: ("Page introuvable", "Cette page n'existe pas, ou elle ne fait pas partie de votre "
                              "territoire."),
    405: ("Action impossible", "Cette page ne s'utilise pas ainsi. Revenez en arrière et "
                               "réessayez."),
    413: ("Envoi trop long", "Ce formulaire est trop long. Raccourcissez le texte ou cochez moins "
                             "de lignes."),
    500: ("Erreur du service", "Une erreur s'est produite de notre côté. Réessayez dans un "
                               "instant ; si cela continue, prévenez l'équipe technique."),
    503: ("Service momentanément indisponible", "Nous n'arrivons pas à joindre la base de "
                                                "données. Rien n'a été enregistré : réessayez dans "
                                                "quelques minutes."),
}
CSRF_PAGE = ("Formulaire expiré", "Ce formulaire n'est plus valable (la page était ouverte depuis "
                                  "longtemps, ou vous vous êtes reconnecté entre-temps). Rechargez "
                                  "la page et recommencez : rien n'a été enregistré.")


def create_app(desk: UnitDesk, secret_key: str, *, testing: bool = False,
               csrf: bool | None = None, secure_cookies: bool | None = None,
               places: Callable[[], Territories] = territories,
               events: EventService | None = None,
               observatory: ObservatoryService | None = None) -> Flask:
    """The web space over `desk`, with the territorial events' pages over `events` and the
    observatory over `observatory` when given.
    CSRF and Secure cookies are on unless `testing`; `csrf` and `secure_cookies` say otherwise
    (the browser tests keep CSRF on over plain http)."""
    if not secret_key:
        raise ValueError("the web space needs a secret key to sign its session cookies")
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secret_key,
        TESTING=testing,
        SESSION_COOKIE_NAME="relais_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=(not testing) if secure_cookies is None else secure_cookies,
        PERMANENT_SESSION_LIFETIME=IDLE_EXPIRY,
        SESSION_REFRESH_EACH_REQUEST=True,
        WTF_CSRF_ENABLED=(not testing) if csrf is None else csrf,
        # The token lives as long as the session (idle expiry above), not Flask-WTF's default
        # hour: an agent who opened a page on their phone this morning can still send it.
        WTF_CSRF_TIME_LIMIT=None,
        MAX_CONTENT_LENGTH=MAX_FORM_BYTES,
    )
    app.extensions[EXTENSION] = WebServices(desk, places, events, observatory)
    CSRFProtect(app)
    blueprints = [auth.blueprint, items.blueprint, answer_templates.blueprint, public.blueprint]
    if events is not None:
        blueprints.append(event_pages.blueprint)
    if observatory is not None:
        blueprints.append(observatory_pages.blueprint)
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    # The menu links to the events' pages only where they exist.
    app.jinja_env.globals["espace_evenements"] = events is not None
    app.jinja_env.globals["espace_observatoire"] = observatory is not None
    labels.register(app)
    app.after_request(_security_headers)
    app.register_error_handler(CSRFError, _csrf_refused)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(StorageUnavailable, _storage_unavailable)
    return app


def _security_headers(response: Response) -> Response:
    response.headers.update(SECURITY_HEADERS)
    if "agent" in g:
        # An agent's pages show what citizens wrote: no copy in a shared phone's cache.
        response.headers["Cache-Control"] = "no-store"
    return response


def _csrf_refused(error: CSRFError) -> tuple[str, int]:
    return _error_page(400, *CSRF_PAGE)


def _http_error(error: HTTPException) -> tuple[str, int] | HTTPException:
    code = error.code or 500
    if code not in ERROR_PAGES:
        return error
    return _error_page(code, *ERROR_PAGES[code])


def _storage_unavailable(error: StorageUnavailable) -> tuple[str, int]:
    return _error_page(503, *ERROR_PAGES[503])


def _error_page(code: int, title: str, message: str) -> tuple[str, int]:
    return render_template("erreur.html", titre=title, message=message), code
