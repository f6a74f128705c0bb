"""The citizen's progress chart as a PNG (issue #16): the moods of the check-ins over the last
weeks, the steps done each week, and when the current goal was set.

Drawn with matplotlib's Agg backend through its object API (no pyplot: no global state, safe
in the threads of the edge and the action server), with the DejaVu fonts matplotlib ships:
nothing is downloaded. A phone-sized picture of about 20-60 KB, sent as a Telegram photo; the
bytes travel base64-encoded in Rasa's custom payload and in the outbox's JSON (`photo_payload`).

The labels are French: they are part of the picture the citizen reads.
"""

import base64
import binascii
import io
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from relais.models import MOOD_MAX, MOOD_MIN
from relais.services.progress_picture import ProgressChart

FILENAME = "mon-suivi-relais.png"
# 720 x 450 pixels: sharp on a phone, small to send.
WIDTH_INCHES, HEIGHT_INCHES, DPI = 8.0, 5.0, 90
MAX_GOAL_SHOWN = 60
# Marker shapes as well as colours: the chart reads without colour.
MOOD_COLOUR, STEPS_COLOUR, GOAL_COLOUR = "#1f5fa8", "#2e8b57", "#b8860b"

TITLE = "Votre suivi avec Relais"
MOOD_LABEL = "Humeur (1 à 5)"
MOOD_WORDS = {1: "1 très bas", 3: "3 moyen", 5: "5 très bien"}
STEPS_LABEL = "Étapes réalisées"
NO_MOOD = "Pas encore d'humeur notée : faites un point d'étape."
GOAL_SET = "Objectif fixé"
GOAL_PREFIX = "Objectif : "
WEEKS_AXIS = "Semaine du"


class PictureError(ValueError):
    """A photo payload that is not a base64 PNG."""


def render_png(chart: ProgressChart) -> bytes:
    """The chart as PNG bytes."""
    # Imported here: only the processes that draw pay for matplotlib's import.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES), dpi=DPI)
    FigureCanvasAgg(figure)
    moods_axes, steps_axes = figure.subplots(
        2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 2]}
    )
    start = _at(chart.first_day)
    end = _at(chart.first_day + timedelta(weeks=len(chart.steps) or 1))

    moods_axes.set_ylim(MOOD_MIN - 0.5, MOOD_MAX + 0.5)
    moods_axes.set_yticks(list(MOOD_WORDS), [MOOD_WORDS[mood] for mood in MOOD_WORDS])
    moods_axes.set_ylabel(MOOD_LABEL)
    moods_axes.grid(axis="y", alpha=0.3)
    if chart.moods:
        moods_axes.plot([_naive(point.at) for point in chart.moods], [point.mood for point in chart.moods],
                        color=MOOD_COLOUR, marker="o", markersize=7, linewidth=2)
    else:
        moods_axes.text(0.5, 0.5, NO_MOOD, transform=moods_axes.transAxes, ha="center",
                        va="center", color="#555555", fontsize=11)

    middles = [_at(week.week_start) + timedelta(days=3.5) for week in chart.steps]
    counts = [week.done for week in chart.steps]
    bars = steps_axes.bar(middles, counts, width=5, color=STEPS_COLOUR, hatch="//",
                          edgecolor="white")
    steps_axes.bar_label(bars, labels=[str(count) if count else "" for count in counts],
                         padding=2, fontsize=9)
    steps_axes.set_ylim(0, max([*counts, 1]) * 1.3)
    steps_axes.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=3))
    steps_axes.set_ylabel(STEPS_LABEL)
    steps_axes.set_xlim(start, end)
    steps_axes.set_xticks([_at(week.week_start) for week in chart.steps],
                          [week.week_start.strftime("%d/%m") for week in chart.steps])
    steps_axes.set_xlabel(WEEKS_AXIS)

    title = TITLE
    goal = chart.goal
    if goal is not None:
        title += "\n" + GOAL_PREFIX + _shown(goal.text)
        if start <= _naive(goal.set_at) <= end:
            for axes in (moods_axes, steps_axes):
                axes.axvline(_naive(goal.set_at), color=GOAL_COLOUR, linestyle="--",
                             linewidth=1.5)
            moods_axes.text(_naive(goal.set_at), MOOD_MAX + 0.35, " " + GOAL_SET,
                            color=GOAL_COLOUR, fontsize=9, va="top")
    # parse_math=False: a "$" in the goal is text, not mathematics.
    figure.suptitle(title, fontsize=12, parse_math=False)
    for axes in (moods_axes, steps_axes):
        axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def photo_payload(png: bytes, filename: str = FILENAME) -> dict[str, str]:
    """A picture as it travels in a reply (Rasa's custom payload, the outbox's JSON)."""
    return {"png_base64": base64.b64encode(png).decode("ascii"), "filename": filename}


def chart_photo(chart: ProgressChart) -> dict[str, str]:
    return photo_payload(render_png(chart))


def photo_bytes(photo: dict[str, Any]) -> bytes:
    """The PNG of a photo payload; PictureError if it is not one."""
    try:
        png = base64.b64decode(str(photo.get("png_base64") or ""), validate=True)
    except (binascii.Error, ValueError) as error:
        raise PictureError("the photo is not valid base64") from error
    if not png.startswith(b"\x89PNG\r\n\x1a\n"):
        raise PictureError("the photo is not a PNG")
    return png


def _at(day: date) -> datetime:
    return datetime.combine(day, time())


def _naive(at: datetime) -> datetime:
    """In UTC without a zone, like the axis (the weeks are UTC weeks, as in the summary)."""
    return at.astimezone(timezone.utc).replace(tzinfo=None) if at.tzinfo else at


def _shown(text: str) -> str:
    """The goal on one line, shortened, without the characters the bundled font lacks
    (emoji: matplotlib would draw an empty box and warn)."""
    from matplotlib.font_manager import FontProperties, findfont, get_font

    font = get_font(findfont(FontProperties()))
    kept = "".join(char for char in text if char.isspace() or font.get_char_index(ord(char)))
    kept = " ".join(kept.split())
    if len(kept) <= MAX_GOAL_SHOWN:
        return kept
    return kept[: MAX_GOAL_SHOWN - 1].rstrip() + "…"
