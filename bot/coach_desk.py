"""The coach desk on Telegram: the coaches' supergroup with topics (`COACH_CHAT_ID`), one topic
per case.

A case opened by Rasa (crisis, request for a person, repeated misunderstandings) gets a topic
and a card; a crisis also calls the on-duty coaches in the group's general topic, and a case
nobody takes is called again after a delay. A coach who takes the case talks with the citizen
through the topic: while a case is taken the bot stays silent (the state is the case's status
in the database, so it survives any restart), the citizen's messages are relayed into the topic
and recorded in the Rasa conversation, the coach's messages (text, photos, files) are relayed
to the citizen. `/rendre` hands the conversation back to the bot, `/clore <note>` closes the
case, `/transferer <relais>` moves it, `/cases` lists the cases per relais.

Coaches are scoped to their relais: the coaches of a team listed in directory/relais.yml (who
are also members of the group at that moment: checked with Telegram at each action, no cache)
see and act on that relais' cases only, and on cases whose relais is not known yet; national
admins (COACH_ADMIN_IDS) on every case. Anyone else is ignored, even as a member of the group.
Every action on a case, and every refusal, is audited (relais_case_audit): who and when.

A watchdog follows taken cases: when the citizen wrote and the coach has not answered, the
coach is reminded in the topic (COACH_REMINDER_SECONDS), then the conversation goes back to the
bot and the citizen is told (COACH_HAND_BACK_SECONDS). A topic deleted by hand hands the
conversation back at once: the citizen's message is answered by the bot, never dropped.
"""

import asyncio

from telegram import Bot, Update

from bot.case_actions import CaseActions
from bot.conversation import Reply
from bot.desk.access import DeskAccess
from bot.desk.coaches import CoachSide
from bot.desk.config import DeskConfig
from bot.desk.group import DeskGroup
from bot.desk.relay import CitizenRelay
from bot.desk.watch import DeskWatch
from relais.services.progress import ProgressService
from relais.services.topic_erasure import TopicErasureService
from relais.work import CitizenWork

__all__ = ["CoachDesk", "DeskConfig"]


class CoachDesk:
    """The desk's parts (bot/desk/) put together: the watch loop, what coaches do in the group,
    the citizen's side of a taken case; the edge knows this one object."""

    def __init__(self, bot: Bot, config: DeskConfig, actions: CaseActions,
                 progress: ProgressService,
                 topic_messages: TopicErasureService | None = None) -> None:
        self.config = config
        self._group = DeskGroup(bot, config, actions, progress, topic_messages)
        self._watch = DeskWatch(self._group)
        access = DeskAccess(bot, config.chat_id, actions.directory, config.admin_ids)
        self._coaches = CoachSide(self._group, access)
        self._relay = CitizenRelay(self._group, self._watch.nudge)

    # --- the watch loop ---------------------------------------------------------------------

    async def watch(self, stop: asyncio.Event) -> None:
        """Give each new case its topic and call coaches again for cases nobody takes."""
        await self._watch.watch(stop)

    def nudge(self) -> None:
        """Rasa just answered someone: a case may have opened, look now."""
        self._watch.nudge()

    async def announce_new_cases(self) -> None:
        await self._watch.announce_new_cases()

    async def call_again(self) -> None:
        await self._watch.call_again()

    async def watch_waiting(self) -> None:
        await self._watch.watch_waiting()

    async def post_citizen_notices(self) -> None:
        await self._watch.post_citizen_notices()

    async def deliver_held(self) -> None:
        await self._watch.deliver_held()

    # --- the coaches' group and the citizen's side ---------------------------------------------

    async def handle_stored(self, update: dict) -> None:
        """An update from the coaches' group, as the inbox kept it."""
        await self._coaches.handle_stored(update)

    async def handle(self, update: Update) -> None:
        await self._coaches.handle(update)

    async def relay_from_citizen(self, chat_id: str, work: CitizenWork,
                                 message_key: str | None = None
                                 ) -> list[Reply] | CitizenWork | None:
        return await self._relay.relay_from_citizen(chat_id, work, message_key)

    # --- lifecycle -----------------------------------------------------------------------------

    async def stop(self) -> None:
        """Cancel what the desk still does in the background (before the bot closes)."""
        await self._group.stop()

    async def wait_background(self) -> None:
        """Wait until the cards and calls started in the background are out (tests)."""
        await self._group.wait_background()

    def memory_sizes(self) -> dict[str, int]:
        """How many items the desk's per-case and per-message memories hold (tests)."""
        return {"announced": self._watch.memory_size(), "alerted": self._relay.memory_size()}
