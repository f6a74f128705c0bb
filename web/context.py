"""What the views share: the services the composition root handed to create_app, and the
agent signed in for this request."""

from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app, g

from relais.services.events import EventService
from relais.services.observatory import ObservatoryService
from relais.services.unit_desk import AgentInfo, UnitDesk
from relais.territories import Territories

EXTENSION = "relais"


@dataclass(frozen=True)
class WebServices:
    desk: UnitDesk
    places: Callable[[], Territories]
    # None: the app was built without the events pages (they are then not registered).
    events: EventService | None = None
    # None: the app was built without the observatory (its pages are then not registered).
    observatory: ObservatoryService | None = None


def desk() -> UnitDesk:
    return services().desk


def events() -> EventService:
    service = services().events
    if service is None:  # the events blueprint is registered only with an EventService
        raise RuntimeError("the web space was built without an EventService")
    return service


def observatory() -> ObservatoryService:
    service = services().observatory
    if service is None:  # the blueprint is registered only with an ObservatoryService
        raise RuntimeError("the web space was built without an ObservatoryService")
    return service


def places() -> Territories:
    return services().places()


def services() -> WebServices:
    return current_app.extensions[EXTENSION]


def signed_in_agent() -> AgentInfo:
    """The agent of this request (auth.require_agent put them there before any agent page)."""
    return g.agent
