"""Constants and helpers shared by the domain tests (fixtures are in conftest.py; the clock is
tests/support/clock.py)."""

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text

# The version of the privacy notice a citizen consents to in the tests.
NOTICE = "2026-11"


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
