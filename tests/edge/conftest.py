"""Fixtures shared by the edge's end-to-end modules: a migrated SQLite database, a Rasa that
never answers, and the fake Bot API on loopback."""

import pytest
import pytest_asyncio

from relais.database import create_engine_from_url, make_session_factory, upgrade_to_head
from tests.support.clock import FakeClock
from tests.support.fake_bot_api import FakeBotApi
from tests.support.hung_server import HungServer
from tests.support.update_ids import next_update_id_base


@pytest.fixture
def database_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'relais.db'}"
    upgrade_to_head(url)
    return url


@pytest_asyncio.fixture
async def hung():
    async with HungServer() as server:
        yield server


@pytest_asyncio.fixture
async def fake():
    async with FakeBotApi(first_update_id=next_update_id_base()) as api:
        yield api


@pytest.fixture
def sessions(database_url):
    """A session factory on the migrated SQLite database, for the services under test."""
    engine = create_engine_from_url(database_url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def clock():
    return FakeClock()
