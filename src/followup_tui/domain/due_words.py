"""Due times in words ("due in 5 hours", "due tomorrow", "overdue by 2 days").

Exact at the edges, unlike arrow's `humanize` (which calls 15 days "in 2
weeks" or "in a month"): under a minute is "now"; under an hour counts whole
minutes; under a day counts whole hours; beyond that counts calendar days in
the user's timezone, so a thing due at 01:00 the day after tomorrow is "in 2
days" even when only 26 hours remain. Counts are truncated, never rounded up.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"


def _span(early: datetime, late: datetime, tz: tzinfo) -> str:
    """The distance from `early` to `late` (late >= early) in one unit."""
    gap = late - early
    if gap < HOUR:
        return _count(gap // MINUTE, "minute")
    if gap < DAY:
        return _count(gap // HOUR, "hour")
    days = (late.astimezone(tz).date() - early.astimezone(tz).date()).days
    return _count(days, "day")


def due_in_words(due: datetime, now: datetime, tz: tzinfo) -> str:
    """How far `due` is from `now`, said the way a to-do list would."""
    if abs(due - now) < MINUTE:
        return "due now"
    if due > now:
        if due - now >= DAY and (due.astimezone(tz).date() - now.astimezone(tz).date()).days == 1:
            return "due tomorrow"
        return f"due in {_span(now, due, tz)}"
    return f"overdue by {_span(due, now, tz)}"
