"""The citizen's progress in plain French: the citizen reads all of it (Telegram shows it as
is), the coaches read its lines without the heading addressed to the citizen."""

from datetime import datetime

from relais.progress_chart import chart_photo
from relais.services.progress import (
    TREND_DOWN,
    TREND_STEADY,
    TREND_UP,
    ProgressSummary,
    Trend,
)
from relais.services.progress_picture import ProgressChart
from relais.tracks import TRACKS

HEADING = "Votre suivi avec Relais"
NOTHING_YET = (
    "Vous n'avez encore rien enregistré avec Relais. Quand vous le souhaitez, "
    "faites un point d'étape ou fixez-vous un petit objectif."
)
TRENDS_FR: dict[Trend, str] = {TREND_UP: "en hausse", TREND_STEADY: "stable", TREND_DOWN: "en baisse"}
# Most recent first, as the weekly moods are read out.
WEEKS_AGO_FR = ("cette semaine", "la semaine dernière", "il y a 2 semaines", "il y a 3 semaines")
# Display only: what is stored is never shortened.
MAX_SHOWN_TEXT = 200


def progress_text(summary: ProgressSummary) -> str:
    """What the citizen reads: a heading, then the goal, the steps done and the check-ins."""
    if summary.is_empty:
        return NOTHING_YET
    return "\n".join([HEADING, *progress_lines(summary)])


def progress_picture(summary: ProgressSummary, chart: ProgressChart) -> tuple[str, dict[str, str]] | None:
    """The progress as a photo: its caption (the text of `progress_text`, its heading on the
    first line, which the edge keeps as the caption when the whole is too long for one) and
    the chart's payload. None when there is nothing to draw: no mood, no step done in the
    weeks shown and no goal (the text alone says the rest)."""
    if summary.is_empty or chart.is_empty:
        return None
    return progress_text(summary), chart_photo(chart)


def progress_lines(summary: ProgressSummary) -> list[str]:
    """The goal, the steps done and the check-ins, one line each (no line breaks inside)."""
    return [*_goal_lines(summary), *_action_lines(summary), *_checkin_lines(summary)]


def _goal_lines(summary: ProgressSummary) -> list[str]:
    goal = summary.current_goal
    if goal is None:
        return []
    return [
        f"Objectif en cours : {_shown(goal.text)}{_track_suffix(goal.track)}, "
        f"fixé le {_day(goal.set_at)}."
    ]


def _action_lines(summary: ProgressSummary) -> list[str]:
    if not summary.actions_done_total:
        return []
    if summary.actions_done_total == 1:
        lines = ["Action réalisée :"]
    else:
        lines = [f"Actions réalisées : {summary.actions_done_total}. Les plus récentes :"]
    for action in summary.recent_actions_done:
        track = _track_suffix(action.track)
        lines.append(f"- {_shown(action.text)}{track}, le {_day(action.at)}")
    return lines


def _checkin_lines(summary: ProgressSummary) -> list[str]:
    if summary.last_checkin_at is None:
        return []
    last = _day(summary.last_checkin_at)
    if summary.checkin_streak_weeks >= 2:
        lines = [
            f"Points d'étape : au moins un par semaine depuis {summary.checkin_streak_weeks} "
            f"semaines (le dernier le {last})."
        ]
    else:
        lines = [f"Dernier point d'étape : le {last}."]
    # Weeks without a mood are left out rather than shown empty.
    moods = [
        f"{label} {_mood(week.average)}"
        for label, week in zip(WEEKS_AGO_FR, reversed(summary.weekly_moods))
        if week.average is not None
    ]
    if moods:
        lines.append("Humeur moyenne (sur 5) : " + ", ".join(moods) + ".")
    if summary.mood_trend:
        lines.append(f"Tendance sur 4 semaines : {TRENDS_FR[summary.mood_trend]}.")
    return lines


def _shown(text: str) -> str:
    """The text on one line (every run of whitespace, line breaks included, becomes a space),
    shortened to MAX_SHOWN_TEXT characters."""
    text = " ".join(text.split())
    if len(text) <= MAX_SHOWN_TEXT:
        return text
    return text[: MAX_SHOWN_TEXT - 1].rstrip() + "…"


def _track_suffix(track: str | None) -> str:
    return f" ({TRACKS[track]})" if track is not None and track in TRACKS else ""


def _day(at: datetime) -> str:
    return at.strftime("%d/%m")


def _mood(average: float) -> str:
    return f"{average:.1f}".rstrip("0").rstrip(".").replace(".", ",")
