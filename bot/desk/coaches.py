"""What coaches do in the group: the card's buttons, the commands of the table
(bot/desk/commands.py) and their messages to the citizen of a case they hold. Anyone else is
ignored (and audited when it was about a case)."""

import asyncio
import logging

from telegram import Message, Update, User
from telegram.error import TelegramError

from bot.case_actions import COACH_MESSAGE, without_override
from bot.conversation import Reply
from bot.desk.access import DeskAccess
from bot.desk.cards import cases_by_relais, topic_name
from bot.desk.commands import read_telegram, telegram_command, telegram_help
from bot.desk.group import DeskGroup
from bot.desk.texts import (
    ACTION_IMPOSSIBLE,
    CLOSED,
    HOLDER_CLOSES,
    IN_A_CASE_TOPIC,
    NOT_YOURS,
    OTHER_RELAIS,
    TAKE_FIRST,
    TAKEN_ALREADY,
    TAKEN_BY_YOU,
    UNKNOWN_ACTION,
)
from bot.telegram_render import split_text
from relais.contact_wishes import contact_texts
from relais.directory import CoachScope
from relais.models import CASE_TAKEN
from relais.services.errors import InvalidCaseTransition
from relais.services.escalation import CaseInfo

logger = logging.getLogger(__name__)


class CoachSide:
    def __init__(self, group: DeskGroup, access: DeskAccess) -> None:
        self._group = group
        self.config = group.config
        self._bot = group.bot
        self._actions = group.actions
        self._desk = group.actions.desk
        self._access = access

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
        await self._group.remember(message.message_thread_id, message.message_id)  # a /clore note too
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
            await self._group.post(IN_A_CASE_TOPIC, thread_id)
        elif not await self._actions.allowed(case, scope, message.from_user.id):
            await self._group.post(OTHER_RELAIS, thread_id)
        elif command is None:
            await self._group.post(telegram_help(), thread_id)
        elif command.holder_only and not self._access.holds(case, message.from_user):
            await self._group.post(NOT_YOURS, thread_id)
        else:
            await getattr(commands, command.handler)(case, argument)

    async def _take(self, case: CaseInfo, coach: User) -> bool:
        try:
            case = await self._actions.take(case, coach.id, coach.first_name)
        except InvalidCaseTransition:
            return False
        topic = await asyncio.to_thread(self._desk.topic_of_case, case.id)
        await self._group.edit_card(topic, case, taken=True)
        await self._group.post(
            f"✅ Pris en charge par {coach.first_name}. Vos messages dans ce sujet sont transmis à "
            "la personne. /rendre pour rendre la main à l'assistant, /clore <note> pour clore.",
            topic.thread_id,
        )
        return True

    async def _hand_back(self, case: CaseInfo, coach: User) -> None:
        try:
            case = await self._actions.hand_back(case, coach.id)
        except InvalidCaseTransition:
            await self._group.post("Seul un dossier pris en charge peut être rendu.", await self._group.thread_of(case))
            return
        await self._group.finish_topic(case, f"↩️ Conversation rendue à l'assistant par {coach.first_name}.")

    async def _close(self, case: CaseInfo, coach: User, note: str | None) -> None:
        try:
            closed = await self._actions.close(case, coach.id, note)
        except InvalidCaseTransition:
            await self._group.post("Ce dossier est déjà clos.", await self._group.thread_of(case))
            return
        await self._group.finish_topic(closed, f"🗂 Dossier clos par {coach.first_name}.")

    async def _transfer(self, case: CaseInfo, coach: User, code: str) -> None:
        thread_id = await self._group.thread_of(case)
        try:
            result = await self._actions.transfer(case, coach.id, code)
        except InvalidCaseTransition:
            await self._group.post("Seul un dossier actif peut être transféré.", thread_id)
            return
        if result is None:
            await self._group.post(f"Relais inconnu. Codes possibles : {self._actions.relais_codes()}.",
                             thread_id)
            return
        moved, team = result
        tracker = await self._group.tracker(case.conversation_id)
        await self._group.rename(thread_id, topic_name(moved, tracker.get("slots") or {}))
        if moved.status != case.status:  # a taken case waits for a coach of the new team
            await self._group.edit_card(await asyncio.to_thread(self._desk.topic_of_case, case.id),
                                  moved, taken=False)
        await self._group.post(f"➡️ Dossier transféré à {team.name} par {coach.first_name}.", thread_id)

    async def _cancel_held(self, case: CaseInfo, coach: User, thread_id: int | None) -> None:
        count = await asyncio.to_thread(self._desk.cancel_held, case.id, coach.id)
        await self._group.post(contact_texts().coach["held_cancelled"].format(count=count), thread_id)

    async def _relay_to_citizen(self, message: Message, scope: CoachScope) -> None:
        case = await asyncio.to_thread(self._desk.case_of_topic, self.config.chat_id,
                                       message.message_thread_id)
        if case is None:
            return  # the general topic: coaches talking among themselves
        if not await self._actions.allowed(case, scope, message.from_user.id):
            await self._group.post(OTHER_RELAIS, message.message_thread_id)
            return
        if case.status != CASE_TAKEN:
            await self._group.post(TAKE_FIRST, message.message_thread_id)
            return
        if not self._access.holds(case, message.from_user):
            await self._group.post(NOT_YOURS, message.message_thread_id)
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
            await self._group.post(held, message.message_thread_id)

    async def _cases_text(self, scope: CoachScope) -> str:
        return cases_by_relais(await self._actions.cases_for(scope), self._group.relais_name)


async def _answer(query, text: str) -> None:
    try:
        await query.answer(text)
    except TelegramError:
        pass


class _GroupCommands:
    """The table's handlers for one command typed in the coaches' group (by `coach`, in the
    topic `thread_id`)."""

    def __init__(self, side: CoachSide, coach: User, scope: CoachScope,
                 thread_id: int | None) -> None:
        self._side = side
        self._coach = coach
        self._scope = scope
        self._thread_id = thread_id

    async def list_cases(self, argument: str) -> None:
        for part in split_text(await self._side._cases_text(self._scope)):
            await self._side._group.post(part, self._thread_id)

    async def hand_back(self, case: CaseInfo, argument: str) -> None:
        await self._side._hand_back(case, self._coach)

    async def close(self, case: CaseInfo, argument: str) -> None:
        await self._side._close(case, self._coach, note=argument or None)

    async def transfer(self, case: CaseInfo, argument: str) -> None:
        await self._side._transfer(case, self._coach, argument)

    async def cancel_held(self, case: CaseInfo, argument: str) -> None:
        await self._side._cancel_held(case, self._coach, self._thread_id)
