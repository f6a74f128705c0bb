"""Check-ins Relais starts (issue #15), the rules without a database: when the next one is due
(the day after an urgence; then weekly at the day and hour the citizen chose), what a citizen
says about them (« pause rappels », « un point chaque lundi à 18 h »), and the texts
(relais/content/checkins.yml). The schedule survives restarts: it is a row in the database,
moved to the durable outbox when due (relais/services/checkins.py), never Rasa's reminders.
"""

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from relais.local_time import LOCAL_TIME
from relais.settings import PROJECT_ROOT
from relais.text import normalise

CONTENT_PATH = PROJECT_ROOT / "relais" / "content" / "checkins.yml"
DEFAULT_HOUR = 18
# The day after an urgence: at the hour it happened, kept within the day.
EARLIEST_HOUR, LATEST_HOUR = 9, 20
NUDGE_AFTER = timedelta(hours=24)
# The check-in's button: the intent of « faire le point » (the check-in form).
CHECKIN_PAYLOAD = "/checkin"
PERSON_PAYLOAD = "/demander_humain"

PAUSE, RESUME, STOP, CHOOSE, STATUS, TOMORROW = "pause", "resume", "stop", "choose", "status", "tomorrow"
_REMINDERS = r"(?:rappels?|relances?|points?(?: de la semaine| hebdo\w*)?|check ?ins?)"
_PAUSE = re.compile(rf"^\s*(?:mettre en )?pause(?: (?:les |des )?{_REMINDERS})?\s*$"
                    rf"|\b(?:pause|suspend\w*)\b(?:\s+\w+){{0,2}}\s+{_REMINDERS}\b")
_STOP = re.compile(rf"\b(?:stop|arret\w*|plus de|ne plus|supprim\w*|annul\w*)\b(?:\s+\w+){{0,2}}\s+{_REMINDERS}\b"
                   rf"|\b{_REMINDERS}\s*:?\s*stop\b")
_RESUME = re.compile(rf"\b(?:reprend\w*|relanc\w*|reactiv\w*|remettre)\b(?:\s+\w+){{0,2}}\s+{_REMINDERS}\b")
_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# « Vous m'enverrez un message vendredi ? » (persona round 92: the scam-SMS advice): a point asked for.
_WRITE_TO_ME = r"(?:vous|tu) (?:\w+ ){0,2}?(?:m'enverr\w*|m'ecrir\w*|m'ecri(?:s|t|vez)\b|me recontacter\w*|me relancer\w*|me (?:re)?demander\w* des nouvelles|m'envoy(?:er|ez) (?:un )?(?:message|mot|rappel)|m'ecrire)"
# « Vous pouvez me redemander demain comment ça va ? » (persona round 95: the prime d'activité
# for students): one check-in tomorrow.
_ASKS_AFTER_ME = (r"(?:vous|tu|quelqu'un|on) (?:\w+ ){0,2}?(?:me (?:re)?demander\w* (?:comment (?:ca|je) va\w*|si (?:ca|je) va\w*|de mes nouvelles|des nouvelles)"
                  r"|prendre de mes nouvelles|m'ecrire|me (?:re)?contacter|me relancer|m'envoyer un (?:message|mot))")
_TOMORROW = re.compile(rf"\b{_ASKS_AFTER_ME}\b.{{0,30}}\bdemain\b|\bdemain\b.{{0,30}}\b{_ASKS_AFTER_ME}\b"
                       r"|\b(?:vous|tu) (?:\w+ ){0,2}?me (?:re)?demander\w* demain (?:comment|si)\b")
_CHOOSE = re.compile(
    rf"\b(?:point(?! de vue)|rappel|relance|check ?in|{_WRITE_TO_ME})s?\b.{{0,45}}\b(?:chaque |tous les |le )?({'|'.join(_DAYS)})s?\b"
    r"(?:.{0,12}?\b(\d{1,2})\s*(?:h|heures?)\b)?")
_STATUS = re.compile(rf"\b(?:quand|prochain)\b.{{0,20}}\b{_REMINDERS}\b"
                     # « la prochaine fois c'est quand ? vous m'envoyez un message dans une semaine
                     # ou c'est moi qui dois revenir ? » (persona round 97: « je ne sais pas »).
                     r"|\bla prochaine fois (?:c'est )?quand\b|\bc'est (?:moi|a moi) (?:qui dois|de) (?:revenir|vous (?:re)?ecrire|vous relancer)\b"
                     r"|\b(?:vous|tu) (?:allez |comptez |pensez )?(?:m'envoy\w*|me relanc\w*|me recontact\w*|m'ecri\w*) (?:\w+ ){0,4}?ou (?:c'est moi|je dois|pas)\b")
# « Ne me relancez pas la semaine prochaine, je serai en vacances »: no point asked for.
_NOT_WRITE = re.compile(r"\b(ne|n') ?(me |m')?(relancez|recontactez|ecrivez|envoyez|ecris)\b|\b(relancez|recontactez|ecrivez) (moi )?pas\b"
                        # « Tu m'écris pas lundi, mon mari regarde mon tel » (a review).
                        r"|\b(tu|vous) (ne )?(m'ecri\w*|me relanc\w*|m'envoi\w*|m'envoy\w*) (pas|plus|jamais|surtout pas)\b")
# « Vous me relancez la semaine prochaine pour voir si j'ai tenu » (persona round 97: a list of
# actions instead): the weekly point, on today's weekday.
_IN_A_WEEK = re.compile(rf"\b(?:{_WRITE_TO_ME}|(?:relancez|recontactez|ecrivez) moi|me relancez|me recontactez)\b"
                        r".{0,30}\b(?:la semaine prochaine|dans (?:une|1|huit|8) (?:semaine|jours)|chaque semaine|toutes les semaines)\b")
# « Vous m'envoyez un message dans 3 ou 4 jours pour voir où j'en suis ? », « relancez-moi dans
# quelques jours » (persona round 107: the right to disconnect, then a card on meaningful work):
# a point on that day.
_NUMBERS = {"un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "quelques": 3}
_IN_DAYS = re.compile(rf"\b(?:{_WRITE_TO_ME}|{_ASKS_AFTER_ME}|(?:relancez|recontactez|ecrivez) moi|me relancez|me recontactez)\b"
                      r".{0,40}\bdans (\d|un|deux|trois|quatre|cinq|six|quelques) (?:ou (?:\d|deux|trois|quatre|cinq|six) )?jours\b")
# « mes points du lundi sont bien en pause ? »: a question about the pause, not a new plan
# (the persona round of issue #15 had its check-ins turned back on by it).
_PAUSE_QUESTION = re.compile(rf"\b{_REMINDERS}\b.{{0,40}}\b(?:bien|toujours|encore|deja)\s+(?:en pause|suspendu\w*|arrete\w*)\b")


@dataclass(frozen=True)
class CheckinRequest:
    kind: str  # PAUSE, RESUME, STOP, CHOOSE, STATUS
    weekday: int | None = None  # CHOOSE without a day: the day kept (today's for a new plan)
    hour: int | None = None
    in_days: int | None = None  # CHOOSE in so many days (its weekday), not on a day named


# « chaque lundi matin » (persona round 98: set at 18 h): the hour of a part of the day.
_PARTS_OF_DAY = (("matin", 9), ("midi", 12), ("apres midi", 14), ("aprem", 14), ("soir", 18))


def _part_of_day(words: str) -> int | None:
    # Not a part of the day ruled out (« sauf le matin », « pas le soir »).
    found = [(match.start(), hour) for name, hour in _PARTS_OF_DAY
             for match in re.finditer(rf"(?<!sauf le )(?<!pas le )(?<!sauf )\b{name}\b", words)]
    return min(found)[1] if found else None


# The hour said right after the days (« … dans 3 jours vers 10 h », « … le matin »), not an
# hour of something else further on (« …, j'ai rdv à 14h », a review).
_HOUR_NEXT = re.compile(r"^\W*(?:vers |a |le |en |dans la |dans l')?(?:(\d{1,2})\s*(?:h|heures?)\b|(matin|midi|apres midi|aprem|soir)\b)")


def _hour_in(words: str) -> int | None:
    """The hour said at the start of `words`, within the day (8 to 20 h), or None."""
    said = _HOUR_NEXT.search(words)
    if not said:
        return None
    hour = int(said.group(1)) if said.group(1) else dict(_PARTS_OF_DAY)[said.group(2)]
    return hour if 8 <= hour <= 20 else None


def read_request(text: str | None) -> CheckinRequest | None:
    words = normalise(text or "")
    if not words:
        return None
    if _STOP.search(words):
        return CheckinRequest(STOP)
    if _PAUSE_QUESTION.search(words):
        return CheckinRequest(STATUS)
    if _PAUSE.search(words):
        return CheckinRequest(PAUSE)
    if _RESUME.search(words):
        return CheckinRequest(RESUME)
    if _TOMORROW.search(words):
        return CheckinRequest(TOMORROW)
    choose = _CHOOSE.search(words)
    if choose and _NOT_WRITE.search(words):
        # A day not to write, not a day chosen.
        return None
    if choose:
        hour = int(choose.group(2)) if choose.group(2) else _part_of_day(words[choose.start():])
        if hour is not None and not 0 <= hour <= 23:
            hour = None
        return CheckinRequest(CHOOSE, _DAYS.index(choose.group(1)), hour)
    if _STATUS.search(words):
        # « … dans une semaine ou c'est moi qui dois revenir ? » asks, plans nothing.
        return CheckinRequest(STATUS)
    in_days = _IN_DAYS.search(words)
    if in_days and not _NOT_WRITE.search(words):
        count = in_days.group(1)
        # « … dans 3 jours vers 10 h », « … le matin »: that hour for the point.
        return CheckinRequest(CHOOSE, hour=_hour_in(words[in_days.end():]),
                              in_days=int(count) if count.isdigit() else _NUMBERS[count])
    if _IN_A_WEEK.search(words) and not _NOT_WRITE.search(words):
        return CheckinRequest(CHOOSE)
    if _STATUS.search(words):
        return CheckinRequest(STATUS)
    return None


def next_weekly(now: datetime, weekday: int, hour: int) -> datetime:
    """The next `weekday` at `hour` (local time) strictly after now."""
    local = now.astimezone(LOCAL_TIME)
    days = (weekday - local.weekday()) % 7
    candidate = datetime.combine(local.date() + timedelta(days=days), time(hour), tzinfo=LOCAL_TIME)
    if candidate <= local:
        candidate += timedelta(days=7)
    return candidate.astimezone(now.tzinfo)


def weekday_in_days(days: int, now: datetime) -> int:
    """The weekday (0 = Monday, Paris time) `days` days after now."""
    return (now.astimezone(LOCAL_TIME) + timedelta(days=days)).weekday()


def in_days_at(now: datetime, days: int, hour: int) -> datetime:
    """`days` days after now, at `hour` (Paris time)."""
    local = now.astimezone(LOCAL_TIME)
    day = datetime.combine(local.date() + timedelta(days=days), time(hour), tzinfo=LOCAL_TIME)
    return day.astimezone(now.tzinfo)


def next_day(now: datetime) -> datetime:
    """The day after an urgence, at about the same hour, within the day (09:00-20:00)."""
    local = now.astimezone(LOCAL_TIME)
    hour = min(max(local.hour, EARLIEST_HOUR), LATEST_HOUR)
    day = datetime.combine(local.date() + timedelta(days=1), time(hour), tzinfo=LOCAL_TIME)
    return day.astimezone(now.tzinfo)


def default_schedule(now: datetime) -> tuple[int, int]:
    """Weekly by default: the weekday of today, at 18:00."""
    return now.astimezone(LOCAL_TIME).weekday(), DEFAULT_HOUR


@dataclass(frozen=True)
class CheckinTexts:
    texts: dict[str, str]
    buttons: dict[str, str]
    days: list[str]

    def day(self, weekday: int) -> str:
        return self.days[weekday]


@lru_cache(maxsize=1)
def checkin_texts(path: Path = CONTENT_PATH) -> CheckinTexts:
    document: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts = CheckinTexts(**document)
    if len(texts.days) != 7:
        raise ValueError(f"{path}: `days` must name the 7 days, Monday first")
    return texts
