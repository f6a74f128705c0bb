"""Client of Rasa over HTTP: the REST channel for a citizen's turn, the HTTP API to find out
whether a turn was processed before Rasa went down, and the action server's health."""

from typing import Any, Dict, List, Optional

import httpx


class RasaUnavailable(Exception):
    """Rasa, or the action server behind it, cannot take a message now.

    `maybe_processed` is True when the message reached Rasa but no answer came back (Rasa died
    or timed out while working on it): before sending it again, ask Rasa whether it has it.
    """

    def __init__(self, reason: str, maybe_processed: bool = False) -> None:
        super().__init__(reason)
        self.maybe_processed = maybe_processed


class RasaClient:
    def __init__(
        self,
        base_url: str,
        timeout: float = 30.0,
        auth_token: Optional[str] = None,
        action_server_url: Optional[str] = None,
    ) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=timeout)
        self._auth = {"token": auth_token} if auth_token else {}
        self._action_server_url = action_server_url

    async def send(
        self, sender_id: str, text: str, metadata: Optional[Dict[str, Any]] = None
    ) -> List[Dict[str, Any]]:
        """The bot's messages for one citizen message (REST channel)."""
        await self._check_action_server()
        payload = {"sender": sender_id, "message": text, "metadata": metadata or {}}
        try:
            response = await self._client.post("/webhooks/rest/webhook", json=payload)
        except (httpx.ConnectError, httpx.ConnectTimeout) as error:
            raise RasaUnavailable(f"Rasa unreachable: {_describe(error)}") from error
        except httpx.HTTPError as error:
            raise RasaUnavailable(f"no answer from Rasa: {_describe(error)}", maybe_processed=True) from error
        if response.status_code >= 500:
            raise RasaUnavailable(f"Rasa answered {response.status_code}", maybe_processed=True)
        response.raise_for_status()  # 4xx: a bug of ours, not an outage
        return response.json()

    async def events(self, sender_id: str) -> List[Dict[str, Any]]:
        """The conversation's events (HTTP API, needs Rasa's --enable-api)."""
        return (await self.tracker(sender_id)).get("events") or []

    async def tracker(self, sender_id: str) -> Dict[str, Any]:
        """The conversation's tracker: slots and events (HTTP API)."""
        try:
            response = await self._client.get(
                f"/conversations/{sender_id}/tracker",
                params={"include_events": "AFTER_RESTART", **self._auth},
            )
            response.raise_for_status()
        except httpx.HTTPError as error:
            raise RasaUnavailable(f"cannot read the tracker: {_describe(error)}") from error
        return response.json()

    async def append_events(self, sender_id: str, events: List[Dict[str, Any]]) -> None:
        """Add events to the conversation without Rasa answering (what is said while a coach
        has the conversation is part of it all the same)."""
        try:
            response = await self._client.post(
                f"/conversations/{sender_id}/tracker/events", params=self._auth, json=events
            )
            response.raise_for_status()
        except httpx.HTTPError as error:
            raise RasaUnavailable(f"cannot append events: {_describe(error)}") from error

    async def _check_action_server(self) -> None:
        # Rasa carries on when an action fails (the reply is then missing its answers): a down
        # action server must be noticed before the message goes in, so it can wait instead.
        if not self._action_server_url:
            return
        try:
            response = await self._client.get(f"{self._action_server_url}/health", timeout=5.0)
        except httpx.HTTPError as error:
            raise RasaUnavailable(f"action server unreachable: {_describe(error)}") from error
        if response.status_code != 200:
            raise RasaUnavailable(f"action server answered {response.status_code}")

    async def close(self) -> None:
        await self._client.aclose()


def _describe(error: httpx.HTTPError) -> str:
    """The error without its URL, which names the conversation (and may carry the token):
    these messages end up in the logs."""
    if isinstance(error, httpx.HTTPStatusError):
        return f"{type(error).__name__} {error.response.status_code}"
    return repr(error)  # httpx puts the URL in status errors' messages only


def replies_after(events: List[Dict[str, Any]], message_key: str) -> Optional[List[Dict[str, Any]]]:
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
