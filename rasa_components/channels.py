"""Rasa's input channels for Relais: the REST channel and the callback channel, for the edge only.

Rasa's own channels accept a message from any caller: any local process could post `/oubli`
(erase) or `/consentir` in a citizen's name. These refuse (401) a POST without EDGE_SECRET in
the EDGE_SECRET_HEADER header; the callback channel also sends it to the edge with every
message, so the edge knows the message comes from Rasa. Same names, so same URLs
(/webhooks/rest/webhook, /webhooks/callback/webhook) and `?output_channel=callback` unchanged.
credentials.yml names these classes by module path.
"""

from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.callback import CallbackInput
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.utils.endpoints import EndpointConfig
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from relais.settings import load_settings
from relais.shared_secrets import EDGE_SECRET_HEADER, matches


def edge_secret() -> str:
    secret = load_settings().edge_secret
    if not secret:
        # Rasa stops at start with this message: a channel without its secret would be open.
        raise ValueError("EDGE_SECRET is not set: Relais' channels do not start without it.")
    return secret


def guarded(blueprint: Blueprint, secret: str) -> Blueprint:
    """The channel's routes, a POST refused without the secret (GET is the channel's health)."""

    async def refuse_without_secret(request: Request) -> Optional[HTTPResponse]:
        if request.method != "GET" and not matches(request.headers.get(EDGE_SECRET_HEADER), secret):
            return response.json({"error": "unauthorized"}, status=401)
        return None

    blueprint.middleware(refuse_without_secret, "request")
    return blueprint


class RelaisRestInput(RestInput):
    """The edge's channel for a citizen's turn."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        return cls(edge_secret())

    def __init__(self, secret: str) -> None:
        self._secret = secret

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return guarded(super().blueprint(on_new_message), self._secret)


class RelaisCallbackInput(CallbackInput):
    """What Rasa sends outside a reply (an intent triggered through the HTTP API with
    `?output_channel=callback`) goes to the edge's `url`, with the secret."""

    @classmethod
    def name(cls) -> str:
        return "callback"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        secret = edge_secret()
        endpoint = EndpointConfig.from_dict(credentials or {})
        endpoint.headers = {**endpoint.headers, EDGE_SECRET_HEADER: secret}
        channel = cls(endpoint)
        channel._secret = secret
        return channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return guarded(super().blueprint(on_new_message), self._secret)
