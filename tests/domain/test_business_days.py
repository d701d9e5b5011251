"""Business days on the user's calendar: weekends skipped, local time kept,
correct across daylight-saving changes."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from followup_tui.domain.business_days import (
    add_business_dates,
    add_business_days,
    business_days_after_date,
    is_business_day,
    local_instant,
)

UTC = timezone.utc
PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 11, 25), 0, date(2026, 11, 25)),  # Wed + 0
        (date(2026, 11, 25), 1, date(2026, 11, 26)),  # Wed -> Thu
        (date(2026, 11, 25), 3, date(2026, 11, 30)),  # Wed -> Mon over the weekend
        (date(2026, 11, 27), 1, date(2026, 11, 30)),  # Fri -> Mon
        (date(2026, 11, 28), 1, date(2026, 11, 30)),  # Sat -> Mon
        (date(2026, 11, 29), 1, date(2026, 11, 30)),  # Sun -> Mon
        (date(2026, 11, 29), 5, date(2026, 12, 4)),  # Sun -> Fri
        (date(2026, 11, 28), 0, date(2026, 11, 28)),  # Sat + 0 stays Sat
        (date(2026, 11, 23), 5, date(2026, 11, 30)),  # Mon -> next Mon
        (date(2026, 11, 19), 7, date(2026, 11, 30)),  # Thu + 7
        (date(2026, 11, 20), 10, date(2026, 12, 4)),  # Fri + 10 = two weeks
        (date(2026, 12, 31), 1, date(2027, 1, 1)),  # holidays are not skipped: weekends only
    ],
)
def test_add_business_dates(start: date, days: int, expected: date) -> None:
    assert add_business_dates(start, days) == expected


def _step_by_step(start: date, days: int) -> date:
    current = start
    while days:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def test_add_business_dates_agrees_with_counting_day_by_day() -> None:
    # Every weekday as a start, 0..23 business days: the fast path must match.
    for offset in range(14):
        start = date(2026, 11, 16) + timedelta(days=offset)
        for days in range(24):
            assert add_business_dates(start, days) == _step_by_step(start, days), (start, days)


def test_large_counts_are_fast_and_exact() -> None:
    assert add_business_dates(date(2026, 1, 5), 260) == date(2027, 1, 4)


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError):
        add_business_dates(date(2026, 11, 25), -1)


def test_is_business_day() -> None:
    assert [is_business_day(date(2026, 11, 23) + timedelta(days=i)) for i in range(7)] == [True] * 5 + [False] * 2


@pytest.mark.parametrize(
    ("start", "days", "tz", "expected"),
    [
        # Paris leaves summer time on Sun 2026-10-25: 15:00 CEST stays 15:00 CET.
        (datetime(2026, 10, 23, 13, 0, tzinfo=UTC), 7, PARIS, datetime(2026, 11, 3, 14, 0, tzinfo=UTC)),
        # New York leaves daylight time on Sun 2026-11-01: 10:00 EDT stays 10:00 EST.
        (datetime(2026, 10, 30, 14, 0, tzinfo=UTC), 1, NEW_YORK, datetime(2026, 11, 2, 15, 0, tzinfo=UTC)),
        # Spring forward in New York (Sun 2026-03-08): 09:00 EST -> 09:00 EDT.
        (datetime(2026, 3, 6, 14, 0, tzinfo=UTC), 1, NEW_YORK, datetime(2026, 3, 9, 13, 0, tzinfo=UTC)),
        # 00:30 Saturday in Paris is still Friday in UTC: days count on the local date.
        (datetime(2026, 10, 9, 22, 30, tzinfo=UTC), 1, PARIS, datetime(2026, 10, 11, 22, 30, tzinfo=UTC)),
        (datetime(2026, 10, 9, 22, 30, tzinfo=UTC), 1, UTC, datetime(2026, 10, 12, 22, 30, tzinfo=UTC)),
    ],
)
def test_add_business_days_keeps_local_time(start, days, tz, expected) -> None:
    result = add_business_days(start, days, tz)
    assert result == expected
    assert result.utcoffset() == timedelta(0)


def test_plain_dates_fall_due_at_the_start_of_the_working_day() -> None:
    assert business_days_after_date(date(2026, 11, 19), 3, UTC) == datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    assert business_days_after_date(date(2026, 11, 19), 3, NEW_YORK) == datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
    # Across the Paris change: 09:00 CET on Wed 2026-10-28 is 08:00 UTC.
    assert business_days_after_date(date(2026, 10, 23), 3, PARIS) == datetime(2026, 10, 28, 8, 0, tzinfo=UTC)


def test_local_instant_in_a_dst_gap_moves_forward() -> None:
    # 02:30 does not exist in Paris on 2026-03-29; it reads as 03:30 CEST.
    assert local_instant(date(2026, 3, 29), time(2, 30), PARIS) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_local_instant_in_an_ambiguous_hour_takes_the_first() -> None:
    # 02:30 happens twice in Paris on 2026-10-25; the first is still CEST.
    assert local_instant(date(2026, 10, 25), time(2, 30), PARIS) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("country", "start", "days", "expected"),
    [
        ("US", date(2026, 12, 24), 1, date(2026, 12, 28)),  # Thu -> Mon: Fri 25 Dec skipped
        ("GB", date(2026, 12, 24), 1, date(2026, 12, 29)),  # Christmas Fri, Boxing Day observed Mon 28
        ("US", date(2026, 11, 25), 1, date(2026, 11, 27)),  # Thanksgiving Thu 26 Nov
        ("DE-BY", date(2026, 1, 5), 1, date(2026, 1, 7)),  # Epiphany (Bavaria) Tue 6 Jan
        ("DE", date(2026, 1, 5), 1, date(2026, 1, 6)),  # not a federal holiday
        ("us", date(2026, 12, 25), 0, date(2026, 12, 25)),  # + 0 stays put, lower case accepted
        ("", date(2026, 12, 24), 1, date(2026, 12, 25)),  # no country: weekends only
    ],
)
def test_public_holidays_of_the_country_are_skipped(country, start, days, expected):
    assert add_business_dates(start, days, country) == expected
    assert is_business_day(expected, country) or days == 0


def test_country_codes_are_checked():
    from followup_tui.domain.business_days import supported_country

    assert supported_country("US") and supported_country("de-by") and supported_country("")
    assert not supported_country("Narnia") and not supported_country("US-XX")


def test_sums_kept_for_speed_follow_holidays_primed_later(monkeypatch):
    # add_business_dates keeps its answers (due over 10,000 applications asks the same ones
    # again and again); priming a country's holidays must not leave an old answer behind
    from followup_tui.domain import business_days

    monkeypatch.setattr(business_days, "_PRIMED", {})
    business_days.public_holidays.cache_clear()
    business_days.add_business_dates.cache_clear()
    try:
        assert add_business_dates(date(2026, 11, 25), 1, "US") == date(2026, 11, 27)  # Thanksgiving skipped
        business_days.prime_public_holidays("US", {2026: frozenset({date(2026, 11, 26), date(2026, 11, 27)})})
        assert add_business_dates(date(2026, 11, 25), 1, "US") == date(2026, 11, 30)
    finally:
        business_days._PRIMED.clear()
        business_days.public_holidays.cache_clear()
        business_days.add_business_dates.cache_clear()
