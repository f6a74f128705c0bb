"""Configuration from environment variables, with defaults that work on a laptop."""

from pathlib import Path
from typing import Optional

from pydantic import BaseSettings

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    # Rasa server (REST channel and HTTP API), on loopback by default.
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_auth_token: Optional[str] = None
    rasa_timeout_seconds: float = 30.0
    # One database for Rasa's tracker store and Relais' tables (SQLite file by default).
    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'relais.db'}"
    # Rasa's lock store: in memory (one Rasa server) unless a Redis URL is given (scale-out).
    redis_url: Optional[str] = None
    # Telegram: without a token, `make run` opens a chat in the terminal.
    telegram_bot_token: Optional[str] = None
    telegram_api_base_url: Optional[str] = None

    class Config:
        env_prefix = ""
        case_sensitive = False


def load_settings() -> Settings:
    """Read the environment now (never at import time, so tests can set it first)."""
    return Settings()
