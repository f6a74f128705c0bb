"""The agents' pages of territorial events (issue #15): the events touching the agent's
départements, declaring one, and an event's page with its welfare check, its update and its end.

Every agent sees the events of their own départements: a unit's come from its postal codes,
a département's is itself, a region's are its départements, the nation sees all. Only relais and
negotiator agents declare, update and end events, and only within those départements; a unit
agent reads. An event outside the agent's départements is a 404 page, never a 403 (which would
confirm that it exists). EventService checks the draft itself; its EventError messages are
French and shown as they are, above the form the agent filled in, which keeps what was typed.
"""

from collections.abc import Mapping
from datetime import datetime, timezone

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from relais import events as rules
from relais.directory import postal_code_to_departement
from relais.local_time import LOCAL_TIME
from relais.models import EVENT_ACTIVE, EVENT_ENDED, EVENT_KINDS, SEVERITIES
from relais.services.events import EventDraft, EventView
from relais.services.unit_desk import AgentInfo
from relais.territories import UNIT
from relais.tracks import TRACKS
from web.auth import require_agent
from web.context import events, places, signed_in_agent
from web.labels import plural

blueprint = Blueprint("events", __name__)
blueprint.before_request(require_agent)

# A unit agent follows the events of its départements; these roles act on them.
DECLARING_ROLES = ("relais", "negotiator")
EVENT_STATUS_LABELS = {EVENT_ACTIVE: "En cours", EVENT_ENDED: "Terminé"}
# What <input type="datetime-local"> sends: the agent's wall-clock time in France.
LOCAL_INPUT_FORMAT = "%Y-%m-%dT%H:%M"
FORM_FIELDS = ("type", "gravite", "departements", "consignes", "fin")


@blueprint.get("/evenements")
def event_list() -> str:
    agent = signed_in_agent()
    return render_template("events/liste.html", evenements=events().events(agent_departements(agent)),
                           peut_declarer=can_act(agent), gravites=_severity_labels(),
                           statuts_evenement=EVENT_STATUS_LABELS)


@blueprint.get("/evenements/nouveau")
def new_event() -> str:
    agent = _acting_agent()
    mine = agent_departements(agent)
    # One département: the only possible answer, typed already.
    typed = {"departements": mine[0]} if mine and len(mine) == 1 else {}
    return _declaration_form(agent, typed)


@blueprint.post("/evenements/nouveau")
def declare() -> str | Response:
    agent = _acting_agent()
    typed = {name: request.form.get(name, "") for name in FORM_FIELDS}
    try:
        declared = events().declare(_draft(agent, typed), agent_id=agent.id)
    except rules.EventError as error:
        return _declaration_form(agent, typed, error=str(error))
    flash(f"Événement déclaré : {plural(declared.alerted, 'personne alertée', 'personnes alertées')} "
          "parmi les inscrits aux alertes de ces départements.", "succes")
    return redirect(url_for(".event_detail", event_id=declared.id))


@blueprint.get("/evenements/<int:event_id>")
def event_detail(event_id: int) -> str:
    agent = signed_in_agent()
    return _event_page(agent, _event_of(agent, event_id))


@blueprint.post("/evenements/<int:event_id>/mise-a-jour")
def update(event_id: int) -> str | Response:
    agent = _acting_agent()
    event = _event_of(agent, event_id)
    instructions = request.form.get("consignes", "")
    severity = request.form.get("gravite") or None
    try:
        updated = events().update(event.id, instructions, severity, agent_id=agent.id)
    except rules.EventError as error:
        return _event_page(agent, event, update_error=str(error), typed_update=instructions)
    except LookupError:
        return _already_ended(event)
    flash(f"Mise à jour envoyée à {plural(updated.alerted, 'personne', 'personnes')}.", "succes")
    return redirect(url_for(".event_detail", event_id=event.id))


@blueprint.post("/evenements/<int:event_id>/fin")
def end(event_id: int) -> Response:
    agent = _acting_agent()
    event = _event_of(agent, event_id)
    try:
        ended = events().end(event.id, request.form.get("message", ""), agent_id=agent.id)
    except LookupError:
        return _already_ended(event)
    except rules.EventError as error:  # a last message too long: nothing sent, said why
        flash(str(error), "erreur")
        return redirect(url_for(".event_detail", event_id=event.id))
    flash(f"Événement terminé : {plural(ended.alerted, 'personne prévenue', 'personnes prévenues')}.",
          "succes")
    return redirect(url_for(".event_detail", event_id=event.id))


def agent_departements(agent: AgentInfo) -> tuple[str, ...] | None:
    """The départements whose events the agent sees and acts on; None for the nation (all)."""
    if agent.territory.kind == UNIT:
        postal_codes = places().units[agent.territory.code].postal_codes
        return tuple(dict.fromkeys(postal_code_to_departement(code) for code in postal_codes))
    return places().departements_of(agent.territory)


def can_act(agent: AgentInfo) -> bool:
    return agent.role in DECLARING_ROLES


def _acting_agent() -> AgentInfo:
    """The agent, if they may declare, update and end events; else the page does not exist."""
    agent = signed_in_agent()
    if not can_act(agent):
        abort(404)
    return agent


def _event_of(agent: AgentInfo, event_id: int) -> EventView:
    event = events().event(event_id)
    mine = agent_departements(agent)
    if event is None or (mine is not None and not set(event.departements) & set(mine)):
        abort(404)
    return event


def _draft(agent: AgentInfo, typed: Mapping[str, str]) -> EventDraft:
    """The draft of the form; EventError (in French) for what the service would not check: the
    départements outside the agent's, and an end date that cannot be read."""
    departements = rules.clean_departements(typed["departements"])
    _check_within(departements, agent_departements(agent))
    return EventDraft(kind=typed["type"], severity=typed["gravite"], departements=departements,
                      instructions=typed["consignes"], ends_at=_end_date(typed["fin"]))


def _check_within(departements: tuple[str, ...], mine: tuple[str, ...] | None) -> None:
    outside = [code for code in departements if mine is not None and code not in mine]
    if len(outside) == 1:
        raise rules.EventError(f"Le département {outside[0]} n'est pas dans votre territoire "
                               f"({_listed(mine)}) : rien n'a été déclaré.")
    if outside:
        raise rules.EventError(f"Les départements {', '.join(outside)} ne sont pas dans votre "
                               f"territoire ({_listed(mine)}) : rien n'a été déclaré.")


def _end_date(value: str) -> datetime | None:
    value = value.strip()
    if not value:
        return None
    try:
        local = datetime.strptime(value, LOCAL_INPUT_FORMAT)
    except ValueError:
        raise rules.EventError("La fin prévue n'a pas pu être lue : choisissez une date et une heure "
                               "(ou laissez le champ vide).") from None
    return local.replace(tzinfo=LOCAL_TIME).astimezone(timezone.utc)


def _listed(departements: tuple[str, ...] | None) -> str:
    return "toute la France" if departements is None else ", ".join(departements)


def _declaration_form(agent: AgentInfo, typed: Mapping[str, str], error: str | None = None) -> str:
    return render_template(
        "events/nouveau.html", saisie=typed, erreur=error, types_evenement=_kind_labels(),
        gravites=_severity_labels(), territoire=_listed(agent_departements(agent)),
    )


def _event_page(agent: AgentInfo, event: EventView, update_error: str | None = None,
                typed_update: str = "") -> str:
    return render_template(
        "events/evenement.html", evenement=event, bilan=events().welfare(event.id, agent_departements(agent)),
        peut_agir=can_act(agent) and event.status == EVENT_ACTIVE, gravites=_severity_labels(),
        statuts_evenement=EVENT_STATUS_LABELS, pistes=TRACKS, erreur_mise_a_jour=update_error,
        consignes_saisies=typed_update,
    )


def _already_ended(event: EventView) -> Response:
    flash("Cet événement est déjà terminé : plus rien ne peut être envoyé à son sujet.", "erreur")
    return redirect(url_for(".event_detail", event_id=event.id))


def _kind_labels() -> dict[str, str]:
    texts = rules.event_texts()
    return {kind: texts.label(kind) for kind in EVENT_KINDS}


def _severity_labels() -> dict[str, str]:
    texts = rules.event_texts()
    return {severity: texts.severities[severity] for severity in SEVERITIES}
