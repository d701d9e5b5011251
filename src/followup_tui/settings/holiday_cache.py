"""The public holidays of the user's country, kept between runs.

With a `country` setting, checking the config and computing the board's due
dates need that country's holidays, and the holidays package takes ~70 ms of
CPU to load with the country's rules: more than everything else the TUI
does before its first paint. So, once the board is painted (in the start-up
thread), the holidays of a span of years around today are written to a small
file in the user's cache folder; the next start reads them from it and hands
them to the domain (`business_days.prime_public_holidays`), which answers
from them for those years and asks the package for any other.

The file is used only for the same country and the very same holidays
package (its `__init__.py`'s path, size and modification time, found without
importing it): a new version of the package, with corrected holidays, is
loaded and the file written again. A missing, damaged or stale file is simply
not used. It holds no user data.
"""

from __future__ import annotations

import os
from datetime import date
from importlib.machinery import PathFinder
from pathlib import Path

import orjson

from ..domain.business_days import package_holidays, prime_public_holidays
from .paths import cache_dir

FORMAT = 1
YEARS_BEFORE, YEARS_AFTER = 5, 2  # a round five years ago still gets its follow-up dates from the file


def cache_path() -> Path:
    return cache_dir() / "holidays.json"


def _package_stamp() -> list | None:
    """What tells this holidays package from any other install of it."""
    spec = PathFinder.find_spec("holidays")  # found, not imported
    if spec is None or not spec.origin:
        return None
    try:
        st = os.stat(spec.origin)
    except OSError:
        return None
    return [spec.origin, st.st_size, st.st_mtime_ns]


def _code(country: str) -> str:
    return country.strip().upper()


def use_kept_holidays(country: str) -> bool:
    """Prime the domain with the kept holidays of `country`; True when the
    file held them (for this country and this holidays package)."""
    if not _code(country):
        return False
    try:
        data = orjson.loads(cache_path().read_bytes())
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("country") != _code(country):
            return False
        if data.get("package") != _package_stamp():
            return False
        by_year = {int(year): frozenset(map(date.fromisoformat, days)) for year, days in data["years"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return False
    prime_public_holidays(country, by_year)
    return True


def keep_holidays(country: str, today: date) -> None:
    """Write the holidays of `country` for the years around `today`, unless
    the file already holds them for this package (best effort: a cache that
    cannot be written, or a package that fails, is no reason to bother the
    user or to stop the start-up work). Loads the package."""
    try:
        _keep(country, today)
    except Exception:  # noqa: BLE001  (a cache; the next start simply loads the package)
        pass


def _keep(country: str, today: date) -> None:
    code = _code(country)
    if not code:
        return
    stamp = _package_stamp()
    try:
        data = orjson.loads(cache_path().read_bytes())
        years = {int(year) for year in data["years"]}
        if (data.get("format"), data.get("country"), data.get("package")) == (FORMAT, code, stamp) and all(
            year in years for year in range(today.year - YEARS_BEFORE, today.year + YEARS_AFTER + 1)
        ):
            return
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        pass
    try:
        calendar = package_holidays(code)
    except ValueError:
        return  # not a country the package knows: the config check says so
    years = {}
    for year in range(today.year - YEARS_BEFORE, today.year + YEARS_AFTER + 1):
        day, end = date(year, 1, 1), date(year, 12, 31)
        days = []
        while day <= end:
            if day in calendar:
                days.append(day.isoformat())
            day = date.fromordinal(day.toordinal() + 1)
        years[str(year)] = days
    payload = orjson.dumps({"format": FORMAT, "country": code, "package": stamp, "years": years})
    path = cache_path()
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(payload)
        os.replace(temp, path)
    except OSError:
        try:
            temp.unlink()
        except OSError:
            pass
