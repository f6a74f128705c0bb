"""The citizen's data in plain French, for the chat: what Relais keeps, since when, the
check-ins, goals, steps and cases, the alert subscription and the doléances. The JSON document sent beside it (the export itself, from
relais.services.data_rights) has every detail; this is its readable summary."""

from collections import Counter
from datetime import datetime
from typing import Any

from relais.models import (
    ACTIVE_CASE_STATUSES,
    CONSENT_GIVEN,
    CONSENT_WITHDRAWN,
    PROGRESS_ACTION_DONE,
    PROGRESS_ACTION_SKIPPED,
    PROGRESS_CHECKIN,
    PROGRESS_GOAL,
)
from relais.tracks import TRACKS

# Before consent nothing is written to the database, but the conversation itself stays in the
# Rasa server's memory (or Redis's) so that the next reply follows it (rasa_components/stores.py):
# say so, with the delay (persona round 94 read « aucune donnée », then 21 conversation elements
# once the citizen accepted: the earlier messages are recorded with the consent).
NOTHING_KEPT = (
    "Relais n'a rien enregistré sur vous. Le fil de cette conversation reste seulement en mémoire "
    "pour suivre la discussion, et il est oublié {hours} h après votre dernier message. "
    "Si vous acceptez l'enregistrement, il est gardé avec le reste ; écrivez « effacer mes données » "
    "pour l'oublier tout de suite."
)
# Where, how long and who reads, for « c'est stocké où et combien de temps ? » before or after
# consent (persona round 97: « pas compris », twice). The delays are the settings' (README,
# "Retention"); the team reads a conversation only when it is handed to a person.
HOW_KEPT = (
    "Vos données servent seulement à vous accompagner.\n"
    "• Sans votre accord, rien n'est enregistré : le fil de la conversation reste en mémoire, puis "
    "il est oublié {hours} h après votre dernier message.\n"
    "• Avec votre accord, votre suivi est gardé dans la base de Relais, sur les serveurs du service "
    "public qui le fait fonctionner, et effacé après {inactive_months} mois sans échange.\n"
    "• Qui le lit : personne, sauf l'équipe relais quand vous demandez à parler à une personne ou si "
    "vous êtes en danger. Rien ne va aux impôts, à la CAF, à France Travail, à la police ni à "
    "votre employeur ; les tableaux des territoires ne montrent que des chiffres regroupés.\n"
    "« mes données » vous en donne une copie, « effacer mes données » efface tout."
)
FREE_OF_CHARGE = "Relais est gratuit : c'est un service public, sans abonnement ni frais."
PHASES_FR = {"urgence": "phase d'urgence", "continu": "suivi dans la durée"}
# The last steps done quoted in the citizen's words (all of them are in the document).
QUOTED_STEPS = 3


def export_summary(export: dict[str, Any], forgotten_after_hours: int) -> str:
    """The summary of an export (DataRightsService.export) the citizen reads in the chat;
    `forgotten_after_hours`: how long a conversation without consent stays in memory."""
    if export["citizen"] is None and not export["conversation"]:
        return NOTHING_KEPT.format(hours=forgotten_after_hours)
    lines = ["Voici ce que Relais garde sur vous :"]
    since = _since(export)
    if since:
        lines.append(f"- depuis le {_date_fr(since)}")
    lines.append(f"- consentement : {_consent_fr(export['consent'])}")
    lines.append(f"- parcours suivis : {_enrolments_fr(export['enrolments'])}")
    lines.append(f"- suivi : {_progress_fr(export['progress'])}")
    lines.extend(_progress_details_fr(export["progress"]))
    lines.append(f"- demandes d'accompagnement humain : {_cases_fr(export['cases'])}")
    # Told only when there are some (persona round 93: « vous avez oublié l'abonnement aux
    # alertes ? »): the subscription is data kept too.
    lines.extend(_alerts_fr(export.get("alertes")))
    if export.get("doleances"):
        lines.append(f"- doléances et envies : {len(export['doleances'])}")
    lines.append(
        "- éléments de conversation (messages et réponses) : "
        f"{len(export['conversation'])}"
    )
    lines.append("Le document joint contient toutes ces données en détail (format JSON).")
    return "\n".join(lines)


def _since(export: dict[str, Any]) -> str | None:
    """The earliest date kept: the citizen's row, or the first message of the conversation."""
    dates = [export["citizen"]["created_at"]] if export["citizen"] else []
    dates += [message["at"] for message in export["conversation"][:1] if message["at"]]
    return min((d for d in dates if d), default=None)


def _progress_details_fr(progress: list[dict[str, Any]]) -> list[str]:
    """The last goal, the last check-in and the last steps done, in the citizen's words."""
    lines = []
    goals = [p for p in progress if p["kind"] == PROGRESS_GOAL and p["text"]]
    if goals:
        lines.append(f"  · dernier objectif ({_date_fr(goals[-1]['created_at'])}) : « {goals[-1]['text']} »")
    checkins = [p for p in progress if p["kind"] == PROGRESS_CHECKIN]
    if checkins:
        mood = f", humeur {checkins[-1]['mood']}/5" if checkins[-1]["mood"] else ""
        lines.append(f"  · dernier point d'étape : {_date_fr(checkins[-1]['created_at'])}{mood}")
    done = [p for p in progress if p["kind"] == PROGRESS_ACTION_DONE and p["text"]]
    for entry in done[-QUOTED_STEPS:]:
        lines.append(f"  · action réalisée le {_date_fr(entry['created_at'])} : « {entry['text']} »")
    return lines


def _alerts_fr(alerts: dict[str, Any] | None) -> list[str]:
    subscription = (alerts or {}).get("inscription")
    received = len((alerts or {}).get("recues") or [])
    if not subscription and not received:
        return []
    where = f"pour le {subscription['postal_code']}" if subscription and subscription["postal_code"] else ""
    told = (f"inscription {where} depuis le {_date_fr(subscription['subscribed_at'])}".replace("  ", " ")
            if subscription else "pas d'inscription")
    if subscription and subscription["check_on_me"]:
        told += ", avec relance si vous ne répondez pas"
    if received:
        told += f" ; {_count_fr(received, 'alerte reçue', 'alertes reçues')}"
    return [f"- alertes territoriales : {told}"]


def _date_fr(iso: str | None) -> str:
    return datetime.fromisoformat(iso).strftime("%d/%m/%Y") if iso else "?"


def _consent_fr(consent: dict[str, Any] | None) -> str:
    if not consent or consent["status"] is None:
        return "jamais donné"
    version = f" (notice {consent['notice_version']})" if consent["notice_version"] else ""
    if consent["status"] == CONSENT_GIVEN:
        return f"donné le {_date_fr(consent['at'])}{version}"
    if consent["status"] == CONSENT_WITHDRAWN:
        return f"retiré le {_date_fr(consent['at'])}{version}"
    return str(consent["status"])


def _enrolments_fr(enrolments: list[dict[str, Any]]) -> str:
    if not enrolments:
        return "aucun"
    return ", ".join(
        f"{TRACKS.get(enrolment['track'], enrolment['track'])} "
        f"({PHASES_FR.get(enrolment['phase'], enrolment['phase'])})"
        for enrolment in enrolments
    )


def _progress_fr(progress: list[dict[str, Any]]) -> str:
    if not progress:
        return "rien d'enregistré"
    counts = Counter(entry["kind"] for entry in progress)
    parts = [
        _count_fr(counts[PROGRESS_CHECKIN], "point d'étape", "points d'étape"),
        _count_fr(counts[PROGRESS_GOAL], "objectif", "objectifs"),
        _count_fr(counts[PROGRESS_ACTION_DONE], "action réalisée", "actions réalisées"),
        _count_fr(
            counts[PROGRESS_ACTION_SKIPPED], "action laissée de côté", "actions laissées de côté"
        ),
    ]
    return ", ".join(parts)


def _cases_fr(cases: list[dict[str, Any]]) -> str:
    if not cases:
        return "aucune"
    active = sum(1 for case in cases if case["status"] in ACTIVE_CASE_STATUSES)
    return f"{len(cases)} (dont {active} en cours)" if active else str(len(cases))


def _count_fr(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count <= 1 else plural}"


def how_data_is_kept(forgotten_after_hours: int, inactive_days: int) -> str:
    """Where, how long and who reads, with the delays of the settings."""
    return HOW_KEPT.format(hours=forgotten_after_hours, inactive_months=round(inactive_days / 30))
