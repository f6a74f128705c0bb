"""The citizen's data against a running Relais (issue #11 items 3 and 4, and the erasure
measure): a consent withdrawal survives a real Rasa restart, and an erasure after a full life
leaves nothing: no row in any table, no message in the coaches' group (fake Bot API), no Redis
key about the conversation (with TEST_REDIS_URL: Rasa then keeps its locks and unconsented
conversations there)."""

import os
import random

import httpx
import pytest
import redis
from sqlalchemy import create_engine, text

from rasa_components.stores import RedisUnrecorded
from relais.database import upgrade_to_head
from relais.settings import Settings
from tests.support import citizen_erasure
from tests.support.edge_runner import polling_edge
from tests.support.fake_bot_api import FakeBotApi
from tests.support.rasa_stack import RasaStack
from tests.support.servers import free_port
from tests.support.update_ids import next_update_id_base

REDIS_URL = os.environ.get("TEST_REDIS_URL")


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """Rasa and the action server on SQLite, sharing Redis when TEST_REDIS_URL is set, with
    Rasa's callback channel pointing at the edge's port."""
    url = f"sqlite:///{tmp_path_factory.mktemp('citizen-data-db') / 'relais.db'}"
    upgrade_to_head(url)
    port = free_port()
    with citizen_erasure.environment(REDIS_URL=REDIS_URL):
        with RasaStack(url, tmp_path_factory.mktemp("citizen-data"), f"http://127.0.0.1:{port}/rasa/callback") as stack:
            stack.bridge_port = port
            yield stack


def say(stack, sender, message):
    response = httpx.post(f"{stack.rasa_url}/webhooks/rest/webhook",
                          json={"sender": sender, "message": message},
                          headers=stack.edge_headers, timeout=90)
    response.raise_for_status()
    return "\n".join(reply.get("text", "") for reply in response.json())


def events_of(stack, sender):
    engine = create_engine(stack.database_url, future=True)
    with engine.connect() as connection:
        count = connection.execute(text("select count(*) from events where sender_id = :s"), {"s": sender}).scalar_one()
    engine.dispose()
    return count


def consent_slot(stack, sender):
    tracker = httpx.get(f"{stack.rasa_url}/conversations/{sender}/tracker",
                        params={"token": stack.auth_token}, timeout=60).json()
    return tracker["slots"]["consentement"]


def test_a_withdrawal_holds_after_rasa_restarts(stack):
    sender = f"retrait-{random.randint(1, 10**9)}"
    say(stack, sender, "bonjour")
    assert "Merci" in say(stack, sender, "/consentir")
    reply = say(stack, sender, "/retirer_consentement")
    assert consent_slot(stack, sender) == "refuse", reply
    rows = events_of(stack, sender)
    assert rows > 0

    stack.stop_rasa()
    if REDIS_URL:  # the unconsented copy in Redis expires: Rasa reads the conversation back
        redis.Redis.from_url(REDIS_URL).delete(RedisUnrecorded.KEY_PREFIX + sender)
    stack.start_rasa()
    say(stack, sender, "il fait toujours froid chez moi")

    assert consent_slot(stack, sender) == "refuse"
    assert events_of(stack, sender) == rows  # before the fix: consent « donne » again, 17 -> 32 rows


@pytest.mark.asyncio(loop_scope="function")
async def test_erasure_after_a_full_life_leaves_nothing_anywhere(stack):
    coaches, chat = -1001000000000 - random.randint(1, 10**6), random.randint(10**6, 10**8)
    async with FakeBotApi(first_update_id=next_update_id_base(),
                          chat_members={(coaches, citizen_erasure.COACH): "member"}) as fake:
        settings = Settings(
            rasa_url=stack.rasa_url, rasa_auth_token=stack.auth_token, edge_secret=stack.edge_secret,
            action_server_url=stack.action_server_url, database_url=stack.database_url,
            telegram_bot_token=fake.token, telegram_api_base_url=fake.base_url,
            bridge_port=stack.bridge_port, coach_chat_id=coaches,
            coach_admin_ids=str(citizen_erasure.COACH),  # coaches act only when listed
            pseudonym_secret=citizen_erasure.PSEUDONYM_KEY,
            telegram_max_group_messages_per_minute=100000, redis_url=REDIS_URL)
        async with polling_edge(settings) as edge:
            citizen = await citizen_erasure.full_life(edge, fake, coaches, chat, stack.database_url)
            before = citizen_erasure.measure(stack.database_url, fake, coaches, citizen, REDIS_URL)
            await citizen_erasure.erase(edge, fake, chat, stack.database_url)
            after = citizen_erasure.measure(stack.database_url, fake, coaches, citizen, REDIS_URL)

    print({"before": before, "after": after})
    # The life left a trace in the tables that hold a citizen's data, and in the topic.
    for table in ("events", "relais_citizens", "relais_progress", "relais_cases", "relais_case_topics",
                  "relais_case_audit", "relais_topic_messages"):
        assert before["rows"][table] > 0, (table, before)
    assert before["telegram"]["topics"] == 1
    assert before["telegram"]["messages in the topics"] >= 5  # card, coach, relays, photo
    # Then nothing.
    assert after["rows"] == {table: 0 for table in before["rows"]}
    assert after["telegram"] == {key: 0 for key in before["telegram"]}
    if REDIS_URL:
        assert after["redis_keys"] == 0
