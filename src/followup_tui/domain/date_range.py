"""The range every date and time in the app lies in: 1900-01-01 to 2200-12-31.

Why these bounds: they hold any real job search (and any date a spreadsheet
or tracker exports by mistake, such as 1900-01-01, stays readable), and they
sit centuries inside Python's years 1..9999, so no timezone offset, DST rule
or cadence arithmetic (weeks of business days) on a date inside them can
overflow. A date outside is refused where it enters (CLI, form, import) and
where it is read (the data file), never carried to a command that would crash.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from .errors import ValidationError

EARLIEST = date(1900, 1, 1)
LATEST = date(2200, 12, 31)
RANGE_TEXT = f"{EARLIEST.isoformat()} to {LATEST.isoformat()}"


# An instant is counted in UTC with a day of slack either side, so a local
# time inside the range (1900-01-01 00:00 in Paris is 1899-12-31 in UTC) is
# inside in every timezone (offsets are under a day).
_SLACK = timedelta(days=1)
# The same as instants, from the first one in to the first one after: an
# aware time is in range when FIRST_INSTANT <= value < AFTER_LAST_INSTANT
# (two comparisons, no conversion: a file's 300,000 times are checked so).
FIRST_INSTANT = datetime.combine(EARLIEST - _SLACK, time(0), timezone.utc)
AFTER_LAST_INSTANT = datetime.combine(LATEST + 2 * _SLACK, time(0), timezone.utc)


def in_range(value: date | datetime) -> bool:
    """Whether `value` (a date, or an aware instant) lies in the range."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return EARLIEST <= value.date() <= LATEST
        try:
            return FIRST_INSTANT <= value < AFTER_LAST_INSTANT
        except (OverflowError, ValueError):  # a tzinfo that gives no usable offset
            return False
    return EARLIEST <= value <= LATEST


def check_in_range(value: date | datetime, field: str) -> None:
    """Raise ValidationError naming `field` when `value` is outside the range."""
    if not in_range(value):
        shown = value.date() if isinstance(value, datetime) else value
        raise ValidationError(field, f"{shown.isoformat()} is outside the dates this app keeps ({RANGE_TEXT})")
