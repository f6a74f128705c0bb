"""The agents' pages of items: the list of their territory (filters, pages, a bulk answer), an
item's detail with what an agent does to it (status, answer, note, assignment, merge, hiding),
and the daily summary.

Each action is one call to UnitDesk, which bounds it by the agent's territory and audits it. An
item outside that territory is a 404 page, never a 403 (which would confirm that it exists).
After a POST the agent is sent back (post/redirect/get) to the part of the page they used, where
its message shows.
"""

from collections.abc import Callable, Mapping
from typing import TypeVar
from urllib.parse import parse_qsl

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from relais.grievances import AGENT_STATUSES, THEMES, reference_of, references_in
from relais.models import GRIEVANCE_STATUSES, STATUS_REJECTED
from relais.services.unit_desk import AgentInfo, ItemFilter, NotInTerritory
from web.auth import require_agent
from web.context import desk, places, signed_in_agent
from web.labels import plural

blueprint = Blueprint("items", __name__)
blueprint.before_request(require_agent)

T = TypeVar("T")

MAX_PLACE_LENGTH = 120
MAX_DAYS = 3650


@blueprint.get("/")
def home() -> Response:
    return redirect(url_for(".item_list"))


@blueprint.get("/doleances")
def item_list() -> str:
    agent = signed_in_agent()
    wanted, shown = filter_from(request.args)
    page = desk().items(agent, wanted, _number(request.args.get("page")) or 1)
    return render_template(
        "doleances.html", page=page, filtres=shown, modeles=desk().templates(agent),
        statuts_agent=AGENT_STATUSES, statuts_filtre=GRIEVANCE_STATUSES, themes_filtre=THEMES,
        retour=request.query_string.decode("ascii", "replace"),
    )


@blueprint.post("/doleances/reponse")
def bulk_answer() -> Response:
    agent = signed_in_agent()
    back = _list_url(request.form.get("retour", ""))
    ids = [number for number in map(_number, request.form.getlist("ids")) if number]
    text = _answer_text(agent, request.form)
    if not ids:
        flash("Cochez au moins une doléance ou envie à laquelle répondre.", "erreur")
    elif not text:
        flash("Choisissez un modèle ou écrivez la réponse.", "erreur")
    else:
        status = _agent_status(request.form.get("statut"))
        answered = _in_territory(lambda: desk().answer(agent, ids, text, status))
        flash(f"Réponse envoyée pour {plural(answered, 'doléance ou envie', 'doléances ou envies')} : "
              "chaque personne la recevra dans sa conversation.", "succes")
    return redirect(back)


@blueprint.get("/doleances/<int:item_id>")
def item_detail(item_id: int) -> str:
    agent = signed_in_agent()
    item = _in_territory(lambda: desk().item(agent, item_id))
    template_id = _number(request.args.get("modele"))
    prefill = _in_territory(lambda: desk().template(agent, template_id).text) if template_id else ""
    return render_template(
        "doleance.html", item=item, modeles=desk().templates(agent), modele_choisi=template_id,
        reponse_preremplie=prefill, collegues=desk().colleagues(agent), statuts_agent=AGENT_STATUSES,
        statut_non_retenue=STATUS_REJECTED,
        regroupee_avec=references_in(item.merged_into)[0] if item.merged_into else None,
    )


@blueprint.post("/doleances/<int:item_id>/statut")
def change_status(item_id: int) -> Response:
    agent = signed_in_agent()
    status = request.form.get("statut", "")
    if status not in AGENT_STATUSES:
        return _back_to(item_id, "statut", "Choisissez un statut dans la liste.", error=True)
    try:
        _in_territory(lambda: desk().set_status(agent, item_id, status, request.form.get("statut_libre"),
                                                request.form.get("motif")))
    except ValueError:  # the only one left once the status is known: no reason for a rejection
        return _back_to(item_id, "statut", "Indiquez le motif : il est obligatoire pour « non retenue », "
                        "et la personne le recevra.", error=True)
    return _back_to(item_id, "statut", "Statut enregistré. La personne est prévenue dans sa "
                    "conversation s'il a changé.")


@blueprint.post("/doleances/<int:item_id>/reponse")
def answer(item_id: int) -> Response:
    agent = signed_in_agent()
    text = request.form.get("texte", "").strip()
    if not text:
        return _back_to(item_id, "reponse", "Écrivez la réponse avant de l'envoyer.", error=True)
    status = _agent_status(request.form.get("statut"))
    _in_territory(lambda: desk().answer(agent, [item_id], text, status))
    return _back_to(item_id, "reponse", "Réponse envoyée : la personne la recevra dans sa conversation.")


@blueprint.post("/doleances/<int:item_id>/note")
def note(item_id: int) -> Response:
    agent = signed_in_agent()
    text = request.form.get("texte", "").strip()
    if not text:
        return _back_to(item_id, "notes", "La note est vide.", error=True)
    _in_territory(lambda: desk().note(agent, item_id, text))
    return _back_to(item_id, "notes", "Note ajoutée (les agents seuls la voient).")


@blueprint.post("/doleances/<int:item_id>/attribution")
def assign(item_id: int) -> Response:
    agent = signed_in_agent()
    # The empty choice takes the item back from whoever had it.
    assignee = _number(request.form.get("agent"))
    _in_territory(lambda: desk().assign(agent, item_id, assignee))
    return _back_to(item_id, "attribution", "Attribution enregistrée.")


@blueprint.post("/doleances/<int:item_id>/regroupement")
def merge(item_id: int) -> Response:
    agent = signed_in_agent()
    typed = request.form.get("reference", "")
    targets = references_in(typed) or ([number] if (number := _number(typed)) else [])
    if not targets:
        return _back_to(item_id, "regroupement", "Référence non reconnue : tapez-la comme sur la "
                        "liste, par exemple D-12.", error=True)
    into = targets[0]
    try:
        desk().merge(agent, item_id, into)
    except ValueError:
        return _back_to(item_id, "regroupement", "Une doléance ne peut pas être regroupée avec "
                        "elle-même.", error=True)
    except NotInTerritory as missing:
        if missing.args[0] != into:  # this item itself is not the agent's
            abort(404)
        return _back_to(item_id, "regroupement", f"Aucune {reference_of(into)} dans votre territoire.",
                        error=True)
    return _back_to(item_id, "regroupement", f"Regroupée avec la {reference_of(into)} : la personne "
                    "en est prévenue.")


@blueprint.post("/doleances/<int:item_id>/publication")
def hide(item_id: int) -> Response:
    agent = signed_in_agent()
    hidden = request.form.get("masquer") == "1"
    _in_territory(lambda: desk().hide(agent, item_id, hidden))
    if hidden:
        return _back_to(item_id, "publication", "Masquée de la page publique.")
    return _back_to(item_id, "publication", "De nouveau visible sur la page publique (si la personne "
                    "a accepté qu'elle y figure).")


@blueprint.get("/resume")
def summary() -> str:
    agent = signed_in_agent()
    return render_template("resume.html", resume=desk().summary(agent.territory),
                           territoire=places().name_of(agent.territory))


def filter_from(args: Mapping[str, str]) -> tuple[ItemFilter, dict[str, str]]:
    """The list's filter from the query string, and its valid fields as given (to fill the form
    and the pages' links again). A value that makes no sense is left out, not an error."""
    shown: dict[str, str] = {}
    status = args.get("statut", "")
    if status in GRIEVANCE_STATUSES:
        shown["statut"] = status
    theme = args.get("theme", "")
    if theme in THEMES:
        shown["theme"] = theme
    place = args.get("lieu", "").strip()[:MAX_PLACE_LENGTH]
    if place:
        shown["lieu"] = place
    days = _number(args.get("jours"))
    if days and days <= MAX_DAYS:
        shown["jours"] = str(days)
    if args.get("en_retard") == "1":
        shown["en_retard"] = "1"
    wanted = ItemFilter(status=shown.get("statut"), theme=shown.get("theme"), commune=shown.get("lieu"),
                        older_than_days=int(shown["jours"]) if "jours" in shown else None,
                        overdue_only="en_retard" in shown)
    return wanted, shown


def _list_url(query_string: str) -> str:
    """The list as the agent left it (filters and page), rebuilt from its known fields only."""
    args = MultiDict(parse_qsl(query_string))
    _, shown = filter_from(args)
    page = _number(args.get("page"))
    return url_for(".item_list", **shown, **({"page": str(page)} if page and page > 1 else {}))


def _answer_text(agent: AgentInfo, form: Mapping[str, str]) -> str:
    """The text typed, else the chosen template's."""
    typed = form.get("texte", "").strip()
    template_id = _number(form.get("modele"))
    if typed or not template_id:
        return typed
    return _in_territory(lambda: desk().template(agent, template_id).text)


def _agent_status(value: str | None) -> str | None:
    """A new status sent with an answer, or None to keep each item's (an unknown one too)."""
    return value if value in AGENT_STATUSES else None


def _in_territory(call: Callable[[], T]) -> T:
    try:
        return call()
    except NotInTerritory:
        abort(404)


def _back_to(item_id: int, section: str, message: str, error: bool = False) -> Response:
    """Back to the part of the item's page the agent used, with a message shown there (and on no
    other item's page)."""
    flash(message, f"{'erreur' if error else 'succes'}-{section}-{item_id}")
    return redirect(url_for(".item_detail", item_id=item_id, _anchor=section))


def _number(value: str | None) -> int | None:
    """A positive whole number typed or sent, else None."""
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if 0 < number < 2**31 else None
