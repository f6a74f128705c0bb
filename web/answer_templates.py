"""The answer templates of the agent's territory: listed, and saved (a title already used
replaces that template's text, as UnitDesk.save_template does)."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from web.auth import require_agent
from web.context import desk, signed_in_agent

blueprint = Blueprint("answer_templates", __name__)
blueprint.before_request(require_agent)


@blueprint.get("/modeles")
def template_list() -> str:
    return render_template("modeles.html", modeles=desk().templates(signed_in_agent()))


@blueprint.post("/modeles")
def save_template() -> Response:
    title = request.form.get("titre", "")
    text = request.form.get("texte", "")
    try:
        desk().save_template(signed_in_agent(), title, text)
    except ValueError:
        flash("Un modèle a besoin d'un titre et d'un texte.", "erreur")
    else:
        flash(f"Modèle « {title.strip()} » enregistré.", "succes")
    return redirect(url_for(".template_list"))
