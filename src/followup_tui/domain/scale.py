"""How many applications the app is built for, and where it stops.

Built for BUILT_FOR (every screen and command is measured there: see
BENCHMARKS.md); it keeps working up to MAX_APPLICATIONS, and an import that
would go beyond is refused before it reads everything (the reading stops at
the first row too many), so that neither memory nor the data file grows
without bound (a 1.2 million row CSV once took 6.9 GB of RAM and left a
728 MB file on which every command took 30 s).
"""

from __future__ import annotations

BUILT_FOR = 10_000
MAX_APPLICATIONS = 20_000


def beyond_scale(total: int) -> str:
    """Why an import that would bring the file to `total` applications is refused."""
    return (f"that would make {total:,} applications; followup is built for {BUILT_FOR:,} and keeps at most "
            f"{MAX_APPLICATIONS:,} (see the README, Scale)")


def too_many_rows(rows: int) -> str:
    return (f"more than {rows:,} rows; followup is built for {BUILT_FOR:,} applications and keeps at most "
            f"{MAX_APPLICATIONS:,} (see the README, Scale)")
