"""Business-day arithmetic on the user's calendar.

Days are counted on the local date in the user's timezone (Saturday, Sunday
and, when a `country` is given, that country's public holidays from the
`holidays` package skipped) and the local time of day is kept, so "7 business days after
a 15:00 interview" is 15:00 local on that day even across a DST change.
Results are aware UTC datetimes.
"""

from __future__ import annotations

from collections.abc import Container
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache

SATURDAY = 5  # date.weekday(): Monday is 0

# A plain date (such as `decision_by`) has no time of day; actions anchored on
# one fall due at the start of that local working day.
WORKDAY_START = time(9, 0)


def supported_country(country: str) -> bool:
    """'US', 'de', or with a subdivision 'US-CA', 'DE-BY'."""
    try:
        public_holidays(country)
    except ValueError:
        return False
    return True


# Holidays of a country for some years, known without loading the holidays
# package: the app keeps them between runs (settings/holiday_cache.py), so that the
# TUI's first paint does not wait ~70 ms for the package and the country's rules.
_PRIMED: dict[str, dict[int, frozenset[date]]] = {}


def prime_public_holidays(country: str, by_year: dict[int, frozenset[date]]) -> None:
    """Answer for `country`'s holidays in the years of `by_year` from it (as
    the package answered when they were kept); any other year still asks the
    package. Only for a country the package knows (it is then taken as known)."""
    _PRIMED[_code(country)] = dict(by_year)
    public_holidays.cache_clear()
    add_business_dates.cache_clear()


def _code(country: str) -> str:
    return country.strip().upper()


class _PrimedHolidays:
    """A country's holidays: the kept years from memory, the others from the package."""

    def __init__(self, code: str, by_year: dict[int, frozenset[date]]) -> None:
        self._code = code
        self._by_year = by_year

    def __contains__(self, day: object) -> bool:
        kept = self._by_year.get(day.year) if isinstance(day, date) else None
        if kept is not None:
            return day in kept
        return day in package_holidays(self._code)


@lru_cache(maxsize=8)
def public_holidays(country: str) -> Container[date]:
    """The public holidays of `country` ('' for none), filled lazily year by
    year. ValueError for a country or subdivision the package does not know."""
    code = _code(country)
    if not code:
        return frozenset()
    if code in _PRIMED:
        return _PrimedHolidays(code, _PRIMED[code])
    return package_holidays(country)


@lru_cache(maxsize=8)
def package_holidays(country: str) -> Container[date]:
    """The holidays package's calendar of `country` (loaded on first use).
    ValueError for a country or subdivision the package does not know."""
    code = _code(country)
    import holidays  # local: loading its country tables costs time no other command needs

    name, _, subdivision = code.partition("-")
    try:
        return holidays.country_holidays(name, subdiv=subdivision or None)
    except NotImplementedError:
        raise ValueError(f"{country!r} is not a country code the holidays package knows (e.g. US, GB, DE-BY)") from None


def is_business_day(day: date, country: str = "") -> bool:
    return day.weekday() < SATURDAY and day not in public_holidays(country)


# Kept: `due` over 10,000 applications asks for the same few hundred (day,
# days) pairs again and again (cleared with the holidays, see prime_public_holidays).
@lru_cache(maxsize=4096)
def add_business_dates(day: date, days: int, country: str = "") -> date:
    """The date `days` business days after `day` (a weekend or holiday start
    counts from the next business day: Saturday + 1 is Monday)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = day
    if not country:
        # Weekends only: from a weekend, count as from the Friday before
        # (both reach Monday first); whole weeks of 5 are 7 calendar days.
        current = day - timedelta(days=max(0, day.weekday() - 4)) if days else day
        weeks, days = divmod(days, 5)
        current += timedelta(weeks=weeks)
    while days:
        current += timedelta(days=1)
        if is_business_day(current, country):
            days -= 1
    return current


def local_instant(day: date, at: time, tz: tzinfo) -> datetime:
    """`day` at the wall-clock time `at` in `tz`, as UTC.

    A time that falls in a DST gap moves forward by the gap (02:30 on a
    spring-forward night in Paris is 03:30 CEST); an ambiguous time takes the
    first occurrence (fold=0), the usual reading of a wall clock.
    """
    wall = datetime.combine(day, at.replace(tzinfo=None), tzinfo=tz)
    return wall.astimezone(timezone.utc)


def add_business_days(start: datetime, days: int, tz: tzinfo, country: str = "") -> datetime:
    """`days` business days after the instant `start`, at the same local time."""
    local = start.astimezone(tz)
    target = add_business_dates(local.date(), days, country)
    return local_instant(target, local.time(), tz)


def business_days_after_date(
    day: date, days: int, tz: tzinfo, at: time = WORKDAY_START, country: str = ""
) -> datetime:
    """`days` business days after the plain date `day`, at `at` local time."""
    return local_instant(add_business_dates(day, days, country), at, tz)
