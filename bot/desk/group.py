"""The coaches' group on Telegram as the desk's parts use it: posting in a case's topic (and
remembering what is posted there, for the citizen's erasure), the case card and its buttons,
calling the on-duty coaches, and the desk's background tasks."""

import asyncio
import logging

from telegram import Bot
from telegram.error import BadRequest, TelegramError

from bot.case_actions import CaseActions
from bot.desk.cards import card_keyboard, case_card, kind_note
from bot.desk.config import DeskConfig
from bot.desk.texts import NO_RELAIS
from relais.models import CASE_TAKEN
from relais.pseudonym import citizen_label
from relais.services.desk import CRISIS_PRIORITY, TopicInfo
from relais.services.errors import ServiceError
from relais.services.escalation import CaseInfo
from relais.services.progress import ProgressService
from relais.services.topic_erasure import TopicErasureService

logger = logging.getLogger(__name__)

# A crisis alert that Telegram refuses for a moment (network, flood limit) is tried again after
# these delays, then given up (logged): bounded, so a long Telegram outage leaves no pile-up.
ALERT_RETRY_DELAYS = (2, 5, 15, 30, 60)


class DeskGroup:
    def __init__(self, bot: Bot, config: DeskConfig, actions: CaseActions,
                 progress: ProgressService,
                 topic_messages: TopicErasureService | None = None) -> None:
        self.bot = bot
        self.config = config
        self.actions = actions
        self._bot = bot
        self._actions = actions
        self._desk = actions.desk
        self._directory = actions.directory
        self._progress = progress
        self._topic_messages = topic_messages
        self._tasks: set[asyncio.Task] = set()

    def background(self, coroutine) -> None:
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)  # asyncio keeps only a weak reference
        task.add_done_callback(self._tasks.discard)

    async def wait_background(self) -> None:
        """Wait until the cards and calls started in the background are out (tests)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def stop(self) -> None:
        """Cancel what the desk still does in the background (before the bot closes)."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def send_card(self, case: CaseInfo, thread_id: int, tracker: dict) -> None:
        card = await self._bot.send_message(
            self.config.chat_id, await self.card(case, tracker), message_thread_id=thread_id,
            reply_markup=card_keyboard(case, taken=case.status == CASE_TAKEN),
        )
        await asyncio.to_thread(self._desk.set_card, case.id, card.message_id)

    async def rename(self, thread_id: int, name: str) -> None:
        try:
            await self._bot.edit_forum_topic(self.config.chat_id, thread_id, name=name)
        except TelegramError as error:
            logger.info("Could not rename topic %s: %s", thread_id, error)

    async def call_on_duty(self, case: CaseInfo, waiting_minutes: int | None = None,
                            crisis_kind_id: str | None = None, note: str = "") -> None:
        """A message in the group's general topic, naming the on-duty coaches. A crisis says
        its kind: the message's own (`crisis_kind_id`), else the case's."""
        crisis = crisis_kind_id is not None or case.priority == CRISIS_PRIORITY
        what = ("🚨 CRISE" + kind_note(crisis_kind_id or case.crisis_kind)) if crisis \
            else "Dossier en attente"
        waiting = f", en attente depuis {waiting_minutes} min" if waiting_minutes else ""
        names = " ".join(self.config.on_duty)
        text = f"{what} : dossier n°{case.id} ({self.relais_name(case)}){waiting}.{note} {names}"
        await self.post(text.strip(), None)

    async def now_or_later(self, send, what: str) -> None:
        """A message to the group after the citizen's message is in the topic: tried once now
        (it follows that message), then in the background (the relay must not be repeated)."""
        try:
            await send()
        except TelegramError as error:
            logger.warning("%s not sent yet: %s", what, error)
            self.background(self.with_retries(send, what, ALERT_RETRY_DELAYS))

    async def with_retries(self, send, what: str, delays) -> bool:
        """Call `send()` after each delay until Telegram takes it: a bounded number of times."""
        for delay in delays:
            await asyncio.sleep(delay)
            try:
                await send()
                return True
            except TelegramError as error:
                logger.warning("%s not sent yet: %s", what, error)
        logger.error("Gave up sending the %s", what)
        return False

    async def card(self, case: CaseInfo, tracker: dict) -> str:
        return await case_card(case, tracker, self._progress, self.relais_name(case),
                               self.label(case))

    def label(self, case: CaseInfo) -> str:
        return citizen_label(case.conversation_id, self.config.pseudonym_secret)

    async def tracker(self, conversation_id: str) -> dict:
        return await self._actions.tracker(conversation_id)

    async def finish_topic(self, case: CaseInfo, text: str) -> None:
        topic = await asyncio.to_thread(self._desk.topic_of_case, case.id)
        if topic is None:
            return
        await self.edit_card(topic, case, taken=False, finished=True)
        await self.post(text, topic.thread_id)
        try:
            await self._bot.close_forum_topic(self.config.chat_id, topic.thread_id)
        except TelegramError as error:
            logger.info("Could not close topic %s: %s", topic.thread_id, error)

    async def edit_card(self, topic: TopicInfo | None, case: CaseInfo, taken: bool,
                         finished: bool = False) -> None:
        if topic is None or topic.card_message_id is None:
            return
        markup = None if finished else card_keyboard(case, taken)
        try:
            await self._bot.edit_message_reply_markup(self.config.chat_id, topic.card_message_id,
                                                      reply_markup=markup)
        except TelegramError as error:
            logger.info("Could not update the card of case %s: %s", case.id, error)

    async def thread_of(self, case: CaseInfo) -> int | None:
        topic = await asyncio.to_thread(self._desk.topic_of_case, case.id)
        return topic.thread_id if topic else None

    async def post(self, text: str, thread_id: int | None) -> None:
        """A message of the desk in the group; a refusal (a topic deleted by hand) is logged."""
        try:
            posted = await self._bot.send_message(self.config.chat_id, text, message_thread_id=thread_id)
        except BadRequest as error:
            logger.error("The desk could not post in topic %s: %s", thread_id, error)
            return
        await self.remember(thread_id, posted.message_id)

    async def remember(self, thread_id: int | None, *message_ids: int) -> None:
        """Messages now in a case's topic, deleted with it if the citizen erases their data
        (bot/topic_erasure.py). Best effort: a failure must not stop the conversation."""
        if self._topic_messages is None or thread_id is None:
            return
        try:
            await asyncio.to_thread(self._topic_messages.remember, self.config.chat_id, thread_id,
                                    message_ids)
        except ServiceError as error:
            logger.warning("Messages of topic %s not remembered: %s", thread_id, error)

    def relais_name(self, case: CaseInfo) -> str:
        team = self._directory.find_by_code(case.relais_code)
        return team.name if team else NO_RELAIS
