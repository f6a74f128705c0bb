"""The bridge between a chat and Rasa, shared by Telegram and the terminal: a turn in, the
citizen's replies out, each message processed by Rasa once even across Rasa restarts."""

import logging
from typing import List, Optional

from bot.conversation import Reply, Turn, replies_from_rasa
from bot.rasa_client import RasaClient, RasaUnavailable, replies_after
from bot.replies import outage_replies
from relais.safety import assess

logger = logging.getLogger(__name__)


class Bridge:
    def __init__(self, rasa: RasaClient) -> None:
        self._rasa = rasa

    async def answer(self, turn: Turn, message_key: Optional[str] = None,
                     retry: bool = False) -> List[Reply]:
        """Rasa's replies to `turn`. Raises RasaUnavailable when Rasa cannot answer now.

        `message_key` tags the message in Rasa's tracker; on a `retry` Rasa is first asked
        whether it already processed the message (it died before answering), and its replies
        then are used instead of processing the message a second time.
        """
        metadata = dict(turn.metadata)
        if message_key:
            metadata["relais_key"] = message_key
            if retry:
                earlier = await self._earlier_replies(turn.chat_id, message_key)
                if earlier is not None:
                    logger.info("Message %s was processed before Rasa went down", message_key)
                    return replies_from_rasa(earlier)
        messages = await self._rasa.send(turn.chat_id, turn.message, metadata)
        if not messages and message_key:
            # Rasa's REST channel answers 200 with nothing when its processing failed (tracker
            # or lock store down, shutting down): an answer only if the tracker has the message.
            if await self._earlier_replies(turn.chat_id, message_key) is None:
                raise RasaUnavailable("empty answer, message not in the tracker", maybe_processed=True)
        return replies_from_rasa(messages)

    async def answer_or_safety_net(self, turn: Turn) -> List[Reply]:
        """For callers that cannot wait (the terminal): when Rasa is down, the replies of the
        safety net (the emergency numbers first for a crisis message)."""
        try:
            return await self.answer(turn)
        except RasaUnavailable as error:
            logger.warning("Rasa unavailable: %s", error)
            return outage_replies([turn.typed])

    async def _earlier_replies(self, chat_id: str, message_key: str):
        return replies_after(await self._rasa.events(chat_id), message_key)


def is_crisis(text: str) -> bool:
    """The domain's crisis lexicon, the same one Rasa's pipeline applies."""
    return bool(text) and assess(text).is_crisis
