"""Constants and helpers shared by the domain tests (fixtures are in conftest.py)."""

from datetime import datetime, timezone

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text

# Thursday 26 November 2026, noon UTC: the default "now" of the services under test.
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)
NOTICE = "2026-11"


class FakeClock:
    """A clock the test moves by hand: `clock.now = ...`."""

    def __init__(self, now: datetime = NOW):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def rasa_events_table() -> Table:
    """Rasa 3.6's tracker store table (rasa.core.tracker_store.SQLEvent), written out here
    rather than imported from relais.models, so that the tests check Relais against it."""
    return Table(
        "events",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("sender_id", String(255), nullable=False, index=True),
        Column("type_name", String(255), nullable=False),
        Column("timestamp", Float),
        Column("intent_name", String(255)),
        Column("action_name", String(255)),
        Column("data", Text),
    )
