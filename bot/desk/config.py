"""The coach desk's settings (COACH_CHAT_ID, COACH_ADMIN_IDS and the COACH_* delays)."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Optional

from relais.pseudonym import PseudonymKeyMissing
from relais.settings import Settings


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
            admin_ids=admin_ids(settings),
            on_duty=tuple(x.strip() for x in settings.coach_on_duty.split(",") if x.strip()),
            call_again_crisis=timedelta(seconds=settings.coach_call_again_crisis_seconds),
            call_again=timedelta(seconds=settings.coach_call_again_seconds),
            remind_after=timedelta(seconds=settings.coach_reminder_seconds),
            hand_back_after=timedelta(seconds=settings.coach_hand_back_seconds),
        )


def admin_ids(settings: Settings) -> frozenset[int]:
    """The Telegram user ids of COACH_ADMIN_IDS (comma-separated): coaches who may act on every
    relais, whichever desk they use."""
    return frozenset(int(x) for x in settings.coach_admin_ids.split(",") if x.strip())
