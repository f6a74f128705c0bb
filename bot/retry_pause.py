"""How the edge's queues (bot/chat_queue.py for the citizens' chats, bot/desk/queue.py for the
coaches' topics) wait between tries: growing delays while an outage lasts, a pause that new
work ends early, and how many unexpected failures an entry gets before it is given up."""

import asyncio
from collections.abc import Sequence

RETRY_DELAYS = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0)
MAX_ERRORS_PER_ENTRY = 5


def retry_delay(delays: Sequence[float], failures: int) -> float:
    """The delay after `failures` failures in a row (1 or more): each next delay, then the
    last one for as long as the failures last."""
    return delays[min(failures, len(delays)) - 1]


async def pause(wakeup: asyncio.Event, delay: float) -> None:
    """Wait `delay` seconds, less if `wakeup` is set: new work (maybe a crisis message to
    answer at once) ends the pause early."""
    try:
        await asyncio.wait_for(wakeup.wait(), timeout=delay)
    except asyncio.TimeoutError:
        pass
