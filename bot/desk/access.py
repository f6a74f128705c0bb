"""Who may act at the Telegram desk: the coaches of a relais (directory/relais.yml) who are
members of the coaches' group at that moment, and the national admins (COACH_ADMIN_IDS).
Membership is asked of Telegram at each action, never cached: a coach removed from the group
can do nothing from that moment."""

import logging

from telegram import Bot, User
from telegram.error import BadRequest, TelegramError

from bot.telegram_delivery import DeliveryFailed
from relais.directory import CoachScope, RelaisDirectory
from relais.models import CASE_TAKEN
from relais.services.escalation import CaseInfo

logger = logging.getLogger(__name__)

MEMBER_STATUSES = ("creator", "administrator", "member")


class DeskAccess:
    def __init__(self, bot: Bot, chat_id: int, directory: RelaisDirectory,
                 admin_ids: frozenset[int]) -> None:
        self._bot = bot
        self._chat_id = chat_id
        self._directory = directory
        self._admin_ids = admin_ids

    async def scope_of(self, user: User | None) -> CoachScope:
        """What this person may act on: the relais whose coach list names them (national
        admins: every relais), provided they are still a member of the group. Raises
        DeliveryFailed when Telegram cannot say now (the update is tried again)."""
        if user is None or user.is_bot:
            return CoachScope()
        scope = self._directory.scope_of_coach(user.id, self._admin_ids)
        if scope.national or not scope.is_coach:
            return scope  # admins act from anywhere; nobody else is asked about
        try:
            member = await self._bot.get_chat_member(self._chat_id, user.id)
        except BadRequest as error:
            logger.warning("Cannot check membership of %s: %s", user.id, error)
            return CoachScope()
        except TelegramError as error:  # network, flood limit: the update is tried again
            raise DeliveryFailed(f"membership of {user.id}: {error}") from error
        member_now = member.status in MEMBER_STATUSES or (
            member.status == "restricted" and getattr(member, "is_member", False))
        return scope if member_now else CoachScope()

    def holds(self, case: CaseInfo, user: User) -> bool:
        """Who may talk to the citizen and end the case: the coach who took it (or an admin);
        anyone of the group while nobody took it."""
        if case.status != CASE_TAKEN or user.id in self._admin_ids:
            return True
        return case.assigned_coach == str(user.id)
