"""The desk's own queue (bot/desk/queue.py) on a real inbox (SQLite), with a stand-in desk: the
coaches' group's updates are handled in order per topic, topics do not wait for each other,
what was stored before a restart is handled after it, a failing update is retried then
finished, and an update delivered again (in its batch or later) is handled once."""

import asyncio
from types import SimpleNamespace

import pytest
from telegram import Update

from bot.desk.queue import DeskQueue
from bot.retry_pause import MAX_ERRORS_PER_ENTRY
from bot.telegram_edge import TelegramEdge
from relais.services.errors import StorageUnavailable
from relais.services.inbox import DeskTopic, InboxService
from relais.work import Desk
from tests.support.fake_bot_api import FakeBotApi
from tests.support.waiting import until

pytestmark = pytest.mark.asyncio(loop_scope="function")

COACHES = -1009876543
QUICK = (0.01,)


class Desk_:
    """The coach desk as its queue sees it: what it handled, in order; a topic may be held
    (its update waits until released), an update may fail a few times."""

    def __init__(self) -> None:
        self.handled: list[str] = []
        self.held: dict[str, asyncio.Event] = {}
        self.failures: dict[str, list[Exception]] = {}
        self.config = SimpleNamespace(chat_id=COACHES)  # what the edge reads of the desk

    async def handle_stored(self, update: dict) -> None:
        text = Update.de_json(update, None).effective_message.text
        if text in self.held:
            await self.held[text].wait()
        if self.failures.get(text):
            raise self.failures[text].pop(0)
        self.handled.append(text)

    async def stop(self) -> None:
        pass


class Chats:
    """The chats' queue as the edge hands updates over to it: the chats it woke."""

    def __init__(self) -> None:
        self.woken: list[str] = []
        self.told: list[str] = []

    def wake(self, chat_id) -> None:
        self.woken.append(str(chat_id))

    def answer_crisis_at_once(self, chat_id, update_id: int, kind: str) -> None:
        pass

    async def idle(self) -> None:
        pass

    async def tell_outage(self, chat_id, texts, keys=()) -> None:
        self.told.append(str(chat_id))


class DatabaseDown:
    def add_updates(self, rows):
        raise StorageUnavailable("database down")


@pytest.fixture
def inbox(sessions):
    return InboxService(sessions)


@pytest.fixture
def telegram():
    return FakeBotApi(first_update_id=900)  # not started: it numbers the updates, no server


def store(inbox, telegram, thread_id, text):
    """A coach's message stored in its topic's queue, as the edge stores it."""
    update = telegram.push_update(
        telegram.group_update(COACHES, text, chat_type="supergroup", message_thread_id=thread_id))
    inbox.add_desk_update(update["update_id"], DeskTopic(str(COACHES), thread_id), Desk(update))
    return update


async def test_each_topic_is_served_in_order_and_topics_do_not_wait_for_each_other(inbox, telegram):
    desk = Desk_()
    desk.held["/prendre"] = asyncio.Event()
    queue = DeskQueue(inbox, desk, QUICK)
    for thread_id, text in ((7, "/prendre"), (7, "bonjour"), (8, "/cases"), (7, "/rendre")):
        store(inbox, telegram, thread_id, text)
        queue.wake(thread_id)

    await until(lambda: desk.handled == ["/cases"])  # topic 8 while topic 7 waits
    desk.held["/prendre"].set()
    await queue.idle()
    assert desk.handled == ["/cases", "/prendre", "bonjour", "/rendre"]
    assert inbox.topics_with_work() == []
    assert queue.memory_sizes() == {"workers": 0, "wakeups": 0, "errors": 0}


async def test_what_was_stored_before_a_restart_is_handled_after_it(inbox, telegram):
    # Stored, and the edge stopped before any worker handled them.
    store(inbox, telegram, 7, "/prendre")
    store(inbox, telegram, 0, "/cases")
    store(inbox, telegram, 7, "bonjour")

    desk = Desk_()
    after = DeskQueue(inbox, desk, QUICK)
    await after.resume()
    await after.idle()
    assert sorted(desk.handled) == ["/cases", "/prendre", "bonjour"]
    assert desk.handled.index("/prendre") < desk.handled.index("bonjour")
    assert inbox.topics_with_work() == []


async def test_an_outage_is_waited_out_and_a_failing_update_is_given_up_after_a_few_tries(
        inbox, telegram):
    desk = Desk_()
    desk.failures["/prendre"] = [StorageUnavailable("database down")] * 3
    desk.failures["/clore"] = [RuntimeError("a bug")] * MAX_ERRORS_PER_ENTRY
    queue = DeskQueue(inbox, desk, QUICK)
    for text in ("/prendre", "/clore", "bonjour"):
        store(inbox, telegram, 7, text)
    queue.wake(7)
    await queue.idle()

    # The outage: tried again until handled. The bug: tried a few times, then finished
    # unhandled, so that the topic goes on.
    assert desk.handled == ["/prendre", "bonjour"]
    assert desk.failures == {"/prendre": [], "/clore": []}
    assert inbox.topics_with_work() == []
    assert queue.memory_sizes()["errors"] == 0


async def test_an_update_of_the_group_delivered_again_is_handled_once_and_never_by_a_chat(
        sessions, inbox, telegram):
    desk = Desk_()
    desk_queue = DeskQueue(inbox, desk, QUICK)
    chats = Chats()
    edge = TelegramEdge(bot=None, inbox=inbox, keyboards=None, queue=chats, delivery=None,
                        desk=desk, desk_queue=desk_queue)
    take = telegram.push_update(telegram.group_update(
        COACHES, "/prendre", chat_type="supergroup", message_thread_id=7))
    hello = telegram.push_update(telegram.text_update(41, "bonjour"))
    general = telegram.push_update(telegram.group_update(COACHES, "/cases", chat_type="supergroup"))

    def updates(*payloads):
        return [Update.de_json(payload, None) for payload in payloads]

    await edge.ingest_batch(updates(take, hello, dict(take), general))
    await edge.ingest_batch(updates(dict(take), dict(general), dict(hello)))  # Telegram again
    await edge.idle()
    await edge.stop()

    assert sorted(desk.handled) == ["/cases", "/prendre"]
    assert chats.woken == ["41"]  # the citizen's chat; the group is never a chat's queue
    assert inbox.chats_with_work() == ["41"]
    assert inbox.topics_with_work() == []


async def test_while_the_database_is_down_only_citizens_are_told(telegram):
    chats = Chats()
    edge = TelegramEdge(bot=None, inbox=DatabaseDown(), keyboards=None, queue=chats,
                        delivery=None, desk=Desk_(), desk_queue=None)
    take = telegram.push_update(telegram.group_update(
        COACHES, "/prendre", chat_type="supergroup", message_thread_id=7))
    hello = telegram.push_update(telegram.text_update(41, "bonjour"))
    with pytest.raises(StorageUnavailable):
        await edge.ingest_batch([Update.de_json(take, None), Update.de_json(hello, None)])
    await edge.stop()
    assert chats.told == ["41"]  # the coaches' group: nobody to tell, Telegram sends it again
