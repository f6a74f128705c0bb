"""bot/retry_pause.py: the delays between tries of the edge's queues, and a pause that new work
ends early."""

import asyncio

import pytest

from bot.retry_pause import pause, retry_delay

pytestmark = pytest.mark.asyncio(loop_scope="function")


async def test_the_delays_grow_then_stay_at_the_last_one():
    delays = (1.0, 2.0, 4.0)
    assert [retry_delay(delays, failures) for failures in range(1, 6)] == [1.0, 2.0, 4.0, 4.0, 4.0]


async def test_new_work_ends_the_pause_early():
    wakeup = asyncio.Event()
    paused = asyncio.create_task(pause(wakeup, 3600.0))
    await asyncio.sleep(0)
    assert not paused.done()
    wakeup.set()
    await paused  # an hour's pause, ended by the wakeup


async def test_without_new_work_the_pause_lasts_its_delay():
    await pause(asyncio.Event(), 0.01)
