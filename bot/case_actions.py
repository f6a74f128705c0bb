"""What a coach does on a case, whatever the desk (Telegram topics or the local terminal):
the case's new status, the audit line, what the citizen is told, and the Rasa conversation
that records it."""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from bot.conversation import Reply
from bot.rasa_client import RasaClient, RasaUnavailable
from relais.contact_wishes import allows_message, contact_texts, next_allowed_at
from relais.directory import CoachScope, RelaisDirectory, RelaisTeam
from relais.local_time import LOCAL_TIME
from relais.models import CASE_TAKEN, utc_now
from relais.services.desk import DESK_ACTOR, DeskService, HeldDelivery
from relais.services.escalation import BOT_ACTOR, CaseInfo, EscalationService
from texts.contact_wishes import instructions_text

logger = logging.getLogger(__name__)

SendToCitizen = Callable[[str, list[Reply]], Awaitable[None]]

JOINED_TEXT = (
    "{coach}, de l'équipe Relais, vous rejoint dans cette conversation. Vous pouvez lui écrire "
    "ici directement ; l'assistant reste en retrait pendant ce temps."
)
HANDED_BACK_TEXT = (
    "L'échange avec l'équipe Relais est terminé pour le moment : c'est à nouveau l'assistant qui "
    "vous répond. Je reste là ; écrivez-moi quand vous voulez, ou tapez /menu."
)
CLOSED_TEXT = (
    "L'équipe Relais a terminé cet échange. C'est à nouveau l'assistant qui vous répond ; "
    "écrivez-moi quand vous voulez, ou tapez /coach pour redemander une personne."
)
CLOSED_UNTAKEN_TEXT = (
    "L'équipe Relais a bien lu votre demande et l'a close. Si vous souhaitez toujours parler à "
    "une personne, tapez /coach ; je reste là pour vous aider en attendant."
)
TRANSFERRED_TEXT = (
    "Votre demande est confiée à l'équipe {relais} : une personne de cette équipe vous écrira "
    "ici. En attendant, c'est à nouveau l'assistant qui vous répond."
)
# The watchdog (bot/coach_desk.py): the coach did not answer in time.
SILENT_HAND_BACK_TEXT = (
    "Pardon : la personne de l'équipe Relais n'a pas pu vous répondre à temps. C'est à nouveau "
    "l'assistant qui vous répond ; l'équipe garde votre demande en tête. Tapez /coach pour "
    "redemander une personne. En cas de danger, appelez le 112."
)
# The case's topic was deleted: nobody reads it any more.
TOPIC_GONE_TEXT = (
    "Pardon : la personne de l'équipe Relais ne peut plus lire cette conversation. C'est à "
    "nouveau l'assistant qui vous répond, et il reprend votre message. Tapez /coach pour "
    "redemander une personne. En cas de danger, appelez le 112."
)
COACH_MESSAGE = "{coach} (équipe Relais) : {text}"
# A coach's message that starts with it goes to the citizen against their contact instructions
# (a danger to life); the audit keeps it like any message.
OVERRIDE_MARK = "!"


class CaseActions:
    def __init__(self, escalation: EscalationService, desk: DeskService, rasa: RasaClient,
                 directory: RelaisDirectory, send_to_citizen: SendToCitizen,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.escalation = escalation
        self.desk = desk
        self.rasa = rasa
        self.directory = directory
        self._send_to_citizen = send_to_citizen
        self._clock = clock

    async def allowed(self, case: CaseInfo, scope: CoachScope, actor) -> bool:
        """Whether a coach of `scope` may see and act on the case; a refusal is audited."""
        if scope.covers(case.relais_code):
            return True
        await asyncio.to_thread(self.desk.audit, case.id, "refused", actor)
        return False

    async def cases_for(self, scope: CoachScope) -> list[CaseInfo]:
        """The open and taken cases a coach of `scope` may see."""
        if not scope.is_coach:
            return []
        return await asyncio.to_thread(self.escalation.active_cases, scope)

    async def take(self, case: CaseInfo, actor: str, coach_name: str) -> CaseInfo:
        """Raises InvalidCaseTransition when the case is taken or closed already."""
        taken = await asyncio.to_thread(self.escalation.take_case, case.id, str(actor))
        await asyncio.to_thread(self.desk.audit, case.id, "taken", actor)
        await self.tell_citizen(taken, JOINED_TEXT.format(coach=coach_name))
        return taken

    async def hand_back(self, case: CaseInfo, actor: str) -> CaseInfo:
        handed = await asyncio.to_thread(self.escalation.hand_back_case, case.id)
        await asyncio.to_thread(self.desk.audit, case.id, "handed_back", actor)
        await self.tell_citizen(handed, HANDED_BACK_TEXT)
        return handed

    async def close(self, case: CaseInfo, actor: str, note: str | None) -> CaseInfo:
        was_taken = case.status == CASE_TAKEN
        closed = await asyncio.to_thread(self.escalation.close_case, case.id, note)
        await asyncio.to_thread(self.desk.audit, case.id, "closed", actor)
        # The citizen was told a person would write: say what happened either way.
        await self.tell_citizen(closed, CLOSED_TEXT if was_taken else CLOSED_UNTAKEN_TEXT)
        return closed

    async def transfer(self, case: CaseInfo, actor: str,
                       code: str) -> tuple[CaseInfo, RelaisTeam] | None:
        """None when `code` is no relais team."""
        team = self.directory.find_by_code(code.strip().upper())
        if team is None:
            return None
        moved = await asyncio.to_thread(self.escalation.transfer_case, case.id, team.code)
        await asyncio.to_thread(self.desk.audit, case.id, "transferred", actor,
                                f"{case.relais_code or '-'} -> {team.code}")
        if case.status == CASE_TAKEN and moved.status != CASE_TAKEN:
            await self.tell_citizen(moved, TRANSFERRED_TEXT.format(relais=team.name))
        return moved, team

    async def hand_back_unanswered(self, case: CaseInfo, why: str) -> CaseInfo:
        """The bot takes the conversation back from a coach who cannot answer: `why` is
        "coach_silent" (the watchdog's delay passed) or "topic_gone" (the topic was deleted;
        the caller tells the citizen, before the bot's answer to their message). Raises
        InvalidCaseTransition when the case is no longer taken."""
        handed = await asyncio.to_thread(self.escalation.hand_back_case, case.id)
        await asyncio.to_thread(self.desk.audit, case.id, "handed_back", BOT_ACTOR, why)
        if case.reason == "crisis":
            # A person in crisis is not left with the bot alone: a new priority case, and the
            # on-duty coaches are called for it as for any crisis.
            await asyncio.to_thread(self.escalation.open_case, case.conversation_id, "crisis",
                                    case.relais_code, case.crisis_kind, case.contact_wishes)
        if why != "topic_gone":
            await self.tell_citizen(handed, SILENT_HAND_BACK_TEXT)
        return handed

    async def message(self, case: CaseInfo, actor: str, reply: Reply, recorded: str,
                      override: bool = False, coach_name: str | None = None) -> str | None:
        """A coach's message (text, or a copy of a photo or file) to the citizen. When the
        citizen's contact instructions do not allow it now, it is not sent: a text (from a
        coach named by `coach_name`) is held and sent by the desk once they allow it; the
        notice for the coach is returned. A coach may override them (a danger to life)."""
        held_case = None if override else await self._held_by_instructions(case)
        if held_case is not None:
            if coach_name and reply.copy_of is None:
                await asyncio.to_thread(self.desk.hold_message, case.id, actor, coach_name, recorded)
                return held_notice(held_case, self._clock(), queued=True)
            await asyncio.to_thread(self.desk.audit, case.id, "refused", DESK_ACTOR, "contact_wishes")
            return held_notice(held_case, self._clock(), queued=False)
        await self._send(case, actor, reply, recorded)
        return None

    async def deliver_held(self, delivery: HeldDelivery) -> bool:
        """Send a held message its case's instructions now allow; False when it was gone
        (cancelled meanwhile): then nothing is sent."""
        held = delivery.held
        if not await asyncio.to_thread(self.desk.release_held, held.id):
            return False
        reply = Reply(COACH_MESSAGE.format(coach=held.coach_name, text=held.text))
        await self._send(delivery.case, held.actor, reply, held.text)
        return True

    async def _send(self, case: CaseInfo, actor: str, reply: Reply, recorded: str) -> None:
        await self._send_to_citizen(case.conversation_id, [reply])
        await asyncio.to_thread(self.desk.audit, case.id, "message", actor)
        await self.record(case.conversation_id, [
            {"event": "bot", "text": recorded, "metadata": {"coach": str(actor)}}
        ])

    async def tell_citizen(self, case: CaseInfo, text: str) -> None:
        """What happened to the case, unless the citizen's contact instructions forbid a
        message now (« pas après 19 h »): then nothing is sent, and the bot answers their next
        message as the case now stands."""
        if await self._held_by_instructions(case) is not None:
            logger.info("Case %s: the citizen's contact instructions hold a notice", case.id)
            return
        await self._send_to_citizen(case.conversation_id, [Reply(text)])
        await self.record(case.conversation_id, [{"event": "bot", "text": text}])

    async def _held_by_instructions(self, case: CaseInfo) -> CaseInfo | None:
        """The case as it stands now when the citizen's contact instructions forbid writing
        to them now, None when the team may write. Read again: the citizen may have said
        them after the coach's view of the case was loaded."""
        now_case = await asyncio.to_thread(self.escalation.case, case.id)
        if now_case is None or not now_case.contact_wishes.has_instructions:
            return None
        wrote_at = await asyncio.to_thread(self.desk.last_citizen_message, case.id)
        return None if allows_message(now_case.contact_wishes, self._clock(), wrote_at) else now_case

    async def tracker(self, conversation_id: str) -> dict:
        """The conversation in Rasa (slots, events), or {} while Rasa cannot answer."""
        try:
            return await self.rasa.tracker(conversation_id)
        except RasaUnavailable as error:
            logger.warning("No tracker for a case's conversation: %s", error)
            return {}

    def relais_codes(self) -> str:
        return ", ".join(sorted(team.code for team in self.directory.teams))

    async def record(self, conversation_id: str, events: list[dict]) -> None:
        try:
            await self.rasa.append_events(conversation_id, events)
        except RasaUnavailable as error:
            logger.warning("Could not record a coach-desk event in Rasa: %s", error)


def without_override(text: str) -> tuple[str, bool]:
    """A coach's text without its override mark, and whether it had one."""
    if text.startswith(OVERRIDE_MARK):
        return text[len(OVERRIDE_MARK):].strip(), True
    return text, False


def held_notice(case: CaseInfo, now: datetime, queued: bool) -> str:
    """What the coach reads when the citizen's instructions hold their message: when a held
    text will go out (`queued`), or that an attachment must be sent again later."""
    texts = contact_texts()
    instructions = instructions_text(case.contact_wishes)
    local = now.astimezone(LOCAL_TIME)
    if not queued:
        return texts.coach["held"].format(instructions=instructions, time=f"{local:%H:%M}")
    at = next_allowed_at(case.contact_wishes, now)
    if at is None:
        when = texts.coach["when_citizen_writes"]
    elif at.date() == local.date():
        when = texts.coach["when_today"].format(time=f"{at:%H:%M}")
    else:
        when = texts.coach["when_day"].format(day=f"{at:%d/%m}", time=f"{at:%H:%M}")
    return texts.coach["held_queued"].format(instructions=instructions, time=f"{local:%H:%M}", when=when)
