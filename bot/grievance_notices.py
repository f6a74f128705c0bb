"""Carries the neighbourhood units' news of doléances and envies to the citizens' chats.

The web space writes each notice (a status, an answer) in the database with the change itself
(relais/services/unit_desk.py), due at once or at 08:00 when it comes in the quiet hours. This
loop of the edge moves the due ones into the chats' durable queue, in one transaction
(GrievanceService.deliver_due), then wakes those chats: each notice is sent once, in order with
the rest of the chat, after any restart, within Telegram's limits (the queue's rate limiter).
"""

import asyncio
import logging
from collections.abc import Callable

from relais.services.grievances import GrievanceService

logger = logging.getLogger(__name__)

# Often enough that an answer reaches the chat within seconds; each look is one small query.
LOOK_EVERY_SECONDS = 3.0


class GrievanceNotifier:
    def __init__(self, grievances: GrievanceService, wake: Callable[[str], None]) -> None:
        self._grievances = grievances
        self._wake = wake

    async def watch(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.deliver_due()
            except Exception:  # keep watching whatever happens (the database may be down)
                logger.exception("Moving the units' news to the chats failed")
            try:
                await asyncio.wait_for(stop.wait(), timeout=LOOK_EVERY_SECONDS)
            except asyncio.TimeoutError:
                pass

    async def deliver_due(self) -> int:
        """Move what is due now (in batches until none is left); how many chats were woken."""
        woken = 0
        while chats := await asyncio.to_thread(self._grievances.deliver_due):
            for chat_id in chats:
                self._wake(chat_id)
            woken += len(chats)
        return woken
