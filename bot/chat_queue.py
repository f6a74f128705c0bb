"""Per-chat workers over the inbox: each chat's entries are handled one at a time, in the order
they arrived; chats are served concurrently.

When Rasa (or the action server, or the database) is down, a worker keeps its entry and tries
again with growing delays. The citizen is told once per outage, and a crisis message waiting
in the queue gets the emergency numbers at once, whatever the outage.
"""

import asyncio
import logging
from typing import Awaitable, Callable, Dict, Iterable, List, Optional, Set

from bot.bridge import Bridge, is_crisis
from bot.conversation import Reply, Turn, join_paragraphs
from bot.rasa_client import RasaUnavailable
from bot.replies import BUTTON_EXPIRED_TEXT, EMERGENCY_NUMBERS, STUCK_TEXT, outage_replies
from bot.telegram_delivery import ChatGone, DeliveryFailed, TelegramDelivery
from relais.models import INBOX_UPDATE
from relais.services.errors import StorageUnavailable
from relais.services.inbox import InboxService, KeyboardService, QueuedItem

logger = logging.getLogger(__name__)

RETRY_DELAYS = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0)
MAX_ERRORS_PER_ENTRY = 5
ANSWER_DEADLINE_SECONDS = 120.0


class ChatQueue:
    def __init__(self, inbox: InboxService, keyboards: KeyboardService, bridge: Bridge,
                 delivery: TelegramDelivery, retry_delays=RETRY_DELAYS) -> None:
        self._inbox = inbox
        self._keyboards = keyboards
        self._bridge = bridge
        self._delivery = delivery
        self._retry_delays = retry_delays
        self._workers: Dict[str, asyncio.Task] = {}
        self._wakeups: Dict[str, asyncio.Event] = {}
        # Chats told about the current outage, and messages already given the numbers.
        self._told: Set[str] = set()
        self._netted: Set[int] = set()
        self._errors: Dict[int, int] = {}
        # Set by the coach desk: while a coach has the conversation, it takes the message; and
        # it wants to know when Rasa answered (a case may have opened).
        self.takeover: Optional[Callable[[str, dict], Awaitable[Optional[List[Reply]]]]] = None
        self.on_answered: Optional[Callable[[], None]] = None
        self.desk_handler: Optional[Callable[[dict], Awaitable[None]]] = None
        self.answer_deadline = ANSWER_DEADLINE_SECONDS

    def wake(self, chat_id) -> None:
        """There is new work for the chat: start its worker, or wake it from a retry delay."""
        chat_id = str(chat_id)
        self._wakeups.setdefault(chat_id, asyncio.Event()).set()
        worker = self._workers.get(chat_id)
        if worker is None or worker.done():
            self._workers[chat_id] = asyncio.create_task(self._run(chat_id), name=f"chat-{chat_id}")

    async def resume(self) -> None:
        """After a start: serve the chats that still have work (as soon as the database
        answers: the edge starts anyway, and tells citizens when it cannot store)."""
        for failures in range(1, 10**9):
            try:
                chats = await asyncio.to_thread(self._inbox.chats_with_work)
            except StorageUnavailable as error:
                logger.warning("Cannot read the inbox yet: %s", error)
                await asyncio.sleep(self._retry_delays[min(failures, len(self._retry_delays)) - 1])
                continue
            for chat_id in chats:
                self.wake(chat_id)
            return

    async def idle_chat(self, chat_id) -> None:
        """Wait until the chat's worker has finished its work."""
        worker = self._workers.get(str(chat_id))
        if worker is not None:
            await asyncio.gather(worker, return_exceptions=True)

    async def idle(self) -> None:
        """Wait until every worker has finished (tests and benchmarks)."""
        while any(not worker.done() for worker in self._workers.values()):
            await asyncio.gather(*self._workers.values(), return_exceptions=True)

    async def stop(self) -> None:
        for worker in self._workers.values():
            worker.cancel()
        await asyncio.gather(*self._workers.values(), return_exceptions=True)

    async def send_later(self, chat_id, replies: List[Reply]) -> None:
        """Messages on Relais' own initiative (Rasa, a coach), delivered after what the chat
        already has, durably."""
        messages = [reply.to_dict() for reply in replies]
        await asyncio.to_thread(self._inbox.add_outgoing, str(chat_id), messages)
        self.wake(chat_id)

    async def tell_outage(self, chat_id, texts: Iterable[str], keys: Iterable[int] = ()) -> None:
        """Tell the citizen once that Relais cannot answer now; the emergency numbers at once
        for a crisis message not yet given them (identified by `keys`)."""
        chat_id = str(chat_id)
        texts, keys = list(texts), list(keys)
        new_crisis = any(is_crisis(text) for text, key in zip(texts, keys) if key not in self._netted)
        if chat_id not in self._told:
            replies = outage_replies(texts)
        elif new_crisis:
            replies = [EMERGENCY_NUMBERS]
        else:
            return
        self._told.add(chat_id)
        self._netted.update(keys)
        await self._send_now(chat_id, replies)

    async def _run(self, chat_id: str) -> None:
        failures = 0
        item = None
        while True:
            self._wakeups[chat_id].clear()
            try:
                item = await asyncio.to_thread(self._inbox.next_for_chat, chat_id)
                if item is None:
                    if self._wakeups[chat_id].is_set():
                        continue  # stored while we looked: look again
                    return
                await self._process(item)
                failures = 0
                self._told.discard(chat_id)
            except RasaUnavailable as error:
                logger.warning("Chat %s waits for Rasa: %s", chat_id, error)
                await self._outage_in_chat(chat_id)
                failures += 1
            except (StorageUnavailable, DeliveryFailed) as error:
                logger.warning("Chat %s waits: %s", chat_id, error)
                failures += 1
            except asyncio.CancelledError:
                raise
            except Exception:  # a bug must not stop the chat for good: log it, try again later
                logger.exception("Unexpected error in chat %s", chat_id)
                failures += 1
                await self._outage_in_chat(chat_id)
                await self._give_up_if_stuck(item)
            if failures:
                await self._pause(chat_id, failures)

    async def _pause(self, chat_id: str, failures: int) -> None:
        delay = self._retry_delays[min(failures, len(self._retry_delays)) - 1]
        try:
            # A new message ends the pause early: it may be a crisis to answer at once.
            await asyncio.wait_for(self._wakeups[chat_id].wait(), timeout=delay)
        except asyncio.TimeoutError:
            pass

    async def _outage_in_chat(self, chat_id: str) -> None:
        try:
            waiting = await asyncio.to_thread(self._inbox.pending_contents, chat_id)
            typed = [(item.content or {}).get("typed", "") for item in waiting]
            await self.tell_outage(chat_id, typed, [item.id for item in waiting])
        except Exception:  # the database may be down too: the worker must reach its pause
            logger.exception("Could not tell chat %s about the outage", chat_id)

    async def _give_up_if_stuck(self, item: Optional[QueuedItem]) -> None:
        """An entry that fails for another reason than an outage, again and again, would block
        its chat for good: after a few tries it is answered with an apology and finished."""
        if item is None:
            return
        self._errors[item.id] = self._errors.get(item.id, 0) + 1
        if self._errors[item.id] < MAX_ERRORS_PER_ENTRY:
            return
        logger.error("Giving up on inbox entry %s of chat %s", item.id, item.chat_id)
        try:
            await self._send_now(item.chat_id, [Reply(STUCK_TEXT)])
            await asyncio.to_thread(self._inbox.finish, item.id)
        except Exception:
            logger.exception("Could not give up on inbox entry %s", item.id)

    async def _process(self, item: QueuedItem) -> None:
        replies = item.replies
        if replies is None:
            replies = [reply.to_dict() for reply in join_paragraphs(await self._answer(item))]
            await asyncio.to_thread(self._inbox.save_replies, item.id, replies)
        try:
            await self._deliver(item, replies)
        except ChatGone:
            logger.info("Chat %s is gone (bot blocked): dropping its replies", item.chat_id)
        await asyncio.to_thread(self._inbox.finish, item.id)

    async def _answer(self, item: QueuedItem) -> List[Reply]:
        work = item.content or {}
        if work.get("type") == "desk" and self.desk_handler is not None:
            await self.desk_handler(work["update"])  # the coaches' group: the desk answers
            return []
        if work.get("type") == "tap":
            work = await self._resolve_tap(item, work)
        if self.takeover is not None:
            relayed = await self.takeover(item.chat_id, work)
            if relayed is not None:
                return relayed
        if work.get("type") != "rasa":
            return [Reply.from_dict(reply) for reply in work.get("replies", [])]
        turn = Turn(item.chat_id, work["message"], work.get("typed", ""), work.get("metadata") or {})
        if is_crisis(turn.typed) and item.id not in self._netted and item.attempts > 0:
            # Rasa failed on this crisis message before: the numbers now, whatever happens next.
            await self.tell_outage(item.chat_id, [turn.typed], [item.id])
        await asyncio.to_thread(self._inbox.count_attempt, item.id)
        async with self._delivery.typing(int(item.chat_id)):
            try:
                # A hard deadline above the HTTP timeouts: whatever hangs, the chat moves on
                # (the retry first asks Rasa's tracker whether the message went through).
                answer = await asyncio.wait_for(self._bridge.answer(
                    turn, message_key=_message_key(item), retry=item.attempts > 0
                ), timeout=self.answer_deadline)
            except asyncio.TimeoutError as error:
                raise RasaUnavailable("no answer before the deadline", maybe_processed=True) from error
        if self.on_answered is not None:
            self.on_answered()
        before = [Reply.from_dict(reply) for reply in work.get("before", [])]
        return before + answer

    async def _resolve_tap(self, item: QueuedItem, work: dict) -> dict:
        """The payload of the tapped button, resolved once: the keyboard closes with the tap, and
        the entry keeps the payload in case Rasa is down and it must be sent again."""
        resolved = await asyncio.to_thread(self._inbox.resolve_tap, item.id, work)
        if resolved is None:
            return {"type": "local", "replies": [{"text": BUTTON_EXPIRED_TEXT}]}
        await self._delivery.close_keyboard(int(item.chat_id), work["message_id"])
        return resolved

    async def _deliver(self, item: QueuedItem, replies: List[dict]) -> None:
        for number in range(item.delivered, len(replies)):
            await self._delivery.send(int(item.chat_id), Reply.from_dict(replies[number]))
            if number + 1 < len(replies):  # after the last one, finishing the entry says it
                await asyncio.to_thread(self._inbox.count_delivered, item.id, number + 1)

    async def _send_now(self, chat_id: str, replies: List[Reply]) -> None:
        if not chat_id.lstrip("-").isdigit():
            return  # the coach desk's queues: nobody to tell
        for reply in replies:
            try:
                await self._delivery.send(int(chat_id), reply)
            except (ChatGone, DeliveryFailed) as error:
                logger.warning("Could not tell chat %s about the outage: %s", chat_id, error)
                return


def _message_key(item: QueuedItem) -> str:
    return f"tg-{item.update_id}" if item.kind == INBOX_UPDATE else f"inbox-{item.id}"
