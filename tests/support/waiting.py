"""Waiting on a condition, for tests and benchmarks that drive servers concurrently.

A test waits for what it needs to have happened, never for a length of time: the bound only
stops a run that hangs, so it is generous and is never a measure of speed (bench/ measures).
"""

import asyncio

SAFETY_BOUND = 600.0
POLL_EVERY = 0.05


async def until(condition, bound: float = SAFETY_BOUND, what: str = "condition",
                every: float = POLL_EVERY) -> None:
    """Return once `condition()` holds (checked every `every` seconds, 50 ms unless the check is
    costly); fail after `bound` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + bound
    while not condition():
        assert loop.time() < deadline, f"{what} not met within {bound:g} s"
        await asyncio.sleep(every)
