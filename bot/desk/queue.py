"""The desk's own queue: the coaches' group's updates, stored durably in the inbox's desk lane,
handled one at a time per topic in the order they arrived; topics are served concurrently.

One queue per topic: a case's actions stay in order, and cases do not wait for each other (nor
do the citizens' chats, served by bot/chat_queue.py). The retries are the chats' own
(bot/retry_pause.py): an outage (Rasa, the database, Telegram) is waited out with growing
delays; any other failure is tried a few times, then the update is given up (logged) so that
it does not block its topic for good.
"""

import asyncio
import logging
from typing import Any, Protocol

from bot.rasa_client import RasaUnavailable
from bot.retry_pause import MAX_ERRORS_PER_ENTRY, RETRY_DELAYS, pause, retry_delay
from bot.telegram_delivery import DeliveryFailed
from relais.services.errors import StorageUnavailable
from relais.services.inbox import DeskItem, InboxService

logger = logging.getLogger(__name__)


class StoredUpdates(Protocol):
    """What the desk's queue asks of the coach desk (bot/coach_desk.py)."""

    async def handle_stored(self, update: dict[str, Any]) -> None:
        """An update of the coaches' group, in its turn."""


class DeskQueue:
    def __init__(self, inbox: InboxService, desk: StoredUpdates,
                 retry_delays=RETRY_DELAYS) -> None:
        self._inbox = inbox
        self._desk = desk
        self._retry_delays = retry_delays
        # A topic's worker and wakeup go when it is idle, an update's error count when it is
        # finished: nothing here grows with time.
        self._workers: dict[int, asyncio.Task] = {}
        self._wakeups: dict[int, asyncio.Event] = {}
        self._errors: dict[int, int] = {}

    def wake(self, topic_id: int) -> None:
        """There is a new update in the topic: start its worker, or wake it from a retry delay."""
        self._wakeups.setdefault(topic_id, asyncio.Event()).set()
        worker = self._workers.get(topic_id)
        if worker is None or worker.done():
            self._workers[topic_id] = asyncio.create_task(self._run(topic_id), name="desk-worker")

    async def resume(self) -> None:
        """After a start: serve the topics that still have updates (as soon as the database
        answers)."""
        for failures in range(1, 10**9):
            try:
                topics = await asyncio.to_thread(self._inbox.topics_with_work)
            except StorageUnavailable as error:
                logger.warning("Cannot read the desk's inbox yet: %s", error)
                await asyncio.sleep(retry_delay(self._retry_delays, failures))
                continue
            for topic_id in topics:
                self.wake(topic_id)
            return

    async def idle(self) -> None:
        """Wait until every topic's worker has finished (tests)."""
        while any(not worker.done() for worker in self._workers.values()):
            await asyncio.gather(*self._workers.values(), return_exceptions=True)

    async def stop(self) -> None:
        workers = list(self._workers.values())
        for worker in workers:
            worker.cancel()
        await asyncio.gather(*workers, return_exceptions=True)

    def memory_sizes(self) -> dict[str, int]:
        """How many items each per-topic or per-update structure holds (tests)."""
        return {"workers": len(self._workers), "wakeups": len(self._wakeups),
                "errors": len(self._errors)}

    async def _run(self, topic_id: int) -> None:
        failures = 0
        while True:
            self._wakeups[topic_id].clear()
            item = None
            try:
                item = await asyncio.to_thread(self._inbox.next_for_topic, topic_id)
                if item is None:
                    if self._wakeups[topic_id].is_set():
                        continue  # stored while we looked: look again
                    self._forget_idle_topic(topic_id)
                    return
                await self._desk.handle_stored(item.work.update)
                await self._finish(item)
                failures = 0
            except (RasaUnavailable, StorageUnavailable, DeliveryFailed) as error:
                logger.warning("A topic of the coaches' group waits: %s", error)
                failures += 1
            except asyncio.CancelledError:
                raise
            except Exception:  # a bug must not stop the topic for good: log it, try again later
                logger.exception("Unexpected error in a topic's worker")
                failures += 1
                await self._give_up_if_stuck(item)
            if failures:
                # A new update ends the pause early, as in the chats' queue.
                await pause(self._wakeups[topic_id], retry_delay(self._retry_delays, failures))

    async def _finish(self, item: DeskItem) -> None:
        await asyncio.to_thread(self._inbox.finish, item.id)
        self._errors.pop(item.id, None)

    def _forget_idle_topic(self, topic_id: int) -> None:
        """No await since the inbox said the topic is idle: `wake` either ran before (and the
        event is set) or runs after, and then starts a new worker."""
        self._workers.pop(topic_id, None)
        self._wakeups.pop(topic_id, None)

    async def _give_up_if_stuck(self, item: DeskItem | None) -> None:
        """An update that fails for another reason than an outage, again and again, would block
        its topic for good: after a few tries it is finished, unhandled (nobody to apologise
        to: coaches see that their action did nothing, and do it again)."""
        if item is None:
            return
        self._errors[item.id] = self._errors.get(item.id, 0) + 1
        if self._errors[item.id] < MAX_ERRORS_PER_ENTRY:
            return
        logger.error("Giving up on inbox entry %s (update %s of the coaches' group)",
                     item.id, item.update_id)
        try:
            await self._finish(item)
        except Exception:
            logger.exception("Could not give up on inbox entry %s", item.id)
