"""Per-chat workers over the inbox: each chat's entries are handled one at a time, in the order
they arrived; chats are served concurrently.

When Rasa (or the action server, or the database) is down, a worker keeps its entry and tries
again with growing delays. The citizen is told once per outage.

A crisis never waits: a message the crisis lexicon recognises gets its kind's first reply as
soon as it is stored (`answer_crisis_at_once`), beside the chat's queue, whatever Rasa does and
whatever the chat's earlier messages wait for. The message then goes to Rasa in its turn, with
the metadata that says the first reply was given (Rasa does not send the block again). That
fact is kept in the entry, so a restart does not send the block again; and if the send failed,
the chat's worker sends it before the message goes any further, so it is never lost.
"""

import asyncio
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Protocol

from bot.bridge import (
    Bridge,
    RecentFirstReplies,
    crisis_kind,
    first_reply_given,
    with_first_reply_given,
)
from bot.conversation import Reply, Turn, join_paragraphs
from bot.rasa_client import RasaUnavailable
from bot.replies import BUTTON_EXPIRED_TEXT, STUCK_TEXT, crisis_first_reply, outage_notice
from bot.retry_pause import MAX_ERRORS_PER_ENTRY, RETRY_DELAYS, pause, retry_delay
from bot.telegram_delivery import ChatGone, DeliveryFailed, TelegramDelivery
from relais.models import INBOX_UPDATE
from relais.services.errors import StorageUnavailable
from relais.services.inbox import InboxService, QueuedItem
from relais.work import CitizenWork, Local, Rasa, Tap, typed_of

logger = logging.getLogger(__name__)

ANSWER_DEADLINE_SECONDS = 120.0
# How long a stop waits for the workers that are sending an entry to finish it (Telegram's
# timeouts are shorter: a worker still sending by then is stuck).
STOP_GRACE_SECONDS = 60.0
# What the queue remembers per chat or per message beyond its work is forgotten after this long
# (`prune`): Telegram sends an unacknowledged update again for 24 hours, no longer.
FORGET_AFTER_SECONDS = 24 * 3600.0


class DeskPort(Protocol):
    """What the chats' queue asks of the coach desk (bot/coach_desk.py)."""

    async def relay_from_citizen(self, chat_id: str, work: CitizenWork, message_key: str
                                 ) -> list[Reply] | CitizenWork | None:
        """While a coach has the conversation, the coach takes the citizen's message: the
        replies to send. None when no coach has it; a work: the bot answers that one."""

    def nudge(self) -> None:
        """Rasa answered someone: a case may have opened."""


class ChatQueue:
    def __init__(self, inbox: InboxService, bridge: Bridge, delivery: TelegramDelivery,
                 retry_delays=RETRY_DELAYS, clock: Callable[[], float] = time.monotonic,
                 desk: DeskPort | None = None,
                 answer_deadline: float = ANSWER_DEADLINE_SECONDS,
                 heard_from: Callable[[str, str], None] | None = None) -> None:
        self._clock = clock
        # Told (in a worker thread) that the citizen wrote: after a territorial alert, they are
        # no longer silent (EventService.note_reply).
        self._heard_from = heard_from
        self._inbox = inbox
        self._bridge = bridge
        self._delivery = delivery
        self._retry_delays = retry_delays
        self._workers: dict[str, asyncio.Task] = {}
        self._wakeups: dict[str, asyncio.Event] = {}
        # Every structure below is bounded: a chat's worker and wakeup go when it is idle, a
        # message's keys when it is finished, and what is left by then goes with `prune`.
        # Chats told about the current outage (and when).
        self._told: dict[str, float] = {}
        self._telling: dict[str, asyncio.Lock] = {}
        # Crisis messages (by safety key) whose first reply was given: sent by the edge, or the
        # same block a moment ago (and when). Rasa is told so, and does not send the block again.
        self._netted: dict[int, float] = {}
        # First replies being sent on arrival; each says whether the fact is recorded.
        self._arrivals: dict[int, asyncio.Task] = {}
        self._recent = RecentFirstReplies(clock=clock)
        self._errors: dict[int, int] = {}
        # The coach desk, when there is one: while a coach has the conversation, it takes the
        # message; and it wants to know when Rasa answered (a case may have opened).
        self._desk = desk
        self.answer_deadline = answer_deadline
        # Chats whose worker is sending an entry's replies or finishing it: a stop lets them
        # finish that entry (cancelled between a send and the finish, the entry would be sent
        # again after a restart), and they take no other.
        self._delivering: set[str] = set()
        self._stopping = False

    def wake(self, chat_id) -> None:
        """There is new work for the chat: start its worker, or wake it from a retry delay."""
        chat_id = str(chat_id)
        self._wakeups.setdefault(chat_id, asyncio.Event()).set()
        worker = self._workers.get(chat_id)
        if (worker is None or worker.done()) and not self._stopping:
            # No chat id in a task's name: asyncio writes names in its error logs.
            self._workers[chat_id] = asyncio.create_task(self._run(chat_id), name="chat-worker")

    def busy_chats(self) -> int:
        """Chats with a worker at work: how much is still to send (the outbox's pace)."""
        return sum(1 for worker in self._workers.values() if not worker.done())

    async def resume(self) -> None:
        """After a start: serve the chats that still have work (as soon as the database
        answers: the edge starts anyway, and tells citizens when it cannot store)."""
        for failures in range(1, 10**9):
            try:
                chats = await asyncio.to_thread(self._inbox.chats_with_work)
            except StorageUnavailable as error:
                logger.warning("Cannot read the inbox yet: %s", error)
                await asyncio.sleep(retry_delay(self._retry_delays, failures))
                continue
            for chat_id in chats:
                self.wake(chat_id)
            return

    def prune(self) -> None:
        """Forget what no chat's work needs any more (called every few minutes by the edge)."""
        now = self._clock()
        self._netted = {key: at for key, at in self._netted.items()
                        if now - at < FORGET_AFTER_SECONDS}
        self._told = {chat: at for chat, at in self._told.items()
                      if chat in self._workers or now - at < FORGET_AFTER_SECONDS}
        self._telling = {chat: lock for chat, lock in self._telling.items()
                         if lock.locked() or chat in self._workers}
        self._arrivals = {key: task for key, task in self._arrivals.items() if not task.done()
                          or key in self._netted}
        self._recent.prune()

    def memory_sizes(self) -> dict[str, int]:
        """How many items each per-chat or per-message structure holds (tests, benchmarks)."""
        return {"workers": len(self._workers), "wakeups": len(self._wakeups),
                "told": len(self._told), "telling": len(self._telling),
                "netted": len(self._netted), "arrivals": len(self._arrivals),
                "recent": len(self._recent), "errors": len(self._errors)}

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
        """Stop the workers: one that is delivering an entry finishes it first (bounded by
        Telegram's timeouts); the others, waiting for Rasa or a retry, stop at once, their
        entries kept for the next start."""
        self._stopping = True
        finishing = [task for chat, task in self._workers.items() if chat in self._delivering]
        stopped = [task for chat, task in self._workers.items() if chat not in self._delivering]
        stopped += list(self._arrivals.values())
        for task in stopped:
            task.cancel()
        if finishing:
            # A send that hangs past every timeout must not hold the stop for good.
            _done, late = await asyncio.wait(finishing, timeout=STOP_GRACE_SECONDS)
            for task in late:
                logger.warning("A chat's worker did not finish its entry in time: stopped")
                task.cancel()
        await asyncio.gather(*finishing, *stopped, return_exceptions=True)

    def answer_crisis_at_once(self, chat_id, update_id: int, kind: str) -> None:
        """A crisis message was just stored: its kind's first reply goes out now, beside the
        chat's queue. The chat's worker waits for this send before the message goes further."""
        chat_id, key = str(chat_id), update_key(update_id)
        if key in self._arrivals:
            return  # under way
        # The same block a moment ago (or while the database was down): not sent again, and
        # Rasa's dialogue follows up. Noted before the send: a second message of the kind
        # arriving meanwhile is covered (if this send fails, the worker sends it before it
        # reaches the second message).
        send = key not in self._netted and self._recent.due(chat_id, kind)
        if send:
            self._recent.note(chat_id, kind)
        else:
            self._netted[key] = self._clock()
        self._arrivals[key] = asyncio.create_task(
            self._first_reply_on_arrival(chat_id, update_id, kind, send), name="crisis-first-reply")

    async def _first_reply_on_arrival(self, chat_id: str, update_id: int, kind: str,
                                      send: bool) -> bool:
        """Send the first reply (if `send`) and record that it was given; True once recorded."""
        if send:
            try:
                await self._send_first_reply(chat_id, update_key(update_id), kind)
            except DeliveryFailed as error:
                logger.warning("A crisis first reply is not sent yet (update %s): %s", update_id, error)
                return False
        return await self._record_first_reply(update_id)

    async def _send_first_reply(self, chat_id: str, key: int, kind: str) -> None:
        """Raises DeliveryFailed; a chat that is gone needs nothing more."""
        try:
            await self._delivery.send_urgent(int(chat_id), crisis_first_reply(kind))
        except ChatGone:
            pass
        self._netted[key] = self._clock()

    async def _record_first_reply(self, update_id: int | None) -> bool:
        if update_id is None:
            return False
        try:
            await asyncio.to_thread(self._inbox.add_to_metadata, update_id,
                                    with_first_reply_given({}))
        except StorageUnavailable as error:
            # Known in memory all the same: only a restart before the worker records it would
            # send the block once more.
            logger.warning("Could not record the crisis first reply of update %s: %s",
                           update_id, error)
            return False
        return True

    async def send_later(self, chat_id, replies: list[Reply]) -> None:
        """Messages on Relais' own initiative (Rasa, a coach), delivered after what the chat
        already has, durably."""
        messages = [reply.to_dict() for reply in replies]
        await asyncio.to_thread(self._inbox.add_outgoing, str(chat_id), messages)
        self.wake(chat_id)

    async def tell_outage(self, chat_id, texts: Iterable[str], keys: Iterable[int] = ()) -> None:
        """Tell the citizen once that Relais cannot answer now; a crisis message not given its
        first reply yet (messages are identified by their safety `keys`) gets it first."""
        chat_id = str(chat_id)
        # One at a time per chat: the poller and the chat's worker may both want to tell it.
        async with self._telling.setdefault(chat_id, asyncio.Lock()):
            kinds, given, covered = self._crises_to_answer(chat_id, zip(texts, keys))
            replies = [crisis_first_reply(kind) for kind in kinds]
            if chat_id not in self._told:
                replies.append(outage_notice(after_crisis=bool(kinds)))
            if not replies:
                return
            sent = await self._send_now(chat_id, replies, urgent=len(kinds))
            if sent >= len(kinds):  # the first replies are out (they go first)
                for kind in kinds:
                    self._recent.note(chat_id, kind)
                self._netted.update(dict.fromkeys(given + covered, self._clock()))
            if sent == len(replies):
                self._told[chat_id] = self._clock()

    def _crises_to_answer(self, chat_id: str, messages: Iterable[tuple[str, int]]
                          ) -> tuple[list[str], list[int], list[int]]:
        """Among waiting messages, the crisis kinds whose first reply is due, the keys of the
        messages that reply answers, and the keys of those the chat had the block for a moment
        ago. A first reply being sent on arrival is left to finish."""
        kinds: list[str] = []
        given: list[int] = []
        covered: list[int] = []
        for text, key in messages:
            arrival = self._arrivals.get(key)
            if key in self._netted or (arrival is not None and not arrival.done()):
                continue
            kind = crisis_kind(text)
            if kind is None:
                continue
            if kind not in kinds and not self._recent.due(chat_id, kind):
                covered.append(key)
                continue
            if kind not in kinds:
                kinds.append(kind)
            given.append(key)
        return kinds, given, covered

    async def _run(self, chat_id: str) -> None:
        failures = 0
        while not self._stopping:
            self._wakeups[chat_id].clear()
            # Reset each round: a failure to read the next entry is no failure of the last one.
            item = None
            try:
                item = await asyncio.to_thread(self._inbox.next_for_chat, chat_id)
                if item is None:
                    if self._wakeups[chat_id].is_set():
                        continue  # stored while we looked: look again
                    self._forget_idle_chat(chat_id)
                    return
                await self._process(item)
                failures = 0
                self._told.pop(chat_id, None)
            except RasaUnavailable as error:
                logger.warning("A chat waits for Rasa: %s", error)
                await self._outage_in_chat(chat_id)
                failures += 1
            except (StorageUnavailable, DeliveryFailed) as error:
                logger.warning("A chat waits: %s", error)
                failures += 1
            except asyncio.CancelledError:
                raise
            except Exception:  # a bug must not stop the chat for good: log it, try again later
                logger.exception("Unexpected error in a chat's worker")
                failures += 1
                await self._outage_in_chat(chat_id)
                await self._give_up_if_stuck(item)
            if failures and not self._stopping:
                # A new message ends the pause early: it may be a crisis to answer at once.
                await pause(self._wakeups[chat_id], retry_delay(self._retry_delays, failures))

    def _forget_idle_chat(self, chat_id: str) -> None:
        """The chat has no work left: its worker (this task, about to end) and its wakeup go.
        No await since the inbox said so: `wake` either ran before (and the event is set) or
        runs after, and then starts a new worker."""
        self._workers.pop(chat_id, None)
        self._wakeups.pop(chat_id, None)
        lock = self._telling.get(chat_id)
        if lock is not None and not lock.locked():
            del self._telling[chat_id]

    async def _outage_in_chat(self, chat_id: str) -> None:
        try:
            waiting = await asyncio.to_thread(self._inbox.pending_contents, chat_id)
            # A first reply recorded in the entry was given, maybe before a restart.
            waiting = [item for item in waiting if not _first_reply_recorded(item)]
            typed = [typed_of(item.content) if item.content else "" for item in waiting]
            await self.tell_outage(chat_id, typed, [safety_key(item) for item in waiting])
        except Exception:  # the database may be down too: the worker must reach its pause
            logger.exception("Could not tell a chat about the outage")

    async def _give_up_if_stuck(self, item: QueuedItem | None) -> None:
        """An entry that fails for another reason than an outage, again and again, would block
        its chat for good: after a few tries it is answered with an apology and finished."""
        if item is None:
            return
        self._errors[item.id] = self._errors.get(item.id, 0) + 1
        if self._errors[item.id] < MAX_ERRORS_PER_ENTRY:
            return
        logger.error("Giving up on inbox entry %s", item.id)
        try:
            await self._send_now(item.chat_id, [Reply(STUCK_TEXT)])
            await asyncio.to_thread(self._inbox.finish, item.id)
            self._forget_entry(item)
        except Exception:
            logger.exception("Could not give up on inbox entry %s", item.id)

    async def _process(self, item: QueuedItem) -> None:
        replies = item.replies
        if replies is None:
            replies = [reply.to_dict() for reply in join_paragraphs(await self._answer(item))]
            await asyncio.to_thread(self._inbox.save_replies, item.id, replies)
        self._delivering.add(item.chat_id)
        try:
            try:
                await self._deliver(item, replies)
            except ChatGone:
                logger.info("A chat is gone (bot blocked): dropping the replies of entry %s", item.id)
            await asyncio.to_thread(self._inbox.finish, item.id)
        finally:
            self._delivering.discard(item.chat_id)
        self._forget_entry(item)

    def _forget_entry(self, item: QueuedItem) -> None:
        """A finished entry needs nothing more from memory (a repeated delivery of its update
        is recognised by the inbox, which keeps the update id)."""
        self._errors.pop(item.id, None)
        self._netted.pop(safety_key(item), None)
        self._arrivals.pop(safety_key(item), None)

    async def _answer(self, item: QueuedItem) -> list[Reply]:
        work = item.content or Local()
        if isinstance(work, Tap):
            work = await self._resolve_tap(item, work)
        work = await self._first_reply_first(item, work)
        if self._desk is not None:
            relayed = await self._desk.relay_from_citizen(item.chat_id, work, _message_key(item))
            if isinstance(relayed, list):
                return relayed
            if relayed is not None:  # the coach's topic is gone: the bot answers this instead
                work = relayed
        if not isinstance(work, Rasa):
            return [Reply.from_dict(reply) for reply in work.replies]
        await self._note_heard_from(item.chat_id, work.typed)
        turn = Turn(item.chat_id, work.message, work.typed, work.metadata or {})
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
        if self._desk is not None:
            self._desk.nudge()
        before = [Reply.from_dict(reply) for reply in work.before]
        return before + answer

    async def _note_heard_from(self, chat_id: str, typed: str) -> None:
        if self._heard_from is None:
            return
        try:
            await asyncio.to_thread(self._heard_from, chat_id, typed)
        except Exception:  # a count of the welfare check: never worth holding the answer
            logger.exception("Could not note that a citizen wrote after an alert")

    async def _first_reply_first(self, item: QueuedItem, work: CitizenWork) -> CitizenWork:
        """A crisis message goes no further (to Rasa, to a coach) before its first reply is out:
        sent on arrival, or now if that failed or happened before a restart without being
        recorded. The work returned says so in its metadata, for Rasa. Raises DeliveryFailed
        (the entry is kept and tried again)."""
        if not isinstance(work, Rasa):
            return work
        kind = crisis_kind(work.typed)
        if kind is None or first_reply_given(work.metadata):
            return work
        key = safety_key(item)
        recorded = await self._arrival_outcome(key)
        if key not in self._netted:
            self._recent.note(item.chat_id, kind)
            await self._send_first_reply(item.chat_id, key, kind)
        if not recorded and item.kind == INBOX_UPDATE:
            await self._record_first_reply(item.update_id)
        return replace(work, metadata=with_first_reply_given(work.metadata))

    async def _arrival_outcome(self, key: int) -> bool:
        """Wait for the message's first reply sent on arrival, if any (bounded by Telegram's
        timeouts); True when it was sent and recorded."""
        arrival = self._arrivals.pop(key, None)
        if arrival is None:
            return False
        try:
            return await arrival
        except Exception:  # the worker sends the reply itself
            logger.exception("Crisis first reply on arrival failed")
            return False

    async def _resolve_tap(self, item: QueuedItem, work: Tap) -> CitizenWork:
        """The payload of the tapped button, resolved once: the keyboard closes with the tap, and
        the entry keeps the payload in case Rasa is down and it must be sent again."""
        resolved = await asyncio.to_thread(self._inbox.resolve_tap, item.id, work)
        if resolved is None:
            return Local.saying(BUTTON_EXPIRED_TEXT)
        await self._delivery.close_keyboard(int(item.chat_id), work.message_id)
        return resolved

    async def _deliver(self, item: QueuedItem, replies: list[dict]) -> None:
        for number in range(item.delivered, len(replies)):
            await self._delivery.send(int(item.chat_id), Reply.from_dict(replies[number]))
            if number + 1 < len(replies):  # after the last one, finishing the entry says it
                await asyncio.to_thread(self._inbox.count_delivered, item.id, number + 1)

    async def _send_now(self, chat_id: str, replies: list[Reply], urgent: int = 0) -> int:
        """Send in order, up to the first failure; how many were sent. The first `urgent` ones
        are crisis first replies."""
        for number, reply in enumerate(replies):
            send = self._delivery.send_urgent if number < urgent else self._delivery.send
            try:
                await send(int(chat_id), reply)
            except (ChatGone, DeliveryFailed) as error:
                logger.warning("Could not tell a chat about the outage: %s", error)
                return number
        return len(replies)


def update_key(update_id: int) -> int:
    """The safety key of a Telegram update, stored or not (while the database is down, an
    update is identified by its id only). Entries' ids are positive: no collision."""
    return -int(update_id)


def safety_key(item: QueuedItem) -> int:
    return update_key(item.update_id) if item.kind == INBOX_UPDATE else item.id


def _first_reply_recorded(item: QueuedItem) -> bool:
    """Whether the entry says its crisis first reply was given (maybe before a restart)."""
    return isinstance(item.content, (Rasa, Tap)) and first_reply_given(item.content.metadata)


def _message_key(item: QueuedItem) -> str:
    return f"tg-{item.update_id}" if item.kind == INBOX_UPDATE else f"inbox-{item.id}"
