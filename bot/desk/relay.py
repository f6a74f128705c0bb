"""The citizen's side of a taken case: their messages relayed into the case's topic (and into
the Rasa conversation), a crisis message answered at once and the on-duty coaches called, a
topic deleted by hand giving the conversation back to the bot."""

import asyncio
import logging
import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace

from telegram.error import BadRequest, TelegramError

from bot.bridge import crisis_kind, first_reply_given, with_first_reply_given
from bot.case_actions import TOPIC_GONE_TEXT
from bot.coach_record import record_for_coach
from bot.conversation import Reply
from bot.desk.group import ALERT_RETRY_DELAYS, DeskGroup
from bot.desk.texts import RELAY_REFUSED_NOTE, RELAY_WAITING_NOTE
from bot.replies import crisis_first_reply
from bot.telegram_delivery import DeliveryFailed
from bot.telegram_render import split_text
from relais.contact_wishes import contact_texts, read_contact
from relais.crisis import kind_label
from relais.services.desk import TopicInfo
from relais.services.errors import InvalidCaseTransition
from relais.services.escalation import CaseInfo
from relais.work import CitizenWork, Rasa, typed_of

logger = logging.getLogger(__name__)

# Telegram's descriptions of a forum topic that no longer exists.
_TOPIC_GONE = re.compile(r"thread not found|topic[_ ]deleted|topic[_ ]id[_ ]invalid", re.IGNORECASE)
# How many crisis messages the desk remembers having called the on-duty coaches for.
ALERTED_KEPT = 10_000


class CitizenRelay:
    def __init__(self, group: DeskGroup, nudge: Callable[[], None]) -> None:
        self._group = group
        self.config = group.config
        self._bot = group.bot
        self._actions = group.actions
        self._desk = group.actions.desk
        self._escalation = group.actions.escalation
        self._rasa = group.actions.rasa
        # Contact instructions told to the coach: the watch loop looks at once.
        self.nudge = nudge
        # Crisis messages (their message keys) the on-duty coaches were called for: once each.
        # The most recent ALERTED_KEPT only: a message is alerted within seconds of arriving.
        self._alerted: OrderedDict[str, None] = OrderedDict()

    async def relay_from_citizen(self, chat_id: str, work: CitizenWork,
                                 message_key: str | None = None
                                 ) -> list[Reply] | CitizenWork | None:
        """While a coach has the conversation: the citizen's message goes to the case's topic
        (and into the Rasa conversation, without the bot answering): the replies to send. None
        when no coach has it; when the case's topic is gone, the work the bot answers instead.

        A crisis message gets its kind's first reply at once (unless the chat's queue gave it on
        arrival, as it does), and the coaches an alert with the kind. It is never lost: when
        the topic cannot be reached, the on-duty coaches are called in the general topic and
        DeliveryFailed keeps the message in the chat's queue, which relays it again with
        growing delays; the entry is finished once the message is in the topic."""
        taken = await asyncio.to_thread(self._desk.taken_case, chat_id)
        if taken is None:
            return None
        case, topic = taken
        typed = typed_of(work)
        metadata = work.metadata if isinstance(work, Rasa) else None
        kind = crisis_kind(typed)
        given = first_reply_given(metadata)
        replies = [crisis_first_reply(kind)] if kind and not given else []
        if topic is None:  # taken at the local desk, which reads the conversation in Rasa
            await record_for_coach(self._rasa, chat_id, typed, metadata)
            return replies
        if replies:  # the numbers before anything else (the group's rate limit is slow)
            try:
                await self._bot.send_message(int(chat_id), replies[0].text)
                replies = []
            except TelegramError:
                pass  # sent with the replies, by the chat's queue
        try:
            await self._relay(case, topic, chat_id, work, typed)
        except BadRequest as error:  # a topic deleted by hand, a message that cannot be copied
            if _TOPIC_GONE.search(error.message or ""):
                return await self._topic_gone(case, work, replies, numbers_sent=bool(kind))
            logger.error("Could not relay to the topic of case %s: %s", case.id, error)
            if kind:  # trying again would not help: the coaches must know all the same
                self._alert_on_duty_once(case, kind, message_key, RELAY_REFUSED_NOTE)
            return replies
        except TelegramError as error:
            if kind:
                self._alert_on_duty_once(case, kind, message_key, RELAY_WAITING_NOTE)
            raise DeliveryFailed(str(error)) from error  # kept: the chat's queue tries again
        await asyncio.to_thread(self._desk.record_citizen_message, case.id)  # the watchdog's clock
        if kind:
            await self._crisis_in_topic(case, topic, kind, message_key)
        await self._citizen_instructions(case, topic, typed)
        return replies

    async def _citizen_instructions(self, case: CaseInfo, topic: TopicInfo, typed: str) -> None:
        """Contact instructions told to the coach are kept on the case like those told to the
        bot (the watch loop then posts them); a withdrawal is the coach's to confirm."""
        reading = read_contact(typed, in_context=True)  # a case is under way
        wishes = reading.wishes
        if wishes.has_instructions or reading.lifted:
            await asyncio.to_thread(self._escalation.add_contact_wishes, case.conversation_id,
                                    wishes, reading.lifted)
            self.nudge()
        if wishes.withdraw:
            await self._group.post(contact_texts().coach["withdraw_asked"], topic.thread_id)

    async def _topic_gone(self, case: CaseInfo, work: CitizenWork, replies: list[Reply],
                          numbers_sent: bool) -> CitizenWork:
        """The case's topic was deleted: nobody reads the citizen there any more. The bot takes
        the conversation back at once and answers this very message (the work returned: the
        chat's queue hands it to Rasa), after a word to the citizen. A crisis message opens a
        new case."""
        logger.warning("The topic of case %s is gone: the conversation goes back to the bot",
                       case.id)
        try:
            await self._actions.hand_back_unanswered(case, "topic_gone")
        except InvalidCaseTransition:
            pass  # handed back meanwhile
        if not isinstance(work, Rasa):
            return work  # the edge's own replies: nothing goes before them
        before = ([reply.to_dict() for reply in replies] + [{"text": TOPIC_GONE_TEXT}]
                  + list(work.before))
        # The numbers given here or just now: Rasa must not give the same block again.
        metadata = with_first_reply_given(work.metadata) if numbers_sent else work.metadata
        return replace(work, before=tuple(before), metadata=metadata)

    async def _relay(self, case: CaseInfo, topic: TopicInfo, chat_id: str, work: CitizenWork,
                     typed: str) -> None:
        label = self._group.label(case)
        if work.message_id:  # a photo or a file (with its caption): a copy
            said = await self._bot.send_message(self.config.chat_id, f"👤 {label} :",
                                                message_thread_id=topic.thread_id)
            copy = await self._bot.copy_message(self.config.chat_id, int(chat_id), work.message_id,
                                                message_thread_id=topic.thread_id)
            await self._group.remember(topic.thread_id, said.message_id, copy.message_id)
        elif typed:
            for part in split_text(f"👤 {label} : {typed}"):
                said = await self._bot.send_message(self.config.chat_id, part,
                                                    message_thread_id=topic.thread_id)
                await self._group.remember(topic.thread_id, said.message_id)
        else:
            await self._group.post(f"👤 {label} a envoyé un message que l'assistant ne transmet pas "
                             "(bouton, contact, position ou message modifié).", topic.thread_id)
        if typed:
            # In the background: a busy Rasa must not hold back the coach's answer to come.
            metadata = work.metadata if isinstance(work, Rasa) else None
            self._group.background(record_for_coach(self._rasa, chat_id, typed, metadata))

    async def _crisis_in_topic(self, case: CaseInfo, topic: TopicInfo, kind: str,
                               message_key: str | None) -> None:
        """After a crisis message reached the topic: say so there, and call the on-duty coaches
        (unless they were called for this message while it could not be relayed)."""
        text = (f"🚨 Ce message évoque une crise ({kind_label(kind)}) : les numéros d'urgence lui "
                "ont été donnés. Répondez-lui maintenant.")
        await self._group.now_or_later(lambda: self._group.post(text, topic.thread_id),
                                 f"crisis note of case {case.id}")
        if not self._alerted_before(message_key):
            await self._group.now_or_later(lambda: self._group.call_on_duty(case, crisis_kind_id=kind),
                                     f"crisis alert of case {case.id}")

    def _alert_on_duty_once(self, case: CaseInfo, kind: str, message_key: str | None,
                            note: str) -> None:
        """Call the on-duty coaches about a crisis message (once per message), in the background:
        the message's own retries must not wait for it."""
        if self._alerted_before(message_key):
            return
        self._group.background(self._group.with_retries(
            lambda: self._group.call_on_duty(case, crisis_kind_id=kind, note=note),
            f"crisis alert of case {case.id}", (0,) + ALERT_RETRY_DELAYS))

    def _alerted_before(self, message_key: str | None) -> bool:
        """Whether the on-duty coaches were called for this message already (noting that they
        are now). A message without a key is never recognised."""
        if message_key is None:
            return False
        if message_key in self._alerted:
            return True
        self._alerted[message_key] = None
        while len(self._alerted) > ALERTED_KEPT:
            self._alerted.popitem(last=False)
        return False

    def memory_size(self) -> int:
        """How many crisis messages the relay remembers calling the on-duty coaches for."""
        return len(self._alerted)
