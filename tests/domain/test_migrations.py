"""Alembic: from an empty database to head and back, and the models match the migrations."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import insert, inspect, select
from sqlalchemy.exc import IntegrityError

from relais.database import create_engine_from_url, upgrade_to_head
from relais.models import RASA_EVENTS, Base, Case, Citizen, ProgressEntry
from tests.support.clock import NOW
from tests.support.migrations import downgrade_to_base

RELAIS_TABLES = {
    "relais_citizens", "relais_enrolments", "relais_progress", "relais_cases", "relais_inbox",
    "relais_keyboards", "relais_case_topics", "relais_case_audit", "relais_topic_messages",
    "relais_topic_erasures", "relais_held_messages",
}
VERSION_TABLE = "relais_alembic_version"


def table_names(url):
    engine = create_engine_from_url(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_from_empty_to_head_then_down_to_base_and_up_again(db_url):
    assert table_names(db_url) == set()

    upgrade_to_head(db_url)
    assert table_names(db_url) == RELAIS_TABLES | {VERSION_TABLE}
    engine = create_engine_from_url(db_url)
    with engine.connect() as connection:
        assert MigrationContext.configure(
            connection, opts={"version_table": VERSION_TABLE}
        ).get_current_revision() == "0007"
    engine.dispose()

    downgrade_to_base(db_url)
    assert table_names(db_url) & RELAIS_TABLES == set()

    upgrade_to_head(db_url)
    assert RELAIS_TABLES <= table_names(db_url)


def test_migrations_leave_rasa_events_alone(db_url):
    engine = create_engine_from_url(db_url)
    RASA_EVENTS.metadata.create_all(engine)
    engine.dispose()

    upgrade_to_head(db_url)
    downgrade_to_base(db_url)

    assert "events" in table_names(db_url)


def test_models_match_the_migrations(engine):
    """What autogenerate would write for the migrated database: nothing."""
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "version_table": VERSION_TABLE,
                "compare_type": True,
                "include_name": lambda name, type_, parents: type_ != "table"
                or name.startswith("relais_"),
            },
        )
        assert compare_metadata(context, Base.metadata) == []


def insert_citizen(connection, conversation_id="c1") -> int:
    return connection.execute(
        insert(Citizen.__table__).values(conversation_id=conversation_id, created_at=NOW)
    ).inserted_primary_key[0]


def insert_case(connection, citizen_id, status):
    connection.execute(
        insert(Case.__table__).values(
            citizen_id=citizen_id, reason="citizen_request", priority=2, status=status,
            opened_at=NOW,
        )
    )


@pytest.mark.parametrize("first, second", [("open", "open"), ("open", "taken"), ("taken", "taken")])
def test_database_refuses_a_second_active_case(engine, first, second):
    with engine.begin() as connection:
        citizen_id = insert_citizen(connection)
        insert_case(connection, citizen_id, first)
    with pytest.raises(IntegrityError):
        with engine.begin() as connection:
            insert_case(connection, citizen_id, second)


def test_database_accepts_any_number_of_finished_cases_beside_one_active(engine):
    with engine.begin() as connection:
        citizen_id = insert_citizen(connection)
        for status in ("closed", "closed", "handed_back", "open"):
            insert_case(connection, citizen_id, status)
        assert len(connection.execute(select(Case.__table__)).all()) == 4


@pytest.mark.parametrize(
    "values",
    [
        {"kind": "checkin", "mood": 0},
        {"kind": "checkin", "mood": 6},
        {"kind": "unknown"},
        {"kind": "goal", "track": "astrologie"},
    ],
)
def test_database_checks_progress_values(engine, values):
    with engine.begin() as connection:
        citizen_id = insert_citizen(connection)
    with pytest.raises(IntegrityError):
        with engine.begin() as connection:
            connection.execute(
                insert(ProgressEntry.__table__).values(
                    citizen_id=citizen_id, created_at=NOW, **values
                )
            )
