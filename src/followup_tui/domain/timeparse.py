"""Reading and writing times. Stored instants are UTC ISO 8601; user input is
read in the user's timezone, in explicit forms, or (where the caller gives
`now`) as people type it: "today 14:00", "tomorrow 9:30", "in 3 days",
"friday 10:00". Anything else, ambiguous forms such as 03/04 included, is
refused with the accepted forms listed."""

from __future__ import annotations

import functools
import os
import re
from datetime import date, datetime, timezone, tzinfo
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .date_range import check_in_range
from .errors import ValidationError

if TYPE_CHECKING:
    from collections.abc import Callable

    import arrow

# arrow (and dateutil) are imported where words are read, not at start: the
# board's first paint needs none of them.

ACCEPTED_WHEN_FORMS = (
    "YYYY-MM-DD, YYYY-MM-DD HH:MM (your timezone), "
    "or ISO 8601 with an offset such as 2026-11-25T14:30+01:00"
)
ACCEPTED_DATE_FORMS = "YYYY-MM-DD"
ACCEPTED_NATURAL_WHEN_FORMS = (
    "today 14:00, tomorrow 9:30, friday 10:00 (the coming one), last friday 2pm, "
    "in 3 days, in 2 hours, 2 days ago"
)
ACCEPTED_NATURAL_DATE_FORMS = "today, yesterday, tomorrow, friday (the coming one), last friday, in 3 days, 2 days ago"

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_PATTERN = "|".join(f"{d[:3]}(?:{d[3:]})?" for d in WEEKDAYS)
_DAY_PATTERN = rf"(?P<day>today|tomorrow|yesterday|(?:(?P<rel>next|last|this)\s+)?(?P<wd>{_WEEKDAY_PATTERN}))"
_TIME_PATTERN = r"(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>am|pm)?"
# Compiled at their first use (`_matcher`), not at import: parsing what a
# person typed never happens before the TUI's first paint.
_DAY_RE = (rf"^{_DAY_PATTERN}$", re.IGNORECASE)
_DAY_TIME_RE = (rf"^{_DAY_PATTERN}(?:\s*,)?\s+(?:at\s+)?{_TIME_PATTERN}$", re.IGNORECASE)
_RELATIVE_RE = (
    r"^(?:in\s+(?P<n1>\d{1,4})\s+(?P<u1>minute|hour|day|week)s?|(?P<n2>\d{1,4})\s+(?P<u2>minute|hour|day|week)s?\s+ago)$",
    re.IGNORECASE,
)


def _shifted(match: re.Match, now: arrow.Arrow) -> arrow.Arrow:
    """`in 3 days` / `3 days ago` from `now` (arrow does the calendar arithmetic)."""
    if match.group("n1"):
        return now.shift(**{match.group("u1").lower() + "s": int(match.group("n1"))})
    return now.shift(**{match.group("u2").lower() + "s": -int(match.group("n2"))})

_DATE_RE = (r"^\d{4}-\d{2}-\d{2}$", 0)
_LOCAL_RE = (r"^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$", 0)
_ISO_OFFSET_RE = (r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$", 0)


@functools.cache
def _matcher(pattern: tuple[str, int]) -> Callable[[str], re.Match[str] | None]:
    """The `match` of one of the patterns above, compiled once."""
    return re.compile(*pattern).match


def resolve_timezone(name: str | None) -> tzinfo:
    """The named IANA zone, or the system's zone (with its DST rules)."""
    if not name:
        return _system_timezone(os.environ.get("TZ"))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:  # "Europe" is a folder: IsADirectoryError
        raise ValidationError("timezone", f"unknown timezone {name!r} (use a name such as Europe/Paris)") from exc


@functools.lru_cache(maxsize=8)
def _system_timezone(tz_variable: str | None) -> tzinfo:
    """The system's zone as an IANA ZoneInfo when it has a name (TZ, or what
    /etc/localtime points to): converting 10,000 applications' times is
    three times faster than with dateutil's tzlocal, which stays the fallback
    (a POSIX TZ string such as "CET-1CEST", an unnamed zone file)."""
    if tz_variable:
        name = tz_variable.removeprefix(":")
    else:
        target = os.path.realpath("/etc/localtime")
        name = target.split("/zoneinfo/", 1)[1] if "/zoneinfo/" in target else ""
    if name and not name.startswith("/"):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    if tz_variable and system_timezone_problem(tz_variable):
        return timezone.utc  # what the C library makes of an unknown TZ; said once by the caller
    from dateutil import tz as dateutil_tz

    return dateutil_tz.tzlocal()


def system_timezone_problem(tz_variable: str | None) -> str | None:
    """What is wrong with $TZ when it names no timezone the system knows
    (times are then shown in UTC), for the caller to say once; else None."""
    if not tz_variable:
        return None
    name = tz_variable.removeprefix(":")
    if name.startswith("/"):
        return None if os.path.isfile(name) else f"TZ={tz_variable!r} names no timezone file; times are in UTC"
    try:
        ZoneInfo(name)
        return None
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
    if re.match(r"^[A-Za-z]{3,}[-+]?\d", name):  # a POSIX rule such as CET-1CEST: the C library reads it
        return None
    return (f"TZ={tz_variable!r} is not a timezone name (such as Europe/Paris); times are in UTC. "
            "Set timezone in the config file or fix TZ")


def format_instant(value: datetime) -> str:
    return value.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def parse_instant_iso(text: str) -> datetime:
    """Parse a stored instant (ISO 8601 with offset) to UTC."""
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError(f"instant without timezone: {text!r}")
    return value.astimezone(timezone.utc)


def _clock_time(match: re.Match) -> tuple[int, int] | None:
    hour, minute, ampm = int(match.group("h")), int(match.group("m") or 0), match.group("ampm")
    if ampm is None and match.group("m") is None:
        return None  # "tomorrow 9": nine in the morning or a typo? refuse
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.lower() == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return hour, minute


def _day_from_words(match: re.Match, now: arrow.Arrow) -> arrow.Arrow:
    """The local day (midnight) a day word names, relative to `now`."""
    day = match.group("day").lower()
    today = now.floor("day")
    if day == "today":
        return today
    if day == "tomorrow":
        return today.shift(days=1)
    if day == "yesterday":
        return today.shift(days=-1)
    weekday = next(i for i, name in enumerate(WEEKDAYS) if name.startswith(match.group("wd").lower()[:3]))
    rel = (match.group("rel") or "").lower()
    if rel == "last":
        return today.shift(days=-7).shift(weekday=weekday)  # 1 to 7 days back
    if rel == "this":
        return today.shift(weekday=weekday)  # today when it is that day
    return today.shift(days=1).shift(weekday=weekday)  # "friday" / "next friday": the coming one


def _natural_when(raw: str, tz: tzinfo, now: datetime) -> datetime | None:
    import arrow

    local_now = arrow.get(now).to(tz)
    relative = _matcher(_RELATIVE_RE)(raw)
    if relative:
        return _shifted(relative, local_now).to("UTC").datetime
    match = _matcher(_DAY_TIME_RE)(raw)
    if match:
        clock = _clock_time(match)
        if clock is None:
            return None
        day = _day_from_words(match, local_now)
        return day.replace(hour=clock[0], minute=clock[1]).to("UTC").datetime
    return None


def parse_when(text: str, tz: tzinfo, field: str = "time", now: datetime | None = None) -> datetime:
    """Parse user input in one of ACCEPTED_WHEN_FORMS to an aware UTC datetime;
    with `now`, also the ACCEPTED_NATURAL_WHEN_FORMS (read with arrow).

    A bare date means the start of that day in the user's timezone. A local
    time the clocks skip is refused with the time it likely meant; a time in
    the app's date range (date_range.py) or nothing.
    """
    value = _parse_when(text, tz, field, now)
    check_in_range(value, field)
    return value


def _local(day: date, hour: int, minute: int, second: int, tz: tzinfo, field: str) -> datetime:
    """A wall-clock time in `tz` as UTC; one the clocks skip (a DST gap) is refused."""
    value = datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz)
    utc = value.astimezone(timezone.utc)
    if utc.astimezone(tz).replace(tzinfo=None) != value.replace(tzinfo=None):
        moved = utc.astimezone(tz)
        raise ValidationError(field, f"{value:%H:%M} does not exist on {day.day} {value:%B} in {zone_name(tz)} "
                                     f"(the clocks go forward); {moved:%H:%M}?")
    return utc


def repeated_time_note(value: datetime, tz: tzinfo) -> str | None:
    """When the wall-clock time of `value` occurs twice in `tz` (the clocks go
    back), which of the two it is and how to write the other; else None."""
    local = value.astimezone(tz)
    naive = local.replace(tzinfo=None)
    first, second = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    which, other = (first, second) if local.utcoffset() == first.utcoffset() else (second, first)
    order = "first" if which is first else "second"
    return (f"{local:%H:%M} occurs twice on {local.day} {local:%B} in {zone_name(tz)}; took the {order} "
            f"({which:%z}); for the other write {other.isoformat(timespec='minutes')}")


def zone_name(tz: tzinfo) -> str:
    return getattr(tz, "key", None) or str(tz)


def _parse_when(text: str, tz: tzinfo, field: str, now: datetime | None) -> datetime:
    raw = " ".join(text.split())
    if now is not None:
        natural = _natural_when(raw, tz, now)
        if natural is not None:
            return natural
    try:
        if _matcher(_DATE_RE)(raw):
            day = date.fromisoformat(raw)
            check_in_range(day, field)
            return datetime(day.year, day.month, day.day, tzinfo=tz).astimezone(timezone.utc)
        local = _matcher(_LOCAL_RE)(raw)
        if local:
            day = date.fromisoformat(local.group(1))
            check_in_range(day, field)
            return _local(day, int(local.group(2)), int(local.group(3)), int(local.group(4) or 0), tz, field)
        if _matcher(_ISO_OFFSET_RE)(raw):
            check_in_range(date.fromisoformat(raw[:10]), field)
            return parse_instant_iso(raw)
    except ValidationError:
        raise
    except (ValueError, OverflowError):
        pass
    forms = ACCEPTED_WHEN_FORMS
    if now is not None:
        forms = f"{ACCEPTED_WHEN_FORMS}; or {ACCEPTED_NATURAL_WHEN_FORMS}"
        if _matcher(_DAY_RE)(raw):
            raise ValidationError(field, f"{text!r} needs a time of day, e.g. '{raw} 9:30'; use {forms}")
    raise ValidationError(field, f"cannot read {text!r} as a time; use {forms}")


def parse_date(text: str, field: str = "date") -> date:
    raw = text.strip()
    if _matcher(_DATE_RE)(raw):
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            pass
        else:
            check_in_range(day, field)
            return day
    raise ValidationError(field, f"cannot read {text!r} as a date; use {ACCEPTED_DATE_FORMS}")


def parse_day(text: str, now: datetime, tz: tzinfo, field: str = "date") -> date:
    """A calendar date: YYYY-MM-DD, or a day as people say it ("yesterday",
    "last friday", "3 days ago"), counted in the user's timezone."""
    import arrow

    raw = " ".join(text.split())
    local_now = arrow.get(now).to(tz)
    match = _matcher(_DAY_RE)(raw)
    if match:
        day = _day_from_words(match, local_now).date()
        check_in_range(day, field)
        return day
    relative = _matcher(_RELATIVE_RE)(raw)
    if relative and re.search(r"days?|weeks?", raw, re.IGNORECASE):
        day = _shifted(relative, local_now).date()
        check_in_range(day, field)
        return day
    if _matcher(_DATE_RE)(raw):
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            pass  # not a real date: the message below lists every form
        else:
            check_in_range(day, field)
            return day
    try:
        return parse_date(raw, field)
    except ValidationError:
        raise ValidationError(
            field, f"cannot read {text!r} as a date; use {ACCEPTED_DATE_FORMS} or {ACCEPTED_NATURAL_DATE_FORMS}"
        ) from None


def absolute_text(value: datetime, tz: tzinfo) -> str:
    """What a typed time resolved to, unambiguous: `Fri 2026-11-27 10:00`."""
    import arrow

    return arrow.get(value).to(tz).format("ddd YYYY-MM-DD HH:mm")


def local_text(value: datetime, tz: tzinfo) -> str:
    """`YYYY-MM-DD HH:MM` in the user's timezone: the form users type back in."""
    return value.astimezone(tz).strftime("%Y-%m-%d %H:%M")
