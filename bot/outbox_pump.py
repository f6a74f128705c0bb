"""Moves what Relais sends first (territorial alerts, welfare questions, a unit's news of a
doléance) from the durable outbox (relais/services/outbox.py) into the chats' queues, paced.

Each move is one transaction: a message leaves the outbox when it enters its chat's durable
queue, so it is sent once, in order with the rest of the chat, after any restart, whichever
edge claims it. The pace keeps a broadcast under the bot's limit and behind the citizens who
write: at most `per_second` messages a second are moved, and none while more chats than a
quarter of that still have messages to send. A chat's queue sends a citizen's answer as soon
as it is ready, so it waits for at most a quarter of a second of broadcast ahead of it in the
rate limiter.

The same loop writes the check-ins due (CheckinService.send_due) and follows up silent citizens
after an alert (EventService.follow_up_silent), once a minute.
"""

import asyncio
import logging
import time
from collections.abc import Callable

from relais.services.checkins import CheckinService
from relais.services.events import EventService
from relais.services.outbox import OutboxService

logger = logging.getLogger(__name__)

# With nothing due, look again this often: an answer reaches the chat within seconds.
LOOK_EVERY_SECONDS = 2.0
# Moves per second are spread over this many ticks (smooth, not bursts of a second's worth).
TICKS_PER_SECOND = 4
FOLLOW_UP_EVERY_SECONDS = 60.0
# Nothing is moved while more chats than a quarter of a second's worth still send: what waits
# in the bot's rate limiter ahead of a citizen's answer stays under a quarter of a second.
BACKLOG_DIVISOR = 4


class OutboxPump:
    def __init__(self, outbox: OutboxService, wake: Callable[[str], None],
                 busy_chats: Callable[[], int] = lambda: 0, per_second: float = 28.0,
                 events: EventService | None = None, checkins: CheckinService | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._outbox = outbox
        self._wake = wake
        self._busy_chats = busy_chats
        self._per_second = per_second
        self._backlog_limit = max(1, round(per_second / BACKLOG_DIVISOR))
        # A token bucket: `per_second` moves accrue each second (a second's worth at most, so a
        # pause of the broadcast is not followed by a burst), spent as messages are moved. A
        # tick held back by busy chats, or slowed by the database, is made up by the next.
        self._allowance = per_second / TICKS_PER_SECOND
        self._filled_at: float | None = None
        self._events = events
        self._checkins = checkins
        self._clock = clock
        self._followed_up_at: float | None = None

    async def watch(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            started = self._clock()
            try:
                moved = await self.move_some()
                await self._follow_up()
            except Exception:  # keep watching whatever happens (the database may be down)
                logger.exception("Moving the outbox to the chats failed")
                moved = 0
            # Ticks start every 1/TICKS_PER_SECOND s, the move's own time included: counted
            # after it, the pace fell to 22 a second for 28 intended (bench/alert_broadcast.py).
            spent = self._clock() - started
            pause = max(0.0, 1 / TICKS_PER_SECOND - spent) if moved else LOOK_EVERY_SECONDS
            try:
                await asyncio.wait_for(stop.wait(), timeout=pause)
            except asyncio.TimeoutError:
                pass

    async def move_some(self) -> int:
        """One tick's share of due messages, unless the chats are still busy with earlier ones;
        how many moved (-1: held back for the backlog, which counts as work under way)."""
        now = self._clock()
        if self._filled_at is not None:
            self._allowance = min(float(self._per_second),
                                  self._allowance + (now - self._filled_at) * self._per_second)
        self._filled_at = now
        if self._busy_chats() >= self._backlog_limit:
            return -1
        quota = int(self._allowance)
        if quota < 1:
            return -1
        chats = await asyncio.to_thread(self._outbox.move_due, quota)
        self._allowance -= len(chats)
        for chat_id in chats:
            self._wake(chat_id)
        if not chats:  # nothing due: no credit kept for a broadcast declared later
            self._allowance = self._per_second / TICKS_PER_SECOND
            self._filled_at = None
        return len(chats)

    async def drain(self) -> int:
        """Move everything due now, unpaced (the terminal, tests); how many chats were woken."""
        woken = 0
        while chats := await asyncio.to_thread(self._outbox.move_due, 100):
            for chat_id in chats:
                self._wake(chat_id)
            woken += len(chats)
        return woken

    async def _follow_up(self) -> None:
        """Every minute: the check-ins due, and the silent citizens after an alert."""
        now = self._clock()
        if self._followed_up_at is not None and now - self._followed_up_at < FOLLOW_UP_EVERY_SECONDS:
            return
        self._followed_up_at = now
        if self._checkins is not None:
            written = await asyncio.to_thread(self._checkins.send_due)
            if written:
                logger.info("Check-ins: %d written to the outbox", written)
        if self._events is not None:
            reminded, relayed = await asyncio.to_thread(self._events.follow_up_silent)
            if reminded or relayed:
                logger.info("Welfare check: %d reminded, %d told to their relais", reminded, relayed)
