"""The French the pages show beside the templates' own text: the labels of themes, statuses,
kinds and visibilities (relais/content/grievances.yml, edited by content designers), the agents'
roles, and dates in French local time."""

from datetime import datetime
from typing import Any

from flask import Flask

from relais.grievances import MIN_PUBLISHED_COUNT, grievance_texts
from relais.local_time import LOCAL_TIME

ROLES = {
    "unit": "Unité de quartier",
    "relais": "Relais",
    "negotiator": "Négociation de crise",
}


def register(app: Flask) -> None:
    app.jinja_env.filters["date_fr"] = date_fr
    app.jinja_env.filters["jour_fr"] = day_fr
    app.jinja_env.filters["majuscule"] = capital_first
    app.jinja_env.filters["nombre_public"] = count_or_hidden
    app.context_processor(_labels)


def _labels() -> dict[str, Any]:
    texts = grievance_texts()
    return {"themes": texts.themes, "statuts": texts.statuses, "types": texts.kinds,
            "visibilites": texts.visibilities, "roles": ROLES}


def date_fr(moment: datetime | None) -> str:
    """« 26/11/2026 à 13 h 00 », in Paris time."""
    if moment is None:
        return ""
    local = moment.astimezone(LOCAL_TIME)
    return f"{local:%d/%m/%Y} à {local:%H} h {local:%M}"


def day_fr(moment: datetime | None) -> str:
    return "" if moment is None else f"{moment.astimezone(LOCAL_TIME):%d/%m/%Y}"


def capital_first(text: str | None) -> str:
    """The first letter up, the rest untouched (Jinja's `capitalize` lowers it)."""
    text = text or ""
    return text[:1].upper() + text[1:]


def count_or_hidden(count: int | None) -> str:
    """A public count: the domain leaves out (None) a count too small to be shown."""
    return f"moins de {MIN_PUBLISHED_COUNT}" if count is None else str(count)


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
