"""Configuration from environment variables, with defaults that work on a laptop."""

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # mypy runs in the Telegram edge's virtualenv (`make lint`)
    from pydantic.v1 import BaseSettings
else:
    try:  # pydantic 2 (the Telegram edge's virtualenv) keeps the v1 API under pydantic.v1
        from pydantic.v1 import BaseSettings
    except ImportError:  # pydantic 1, which Rasa pins
        from pydantic import BaseSettings

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    # Rasa server (REST channel and HTTP API), on loopback by default.
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_auth_token: str | None = None
    # Shared secrets (relais/shared_secrets.py says who sends which): Rasa -> action server;
    # edge <-> Rasa (the REST channel and the callback channel); the key of the HMAC that
    # labels citizens on coach cards (relais/pseudonym.py: the Telegram desk refuses to start
    # without it; keep it stable, a citizen keeps their label with it). `make run` makes them
    # once into var/secrets.env.
    action_server_secret: str | None = None
    edge_secret: str | None = None
    pseudonym_secret: str | None = None
    # Long enough for a busy Rasa: a timeout makes the edge ask again (after checking the tracker).
    rasa_timeout_seconds: float = 90.0
    # The action server: the Telegram edge checks it is up before it hands Rasa a message
    # (Rasa itself would carry on without the actions' answers).
    action_server_url: str = "http://127.0.0.1:5055"
    # Where the action server listens (rasa_sdk's own default would be every interface).
    actions_host: str = "127.0.0.1"
    # One database for Rasa's tracker store and Relais' tables (SQLite file by default).
    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'relais.db'}"
    # Rasa's lock store: in memory (one Rasa server) unless a Redis URL is given (scale-out).
    # With Redis, conversations without consent are kept in Redis's memory, not the server's,
    # for at most `unrecorded_ttl_seconds` after their last message (run it without persistence).
    redis_url: str | None = None
    unrecorded_ttl_seconds: int = 24 * 3600
    # Without Redis, the Rasa process keeps at most this many such conversations in its memory
    # (the least recently active is forgotten first), each for `unrecorded_ttl_seconds` too.
    unrecorded_max_conversations: int = 10_000
    # Rasa's own variable: its number of server processes. More than one needs REDIS_URL (the
    # processes share conversation locks and unrecorded conversations through Redis).
    sanic_workers: int = 1
    # Telegram: without a token, `make run` opens a chat in the terminal.
    telegram_bot_token: str | None = None
    # A self-hosted Bot API server, e.g. "http://127.0.0.1:8081/bot" (the token is appended).
    telegram_api_base_url: str | None = None
    # Webhook mode when a public HTTPS URL is set (long polling otherwise). Telegram sends the
    # secret back in a header; without one configured, a random secret is made at each start.
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: str | None = None
    telegram_webhook_listen: str = "127.0.0.1"
    telegram_webhook_port: int = 8443
    # Telegram's limit for a bot: about 30 messages per second overall.
    telegram_max_messages_per_second: float = 30.0
    # What Relais sends first (an alert to a whole territory) is paced below that limit: the
    # rest is for the citizens who write meanwhile, answered first. Telegram's paid broadcasts
    # (allow_paid_broadcast, up to 1,000 a second for a fee) are not used: raise both limits
    # only with them agreed and paid for. Faster, the answers to citizens who write meanwhile
    # queue behind the broadcast in the rate limiter (bench/alert_broadcast.py).
    broadcast_messages_per_second: float = 28.0
    # ... and about 20 messages per minute into one group (the coaches' group).
    telegram_max_group_messages_per_minute: float = 20.0
    # Coach desk: the coaches' Telegram supergroup with topics (one topic per case), extra
    # admins allowed to act on cases (Telegram user ids, comma-separated), the on-duty coaches
    # called on a crisis (@usernames, comma-separated), and when nobody took a case, how long
    # before coaches are called again.
    coach_chat_id: int | None = None
    coach_admin_ids: str = ""
    coach_on_duty: str = ""
    coach_call_again_crisis_seconds: float = 120.0
    coach_call_again_seconds: float = 1800.0
    # Watchdog of a taken case: the citizen wrote and the coach has not answered. The coach is
    # reminded in the topic after the first delay; after the second the conversation goes back
    # to the bot and the citizen is told.
    coach_reminder_seconds: float = 600.0
    coach_hand_back_seconds: float = 1800.0
    # The relais directory (teams, départements, coaches); directory/relais.yml when unset.
    relais_directory: str | None = None
    # `make desk`: the coach at the terminal (a Telegram user id of the directory or of
    # COACH_ADMIN_IDS); unset, a local rehearsal for every relais.
    desk_coach_id: int | None = None
    # Loopback HTTP server of the edge: Rasa's callback channel (messages Rasa sends outside a
    # reply) and a health check.
    bridge_host: str = "127.0.0.1"
    bridge_port: int = 5034
    # Retention (README, "Retention"; `python -m relais.retention`, daily in the Telegram edge):
    # a conversation with consent is erased whole after this many days without activity...
    retention_inactive_days: int = 365
    # ... a citizen without consent (e.g. created by an escalation) after this many...
    retention_unconsented_days: int = 90
    # ... and a closed case loses its content (closing note, audit details) after this many;
    # its audit rows (who, what, when) stay, without content, as long as the case.
    retention_closed_case_days: int = 180

    class Config:
        env_prefix = ""
        case_sensitive = False


def load_settings() -> Settings:
    """Read the environment now (never at import time, so tests can set it first)."""
    return Settings()
