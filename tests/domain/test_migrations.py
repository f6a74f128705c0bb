"""Alembic: from an empty database to head and back, and the models match the migrations."""

import json

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, Table, column, insert, inspect, select, table
from sqlalchemy.exc import IntegrityError

from relais.database import alembic_config, create_engine_from_url, upgrade_to_head
from relais.models import RASA_EVENTS, Base, Case, Citizen, InboxEntry, OutboxMessage, ProgressEntry
from tests.support.clock import NOW
from tests.support.migrations import downgrade_to_base

RELAIS_TABLES = {
    "relais_citizens", "relais_enrolments", "relais_progress", "relais_cases", "relais_inbox",
    "relais_keyboards", "relais_case_topics", "relais_case_audit", "relais_topic_messages",
    "relais_topic_erasures", "relais_held_messages", "relais_grievances", "relais_grievance_details",
    "relais_grievance_notes", "relais_agents", "relais_agent_audit",
    "relais_answer_templates", "relais_alert_subscriptions", "relais_events",
    "relais_event_recipients", "relais_checkin_plans", "relais_outbox", "relais_needs",
    "relais_observatory_cells", "relais_observatory_refreshes", "relais_observatory_figures",
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
        ).get_current_revision() == "0011"
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


# relais_inbox as revision 0007 left it: the desk's topics queued as chats `desk-<topic>`.
INBOX_0007 = table("relais_inbox", *(column(name) for name in (
    "id", "kind", "update_id", "chat_id", "status", "content", "delivered", "attempts",
    "received_at")))


def desk_update(update_id, thread_id, data=None):
    message = {"message_id": 5, "date": 0, "chat": {"id": -1009, "type": "supergroup"},
               "message_thread_id": thread_id, "text": "/cases"}
    update = {"update_id": update_id, **(data or {"message": message})}
    return json.dumps({"type": "desk", "update": update})


def test_the_desks_fake_chats_move_to_the_desks_lane_and_back(db_url):
    config = alembic_config(db_url)
    command.upgrade(config, "0007")
    engine = create_engine_from_url(db_url)
    tap = {"callback_query": {"id": "q", "from": {"id": 1, "is_bot": False, "first_name": "A"},
                              "chat_instance": "x", "data": "take:1",
                              "message": {"message_id": 6, "date": 0, "message_thread_id": 8,
                                          "chat": {"id": -1009, "type": "supergroup"}}}}
    rows = [(1, "42", "pending", json.dumps({"type": "rasa", "message": "bonjour"})),
            (2, "desk-7", "pending", desk_update(2, 7)),
            (3, "desk-8", "answered", desk_update(3, 8, tap)),
            (4, "desk-0", "pending", desk_update(4, None)),
            (5, "", "done", None)]
    with engine.begin() as connection:
        for update_id, chat_id, status, content in rows:
            connection.execute(insert(INBOX_0007).values(
                kind="update", update_id=update_id, chat_id=chat_id, status=status,
                content=content, delivered=0, attempts=0, received_at=NOW))

    upgrade_to_head(db_url)
    lanes = select(InboxEntry.update_id, InboxEntry.lane, InboxEntry.chat_id, InboxEntry.topic_id)
    with engine.connect() as connection:
        assert connection.execute(lanes.order_by(InboxEntry.update_id)).all() == [
            (1, "citizen", "42", None), (2, "desk", "-1009", 7), (3, "desk", "-1009", 8),
            (4, "desk", "-1009", 0), (5, "citizen", "", None)]

    command.downgrade(config, "0007")
    with engine.connect() as connection:
        chats = (select(INBOX_0007.c.update_id, INBOX_0007.c.chat_id)
                 .order_by(INBOX_0007.c.update_id))
        assert connection.execute(chats).all() == [
            (1, "42"), (2, "desk-7"), (3, "desk-8"), (4, "desk-0"), (5, "")]
    engine.dispose()


def test_database_refuses_an_entry_out_of_its_lane(engine):
    entry = {"kind": "update", "status": "pending", "delivered": 0, "attempts": 0,
             "received_at": NOW}
    for values in ({"lane": "citizen", "chat_id": "42", "topic_id": 7},
                   {"lane": "desk", "chat_id": "-1009", "topic_id": None},
                   {"lane": "coaches", "chat_id": "-1009", "topic_id": 7}):
        with pytest.raises(IntegrityError):
            with engine.begin() as connection:
                connection.execute(insert(InboxEntry.__table__).values(**entry, **values))


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


def test_a_units_news_not_sent_yet_moves_into_the_outbox(db_url):
    """0010 replaces the doléance notices by the outbox: what was waiting is not lost."""
    config = alembic_config(db_url)
    command.upgrade(config, "0009")
    engine = create_engine_from_url(db_url)
    with engine.begin() as connection:
        citizen = connection.execute(insert(Citizen).values(
            conversation_id="c1", created_at=NOW)).inserted_primary_key[0]
        item = connection.execute(insert(Table("relais_grievances", MetaData(), autoload_with=connection)).values(
            citizen_id=citizen, kind="doleance", text="Plus de car", theme="mobilite",
            visibility="private", status="recue", hidden=False, notify_any_time=False,
            created_at=NOW, updated_at=NOW)).inserted_primary_key[0]
        notices = Table("relais_grievance_notices", MetaData(), autoload_with=connection)
        connection.execute(insert(notices).values(grievance_id=item, text="Votre doléance D-1 est en cours.",
                                                  due_at=NOW, created_at=NOW))
    upgrade_to_head(db_url)
    with engine.connect() as connection:
        [(citizen_id, kind, replies)] = connection.execute(
            select(OutboxMessage.citizen_id, OutboxMessage.kind, OutboxMessage.replies)).all()
    assert (citizen_id, kind) == (citizen, "grievance")
    assert json.loads(replies)[0]["text"] == "Votre doléance D-1 est en cours."
    engine.dispose()
