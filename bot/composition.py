"""The composition root of bot/: the three runtimes built from the settings and wired here, and
nowhere else — the Telegram edge (`python -m bot` with TELEGRAM_BOT_TOKEN), the terminal chat
(`python -m bot` without it, `make run`) and the terminal coach desk (`make desk`).

What they have in common is built once here: the database (engine and sessions), the services
over it, the Rasa client, the coaches' case actions with the relais directory. The modules that
run a runtime (bot/telegram_main.py, bot/terminal.py, bot/desk_terminal.py) receive what they
use and build no service themselves; their `main()` asks this module.

Nothing is built at import time: each runtime is a context manager that builds at entry and
closes what it built (the Rasa client, the engine) at exit.
"""

import asyncio
import secrets
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from telegram.ext import AIORateLimiter, ExtBot
from telegram.request import HTTPXRequest

from bot import telegram_main
from bot.bridge import Bridge
from bot.case_actions import CaseActions, SendToCitizen
from bot.chat_queue import ChatQueue
from bot.coach_desk import CoachDesk, DeskConfig
from bot.conversation import Reply
from bot.desk.config import admin_ids
from bot.desk.queue import DeskQueue
from bot.desk_terminal import LocalDesk
from bot.outbox_pump import OutboxPump
from bot.rasa_client import RasaClient
from bot.retry_pause import RETRY_DELAYS
from bot.telegram_delivery import TelegramDelivery
from bot.telegram_edge import POLL_TIMEOUT_SECONDS, TelegramEdge
from bot.terminal import LocalChat
from bot.topic_erasure import TopicEraser
from relais.database import SessionFactory, create_engine_from_url, make_session_factory
from relais.directory import CoachScope, RelaisDirectory
from relais.services.checkins import CheckinService
from relais.services.desk import DeskService
from relais.services.escalation import EscalationService
from relais.services.events import EventService
from relais.services.grievances import GrievanceService
from relais.services.inbox import InboxService, KeyboardService
from relais.services.outbox import OutboxService
from relais.services.progress import ProgressService
from relais.services.topic_erasure import TopicErasureService
from relais.settings import Settings
from texts.progress import progress_picture

# --- what the runtimes share ------------------------------------------------------------------


@dataclass(frozen=True)
class Database:
    """The engine of DATABASE_URL and its sessions; `close` when the runtime ends."""

    engine: Engine
    sessions: SessionFactory

    def close(self) -> None:
        self.engine.dispose()


def open_database(settings: Settings) -> Database:
    """Does not connect yet: the first session does."""
    engine = create_engine_from_url(settings.database_url)
    return Database(engine, make_session_factory(engine))


@dataclass(frozen=True)
class Services:
    """The domain's services over one database, as the edge and the desks use them."""

    inbox: InboxService
    keyboards: KeyboardService
    escalation: EscalationService
    desk: DeskService
    progress: ProgressService
    topic_erasures: TopicErasureService
    grievances: GrievanceService
    outbox: OutboxService
    events: EventService
    checkins: CheckinService

    def heard_from(self, chat_id: str, typed: str = "") -> None:
        """The citizen wrote (`typed`): a territorial alert or a check-in sent to them is
        answered."""
        self.events.note_reply(chat_id, typed)
        self.checkins.note_reply(chat_id)

    @classmethod
    def over(cls, database: Database, directory: RelaisDirectory) -> "Services":
        sessions = database.sessions
        return cls(InboxService(sessions), KeyboardService(sessions), EscalationService(sessions),
                   DeskService(sessions), ProgressService(sessions), TopicErasureService(sessions),
                   GrievanceService(sessions), OutboxService(sessions),
                   EventService(sessions, directory),
                   CheckinService(sessions, picture=progress_picture))


def case_actions(settings: Settings, services: Services, rasa: RasaClient,
                 send_to_citizen: SendToCitizen) -> CaseActions:
    """What a coach does on a case, for either desk, with the relais directory of the settings."""
    return CaseActions(services.escalation, services.desk, rasa,
                       RelaisDirectory.load(settings.relais_directory), send_to_citizen)


# --- the Telegram edge ------------------------------------------------------------------------


def make_bot(settings: Settings) -> ExtBot:
    """The Bot API client, with python-telegram-bot's rate limiter (retries after a 429)."""
    kwargs = {}
    if settings.telegram_api_base_url:
        kwargs["base_url"] = settings.telegram_api_base_url
    return ExtBot(
        settings.telegram_bot_token,
        # Overall, one message per 1/rate seconds rather than `rate` per second: aiolimiter's
        # bucket lets a full second's worth through at once on top of the steady rate, so a unit
        # answering 1,000 citizens went out at 61 messages in one second for a limit of 30
        # (bench/grievance_pushback.py). A bucket of one keeps every second under the limit.
        # (The coaches' group keeps its bucket of 20 a minute: its bursts are a card and a few
        # messages.)
        rate_limiter=AIORateLimiter(
            overall_max_rate=1, overall_time_period=1 / settings.telegram_max_messages_per_second,
            group_max_rate=settings.telegram_max_group_messages_per_minute, max_retries=3,
        ),
        request=HTTPXRequest(connection_pool_size=64),
        get_updates_request=HTTPXRequest(read_timeout=POLL_TIMEOUT_SECONDS + 10),
        **kwargs,
    )


@dataclass(frozen=True)
class WiredEdge:
    """The Telegram edge built, not started yet (bot/telegram_main.py starts it); what it owns
    besides the edge, to be closed at the end."""

    edge: TelegramEdge
    eraser: TopicEraser | None
    pump: OutboxPump
    rasa: RasaClient
    database: Database

    async def close(self) -> None:
        await self.rasa.close()
        self.database.close()


def wire_telegram_edge(settings: Settings, retry_delays: tuple[float, ...] = RETRY_DELAYS,
                       clock: Callable[[], float] = time.monotonic) -> WiredEdge:
    """The edge with its bot, database and Rasa client; nothing is connected yet."""
    database = open_database(settings)
    shared = Services.over(database, RelaisDirectory.load(settings.relais_directory))
    rasa = RasaClient.from_settings(settings)
    bot = make_bot(settings)
    delivery = TelegramDelivery(bot, shared.keyboards)
    # The desk sends to citizens through the queue, which is built after it (it is given the
    # desk): the queue is looked up when a coach's message goes out.
    queue: ChatQueue | None = None

    async def send_later(chat_id: str, replies: list[Reply]) -> None:
        assert queue is not None  # built before any update is read
        await queue.send_later(chat_id, replies)

    desk = coach_desk(settings, bot, shared, rasa, send_later)
    queue = ChatQueue(shared.inbox, Bridge(rasa), delivery, retry_delays, clock=clock, desk=desk,
                      answer_deadline=settings.rasa_timeout_seconds + 30,
                      heard_from=shared.heard_from)
    # The coaches' group's updates have their own queue, served in order per topic.
    desk_queue = DeskQueue(shared.inbox, desk, retry_delays) if desk else None
    edge = TelegramEdge(bot, shared.inbox, shared.keyboards, queue, delivery, desk, desk_queue)
    # Topics exist only with a desk (and the bot can act in its group only then).
    eraser = TopicEraser(bot, shared.topic_erasures) if desk else None
    pump = OutboxPump(shared.outbox, queue.wake, queue.busy_chats,
                      per_second=settings.broadcast_messages_per_second, events=shared.events,
                      checkins=shared.checkins)
    return WiredEdge(edge, eraser, pump, rasa, database)


def coach_desk(settings: Settings, bot: ExtBot, services: Services, rasa: RasaClient,
               send_later: SendToCitizen) -> CoachDesk | None:
    """The coach desk when COACH_CHAT_ID is set; it takes a citizen's messages while a coach
    has the conversation (`send_later`: the coaches' messages to citizens, queued)."""
    config = DeskConfig.from_settings(settings)
    if config is None:
        return None
    actions = case_actions(settings, services, rasa, send_later)
    return CoachDesk(bot, config, actions, services.progress,
                     topic_messages=services.topic_erasures)


@asynccontextmanager
async def telegram_edge(settings: Settings, retry_delays: tuple[float, ...] = RETRY_DELAYS,
                        clock: Callable[[], float] = time.monotonic) -> AsyncIterator[TelegramEdge]:
    """The edge at work, resumed where it stopped, until the block ends."""
    wired = wire_telegram_edge(settings, retry_delays, clock)
    try:
        async with telegram_main.started(wired.edge, wired.eraser, settings, wired.pump) as edge:
            yield edge
    finally:
        await wired.close()


# --- the terminal chat (make run without TELEGRAM_BOT_TOKEN) ----------------------------------


@dataclass(frozen=True)
class TerminalChat:
    """One citizen's conversation in the terminal, the inbox the local desk writes the
    coach's messages to, and what moves Relais' own messages (alerts, a unit's news) there."""

    local: LocalChat
    inbox: InboxService
    pump: OutboxPump


@asynccontextmanager
async def terminal_chat(settings: Settings) -> AsyncIterator[TerminalChat]:
    database = open_database(settings)
    shared = Services.over(database, RelaisDirectory.load(settings.relais_directory))
    rasa = RasaClient.from_settings(settings)
    sender = f"terminal-{uuid.uuid4().hex[:8]}"
    try:
        # The terminal prints the inbox as it fills: nothing to wake.
        pump = OutboxPump(shared.outbox, lambda chat_id: None, events=shared.events,
                          checkins=shared.checkins)
        yield TerminalChat(LocalChat(sender, Bridge(rasa), rasa, shared.desk), shared.inbox, pump)
    finally:
        await rasa.close()
        database.close()


# --- the terminal desk (make desk) ------------------------------------------------------------


@asynccontextmanager
async def terminal_desk(settings: Settings, coach_name: str) -> AsyncIterator[LocalDesk]:
    """The local coach desk of `coach_name`, scoped by DESK_COACH_ID (every relais without)."""
    database = open_database(settings)
    shared = Services.over(database, RelaisDirectory.load(settings.relais_directory))
    # The desk reads the conversations and appends to them; it sends no message to Rasa.
    rasa = RasaClient.from_settings(settings, check_action_server=False)
    actions = case_actions(settings, shared, rasa, to_terminal_citizen(shared.inbox))
    coach_id = settings.desk_coach_id
    scope = desk_scope(settings, actions.directory)
    # The local desk serves `make run`'s terminal conversations: without the shared key, one for
    # this session (labels are then stable while it runs, and still cannot be recomputed).
    key = settings.pseudonym_secret or secrets.token_hex(32)
    try:
        yield LocalDesk(actions, shared.progress, coach_name, key, scope, coach_id)
    finally:
        await rasa.close()
        database.close()


def to_terminal_citizen(inbox: InboxService) -> SendToCitizen:
    """The coach's messages to a terminal citizen: the citizen's terminal reads its outgoing
    messages from the inbox."""

    async def send_to_citizen(chat_id: str, replies: list[Reply]) -> None:
        await asyncio.to_thread(inbox.add_outgoing, chat_id, [r.to_dict() for r in replies])

    return send_to_citizen


def desk_scope(settings: Settings, directory: RelaisDirectory) -> CoachScope:
    """The relais DESK_COACH_ID may act on (an admin of COACH_ADMIN_IDS: all); without it, a
    local rehearsal for every relais."""
    if settings.desk_coach_id is None:
        return CoachScope(national=True)
    return directory.scope_of_coach(settings.desk_coach_id, admin_ids(settings))
