"""Engines: SQLite folder and foreign keys, UTC timestamps, and StorageUnavailable."""

import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, func, select, text
from sqlalchemy.exc import StatementError

from relais.database import create_engine_from_url, make_session_factory
from relais.models import Case, Citizen, Enrolment, ProgressEntry
from relais.services import (
    ConsentService,
    DataRightsService,
    EscalationService,
    ProgressService,
    StorageUnavailable,
)
from relais.settings import PROJECT_ROOT
from tests.domain.support import NOTICE


def test_sqlite_folder_is_created(tmp_path):
    url = f"sqlite:///{tmp_path / 'a' / 'b' / 'relais.db'}"
    engine = create_engine_from_url(url)
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    engine.dispose()
    assert (tmp_path / "a" / "b" / "relais.db").exists()


def test_sqlite_enforces_foreign_keys(tmp_path):
    engine = create_engine_from_url(f"sqlite:///{tmp_path / 'relais.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_deleting_a_citizen_cascades_to_every_table(engine, consent, progress, escalation):
    consent.record_consent("c1", True, NOTICE)
    progress.enrol("c1", "energie", "urgence")
    progress.log_checkin("c1", 3)
    escalation.open_case("c1", "citizen_request")

    with engine.begin() as connection:
        connection.execute(delete(Citizen.__table__))

    with engine.connect() as connection:
        for model in (Enrolment, ProgressEntry, Case):
            assert connection.execute(select(func.count()).select_from(model.__table__)).scalar() == 0


def test_timestamps_are_stored_and_read_as_utc(engine, session_factory):
    paris_winter = timezone(timedelta(hours=1))
    written = datetime(2026, 12, 1, 9, 30, tzinfo=paris_winter)
    with session_factory() as session, session.begin():
        session.add(Citizen(conversation_id="c1", created_at=written))
    with session_factory() as session:
        read = session.scalars(select(Citizen.created_at)).one()
    assert read == written
    assert read.utcoffset() == timedelta(0)
    assert read.hour == 8


def test_naive_datetimes_are_refused(session_factory):
    with pytest.raises(StatementError):
        with session_factory() as session, session.begin():
            session.add(Citizen(conversation_id="c1", created_at=datetime(2026, 1, 1)))


def every_service_call(session_factory):
    """One call of each service: each must turn a database failure into StorageUnavailable."""
    consent = ConsentService(session_factory)
    progress = ProgressService(session_factory)
    escalation = EscalationService(session_factory)
    data_rights = DataRightsService(session_factory)
    return [
        lambda: consent.record_consent("c1", True, NOTICE),
        lambda: consent.has_consent("c1"),
        lambda: progress.log_checkin("c1", 3, "note"),
        lambda: progress.summary("c1"),
        lambda: escalation.open_case("c1", "crisis"),
        lambda: escalation.active_cases(),
        lambda: data_rights.export("c1"),
        lambda: data_rights.erase("c1"),
    ]


def assert_every_call_is_storage_unavailable(url):
    engine = create_engine_from_url(url)
    try:
        for call in every_service_call(make_session_factory(engine)):
            with pytest.raises(StorageUnavailable):
                call()
    finally:
        engine.dispose()


def test_unreachable_postgresql_is_storage_unavailable():
    assert_every_call_is_storage_unavailable("postgresql://u:p@127.0.0.1:1/x")


def test_unwritable_sqlite_path_is_storage_unavailable(tmp_path):
    # A regular file where a folder should be: no permission trick, so it holds even as root.
    (tmp_path / "not-a-folder").write_text("")
    assert_every_call_is_storage_unavailable(f"sqlite:///{tmp_path / 'not-a-folder' / 'relais.db'}")


def test_database_without_migrations_is_storage_unavailable(db_url):
    assert_every_call_is_storage_unavailable(db_url)


def test_domain_package_imports_neither_rasa_nor_telegram_and_touches_nothing(tmp_path):
    code = (
        "import sys\n"
        "import relais.database, relais.models, relais.directory, relais.services\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('rasa', 'rasa_sdk', 'telegram')]\n"
        "assert not bad, bad\n"
    )
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'var' / 'relais.db'}",
        "PYTHONPATH": str(PROJECT_ROOT),
        "PATH": "",
    }
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=str(tmp_path))
    assert not (tmp_path / "var").exists()  # nothing created at import time
