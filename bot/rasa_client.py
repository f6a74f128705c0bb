"""Client of Rasa's REST channel: one citizen message in, the bot's messages out."""

from typing import Any, Dict, List, Optional

import httpx


class RasaUnavailable(Exception):
    """Rasa (or the action server behind it) did not answer."""


class RasaClient:
    def __init__(self, base_url: str, timeout: float = 30.0) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=timeout)

    async def send(
        self, sender_id: str, text: str, metadata: Optional[Dict[str, Any]] = None
    ) -> List[Dict[str, Any]]:
        payload = {"sender": sender_id, "message": text, "metadata": metadata or {}}
        try:
            response = await self._client.post("/webhooks/rest/webhook", json=payload)
            response.raise_for_status()
        except httpx.HTTPError as error:
            raise RasaUnavailable(str(error)) from error
        return response.json()

    async def close(self) -> None:
        await self._client.aclose()
