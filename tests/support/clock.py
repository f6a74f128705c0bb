"""A clock the test sets by hand, for the services (and the coach desk) that read the time."""

from datetime import datetime, timezone

# Thursday 26 November 2026, noon UTC: the default "now" of the services under test.
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)


class FakeClock:
    """A clock the test moves by hand: `clock.now = ...`."""

    def __init__(self, now: datetime = NOW):
        self.now = now

    def __call__(self) -> datetime:
        return self.now
