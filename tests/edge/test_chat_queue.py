"""The per-chat queue with stand-ins for the inbox, Rasa and Telegram: whatever hangs, a chat
moves on and the citizen is told; a crisis message's first reply is never lost nor repeated."""

import asyncio
from contextlib import asynccontextmanager
from dataclasses import replace

import pytest

from bot.chat_queue import ChatQueue
from bot.conversation import Reply
from bot.replies import RASA_DOWN_TEXT, STUCK_TEXT
from bot.retry_pause import MAX_ERRORS_PER_ENTRY
from bot.telegram_delivery import DeliveryFailed
from relais.conversation_contract import FIRST_REPLY_SENT
from relais.crisis import first_reply
from relais.services.inbox import QueuedItem
from relais.work import Rasa
from tests.support.waiting import until

pytestmark = pytest.mark.asyncio(loop_scope="function")


def entry(typed, entry_id=1, update_id=9):
    return QueuedItem(id=entry_id, kind="update", chat_id="42", update_id=update_id,
                      status="pending", content=Rasa(typed, typed=typed),
                      replies=None, delivered=0, attempts=0)


class Inbox:
    def __init__(self, *items):
        self.items = list(items)
        self.attempts = 0
        self.metadata = {}

    def next_for_chat(self, chat_id):
        return self.items[0] if self.items else None

    def pending_contents(self, chat_id):
        return list(self.items)

    def count_attempt(self, entry_id):
        self.attempts += 1

    def add_to_metadata(self, update_id, values):
        self.metadata.setdefault(update_id, {}).update(values)
        return True

    def save_replies(self, entry_id, replies):
        pass

    def count_delivered(self, entry_id, delivered):
        pass

    def finish(self, entry_id):
        self.items = [item for item in self.items if item.id != entry_id]

    def chats_with_work(self):
        return []


class InboxFailingOnce(Inbox):
    """The inbox's `next_for_chat` raises an unexpected error on its `failing_call`-th call."""

    def __init__(self, *items, failing_call):
        super().__init__(*items)
        self.calls = 0
        self.failing_call = failing_call

    def next_for_chat(self, chat_id):
        self.calls += 1
        if self.calls == self.failing_call:
            raise RuntimeError("a bug in the inbox")
        return super().next_for_chat(chat_id)


class HangingBridge:
    async def answer(self, turn, message_key=None, retry=False):
        await asyncio.sleep(3600)


class AnsweringBridge:
    def __init__(self):
        self.turns = []

    async def answer(self, turn, message_key=None, retry=False):
        self.turns.append(turn)
        return [Reply("Je suis là.")]


class BridgeFailingAtFirst:
    """An unexpected error (a bug) for the first `failures` turns, then an answer."""

    def __init__(self, failures):
        self.failures = failures

    async def answer(self, turn, message_key=None, retry=False):
        if self.failures:
            self.failures -= 1
            raise RuntimeError("a bug in the bridge")
        return [Reply("Je suis là.")]


class Delivery:
    def __init__(self, failures=0):
        self.sent = []
        self.failures = failures

    @asynccontextmanager
    async def typing(self, chat_id):
        yield

    async def send(self, chat_id, reply, thread_id=None):
        if self.failures:
            self.failures -= 1
            raise DeliveryFailed("Telegram is not reachable")
        self.sent.append(reply.text)

    async def send_urgent(self, chat_id, reply):
        await self.send(chat_id, reply)


async def test_a_rasa_call_that_never_returns_ends_at_the_deadline_and_the_citizen_is_told():
    delivery = Delivery()
    queue = ChatQueue(Inbox(entry("bonjour")), HangingBridge(), delivery, retry_delays=(30.0,))
    queue.answer_deadline = 0.2
    queue.wake("42")
    await until(lambda: delivery.sent)
    await queue.stop()
    assert delivery.sent and RASA_DOWN_TEXT in delivery.sent[0]


async def test_a_crisis_first_reply_goes_out_at_once_and_the_deadline_notice_does_not_repeat_it():
    delivery = Delivery()
    inbox = Inbox(entry("bonjour", 1, 9), entry("je veux mourir", 2, 10))
    queue = ChatQueue(inbox, HangingBridge(), delivery, retry_delays=(30.0,))
    queue.answer_deadline = 0.2
    queue.wake("42")
    queue.answer_crisis_at_once("42", 10, "suicide")
    await until(lambda: len(delivery.sent) >= 2)
    await queue.stop()
    assert delivery.sent[0] == first_reply("suicide")
    assert RASA_DOWN_TEXT in delivery.sent[1] and delivery.sent.count(first_reply("suicide")) == 1
    assert inbox.metadata == {10: {FIRST_REPLY_SENT: True}}


async def test_a_first_reply_not_sent_on_arrival_is_sent_before_rasa_hears_the_message():
    delivery = Delivery(failures=1)  # Telegram refuses the send on arrival
    inbox = Inbox(entry("mon mari me frappe"))
    bridge = AnsweringBridge()
    queue = ChatQueue(inbox, bridge, delivery, retry_delays=(0.01,))
    queue.answer_crisis_at_once("42", 9, "violence")
    queue.wake("42")
    await until(lambda: not inbox.items)
    await queue.idle()
    assert delivery.sent == [first_reply("violence"), "Je suis là."]
    assert bridge.turns[0].metadata[FIRST_REPLY_SENT] is True
    assert inbox.metadata == {9: {FIRST_REPLY_SENT: True}}


async def test_a_first_reply_recorded_before_a_restart_is_not_sent_again():
    recorded = replace(entry("je veux mourir"),
                       content=Rasa("je veux mourir", typed="je veux mourir",
                                    metadata={FIRST_REPLY_SENT: True}))
    delivery, bridge = Delivery(), AnsweringBridge()
    queue = ChatQueue(Inbox(recorded), bridge, delivery, retry_delays=(0.01,))
    queue.wake("42")
    await until(lambda: delivery.sent)
    await queue.idle()
    assert delivery.sent == ["Je suis là."]
    assert bridge.turns[0].metadata[FIRST_REPLY_SENT] is True


async def test_a_failure_to_read_the_next_entry_is_not_counted_against_the_finished_one():
    # The first call returns the entry, answered and finished; the second fails.
    inbox = InboxFailingOnce(entry("bonjour"), failing_call=2)
    delivery = Delivery()
    queue = ChatQueue(inbox, AnsweringBridge(), delivery, retry_delays=(0.01,))
    queue.wake("42")
    await until(lambda: inbox.calls >= 3)
    await queue.idle()
    assert delivery.sent[0] == "Je suis là." and STUCK_TEXT not in delivery.sent
    assert queue.memory_sizes()["errors"] == 0  # nothing kept about the finished entry


async def test_a_failure_to_read_the_next_entry_does_not_give_up_on_the_entry_that_waits():
    # The entry fails one time short of being given up, then reading it fails once: that is
    # no failure of the entry's, which is answered on the next try.
    tries = MAX_ERRORS_PER_ENTRY - 1
    inbox = InboxFailingOnce(entry("bonjour"), failing_call=tries + 1)
    delivery = Delivery()
    queue = ChatQueue(inbox, BridgeFailingAtFirst(tries), delivery, retry_delays=(0.01,))
    queue.wake("42")
    await until(lambda: not inbox.items)
    await queue.idle()
    assert STUCK_TEXT not in delivery.sent
    assert delivery.sent[-1] == "Je suis là."
