"""The outbox pump's pace (bot/outbox_pump.py), with a fake clock and a fake outbox: at most
`per_second` moves a second on average, a held tick made up by the next ones, no burst after
a quiet time, nothing moved while the chats are busy."""

import pytest

from bot.outbox_pump import TICKS_PER_SECOND, OutboxPump

pytestmark = pytest.mark.asyncio(loop_scope="function")


class Outbox:
    def __init__(self, due: int) -> None:
        self.due = due
        self.moves: list[int] = []

    def move_due(self, limit: int) -> list[str]:
        moved = min(limit, self.due)
        self.due -= moved
        self.moves.append(moved)
        return [f"chat-{self.due + n}" for n in range(moved)]


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


async def ticks(pump: OutboxPump, clock: Clock, seconds: float, step: float) -> int:
    moved = 0
    for _ in range(round(seconds / step)):
        moved += max(0, await pump.move_some())
        clock.now += step
    return moved


async def test_the_pace_holds_when_the_ticks_come_late(clock):
    outbox = Outbox(due=10_000)
    pump = OutboxPump(outbox, wake=lambda chat: None, per_second=28, clock=clock)
    # Each tick a third later than planned (the database's time): 28 a second all the same.
    moved = await ticks(pump, clock, seconds=60, step=1.33 / TICKS_PER_SECOND)
    assert 28 * 60 - 28 <= moved <= 28 * 60 + 7
    assert max(outbox.moves) <= 10  # small moves, not bursts


async def test_busy_chats_hold_the_broadcast_and_a_second_is_made_up_at_most(clock):
    outbox = Outbox(due=10_000)
    busy = {"chats": 28}
    pump = OutboxPump(outbox, wake=lambda chat: None, busy_chats=lambda: busy["chats"],
                      per_second=28, clock=clock)
    assert await ticks(pump, clock, seconds=5, step=0.25) == 0
    busy["chats"] = 0
    first = await pump.move_some()
    assert first == 28  # one second's worth, not five


async def test_after_a_quiet_time_a_new_broadcast_starts_at_the_tick_pace(clock):
    outbox = Outbox(due=0)
    pump = OutboxPump(outbox, wake=lambda chat: None, per_second=28, clock=clock)
    await ticks(pump, clock, seconds=30, step=2.0)  # nothing due, looked at every 2 s
    outbox.due = 1000
    assert await pump.move_some() == 7
