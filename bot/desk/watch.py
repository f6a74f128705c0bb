"""The desk's watch loop: each new case gets its topic and card, cases nobody takes are called
again, the citizens' notices and held messages go out, and a coach silent too long is reminded,
then the conversation goes back to the bot."""

import asyncio
import logging
from datetime import timedelta

from bot.desk.cards import kind_note, topic_name
from bot.desk.group import DeskGroup
from relais.contact_wishes import contact_texts
from relais.models import utc_now
from relais.services.desk import CRISIS_PRIORITY, DESK_ACTOR, HAND_BACK, TopicInfo, WaitingCase
from relais.services.errors import InvalidCaseTransition
from relais.services.escalation import CaseInfo
from texts.contact_wishes import instructions_text

logger = logging.getLogger(__name__)

WATCH_EVERY_SECONDS = 1.0


class DeskWatch:
    def __init__(self, group: DeskGroup) -> None:
        self._group = group
        self.config = group.config
        self._bot = group.bot
        self._actions = group.actions
        self._desk = group.actions.desk
        self._announced: set[int] = set()
        self._nudged = asyncio.Event()

    async def watch(self, stop: asyncio.Event) -> None:
        """Give each new case its topic and call coaches again for cases nobody takes."""
        stop_waiter = asyncio.create_task(self._set_on(stop))
        try:
            await self._watch(stop)
        finally:
            stop_waiter.cancel()

    async def _set_on(self, stop: asyncio.Event) -> None:
        await stop.wait()
        self._nudged.set()

    async def _watch(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self._nudged.clear()  # before looking: a nudge during the look is not lost
            try:
                await self.announce_new_cases()
                await self.call_again()
                await self.watch_waiting()
                await self.post_citizen_notices()
                await self.deliver_held()
            except Exception:  # the desk must keep watching whatever happens
                logger.exception("Coach desk: watching the cases failed")
            try:
                await asyncio.wait_for(self._nudged.wait(), timeout=WATCH_EVERY_SECONDS)
            except asyncio.TimeoutError:
                pass

    def memory_size(self) -> int:
        """How many cases the watch remembers announcing (tests)."""
        return len(self._announced)

    def nudge(self) -> None:
        """Rasa just answered someone: a case may have opened, look now rather than in a
        second (the watch loop looks every second anyway)."""
        self._nudged.set()

    async def announce_new_cases(self) -> None:
        without_topic = await asyncio.to_thread(self._desk.cases_without_topic)
        # A case whose topic is recorded needs no memory here: only those still without one.
        self._announced &= {case.id for case in without_topic}
        new = [case for case in without_topic
               if case.id not in self._announced]  # a topic made but not recorded: never two
        for case in new:
            # In the background: a case opened meanwhile must not wait for the others' cards.
            self._announced.add(case.id)
            self._group.background(self._announce_logged(case))

    async def _announce_logged(self, case: CaseInfo) -> None:
        try:
            await self._announce(case)
        except Exception:
            logger.exception("Could not announce case %s", case.id)
            if await asyncio.to_thread(self._desk.topic_of_case, case.id) is None:
                self._announced.discard(case.id)  # no topic recorded: try again next pass

    async def call_again(self) -> None:
        due = await asyncio.to_thread(
            self._desk.cases_to_call, self.config.call_again_crisis, self.config.call_again
        )
        for case, topic, raised in due:
            # Marked first: a failing post must not repeat every second, nor stop the others.
            await asyncio.to_thread(self._desk.mark_called, case)
            self._group.background(self._call_again_for(case, topic, raised))

    async def _call_again_for(self, case: CaseInfo, topic: TopicInfo, raised: bool) -> None:
        minutes = int((utc_now() - case.opened_at).total_seconds() // 60)
        if raised:
            text = (f"🚨 Ce dossier est devenu une CRISE{kind_note(case.crisis_kind)} : une "
                    "personne doit le prendre maintenant.")
        else:
            text = f"⏰ Toujours en attente depuis {minutes} min : qui peut le prendre ?"
        if topic.card_message_id is None:  # the card never went out: without it, no buttons
            await self._group.send_card(case, topic.thread_id, await self._group.tracker(case.conversation_id))
        await self._group.post(text, topic.thread_id)
        await self._group.call_on_duty(case, waiting_minutes=minutes)

    async def post_citizen_notices(self) -> None:
        """Tell a case's topic what its citizen did: new contact instructions, or the request
        withdrawn (the topic is then finished)."""
        for notice in await asyncio.to_thread(self._desk.citizen_notices):
            if notice.topic.card_message_id is None:
                continue  # announced without its card yet: the card will show the instructions
            # Marked first: a failing post must not repeat every second.
            await asyncio.to_thread(self._desk.mark_noticed, notice.case.id, notice.until)
            texts = contact_texts()
            if notice.withdrawn:
                await self._group.finish_topic(notice.case, texts.coach["withdrawn"])
            elif notice.case.contact_wishes.has_instructions:
                instructions = instructions_text(notice.case.contact_wishes)
                await self._group.post(texts.coach["notice"].format(instructions=instructions),
                                 notice.topic.thread_id)

    async def deliver_held(self) -> None:
        """Send the coaches' messages the citizens' instructions held, once they allow them
        (the hour came, or the citizen wrote), and say so in the topic."""
        for delivery in await asyncio.to_thread(self._desk.due_held_messages):
            if not await self._actions.deliver_held(delivery):
                continue
            if delivery.topic is not None:
                text = contact_texts().coach["held_sent"].format(text=delivery.held.text[:300])
                await self._group.post(text, delivery.topic.thread_id)

    async def _announce(self, case: CaseInfo) -> None:
        # The topic first, named from the database (fast even when Rasa is busy); the card,
        # which reads the conversation in Rasa, follows.
        track = await asyncio.to_thread(self._desk.latest_track, case.conversation_id)
        name = topic_name(case, {"track": track})
        topic = await self._bot.create_forum_topic(self.config.chat_id, name)
        thread_id = topic.message_thread_id
        # Recorded before the card is out: a coach may tap its buttons at once.
        await asyncio.to_thread(self._desk.record_topic, case, self.config.chat_id, thread_id, None)
        if case.priority == CRISIS_PRIORITY:
            await self._group.call_on_duty(case)
        tracker = await self._group.tracker(case.conversation_id)
        better_name = topic_name(case, tracker.get("slots") or {})
        if better_name != name and (tracker.get("slots") or {}).get("track"):
            await self._group.rename(thread_id, better_name)
        await self._group.send_card(case, thread_id, tracker)

    async def watch_waiting(self) -> None:
        """A citizen waits for the coach of a taken case: the coach is reminded in the topic,
        then the conversation goes back to the bot and the citizen is told."""
        waiting = await asyncio.to_thread(self._desk.waiting_cases, self.config.remind_after,
                                          self.config.hand_back_after)
        for item in waiting:
            if item.due == HAND_BACK:
                await self._hand_back_waiting(item)
            else:
                await self._remind(item)

    async def _remind(self, item: WaitingCase) -> None:
        # Audited first: a failing post must not repeat every second.
        await asyncio.to_thread(self._desk.audit, item.case.id, "reminded", DESK_ACTOR)
        waited, left = _minutes(self.config.remind_after), _minutes(
            self.config.hand_back_after - self.config.remind_after)
        await self._group.post(f"⏰ La personne attend votre réponse depuis {waited} min. Sans réponse "
                         f"d'ici {left} min, la conversation sera rendue à l'assistant et la "
                         "personne prévenue.", item.topic.thread_id)

    async def _hand_back_waiting(self, item: WaitingCase) -> None:
        try:
            handed = await self._actions.hand_back_unanswered(item.case, "coach_silent")
        except InvalidCaseTransition:
            return  # the coach handed it back or closed it meanwhile
        await self._group.finish_topic(handed, "↩️ Sans réponse à la personne depuis "
                                 f"{_minutes(self.config.hand_back_after)} min : la conversation "
                                 "est rendue à l'assistant, et la personne prévenue.")


def _minutes(delay: timedelta) -> int:
    return max(1, int(delay.total_seconds() // 60))
