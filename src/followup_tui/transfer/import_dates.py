"""Dates as other trackers write them: ISO 8601, or slashed (8/15/26,
10:05 AM) in the order the source writes day and month."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone, tzinfo

from ..domain.errors import ValidationError
from ..domain.timeparse import parse_date

_SLASH_RE = re.compile(
    r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$"
)


def read_instant(text: str, tz: tzinfo, month_first: bool, where: str) -> datetime:
    """ISO 8601 (an offset, or the user's timezone), or a slashed date as the
    source writes it (8/15/26, 10:05 AM); a day-month order that cannot be
    told apart is refused."""
    raw = text.strip()
    try:
        value = datetime.fromisoformat(raw.replace(" ", "T", 1) if len(raw) > 10 else raw)
        if value.tzinfo is None:
            value = value.replace(tzinfo=tz)
        return value.astimezone(timezone.utc)
    except (ValueError, OverflowError):
        pass
    match = _SLASH_RE.match(raw)
    if match:
        a, b, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        year += 2000 if len(match.group(3)) == 2 else 0  # "26" is 2026; "0001" stays year 1 (then refused)
        dotted = "." in raw
        if dotted or not month_first:
            if a <= 12 and b <= 12 and a != b and not dotted:
                raise ValidationError(where, f"{text!r}: day and month cannot be told apart; use YYYY-MM-DD")
            day, month = (a, b) if (dotted or a > 12 or not month_first) else (b, a)
        else:
            month, day = a, b
        hour, minute, second = int(match.group(4) or 0), int(match.group(5) or 0), int(match.group(6) or 0)
        ampm = match.group(7)
        if ampm:
            hour = hour % 12 + (12 if ampm.lower() == "pm" else 0)
        try:
            return datetime(year, month, day, hour, minute, second, tzinfo=tz).astimezone(timezone.utc)
        except (ValueError, OverflowError):  # year 1 east of UTC leaves what datetime holds
            pass
    raise ValidationError(where, f"cannot read {text!r} as a date; use YYYY-MM-DD or ISO 8601")


def read_day(text: str, tz: tzinfo, month_first: bool, where: str) -> date:
    raw = text.strip()
    try:
        return parse_date(raw, where)
    except ValidationError:
        return read_instant(raw, tz, month_first, where).astimezone(tz).date()
