"""Business-day arithmetic on the user's calendar.

Days are counted on the local date in the user's timezone (Saturday and
Sunday skipped) and the local time of day is kept, so "7 business days after
a 15:00 interview" is 15:00 local on that day even across a DST change.
Results are aware UTC datetimes.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo

SATURDAY = 5  # date.weekday(): Monday is 0

# A plain date (such as `decision_by`) has no time of day; actions anchored on
# one fall due at the start of that local working day.
WORKDAY_START = time(9, 0)


def is_business_day(day: date) -> bool:
    return day.weekday() < SATURDAY


def add_business_dates(day: date, days: int) -> date:
    """The date `days` business days after `day` (a weekend start counts
    from the next Monday: Saturday + 1 is Monday)."""
    if days < 0:
        raise ValueError("days must not be negative")
    if days == 0:
        return day
    # From a weekend, counting goes as from the Friday before (both reach
    # Monday first); from a weekday, whole weeks of 5 are 7 calendar days.
    current = day - timedelta(days=max(0, day.weekday() - 4))
    weeks, remaining = divmod(days, 5)
    current += timedelta(weeks=weeks)
    while remaining:
        current += timedelta(days=1)
        if is_business_day(current):
            remaining -= 1
    return current


def local_instant(day: date, at: time, tz: tzinfo) -> datetime:
    """`day` at the wall-clock time `at` in `tz`, as UTC.

    A time that falls in a DST gap moves forward by the gap (02:30 on a
    spring-forward night in Paris is 03:30 CEST); an ambiguous time takes the
    first occurrence (fold=0), the usual reading of a wall clock.
    """
    wall = datetime.combine(day, at.replace(tzinfo=None), tzinfo=tz)
    return wall.astimezone(timezone.utc)


def add_business_days(start: datetime, days: int, tz: tzinfo) -> datetime:
    """`days` business days after the instant `start`, at the same local time."""
    local = start.astimezone(tz)
    target = add_business_dates(local.date(), days)
    return local_instant(target, local.time(), tz)


def business_days_after_date(day: date, days: int, tz: tzinfo, at: time = WORKDAY_START) -> datetime:
    """`days` business days after the plain date `day`, at `at` local time."""
    return local_instant(add_business_dates(day, days), at, tz)
