"""Deletes from Telegram the coaches' topics of citizens who erased their data.

The erasure (relais/services/data_rights.py) runs wherever the citizen asked for it and leaves
each topic to delete in the database; this loop of the Telegram edge deletes it: the topic
with everything in it (deleteForumTopic), or, when Telegram refuses (the bot may lack the right
to delete messages in the group), the messages the desk remembered in it (deleteMessages: the
bot may always delete its own messages of the last 48 hours). A network error or a flood limit
leaves the request for the next pass; a refusal of both is logged and given up (nothing else
can be done from the bot).
"""

import asyncio
import logging

from telegram import Bot
from telegram.error import BadRequest, Forbidden, TelegramError

from relais.services.topic_erasure import PendingTopicErasure, TopicErasureService

logger = logging.getLogger(__name__)

# Often enough that a topic goes within seconds; each look is one small query.
ERASE_EVERY_SECONDS = 2.0
MAX_IDS_PER_CALL = 100  # deleteMessages' limit


class TopicEraser:
    def __init__(self, bot: Bot, erasures: TopicErasureService) -> None:
        self._bot = bot
        self._erasures = erasures

    async def watch(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.erase_pending()
            except Exception:  # keep watching whatever happens (the database may be down)
                logger.exception("Deleting the topics of erased citizens failed")
            try:
                await asyncio.wait_for(stop.wait(), timeout=ERASE_EVERY_SECONDS)
            except asyncio.TimeoutError:
                pass

    async def erase_pending(self) -> int:
        """Deletes what is pending; returns how many requests were settled."""
        settled = 0
        for erasure in await asyncio.to_thread(self._erasures.pending):
            try:
                await self._erase(erasure)
            except TelegramError as error:  # network, flood limit: next pass
                logger.warning("Topic %s not deleted yet: %s", erasure.thread_id, error)
                continue
            await asyncio.to_thread(self._erasures.done, erasure.id)
            settled += 1
        return settled

    async def _erase(self, erasure: PendingTopicErasure) -> None:
        try:
            await self._bot.delete_forum_topic(erasure.chat_id, erasure.thread_id)
            return
        except (BadRequest, Forbidden) as error:
            logger.warning("Topic %s could not be deleted (%s): deleting its %d known messages",
                           erasure.thread_id, error, len(erasure.message_ids))
        for chunk in _chunks(erasure.message_ids):
            try:
                await self._bot.delete_messages(erasure.chat_id, chunk)
            except (BadRequest, Forbidden) as error:
                logger.error("Messages of topic %s could not be deleted: %s",
                             erasure.thread_id, error)


def _chunks(message_ids: list[int]) -> list[list[int]]:
    return [message_ids[i:i + MAX_IDS_PER_CALL] for i in range(0, len(message_ids), MAX_IDS_PER_CALL)]
