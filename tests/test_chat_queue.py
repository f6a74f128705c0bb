"""The per-chat queue with stand-ins for the inbox, Rasa and Telegram: whatever hangs, a chat
moves on and the citizen is told."""

import asyncio
from contextlib import asynccontextmanager

import pytest

from bot.chat_queue import ChatQueue
from bot.replies import RASA_DOWN_TEXT
from relais.services.inbox import QueuedItem

pytestmark = pytest.mark.asyncio(loop_scope="function")


class Inbox:
    def __init__(self, item):
        self.items = [item]
        self.attempts = 0

    def next_for_chat(self, chat_id):
        return self.items[0] if self.items else None

    def pending_contents(self, chat_id):
        return list(self.items)

    def count_attempt(self, entry_id):
        self.attempts += 1

    def chats_with_work(self):
        return []


class HangingBridge:
    async def answer(self, turn, message_key=None, retry=False):
        await asyncio.sleep(3600)


class Delivery:
    def __init__(self):
        self.sent = []

    @asynccontextmanager
    async def typing(self, chat_id):
        yield

    async def send(self, chat_id, reply, thread_id=None):
        self.sent.append(reply.text)


async def test_a_rasa_call_that_never_returns_ends_at_the_deadline_and_the_citizen_is_told():
    item = QueuedItem(id=1, kind="update", chat_id="42", update_id=9, status="pending",
                      content={"type": "rasa", "message": "bonjour", "typed": "bonjour"},
                      replies=None, delivered=0, attempts=0)
    delivery = Delivery()
    queue = ChatQueue(Inbox(item), None, HangingBridge(), delivery, retry_delays=(30.0,))
    queue.answer_deadline = 0.2
    queue.wake("42")
    for _ in range(50):
        if delivery.sent:
            break
        await asyncio.sleep(0.05)
    await queue.stop()
    assert delivery.sent and RASA_DOWN_TEXT in delivery.sent[0]
