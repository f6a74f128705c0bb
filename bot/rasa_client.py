"""Client of Rasa over HTTP: the REST channel for a citizen's turn, the HTTP API to find out
whether a turn was processed before Rasa went down, and the action server's health.

Rasa's HTTP API takes its token in the query string only (`?token=`), so the token is in every
URL of the API: httpx logs the URL of each request (logger `httpx`, INFO) and puts it in the
message of HTTPStatusError. The token is replaced in httpx's log records, and the errors this
client raises name the failure, never the URL.
"""

import logging
from typing import Any

import httpx

from relais.settings import Settings
from relais.shared_secrets import EDGE_SECRET_HEADER

HIDDEN = "[hidden]"


class RasaUnavailable(Exception):
    """Rasa, or the action server behind it, cannot take a message now.

    `maybe_processed` is True when the message reached Rasa but no answer came back (Rasa died
    or timed out while working on it): before sending it again, ask Rasa whether it has it.
    """

    def __init__(self, reason: str, maybe_processed: bool = False) -> None:
        super().__init__(reason)
        self.maybe_processed = maybe_processed


class SecretsHidden(logging.Filter):
    """Replaces the secrets it knows in the log records of one logger (a logger's filter sees
    only the records made on that logger)."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(secret in message for secret in self.secrets):
            for secret in self.secrets:
                message = message.replace(secret, HIDDEN)
            record.msg, record.args = message, None
        return True


_HIDDEN_IN_HTTPX_LOGS = SecretsHidden()


def hide_in_httpx_logs(secret: str) -> None:
    _HIDDEN_IN_HTTPX_LOGS.secrets.add(secret)
    httpx_logger = logging.getLogger("httpx")
    if _HIDDEN_IN_HTTPX_LOGS not in httpx_logger.filters:
        httpx_logger.addFilter(_HIDDEN_IN_HTTPX_LOGS)


def _failure(error: httpx.HTTPError) -> str:
    """What went wrong, without the request's URL (it carries the token)."""
    if isinstance(error, httpx.HTTPStatusError):
        return f"HTTP {error.response.status_code}"
    return type(error).__name__


class RasaClient:
    def __init__(
        self,
        base_url: str,
        timeout: float = 30.0,
        auth_token: str | None = None,
        action_server_url: str | None = None,
        edge_secret: str | None = None,
    ) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=timeout)
        self._auth = {"token": auth_token} if auth_token else {}
        if auth_token:
            hide_in_httpx_logs(auth_token)
        self._action_server_url = action_server_url
        # Only on the REST channel's requests: the action server's health check needs none.
        self._channel_headers = {EDGE_SECRET_HEADER: edge_secret} if edge_secret else {}

    @classmethod
    def from_settings(cls, settings: Settings, check_action_server: bool = True) -> "RasaClient":
        return cls(settings.rasa_url, settings.rasa_timeout_seconds, settings.rasa_auth_token,
                   settings.action_server_url if check_action_server else None,
                   settings.edge_secret)

    async def send(
        self, sender_id: str, text: str, metadata: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """The bot's messages for one citizen message (REST channel)."""
        await self._check_action_server()
        payload = {"sender": sender_id, "message": text, "metadata": metadata or {}}
        try:
            response = await self._client.post("/webhooks/rest/webhook", json=payload,
                                               headers=self._channel_headers)
        except (httpx.ConnectError, httpx.ConnectTimeout) as error:
            raise RasaUnavailable(f"Rasa unreachable: {_failure(error)}") from error
        except httpx.HTTPError as error:
            raise RasaUnavailable(f"no answer from Rasa: {_failure(error)}", maybe_processed=True) from error
        if response.status_code >= 500:
            raise RasaUnavailable(f"Rasa answered {response.status_code}", maybe_processed=True)
        response.raise_for_status()  # 4xx: a bug of ours, not an outage
        return response.json()

    async def events(self, sender_id: str) -> list[dict[str, Any]]:
        """The conversation's events (HTTP API, needs Rasa's --enable-api)."""
        return (await self.tracker(sender_id)).get("events") or []

    async def tracker(self, sender_id: str) -> dict[str, Any]:
        """The conversation's tracker: slots and events (HTTP API)."""
        try:
            response = await self._client.get(
                f"/conversations/{sender_id}/tracker",
                params={"include_events": "AFTER_RESTART", **self._auth},
            )
            response.raise_for_status()
        except httpx.HTTPError as error:
            # `from None`: a logged traceback would show the chained error, URL and token.
            raise RasaUnavailable(f"cannot read the tracker: {_failure(error)}") from None
        return response.json()

    async def append_events(self, sender_id: str, events: list[dict[str, Any]]) -> None:
        """Add events to the conversation without Rasa answering (what is said while a coach
        has the conversation is part of it all the same)."""
        try:
            response = await self._client.post(
                f"/conversations/{sender_id}/tracker/events", params=self._auth, json=events
            )
            response.raise_for_status()
        except httpx.HTTPError as error:
            raise RasaUnavailable(f"cannot append events: {_failure(error)}") from None

    async def _check_action_server(self) -> None:
        # Rasa carries on when an action fails (the reply is then missing its answers): a down
        # action server must be noticed before the message goes in, so it can wait instead.
        if not self._action_server_url:
            return
        try:
            response = await self._client.get(f"{self._action_server_url}/health", timeout=5.0)
        except httpx.HTTPError as error:
            raise RasaUnavailable(f"action server unreachable: {_failure(error)}") from error
        if response.status_code != 200:
            raise RasaUnavailable(f"action server answered {response.status_code}")

    async def close(self) -> None:
        await self._client.aclose()


def replies_after(events: list[dict[str, Any]], message_key: str) -> list[dict[str, Any]] | None:
    """The bot messages Rasa sent after the user message tagged `message_key`, in the REST
    channel's format; None when Rasa never received that message."""
    start = None
    for index, event in enumerate(events):
        if event.get("event") == "user" and (event.get("metadata") or {}).get("relais_key") == message_key:
            start = index
    if start is None:
        return None
    messages = []
    for event in events[start + 1:]:
        if event.get("event") == "user":
            break
        if event.get("event") == "bot":
            data = event.get("data") or {}
            messages.append({
                "text": event.get("text"),
                "buttons": data.get("buttons"),
                "custom": data.get("custom"),
            })
    return messages
