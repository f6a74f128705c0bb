"""Fixtures of the domain tests: a migrated database per test, on SQLite always and on
PostgreSQL when TEST_DATABASE_URL is set (each test then gets its own fresh schema)."""

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import Table
from sqlalchemy.engine import Engine

from relais.database import create_engine_from_url, make_session_factory, upgrade_to_head
from relais.models import RASA_EVENTS
from relais.services import ConsentService, DataRightsService, EscalationService, ProgressService
from tests.support.clock import FakeClock
from tests.support.postgresql import fresh_postgresql_schema


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> Iterator[str]:
    """An empty database: an SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'var' / 'relais.db'}"
        return
    base_url = os.environ.get("TEST_DATABASE_URL")
    if not base_url:
        pytest.skip("TEST_DATABASE_URL is not set")
    yield from fresh_postgresql_schema(base_url)


@pytest.fixture
def migrated_url(db_url) -> str:
    upgrade_to_head(db_url)
    return db_url


@pytest.fixture
def engine(migrated_url) -> Iterator[Engine]:
    engine = create_engine_from_url(migrated_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(engine):
    return make_session_factory(engine)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def consent(session_factory, clock) -> ConsentService:
    return ConsentService(session_factory, clock=clock)


@pytest.fixture
def progress(session_factory, clock) -> ProgressService:
    return ProgressService(session_factory, clock=clock)


@pytest.fixture
def escalation(session_factory, clock) -> EscalationService:
    return EscalationService(session_factory, clock=clock)


@pytest.fixture
def data_rights(session_factory, clock) -> DataRightsService:
    return DataRightsService(session_factory, clock=clock)


@pytest.fixture
def rasa_events(engine) -> Table:
    """Rasa's `events` table, created in the test database as Rasa would (tests/test_stores.py
    checks the declaration against Rasa's own)."""
    RASA_EVENTS.metadata.create_all(engine)
    return RASA_EVENTS
