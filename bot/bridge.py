"""The bridge between a chat and Rasa, shared by Telegram and the terminal: a turn in, the
citizen's replies out, each message processed by Rasa once even across Rasa restarts."""

import logging
import time
from collections.abc import Callable

from bot.conversation import Reply, Turn, replies_from_rasa
from bot.rasa_client import RasaClient, RasaUnavailable, replies_after
from bot.replies import crisis_first_reply, outage_replies
from relais.conversation_contract import FIRST_REPLY_SENT
from relais.safety import assess

logger = logging.getLogger(__name__)

# A chat given a kind's first reply is not given the same block again for this long: a person
# in crisis often writes several such messages in a row, and the dialogue (Rasa) follows up with
# shorter reminders instead of the same wall of text.
FIRST_REPLY_AGAIN_AFTER_SECONDS = 15 * 60


class Bridge:
    def __init__(self, rasa: RasaClient) -> None:
        self._rasa = rasa

    async def answer(self, turn: Turn, message_key: str | None = None,
                     retry: bool = False) -> list[Reply]:
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

    async def answer_or_safety_net(self, turn: Turn) -> list[Reply]:
        """For callers that cannot wait (the terminal): when Rasa is down, the replies of the
        safety net (a crisis message's first reply, unless it was given already)."""
        try:
            return await self.answer(turn)
        except RasaUnavailable as error:
            logger.warning("Rasa unavailable: %s", error)
            return outage_replies([] if first_reply_given(turn.metadata) else [turn.typed])

    async def _earlier_replies(self, chat_id: str, message_key: str):
        return replies_after(await self._rasa.events(chat_id), message_key)


def crisis_kind(text: str | None) -> str | None:
    """The crisis kind of a citizen's message when the domain's lexicon (the same one Rasa's
    pipeline applies) is certain it is a crisis; None otherwise."""
    if not text:
        return None
    assessment = assess(text)
    return assessment.kind if assessment.is_crisis else None


def is_crisis(text: str | None) -> bool:
    return crisis_kind(text) is not None


def first_reply_given(metadata: dict | None) -> bool:
    return bool((metadata or {}).get(FIRST_REPLY_SENT))


def with_first_reply_given(metadata: dict | None) -> dict:
    return {**(metadata or {}), FIRST_REPLY_SENT: True}


class RecentFirstReplies:
    """Which chats were given which kind's first reply a moment ago (in memory: after a
    restart, the block may be given once more, never less). What is older than the delay is
    forgotten (`prune`), so the table holds the last quarter of an hour only."""

    def __init__(self, again_after: float = FIRST_REPLY_AGAIN_AFTER_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._again_after = again_after
        self._clock = clock
        self._given: dict[tuple[str, str], float] = {}

    def due(self, chat_id, kind: str) -> bool:
        given = self._given.get((str(chat_id), kind))
        return given is None or self._clock() - given >= self._again_after

    def note(self, chat_id, kind: str) -> None:
        if len(self._given) > 10000:  # between two prunes, under a burst
            self.prune()
        self._given[(str(chat_id), kind)] = self._clock()

    def prune(self) -> None:
        now = self._clock()
        self._given = {key: at for key, at in self._given.items() if now - at < self._again_after}

    def __len__(self) -> int:
        return len(self._given)


def first_reply_at_once(turn: Turn, recent: RecentFirstReplies | None = None
                        ) -> tuple[Reply | None, Turn]:
    """For a crisis message: its kind's first reply, to give before anything waits on Rasa,
    and the turn that tells Rasa it was given. No reply when the chat had the same block a
    moment ago (the turn still says it was given); (None, turn) for any other message."""
    kind = crisis_kind(turn.typed)
    if kind is None or first_reply_given(turn.metadata):
        return None, turn
    given = Turn(turn.chat_id, turn.message, turn.typed, with_first_reply_given(turn.metadata))
    if recent is not None:
        if not recent.due(turn.chat_id, kind):
            return None, given
        recent.note(turn.chat_id, kind)
    return crisis_first_reply(kind), given
