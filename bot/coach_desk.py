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
import logging
import re
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Optional

from telegram import Bot, Message, Update, User
from telegram.error import BadRequest, TelegramError

from bot.bridge import crisis_kind, first_reply_given, with_first_reply_given
from bot.case_actions import (
    COACH_MESSAGE,
    TOPIC_GONE_TEXT,
    CaseActions,
    record_for_coach,
    without_override,
)
from bot.conversation import Reply
from bot.desk.access import DeskAccess
from bot.desk.cards import card_keyboard, case_card, cases_by_relais, kind_note, topic_name
from bot.desk.commands import read_telegram, telegram_command, telegram_help
from bot.desk.texts import (
    ACTION_IMPOSSIBLE,
    CLOSED,
    HOLDER_CLOSES,
    IN_A_CASE_TOPIC,
    NO_RELAIS,
    NOT_YOURS,
    OTHER_RELAIS,
    RELAY_REFUSED_NOTE,
    RELAY_WAITING_NOTE,
    TAKE_FIRST,
    TAKEN_ALREADY,
    TAKEN_BY_YOU,
    UNKNOWN_ACTION,
)
from bot.replies import crisis_first_reply
from bot.telegram_delivery import DeliveryFailed
from bot.telegram_render import split_text
from relais.contact_wishes import contact_texts, read_contact
from relais.crisis import kind_label
from relais.directory import CoachScope
from relais.models import CASE_TAKEN, utc_now
from relais.pseudonym import PseudonymKeyMissing, citizen_label
from relais.services.desk import CRISIS_PRIORITY, DESK_ACTOR, HAND_BACK, TopicInfo, WaitingCase
from relais.services.errors import InvalidCaseTransition, ServiceError
from relais.services.escalation import CaseInfo
from relais.services.progress import ProgressService
from relais.services.topic_erasure import TopicErasureService
from relais.settings import Settings
from relais.work import CitizenWork, Rasa, typed_of

logger = logging.getLogger(__name__)

WATCH_EVERY_SECONDS = 1.0
# A crisis alert that Telegram refuses for a moment (network, flood limit) is tried again after
# these delays, then given up (logged): bounded, so a long Telegram outage leaves no pile-up.
ALERT_RETRY_DELAYS = (2, 5, 15, 30, 60)
# Telegram's descriptions of a forum topic that no longer exists.
_TOPIC_GONE = re.compile(r"thread not found|topic[_ ]deleted|topic[_ ]id[_ ]invalid", re.IGNORECASE)
# How many crisis messages the desk remembers having called the on-duty coaches for.
ALERTED_KEPT = 10_000


@dataclass(frozen=True)
class DeskConfig:
    chat_id: int
    pseudonym_secret: str
    admin_ids: frozenset[int] = frozenset()
    on_duty: tuple[str, ...] = ()
    call_again_crisis: timedelta = timedelta(minutes=2)
    call_again: timedelta = timedelta(minutes=30)
    remind_after: timedelta = timedelta(minutes=10)
    hand_back_after: timedelta = timedelta(minutes=30)

    @classmethod
    def from_settings(cls, settings: Settings) -> Optional["DeskConfig"]:
        if settings.coach_chat_id is None:
            return None
        if not settings.pseudonym_secret:
            raise PseudonymKeyMissing("COACH_CHAT_ID is set: PSEUDONYM_SECRET is required too "
                                      "(the key of the citizens' labels on coach cards)")
        return cls(
            chat_id=settings.coach_chat_id,
            pseudonym_secret=settings.pseudonym_secret,
            admin_ids=frozenset(int(x) for x in settings.coach_admin_ids.split(",") if x.strip()),
            on_duty=tuple(x.strip() for x in settings.coach_on_duty.split(",") if x.strip()),
            call_again_crisis=timedelta(seconds=settings.coach_call_again_crisis_seconds),
            call_again=timedelta(seconds=settings.coach_call_again_seconds),
            remind_after=timedelta(seconds=settings.coach_reminder_seconds),
            hand_back_after=timedelta(seconds=settings.coach_hand_back_seconds),
        )


class CoachDesk:
    def __init__(self, bot: Bot, config: DeskConfig, actions: CaseActions,
                 progress: ProgressService,
                 topic_messages: TopicErasureService | None = None) -> None:
        self._bot = bot
        self._topic_messages = topic_messages
        self.config = config
        self._actions = actions
        self._desk = actions.desk
        self._escalation = actions.escalation
        self._progress = progress
        self._rasa = actions.rasa
        self._directory = actions.directory
        self._access = DeskAccess(bot, config.chat_id, actions.directory, config.admin_ids)
        self._announced: set[int] = set()
        # Crisis messages (their message keys) the on-duty coaches were called for: once each.
        # The most recent ALERTED_KEPT only: a message is alerted within seconds of arriving.
        self._alerted: OrderedDict[str, None] = OrderedDict()
        self._nudged = asyncio.Event()
        self._tasks: set[asyncio.Task] = set()

    # --- watching the cases ------------------------------------------------------------------

    async def watch(self, stop: asyncio.Event) -> None:
        """Give each new case its topic and call coaches again for cases nobody takes."""
        stop_waiter = asyncio.create_task(self._set_on(stop))
        try:
            await self._watch(stop)
        finally:
            stop_waiter.cancel()

    async def stop(self) -> None:
        """Cancel what the desk still does in the background (before the bot closes)."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

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

    async def wait_background(self) -> None:
        """Wait until the cards and calls started in the background are out (tests)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def memory_sizes(self) -> dict[str, int]:
        """How many items the desk's per-case and per-message memories hold (tests)."""
        return {"announced": len(self._announced), "alerted": len(self._alerted)}

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
            self._background(self._announce_logged(case))

    def _background(self, coroutine) -> None:
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)  # asyncio keeps only a weak reference
        task.add_done_callback(self._tasks.discard)

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
            self._background(self._call_again_for(case, topic, raised))

    async def _call_again_for(self, case: CaseInfo, topic: TopicInfo, raised: bool) -> None:
        minutes = int((utc_now() - case.opened_at).total_seconds() // 60)
        if raised:
            text = (f"🚨 Ce dossier est devenu une CRISE{kind_note(case.crisis_kind)} : une "
                    "personne doit le prendre maintenant.")
        else:
            text = f"⏰ Toujours en attente depuis {minutes} min : qui peut le prendre ?"
        if topic.card_message_id is None:  # the card never went out: without it, no buttons
            await self._send_card(case, topic.thread_id, await self._tracker(case.conversation_id))
        await self._post(text, topic.thread_id)
        await self._call_on_duty(case, waiting_minutes=minutes)

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
                await self._finish_topic(notice.case, texts.coach["withdrawn"])
            elif notice.case.contact_wishes.has_instructions:
                instructions = " ; ".join(texts.instructions_fr(notice.case.contact_wishes))
                await self._post(texts.coach["notice"].format(instructions=instructions),
                                 notice.topic.thread_id)

    async def deliver_held(self) -> None:
        """Send the coaches' messages the citizens' instructions held, once they allow them
        (the hour came, or the citizen wrote), and say so in the topic."""
        for delivery in await asyncio.to_thread(self._desk.due_held_messages):
            if not await self._actions.deliver_held(delivery):
                continue
            if delivery.topic is not None:
                text = contact_texts().coach["held_sent"].format(text=delivery.held.text[:300])
                await self._post(text, delivery.topic.thread_id)

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
            await self._call_on_duty(case)
        tracker = await self._tracker(case.conversation_id)
        better_name = topic_name(case, tracker.get("slots") or {})
        if better_name != name and (tracker.get("slots") or {}).get("track"):
            await self._rename(thread_id, better_name)
        await self._send_card(case, thread_id, tracker)

    async def _send_card(self, case: CaseInfo, thread_id: int, tracker: dict) -> None:
        card = await self._bot.send_message(
            self.config.chat_id, await self._card(case, tracker), message_thread_id=thread_id,
            reply_markup=card_keyboard(case, taken=case.status == CASE_TAKEN),
        )
        await asyncio.to_thread(self._desk.set_card, case.id, card.message_id)

    async def _rename(self, thread_id: int, name: str) -> None:
        try:
            await self._bot.edit_forum_topic(self.config.chat_id, thread_id, name=name)
        except TelegramError as error:
            logger.info("Could not rename topic %s: %s", thread_id, error)

    async def _call_on_duty(self, case: CaseInfo, waiting_minutes: int | None = None,
                            crisis_kind_id: str | None = None, note: str = "") -> None:
        """A message in the group's general topic, naming the on-duty coaches. A crisis says
        its kind: the message's own (`crisis_kind_id`), else the case's."""
        crisis = crisis_kind_id is not None or case.priority == CRISIS_PRIORITY
        what = ("🚨 CRISE" + kind_note(crisis_kind_id or case.crisis_kind)) if crisis \
            else "Dossier en attente"
        waiting = f", en attente depuis {waiting_minutes} min" if waiting_minutes else ""
        names = " ".join(self.config.on_duty)
        text = f"{what} : dossier n°{case.id} ({self._relais_name(case)}){waiting}.{note} {names}"
        await self._post(text.strip(), None)

    # --- what coaches do ------------------------------------------------------------------------

    async def handle_stored(self, update: dict) -> None:
        """An update from the coaches' group, as the inbox kept it."""
        await self.handle(Update.de_json(update, self._bot))

    async def handle(self, update: Update) -> None:
        """An update from the coaches' group."""
        if update.callback_query is not None:
            await self._button(update)
            return
        message = update.message
        if message is None or message.from_user is None or message.from_user.is_bot:
            return
        if message.forum_topic_created or message.forum_topic_closed or message.new_chat_members:
            return
        scope = await self._access.scope_of(message.from_user)
        if not scope.is_coach:
            case = await asyncio.to_thread(self._desk.case_of_topic, self.config.chat_id,
                                           message.message_thread_id)
            if case is not None:
                await asyncio.to_thread(self._desk.audit, case.id, "refused", message.from_user.id)
            return  # not a coach: ignored
        await self._remember(message.message_thread_id, message.message_id)  # a /clore note too
        command = read_telegram(message.text or "")
        if command:
            await self._command(message, scope, *command)
        else:
            await self._relay_to_citizen(message, scope)

    async def _button(self, update: Update) -> None:
        query = update.callback_query
        action, _, case_id = (query.data or "").partition(":")
        message = query.message
        case = None
        if message is not None:
            case = await asyncio.to_thread(self._desk.case_of_topic, self.config.chat_id,
                                           message.message_thread_id)
        if case is not None:
            scope = await self._access.scope_of(query.from_user)
            if not scope.is_coach:
                await asyncio.to_thread(self._desk.audit, case.id, "refused", query.from_user.id)
                case = None
            elif not await self._actions.allowed(case, scope, query.from_user.id):
                await _answer(query, OTHER_RELAIS)
                return
        if case is None or str(case.id) != case_id:
            await _answer(query, ACTION_IMPOSSIBLE)
            return
        if action == "take":
            taken = await self._take(case, query.from_user)
            await _answer(query, TAKEN_BY_YOU if taken else TAKEN_ALREADY)
        elif action == "close" and not self._access.holds(case, query.from_user):
            await _answer(query, HOLDER_CLOSES)
        elif action == "close":
            await self._close(case, query.from_user, note=None)
            await _answer(query, CLOSED)
        else:
            await _answer(query, UNKNOWN_ACTION)

    async def _command(self, message: Message, scope: CoachScope, name: str, argument: str) -> None:
        """A command of the table (bot/desk/commands.py) typed in the group."""
        thread_id = message.message_thread_id
        command = telegram_command(name)
        commands = _GroupCommands(self, message.from_user, scope, thread_id)
        if command is not None and not command.on_case:
            await getattr(commands, command.handler)(argument)
            return
        case = await asyncio.to_thread(self._desk.case_of_topic, self.config.chat_id, thread_id)
        if case is None:
            await self._post(IN_A_CASE_TOPIC, thread_id)
        elif not await self._actions.allowed(case, scope, message.from_user.id):
            await self._post(OTHER_RELAIS, thread_id)
        elif command is None:
            await self._post(telegram_help(), thread_id)
        elif command.holder_only and not self._access.holds(case, message.from_user):
            await self._post(NOT_YOURS, thread_id)
        else:
            await getattr(commands, command.handler)(case, argument)

    async def _take(self, case: CaseInfo, coach: User) -> bool:
        try:
            case = await self._actions.take(case, coach.id, coach.first_name)
        except InvalidCaseTransition:
            return False
        topic = await asyncio.to_thread(self._desk.topic_of_case, case.id)
        await self._edit_card(topic, case, taken=True)
        await self._post(
            f"✅ Pris en charge par {coach.first_name}. Vos messages dans ce sujet sont transmis à "
            "la personne. /rendre pour rendre la main à l'assistant, /clore <note> pour clore.",
            topic.thread_id,
        )
        return True

    async def _hand_back(self, case: CaseInfo, coach: User) -> None:
        try:
            case = await self._actions.hand_back(case, coach.id)
        except InvalidCaseTransition:
            await self._post("Seul un dossier pris en charge peut être rendu.", await self._thread(case))
            return
        await self._finish_topic(case, f"↩️ Conversation rendue à l'assistant par {coach.first_name}.")

    async def _close(self, case: CaseInfo, coach: User, note: str | None) -> None:
        try:
            closed = await self._actions.close(case, coach.id, note)
        except InvalidCaseTransition:
            await self._post("Ce dossier est déjà clos.", await self._thread(case))
            return
        await self._finish_topic(closed, f"🗂 Dossier clos par {coach.first_name}.")

    async def _transfer(self, case: CaseInfo, coach: User, code: str) -> None:
        thread_id = await self._thread(case)
        try:
            result = await self._actions.transfer(case, coach.id, code)
        except InvalidCaseTransition:
            await self._post("Seul un dossier actif peut être transféré.", thread_id)
            return
        if result is None:
            await self._post(f"Relais inconnu. Codes possibles : {self._actions.relais_codes()}.",
                             thread_id)
            return
        moved, team = result
        tracker = await self._tracker(case.conversation_id)
        await self._rename(thread_id, topic_name(moved, tracker.get("slots") or {}))
        if moved.status != case.status:  # a taken case waits for a coach of the new team
            await self._edit_card(await asyncio.to_thread(self._desk.topic_of_case, case.id),
                                  moved, taken=False)
        await self._post(f"➡️ Dossier transféré à {team.name} par {coach.first_name}.", thread_id)

    async def _cancel_held(self, case: CaseInfo, coach: User, thread_id: int | None) -> None:
        count = await asyncio.to_thread(self._desk.cancel_held, case.id, coach.id)
        await self._post(contact_texts().coach["held_cancelled"].format(count=count), thread_id)

    async def _relay_to_citizen(self, message: Message, scope: CoachScope) -> None:
        case = await asyncio.to_thread(self._desk.case_of_topic, self.config.chat_id,
                                       message.message_thread_id)
        if case is None:
            return  # the general topic: coaches talking among themselves
        if not await self._actions.allowed(case, scope, message.from_user.id):
            await self._post(OTHER_RELAIS, message.message_thread_id)
            return
        if case.status != CASE_TAKEN:
            await self._post(TAKE_FIRST, message.message_thread_id)
            return
        if not self._access.holds(case, message.from_user):
            await self._post(NOT_YOURS, message.message_thread_id)
            return
        coach = message.from_user
        text, override = without_override(message.text or "")
        if message.text:
            reply = Reply(COACH_MESSAGE.format(coach=coach.first_name, text=text))
            recorded = text
        else:
            reply = Reply(copy_of={"chat_id": self.config.chat_id, "message_id": message.message_id})
            recorded = "(pièce jointe)"
        held = await self._actions.message(case, coach.id, reply, recorded, override=override,
                                           coach_name=coach.first_name)
        if held is not None:
            await self._post(held, message.message_thread_id)

    # --- the citizen's side --------------------------------------------------------------------

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
            await self._post(contact_texts().coach["withdraw_asked"], topic.thread_id)

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

    # --- the watchdog of taken cases -----------------------------------------------------------

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
        await self._post(f"⏰ La personne attend votre réponse depuis {waited} min. Sans réponse "
                         f"d'ici {left} min, la conversation sera rendue à l'assistant et la "
                         "personne prévenue.", item.topic.thread_id)

    async def _hand_back_waiting(self, item: WaitingCase) -> None:
        try:
            handed = await self._actions.hand_back_unanswered(item.case, "coach_silent")
        except InvalidCaseTransition:
            return  # the coach handed it back or closed it meanwhile
        await self._finish_topic(handed, "↩️ Sans réponse à la personne depuis "
                                 f"{_minutes(self.config.hand_back_after)} min : la conversation "
                                 "est rendue à l'assistant, et la personne prévenue.")

    async def _relay(self, case: CaseInfo, topic: TopicInfo, chat_id: str, work: CitizenWork,
                     typed: str) -> None:
        label = self._label(case)
        if work.message_id:  # a photo or a file (with its caption): a copy
            said = await self._bot.send_message(self.config.chat_id, f"👤 {label} :",
                                                message_thread_id=topic.thread_id)
            copy = await self._bot.copy_message(self.config.chat_id, int(chat_id), work.message_id,
                                                message_thread_id=topic.thread_id)
            await self._remember(topic.thread_id, said.message_id, copy.message_id)
        elif typed:
            for part in split_text(f"👤 {label} : {typed}"):
                said = await self._bot.send_message(self.config.chat_id, part,
                                                    message_thread_id=topic.thread_id)
                await self._remember(topic.thread_id, said.message_id)
        else:
            await self._post(f"👤 {label} a envoyé un message que l'assistant ne transmet pas "
                             "(bouton, contact, position ou message modifié).", topic.thread_id)
        if typed:
            # In the background: a busy Rasa must not hold back the coach's answer to come.
            metadata = work.metadata if isinstance(work, Rasa) else None
            self._background(record_for_coach(self._rasa, chat_id, typed, metadata))

    async def _crisis_in_topic(self, case: CaseInfo, topic: TopicInfo, kind: str,
                               message_key: str | None) -> None:
        """After a crisis message reached the topic: say so there, and call the on-duty coaches
        (unless they were called for this message while it could not be relayed)."""
        text = (f"🚨 Ce message évoque une crise ({kind_label(kind)}) : les numéros d'urgence lui "
                "ont été donnés. Répondez-lui maintenant.")
        await self._now_or_later(lambda: self._post(text, topic.thread_id),
                                 f"crisis note of case {case.id}")
        if not self._alerted_before(message_key):
            await self._now_or_later(lambda: self._call_on_duty(case, crisis_kind_id=kind),
                                     f"crisis alert of case {case.id}")

    def _alert_on_duty_once(self, case: CaseInfo, kind: str, message_key: str | None,
                            note: str) -> None:
        """Call the on-duty coaches about a crisis message (once per message), in the background:
        the message's own retries must not wait for it."""
        if self._alerted_before(message_key):
            return
        self._background(self._with_retries(
            lambda: self._call_on_duty(case, crisis_kind_id=kind, note=note),
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

    async def _now_or_later(self, send, what: str) -> None:
        """A message to the group after the citizen's message is in the topic: tried once now
        (it follows that message), then in the background (the relay must not be repeated)."""
        try:
            await send()
        except TelegramError as error:
            logger.warning("%s not sent yet: %s", what, error)
            self._background(self._with_retries(send, what, ALERT_RETRY_DELAYS))

    async def _with_retries(self, send, what: str, delays) -> bool:
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

    # --- helpers -------------------------------------------------------------------------------

    async def _card(self, case: CaseInfo, tracker: dict) -> str:
        return await case_card(case, tracker, self._progress, self._relais_name(case),
                               self._label(case))

    def _label(self, case: CaseInfo) -> str:
        return citizen_label(case.conversation_id, self.config.pseudonym_secret)

    async def _tracker(self, conversation_id: str) -> dict:
        return await self._actions.tracker(conversation_id)

    async def _finish_topic(self, case: CaseInfo, text: str) -> None:
        topic = await asyncio.to_thread(self._desk.topic_of_case, case.id)
        if topic is None:
            return
        await self._edit_card(topic, case, taken=False, finished=True)
        await self._post(text, topic.thread_id)
        try:
            await self._bot.close_forum_topic(self.config.chat_id, topic.thread_id)
        except TelegramError as error:
            logger.info("Could not close topic %s: %s", topic.thread_id, error)

    async def _edit_card(self, topic: TopicInfo | None, case: CaseInfo, taken: bool,
                         finished: bool = False) -> None:
        if topic is None or topic.card_message_id is None:
            return
        markup = None if finished else card_keyboard(case, taken)
        try:
            await self._bot.edit_message_reply_markup(self.config.chat_id, topic.card_message_id,
                                                      reply_markup=markup)
        except TelegramError as error:
            logger.info("Could not update the card of case %s: %s", case.id, error)

    async def _thread(self, case: CaseInfo) -> int | None:
        topic = await asyncio.to_thread(self._desk.topic_of_case, case.id)
        return topic.thread_id if topic else None

    async def _post(self, text: str, thread_id: int | None) -> None:
        """A message of the desk in the group; a refusal (a topic deleted by hand) is logged."""
        try:
            posted = await self._bot.send_message(self.config.chat_id, text, message_thread_id=thread_id)
        except BadRequest as error:
            logger.error("The desk could not post in topic %s: %s", thread_id, error)
            return
        await self._remember(thread_id, posted.message_id)

    async def _remember(self, thread_id: int | None, *message_ids: int) -> None:
        """Messages now in a case's topic, deleted with it if the citizen erases their data
        (bot/topic_erasure.py). Best effort: a failure must not stop the conversation."""
        if self._topic_messages is None or thread_id is None:
            return
        try:
            await asyncio.to_thread(self._topic_messages.remember, self.config.chat_id, thread_id,
                                    message_ids)
        except ServiceError as error:
            logger.warning("Messages of topic %s not remembered: %s", thread_id, error)

    async def _cases_text(self, scope: CoachScope) -> str:
        return cases_by_relais(await self._actions.cases_for(scope), self._relais_name)

    def _relais_name(self, case: CaseInfo) -> str:
        team = self._directory.find_by_code(case.relais_code)
        return team.name if team else NO_RELAIS



def _minutes(delay: timedelta) -> int:
    return max(1, int(delay.total_seconds() // 60))


async def _answer(query, text: str) -> None:
    try:
        await query.answer(text)
    except TelegramError:
        pass


class _GroupCommands:
    """The table's handlers for one command typed in the coaches' group (by `coach`, in the
    topic `thread_id`)."""

    def __init__(self, desk: CoachDesk, coach: User, scope: CoachScope,
                 thread_id: int | None) -> None:
        self._desk = desk
        self._coach = coach
        self._scope = scope
        self._thread_id = thread_id

    async def list_cases(self, argument: str) -> None:
        for part in split_text(await self._desk._cases_text(self._scope)):
            await self._desk._post(part, self._thread_id)

    async def hand_back(self, case: CaseInfo, argument: str) -> None:
        await self._desk._hand_back(case, self._coach)

    async def close(self, case: CaseInfo, argument: str) -> None:
        await self._desk._close(case, self._coach, note=argument or None)

    async def transfer(self, case: CaseInfo, argument: str) -> None:
        await self._desk._transfer(case, self._coach, argument)

    async def cancel_held(self, case: CaseInfo, argument: str) -> None:
        await self._desk._cancel_held(case, self._coach, self._thread_id)
