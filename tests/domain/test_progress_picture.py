"""The citizen's progress picture (issue #16): the chart's points (relais/services/
progress_picture.py), the PNG drawn from them (relais/progress_chart.py), and the weekly
check-in that comes after it (relais/services/checkins.py)."""

import json
import struct
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from relais.models import InboxEntry
from relais.progress_chart import (
    PictureError,
    chart_photo,
    photo_bytes,
    photo_payload,
    render_png,
)
from relais.services.checkins import CheckinService
from relais.services.outbox import OutboxService
from relais.services.progress import Goal
from relais.services.progress_picture import (
    CHART_WEEKS,
    MoodPoint,
    ProgressChart,
    ProgressPictureService,
    WeekSteps,
)
from texts.progress import HEADING, progress_picture

THURSDAY = datetime(2026, 11, 19, 10, 0, tzinfo=timezone.utc)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(PNG_SIGNATURE) and png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def weeks(today: date) -> list[date]:
    monday = today - timedelta(days=today.weekday())
    return [monday - timedelta(weeks=ago) for ago in range(CHART_WEEKS - 1, -1, -1)]


def full_chart() -> ProgressChart:
    today = THURSDAY.date()
    moods = tuple(MoodPoint(THURSDAY - timedelta(days=4 * n), 1 + n % 5) for n in range(13, -1, -1))
    steps = tuple(WeekSteps(week, n % 3) for n, week in enumerate(weeks(today)))
    goal = Goal("Baisser le chauffage à 19 °C le soir 🔥, pour 30 $ de moins par mois et plus encore",
                "energie", THURSDAY - timedelta(days=20))
    return ProgressChart(today, moods, steps, goal)


def test_the_chart_is_a_small_phone_sized_png():
    png = render_png(full_chart())
    width, height = png_size(png)
    assert (width, height) == (720, 450)
    assert 10_000 < len(png) < 80_000  # a photo, not a poster: base64 in a JSON row stays small


def test_a_chart_without_mood_or_goal_still_draws_and_its_payload_roundtrips():
    today = THURSDAY.date()
    chart = ProgressChart(today, (), tuple(WeekSteps(week, 0) for week in weeks(today)), None)
    assert chart.is_empty  # nothing worth sending: the callers send no photo then
    png = render_png(chart)
    assert png_size(png) == (720, 450)
    payload = photo_payload(png)
    assert set(payload) == {"png_base64", "filename"} and payload["filename"].endswith(".png")
    assert photo_bytes(json.loads(json.dumps(payload))) == png


@pytest.mark.parametrize("photo", [{}, {"png_base64": "pas du base64 !"},
                                   {"png_base64": "R0lGODlhAQABAAAAACw="}])  # a GIF
def test_a_payload_that_is_not_a_base64_png_is_refused(photo):
    with pytest.raises(PictureError):
        photo_bytes(photo)


@pytest.fixture
def pictures(session_factory, clock):
    clock.now = THURSDAY
    return ProgressPictureService(session_factory, clock=clock)


def test_the_points_are_the_moods_steps_and_goal_of_the_weeks_shown(
        pictures, progress, consent, clock):
    consent.record_consent("c1", True, "v1")
    clock.now = THURSDAY - timedelta(weeks=CHART_WEEKS + 1)
    progress.log_checkin("c1", 1)  # before the weeks shown: in the summary only
    progress.mark_action("c1", "energie", "éteindre la box la nuit")
    clock.now = THURSDAY - timedelta(weeks=2)
    progress.log_checkin("c1", 2)
    progress.log_checkin("c1", None, note="sans humeur")
    progress.set_goal("c1", "couper le chauffe-eau la nuit", track="energie")
    clock.now = THURSDAY - timedelta(hours=1)
    progress.log_checkin("c1", 4)
    progress.mark_action("c1", "energie", "baisser le chauffage")
    progress.mark_action("c1", None, "pas fait", done=False)
    clock.now = THURSDAY

    summary, chart = pictures.progress("c1")
    assert [point.mood for point in chart.moods] == [2, 4]
    assert len(chart.steps) == CHART_WEEKS and chart.steps[-1].week_start == date(2026, 11, 16)
    assert [week.done for week in chart.steps] == [0] * (CHART_WEEKS - 1) + [1]
    assert chart.goal is not None and chart.goal.text == "couper le chauffe-eau la nuit"
    # The same summary as ProgressService gives, read in the same transaction.
    assert summary == progress.summary("c1")
    caption, photo = progress_picture(summary, chart)
    assert caption.startswith(HEADING + "\n") and "chauffe-eau" in caption
    assert png_size(photo_bytes(photo)) == (720, 450)


def test_no_points_and_no_picture_for_an_unknown_citizen_or_one_without_records(
        pictures, consent):
    assert pictures.chart("inconnu").is_empty
    consent.record_consent("c2", True, "v1")
    summary, chart = pictures.progress("c2")
    assert chart.is_empty and progress_picture(summary, chart) is None


def sent(session_factory, chat):
    with session_factory() as session:
        rows = session.scalars(select(InboxEntry.replies).where(
            InboxEntry.kind == "outgoing", InboxEntry.chat_id == chat).order_by(InboxEntry.id)).all()
    return [reply for replies in rows for reply in json.loads(replies)]


def weekly_checkins(session_factory, clock, consent, progress, **kwargs):
    clock.now = THURSDAY
    checkins = CheckinService(session_factory, clock=clock, picture=progress_picture, **kwargs)
    for chat in ("avec", "sans"):
        consent.record_consent(chat, True, "v1")
        checkins.choose(chat, weekday=THURSDAY.weekday(), hour=18)
    progress.log_checkin("avec", 3)
    progress.set_goal("avec", "un repas sans viande par semaine")
    clock.now = THURSDAY + timedelta(hours=8)  # 19:00 in Paris: both are due
    return checkins


def test_the_weekly_checkin_comes_after_the_picture_of_the_progress(
        session_factory, clock, consent, progress):
    checkins = weekly_checkins(session_factory, clock, consent, progress)
    assert checkins.send_due() == 2
    OutboxService(session_factory, clock=clock).move_due()

    picture, question = sent(session_factory, "avec")
    assert picture["text"].startswith(HEADING) and "sans viande" in picture["text"]
    assert png_size(photo_bytes(picture["photo"]))[0] == 720
    assert picture["buttons"] == [] and picture["silent"] is True
    assert question["buttons"] and "photo" not in question
    # Nothing recorded yet: the check-in alone, as before.
    (only,) = sent(session_factory, "sans")
    assert only["buttons"] and "photo" not in only


def test_past_the_drawing_time_or_when_drawing_fails_the_checkin_goes_alone(
        session_factory, clock, consent, progress):
    checkins = weekly_checkins(session_factory, clock, consent, progress, picture_seconds=-1)
    assert checkins.send_due() == 2
    OutboxService(session_factory, clock=clock).move_due()
    assert ["photo" in reply for reply in sent(session_factory, "avec")] == [False]

    def broken(summary, chart):
        raise RuntimeError("no backend")

    clock.now += timedelta(weeks=1)
    failing = CheckinService(session_factory, clock=clock, picture=broken)
    assert failing.send_due() == 2
    OutboxService(session_factory, clock=clock).move_due()
    assert ["photo" in reply for reply in sent(session_factory, "avec")] == [False, False]


def test_the_chart_payload_of_a_full_chart_stays_reasonable():
    photo = chart_photo(full_chart())
    assert len(json.dumps(photo)) < 100_000
