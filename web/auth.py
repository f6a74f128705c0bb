"""Signing in and out, and the guard of every agent page.

The session cookie holds the agent's id only. Every agent page reads the agent again from the
database (`require_agent`): an agent deactivated since signing in is out at the next request.
A failed sign-in gets the same message whether the login exists or not.
"""

from urllib.parse import urlsplit

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from relais.services.unit_desk import AgentInfo
from web.context import desk

blueprint = Blueprint("auth", __name__)

SESSION_AGENT = "agent_id"
# Longer is not a password anyone types, and scrypt would still hash it.
MAX_PASSWORD_LENGTH = 1024


@blueprint.get("/connexion")
def sign_in_form() -> str | Response:
    if _agent_in_session() is not None:
        return redirect(url_for("items.item_list"))
    return render_template("connexion.html", suivant=_safe_next(request.args.get("suivant")))


@blueprint.post("/connexion")
def sign_in() -> str | Response:
    login = request.form.get("identifiant", "").strip()
    password = request.form.get("mot_de_passe", "")
    following = _safe_next(request.form.get("suivant"))
    agent = None
    if login and password and len(password) <= MAX_PASSWORD_LENGTH:
        agent = desk().sign_in(login, password)
    if agent is None:
        return render_template("connexion.html", refus=True, identifiant=login, suivant=following)
    # A fresh session: nothing from before the sign-in (a CSRF token included) carries over.
    session.clear()
    session.permanent = True
    session[SESSION_AGENT] = agent.id
    return redirect(following or url_for("items.item_list"))


@blueprint.post("/deconnexion")
def sign_out() -> Response:
    agent = _agent_in_session()
    if agent is not None:
        desk().sign_out(agent)
    session.clear()
    flash("Vous êtes déconnecté.", "succes")
    return redirect(url_for("auth.sign_in_form"))


def require_agent() -> Response | None:
    """before_request of the agents' pages: on with the signed-in, still active agent in
    g.agent, else to the sign-in page (back here afterwards, for a page that was asked for)."""
    agent = _agent_in_session()
    if agent is None:
        session.pop(SESSION_AGENT, None)
        wanted = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("auth.sign_in_form", suivant=wanted))
    g.agent = agent
    return None


def _agent_in_session() -> AgentInfo | None:
    agent_id = session.get(SESSION_AGENT)
    return desk().agent(agent_id) if isinstance(agent_id, int) else None


def _safe_next(target: str | None) -> str | None:
    """A path of this site to go back to after signing in, never another site's address."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ord(char) < 32 for char in target):
        return None
    return target
