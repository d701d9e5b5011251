"""Due times in words, exact at the edges (no rounding up, no "a month")."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from followup_tui.domain.due_words import due_in_words

UTC = timezone.utc
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # Wednesday


@pytest.mark.parametrize(
    ("offset", "words"),
    [
        (timedelta(0), "due now"),
        (timedelta(seconds=59), "due now"),
        (timedelta(seconds=-59), "due now"),
        (timedelta(minutes=1), "due in 1 minute"),
        (timedelta(minutes=59), "due in 59 minutes"),
        (timedelta(minutes=59, seconds=59), "due in 59 minutes"),
        (timedelta(hours=1), "due in 1 hour"),
        (timedelta(hours=1, minutes=59), "due in 1 hour"),  # truncated, not rounded
        (timedelta(hours=5), "due in 5 hours"),
        (timedelta(hours=23), "due in 23 hours"),
        (timedelta(hours=23, minutes=59), "due in 23 hours"),
        (timedelta(hours=24), "due tomorrow"),
        (timedelta(hours=32), "due tomorrow"),  # Thursday 23:00
        (timedelta(hours=34), "due in 2 days"),  # Friday 01:00: two calendar days
        (timedelta(days=3), "due in 3 days"),
        (timedelta(days=15), "due in 15 days"),  # arrow would say "in 2 weeks"
        (timedelta(days=45), "due in 45 days"),
        (timedelta(minutes=-1), "overdue by 1 minute"),
        (timedelta(minutes=-59), "overdue by 59 minutes"),
        (timedelta(hours=-2), "overdue by 2 hours"),
        (timedelta(hours=-23, minutes=-59), "overdue by 23 hours"),
        (timedelta(hours=-24), "overdue by 1 day"),
        (timedelta(days=-2), "overdue by 2 days"),
        (timedelta(days=-2, hours=-14), "overdue by 2 days"),  # 23 Nov 01:00 -> 25 Nov
        (timedelta(days=-2, hours=-16), "overdue by 3 days"),  # 22 Nov 23:00 -> 25 Nov
        (timedelta(days=-15), "overdue by 15 days"),
    ],
)
def test_due_in_words_in_utc(offset: timedelta, words: str) -> None:
    assert due_in_words(NOW + offset, NOW, UTC) == words


def test_under_a_day_across_midnight_counts_hours() -> None:
    late = datetime(2026, 11, 25, 23, 0, tzinfo=UTC)
    assert due_in_words(datetime(2026, 11, 26, 1, 0, tzinfo=UTC), late, UTC) == "due in 2 hours"


def test_tomorrow_depends_on_the_users_midnight() -> None:
    now = datetime(2026, 11, 25, 22, 0, tzinfo=UTC)
    due = datetime(2026, 11, 27, 0, 30, tzinfo=UTC)  # 26.5 hours later
    # In UTC that is the day after tomorrow; in New York (17:00 -> 19:30 next day) it is tomorrow.
    assert due_in_words(due, now, UTC) == "due in 2 days"
    assert due_in_words(due, now, ZoneInfo("America/New_York")) == "due tomorrow"


def test_days_across_a_dst_change_count_calendar_days() -> None:
    paris = ZoneInfo("Europe/Paris")
    now = datetime(2026, 10, 24, 10, 0, tzinfo=UTC)  # Sat 12:00 CEST
    # Sun 12:00 CET is 25 real hours later, still "tomorrow"; Tue 12:00 is 3 days.
    assert due_in_words(datetime(2026, 10, 25, 11, 0, tzinfo=UTC), now, paris) == "due tomorrow"
    assert due_in_words(datetime(2026, 10, 27, 11, 0, tzinfo=UTC), now, paris) == "due in 3 days"
    assert due_in_words(now, datetime(2026, 10, 27, 11, 0, tzinfo=UTC), paris) == "overdue by 3 days"
