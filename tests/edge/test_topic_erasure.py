"""The topic of an erased citizen leaves the coaches' group (bot/topic_erasure.py), against
the fake Bot API: deleted whole, or message by message when Telegram refuses to delete it."""

import pytest
import pytest_asyncio
from telegram import Bot

from bot.topic_erasure import TopicEraser
from relais.services import DataRightsService, EscalationService
from relais.services.desk import DeskService
from relais.services.topic_erasure import TopicErasureService
from tests.support.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.asyncio(loop_scope="function")
COACHES, CITIZEN = -1005550001, "424242"


@pytest_asyncio.fixture
async def telegram():
    async with FakeBotApi() as fake:
        async with Bot(fake.token, base_url=fake.base_url) as bot:
            yield fake, bot


async def a_case_with_its_topic(sessions, bot) -> int:
    """A case whose topic holds a card and two relayed messages, as the desk leaves it."""
    case = EscalationService(sessions).open_case(CITIZEN, "citizen_request")
    topic = await bot.create_forum_topic(COACHES, f"n°{case.id}")
    thread = topic.message_thread_id
    DeskService(sessions).record_topic(case, COACHES, thread, None)
    card = await bot.send_message(COACHES, "Dossier : Personne ABCD…", message_thread_id=thread)
    DeskService(sessions).set_card(case.id, card.message_id)
    relayed = [await bot.send_message(COACHES, f"👤 Personne : message {n}", message_thread_id=thread)
               for n in (1, 2)]
    TopicErasureService(sessions).remember(COACHES, thread, [m.message_id for m in relayed])
    return thread


async def test_the_topic_is_deleted_with_everything_in_it(sessions, telegram):
    fake, bot = telegram
    thread = await a_case_with_its_topic(sessions, bot)
    assert len(fake.messages(COACHES, thread)) == 3

    DataRightsService(sessions).erase(CITIZEN)
    assert await TopicEraser(bot, TopicErasureService(sessions)).erase_pending() == 1

    assert thread not in fake.topics(COACHES)
    assert fake.messages(COACHES, thread) == []
    assert TopicErasureService(sessions).pending() == []


async def test_when_telegram_refuses_to_delete_the_topic_its_messages_are_deleted(sessions, telegram):
    fake, bot = telegram
    thread = await a_case_with_its_topic(sessions, bot)
    DataRightsService(sessions).erase(CITIZEN)
    fake.fail_next("deleteForumTopic", 400, "Bad Request: not enough rights to delete the topic")

    assert await TopicEraser(bot, TopicErasureService(sessions)).erase_pending() == 1

    assert fake.messages(COACHES, thread) == []  # the card and the relayed messages
    assert TopicErasureService(sessions).pending() == []


async def test_a_network_error_leaves_the_topic_for_the_next_pass(sessions, telegram):
    fake, bot = telegram
    thread = await a_case_with_its_topic(sessions, bot)
    DataRightsService(sessions).erase(CITIZEN)
    eraser = TopicEraser(bot, TopicErasureService(sessions))
    fake.fail_next("deleteForumTopic", 502, "Bad Gateway")

    assert await eraser.erase_pending() == 0
    assert len(TopicErasureService(sessions).pending()) == 1
    assert await eraser.erase_pending() == 1
    assert thread not in fake.topics(COACHES)


async def test_messages_outside_a_case_topic_are_not_remembered(sessions):
    service = TopicErasureService(sessions)
    service.remember(COACHES, None, [1, 2])  # the general topic
    service.remember(COACHES, 999, [3])  # no case has that topic
    EscalationService(sessions).open_case(CITIZEN, "citizen_request")
    DataRightsService(sessions).erase(CITIZEN)
    assert service.pending() == []
