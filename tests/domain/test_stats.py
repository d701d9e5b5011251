"""domain.stats against the hand-built search in stats_data.py: every figure
below is worked out by hand from the comments there."""

from __future__ import annotations

from datetime import date, timezone

import pytest
from domain.stats_data import NOW, at, hand_built

from followup_tui.domain.model import STAGES, Application, Event
from followup_tui.domain.stats import (
    Durations,
    applied_date,
    bar,
    search_stats,
    sparkline,
)

UTC = timezone.utc


@pytest.fixture
def figures():
    return search_stats(hand_built(), NOW, UTC)


def test_funnel_counts_every_stage_reached_or_passed(figures):
    funnel = dict(figures.funnel)
    assert figures.applications == 6
    # interview: A, B, E; thanked and following-up: A (now at offer), B; offer: A
    assert {s: funnel[s] for s in ("applied", "interview", "thanked", "following-up", "offer")} == {
        "applied": 6, "interview": 3, "thanked": 2, "following-up": 2, "offer": 1,
    }
    assert "closed" not in funnel
    assert [s for s, _ in figures.funnel] == [s for s in STAGES if s != "closed"]


def test_response_rate_and_days_to_the_first_answer(figures):
    # answered: A (response), B (its interview), C (rejected), E (response)
    assert (figures.response_rate.part, figures.response_rate.whole) == (4, 6)
    assert figures.days_to_first_response.days == (3, 3, 7, 7)
    assert figures.days_to_first_response.median == 5.0


def test_days_from_the_last_interview_to_a_decision(figures):
    # A: 11-09 -> offer 11-20 = 11; E: 10-27 -> rejected 10-31 = 4
    assert figures.days_interview_to_decision.days == (4, 11)
    assert figures.days_interview_to_decision.median == 7.5


def test_thank_you_notes_within_24_hours(figures):
    # A's at 7 h after the round; B's 42 h after it
    assert (figures.thank_you_on_time.part, figures.thank_you_on_time.whole) == (1, 2)
    # with a 48-hour limit both are on time
    assert search_stats(hand_built(), NOW, UTC, thank_you_hours=48).thank_you_on_time.part == 2


def test_follow_ups_per_application_and_answers(figures):
    assert figures.follow_ups_sent == 3
    assert figures.follow_ups_per_application == 1.0  # 3 follow-ups / 3 interviewed (A, B, E)
    assert figures.follow_up_counts == ((0, 1), (1, 1), (2, 1))  # E none, A one, B two
    # A's follow-up got an answer the next day; B's two did not
    assert (figures.follow_ups_answered.part, figures.follow_ups_answered.whole) == (1, 3)


def test_outcomes_by_source_and_by_channel(figures):
    assert dict(figures.outcomes) == {"accepted": 0, "rejected": 2, "withdrawn": 1, "moved-on": 0, "ghosted": 0}
    by_source = {name: group.to_dict() for name, group in figures.by_source}
    assert [name for name, _ in figures.by_source] == ["linkedin", "referral", "unknown"]
    assert by_source["linkedin"] == {"applications": 2, "answered": 2, "interviewed": 2, "offers": 1, "closed": {}}
    assert by_source["referral"] == {
        "applications": 2, "answered": 1, "interviewed": 0, "offers": 0, "closed": {"rejected": 1},
    }
    assert by_source["unknown"] == {
        "applications": 2, "answered": 1, "interviewed": 1, "offers": 0, "closed": {"rejected": 1, "withdrawn": 1},
    }
    by_channel = {name: group.to_dict() for name, group in figures.by_channel}
    assert [name for name, _ in figures.by_channel] == ["email", "linkedin", "phone", "portal"]
    assert by_channel["email"] == {
        "applications": 3, "answered": 3, "interviewed": 2, "offers": 1, "closed": {"rejected": 2},
    }
    assert by_channel["phone"] == {"applications": 1, "answered": 0, "interviewed": 0, "offers": 0, "closed": {}}
    assert by_channel["portal"]["closed"] == {"withdrawn": 1}


def test_applications_per_week_include_empty_weeks_up_to_now(figures):
    assert figures.per_week == (
        (date(2026, 10, 19), 1), (date(2026, 10, 26), 0), (date(2026, 11, 2), 3),
        (date(2026, 11, 9), 0), (date(2026, 11, 16), 1), (date(2026, 11, 23), 1),
    )


def test_since_keeps_the_applications_applied_on_or_after_it():
    figures = search_stats(hand_built(), NOW, UTC, since=date(2026, 11, 3))
    assert figures.applications == 4  # B, C, D, F
    assert (figures.response_rate.part, figures.response_rate.whole) == (2, 4)  # B, C
    assert figures.per_week[0] == (date(2026, 11, 2), 2)
    assert [n for _, n in figures.per_week] == [2, 0, 1, 1]


def test_local_dates_follow_the_users_timezone():
    from zoneinfo import ZoneInfo

    late = Application(company="Late", created=at(11, 2, 23, 30))  # 11-03 00:30 in Paris: a Tuesday
    late.record_response("hi", at(11, 3, 23, 30))  # 11-04 in Paris
    assert applied_date(late, ZoneInfo("Europe/Paris")) == date(2026, 11, 3)
    figures = search_stats([late], NOW, ZoneInfo("America/New_York"))
    assert figures.days_to_first_response.days == (1,)


def test_the_recorded_applied_date_comes_first():
    app = Application(company="X", created=at(11, 1), applied_on=date(2026, 10, 30))
    assert applied_date(app, UTC) == date(2026, 10, 30)


def test_a_card_only_saved_has_not_applied():
    app = Application(company="X", stage="saved", created=at(11, 1))
    figures = search_stats([app], NOW, UTC)
    assert dict(figures.funnel)["saved"] == 1 and dict(figures.funnel)["applied"] == 0
    assert figures.response_rate.whole == 0 and figures.per_week == ()


def test_the_first_move_to_applied_is_the_applied_date():
    app = Application(company="X", created=at(11, 1))
    app.events.append(Event(at=at(11, 6), kind="stage-change", from_stage="interview", to_stage="applied"))
    app.events.append(Event(at=at(11, 4), kind="stage-change", from_stage="interview", to_stage="applied"))
    assert applied_date(app, UTC) == date(2026, 11, 4)


def test_no_applications_give_no_figures_rather_than_errors():
    figures = search_stats([], NOW, UTC)
    assert figures.response_rate.share is None
    assert figures.days_to_first_response.median is None
    assert figures.per_week == ()
    assert figures.to_dict()["follow_ups"]["per_interviewed_application"] is None


def test_charts():
    assert bar(10, 10, 8) == "█" * 8
    assert bar(5, 10, 8) == "████"
    assert bar(1, 10, 4) == "▍"  # 3.2 eighths round to 3: a partial block
    assert bar(0, 10, 8) == ""
    assert sparkline([0, 1, 7]) == "▁▂█"
    assert sparkline([0, 0]) == "▁▁"
    assert Durations((1, 2, 10)).median == 2.0
