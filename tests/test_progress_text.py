"""texts/progress.py: the citizen's progress, from the domain's data to French (the exact
texts, through the actions and the case card, are pinned in tests/test_rendered_texts.py and
tests/edge/test_case_card_progress.py)."""

from datetime import date, datetime, timedelta, timezone

import pytest

from relais.services.progress import ActionDone, Goal, ProgressSummary, WeeklyMood
from texts.progress import HEADING, NOTHING_YET, progress_lines, progress_text

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)
NO_MOODS = tuple(WeeklyMood(date(2026, 11, 2) + timedelta(weeks=i), None) for i in range(4))


def summary(**fields) -> ProgressSummary:
    values = {
        "actions_done_total": 0,
        "recent_actions_done": (),
        "current_goal": None,
        "checkin_streak_weeks": 0,
        "weekly_moods": NO_MOODS,
        "mood_trend": None,
        "last_checkin_at": None,
    }
    return ProgressSummary(**{**values, **fields})


def moods(*averages) -> tuple[WeeklyMood, ...]:
    return tuple(WeeklyMood(w.week_start, a) for w, a in zip(NO_MOODS, averages))


def test_an_empty_summary_says_nothing_is_recorded_yet():
    assert progress_text(summary()) == NOTHING_YET
    assert progress_lines(summary()) == []


def test_the_citizen_reads_a_heading_the_coach_the_lines_only():
    s = summary(actions_done_total=1, recent_actions_done=(ActionDone("vélo", "mobilite", NOW),))
    assert progress_lines(s) == ["Action réalisée :", "- vélo (mobilité), le 26/11"]
    assert progress_text(s) == "\n".join([HEADING, *progress_lines(s)])


@pytest.mark.parametrize(
    "trend, words", [("up", "en hausse"), ("steady", "stable"), ("down", "en baisse")]
)
def test_the_trend_in_words(trend, words):
    s = summary(last_checkin_at=NOW, checkin_streak_weeks=1, weekly_moods=moods(None, 2, None, 4),
                mood_trend=trend)
    assert progress_lines(s) == [
        "Dernier point d'étape : le 26/11.",
        "Humeur moyenne (sur 5) : cette semaine 4, il y a 2 semaines 2.",
        f"Tendance sur 4 semaines : {words}.",
    ]


def test_a_check_in_without_any_mood_shows_no_mood_line():
    s = summary(last_checkin_at=NOW, checkin_streak_weeks=3)
    assert progress_lines(s) == [
        "Points d'étape : au moins un par semaine depuis 3 semaines (le dernier le 26/11)."
    ]


def test_the_citizens_words_stay_on_one_line_and_an_unknown_track_is_not_named():
    goal = Goal("poser\ndes rideaux\r\n\u2028épais", "pas-un-theme", NOW)
    assert progress_lines(summary(current_goal=goal)) == [
        "Objectif en cours : poser des rideaux épais, fixé le 26/11."
    ]
