"""End to end through a running action server and Rasa (REST channel), on the real database.

A citizen consents, checks in, asks for a person, then has everything erased: the database
holds a progress row and an open case, then nothing of that citizen at all (Rasa's conversation
included). Another refuses consent: the conversation works and is not recorded. Runs on SQLite,
on PostgreSQL too when TEST_DATABASE_URL is set, and with two Rasa processes sharing Redis
(SANIC_WORKERS=2, as in production) when TEST_REDIS_URL is set.
"""

import os
import uuid

import httpx
import pytest
import redis
from sqlalchemy import create_engine, text

from rasa_components.stores import RedisUnrecorded
from relais.database import upgrade_to_head
from tests.support.postgresql import fresh_postgresql_schema
from tests.support.rasa_stack import RasaStack


# Module scope: the servers start once per setup and serve every test (distinct senders).
@pytest.fixture(scope="module", params=["sqlite", "postgresql", "sqlite, 2 Rasa processes, Redis"])
def setup(request, tmp_path_factory):
    """The running servers and their extra environment: on SQLite, the session's stack
    (tests/conftest.py); on PostgreSQL, or with two Rasa processes sharing Redis, this module's."""
    if request.param == "sqlite":
        yield request.getfixturevalue("relais_stack"), {}
        return
    if request.param == "postgresql":
        if not os.environ.get("TEST_DATABASE_URL"):
            pytest.skip("TEST_DATABASE_URL is not set")
        for url in fresh_postgresql_schema(os.environ["TEST_DATABASE_URL"]):
            with own_stack(url, {}, tmp_path_factory) as stack:
                yield stack, {}
        return
    if not os.environ.get("TEST_REDIS_URL"):
        pytest.skip("TEST_REDIS_URL is not set")
    sqlite_url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'relais.db'}"
    env = {"SANIC_WORKERS": "2", "REDIS_URL": os.environ["TEST_REDIS_URL"]}
    with own_stack(sqlite_url, env, tmp_path_factory) as stack:
        yield stack, env


def own_stack(database_url: str, env: dict[str, str], tmp_path_factory) -> RasaStack:
    upgrade_to_head(database_url)
    return RasaStack(database_url, tmp_path_factory.mktemp("servers"), env=env)


@pytest.fixture(scope="module")
def stack(setup):
    return setup[0]


@pytest.fixture(scope="module")
def database_url(stack):
    return stack.database_url


def say(stack: RasaStack, sender: str, message: str) -> str:
    response = httpx.post(f"{stack.rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": message},
                          headers=stack.edge_headers, timeout=60)
    response.raise_for_status()
    return "\n".join(reply.get("text", "") for reply in response.json())


def count(database_url: str, query: str, sender: str) -> int:
    with create_engine(database_url, future=True).connect() as connection:
        return connection.execute(text(query), {"sender": sender}).scalar_one()


PROGRESS = ("select count(*) from relais_progress p join relais_citizens c on c.id = p.citizen_id "
            "where c.conversation_id = :sender")
OPEN_CASES = ("select count(*) from relais_cases k join relais_citizens c on c.id = k.citizen_id "
              "where c.conversation_id = :sender and k.status = 'open'")
EVENTS = "select count(*) from events where sender_id = :sender"


def test_check_in_and_escalation_reach_the_database_then_erasure_removes_everything(stack, database_url):
    sender = f"e2e-{uuid.uuid4().hex[:8]}"
    assert "Relais" in say(stack, sender, "bonjour")
    assert "Merci" in say(stack, sender, "/consentir")
    assert "1 (très mal) à 5" in say(stack, sender, "je viens faire le point de la semaine")
    say(stack, sender, '/choisir{"choix":"4"}')
    assert "objectif" in say(stack, sender, "j'ai calfeutré la porte d'entrée")
    reply = say(stack, sender, "je voudrais parler à un conseiller")
    assert "dossier n°" in reply

    assert count(database_url, PROGRESS, sender) == 1
    assert count(database_url, OPEN_CASES, sender) == 1
    assert count(database_url, EVENTS, sender) > 0

    assert "définitif" in say(stack, sender, "effacez toutes mes données")
    assert "effacées" in say(stack, sender, "/affirm")
    assert count(database_url, PROGRESS, sender) == 0
    assert count(database_url, OPEN_CASES, sender) == 0
    assert count(database_url, EVENTS, sender) == 0
    # The next message starts a new conversation, from the welcome and the consent question.
    assert "Acceptez-vous" in say(stack, sender, "bonjour")


def test_without_consent_the_conversation_works_and_nothing_is_recorded(stack, setup, database_url):
    sender = f"e2e-{uuid.uuid4().hex[:8]}"
    say(stack, sender, "bonjour")
    assert "je ne garderai rien" in say(stack, sender, "/refuser_consentement")
    if "REDIS_URL" in setup[1]:
        # Kept in Redis's memory, where every Rasa process finds it.
        assert redis.Redis.from_url(setup[1]["REDIS_URL"]).exists(RedisUnrecorded.KEY_PREFIX + sender)
    assert "3114" in say(stack, sender, "je veux mourir, je ne vois plus aucune issue")
    assert count(database_url, EVENTS, sender) == 0
    assert count(database_url, PROGRESS, sender) == 0
    # Safety first: the crisis case is opened all the same (the conversation id only).
    assert count(database_url, OPEN_CASES, sender) == 1
