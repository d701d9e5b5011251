"""Backups that keep history.

A backup is a private (0600) copy of the data file in a private (0700) folder
beside it, `followup.json.backups/`, named by the time it was taken, the number
of applications it holds and a digest of its content:

    followup-20261126T020000123456Z-n42-1f2e3d4c5b6a.json

A copy is made only when the content differs from the newest backup, and only
of a file that validated as a whole (the caller checks; see TinyDBRepository).
Older copies are thinned by age (`keep`): the newest few, then one a day for a
week, then one a week for eight weeks; never more than MAX_KEPT.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..domain.errors import StoreError
from .atomic_file import DIR_MODE, write_atomic

FOLDER_SUFFIX = ".backups"
NEWEST_KEPT = 5
DAYS_KEPT = 7
WEEKS_KEPT = 8
MAX_KEPT = 25

_STAMP = "%Y%m%dT%H%M%S%fZ"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{12}Z)-n(?P<count>\d{1,9})-(?P<digest>[0-9a-f]{12})\.json$")
_TEMP_PREFIX = ".partial-"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime
    applications: int
    digest: str


def folder_for(data_path: Path) -> Path:
    return data_path.with_name(data_path.name + FOLDER_SUFFIX)


def digest_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:12]


def list_backups(data_path: Path) -> list[Backup]:
    """The backups of `data_path`, newest first (files of other names ignored)."""
    folder = folder_for(data_path)
    found = []
    try:
        entries = list(folder.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        raise StoreError(f"{folder}: cannot read the backups ({exc.strerror})") from None
    for entry in entries:
        match = _NAME.match(entry.name)
        if not match or match["stem"] != data_path.stem or not entry.is_file():
            continue
        taken = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=timezone.utc)
        found.append(Backup(entry, taken, int(match["count"]), match["digest"]))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def save_backup(
    data_path: Path,
    raw: bytes | Callable[[], Iterable[bytes]],
    applications: int,
    now: datetime,
    digest: str | None = None,
) -> Backup | None:
    """Keep `raw` (the validated content of `data_path`: its bytes, or a
    function streaming them in chunks, with their `digest`) unless the newest
    backup holds the same; thin out old ones. Raises OSError when the copy
    cannot be written (nothing half-written is left behind)."""
    existing = list_backups(data_path)
    if isinstance(raw, bytes):
        digest = digest_of(raw)
    assert digest is not None, "a streamed backup needs its digest"
    if existing and existing[0].digest == digest:
        return None
    folder = folder_for(data_path)
    make_private_folder(folder)
    taken = now.astimezone(timezone.utc)
    if existing and taken <= existing[0].taken:  # a clock set back: keep the order by time
        taken = existing[0].taken + timedelta(microseconds=1)
    target = folder / f"{data_path.stem}-{taken.strftime(_STAMP)}-n{applications}-{digest}.json"
    write_private(target, raw if isinstance(raw, bytes) else raw())
    made = Backup(target, taken, applications, digest)
    prune([made, *existing], taken)
    return made


def keep_damaged(data_path: Path, raw: bytes, now: datetime) -> Path:
    """A copy of a file that does not validate, kept aside (never counted as a backup)."""
    folder = folder_for(data_path)
    make_private_folder(folder)
    target = folder / f"{data_path.stem}-damaged-{now.astimezone(timezone.utc).strftime(_STAMP)}.json"
    write_private(target, raw)
    return target


def make_private_folder(folder: Path) -> None:
    folder.mkdir(mode=DIR_MODE, exist_ok=True)
    if folder.stat().st_mode & 0o777 != DIR_MODE:
        os.chmod(folder, DIR_MODE)


def write_private(target: Path, raw: bytes | Iterable[bytes]) -> None:
    """Atomic 0600 write, with a temp name the backups folder's clean-up knows."""
    write_atomic(target, raw, prefix=_TEMP_PREFIX)


def keep(backups: list[Backup], now: datetime) -> list[Backup]:
    """Which backups to keep (newest first): the newest few, the newest of each
    calendar day (UTC) of the last DAYS_KEPT days and of each ISO week of the
    last WEEKS_KEPT weeks; at most MAX_KEPT. Calendar buckets, not ages, so a
    kept copy stays kept as it ages into the next bucket."""
    ordered = sorted(backups, key=lambda b: b.taken, reverse=True)
    kept: dict[Path, Backup] = {b.path: b for b in ordered[:NEWEST_KEPT]}
    today = now.date()
    days: set[object] = set()
    weeks: set[object] = set()
    for backup in ordered:  # newest first: the first seen of a bucket is its newest
        day = backup.taken.date()
        if (today - day).days < DAYS_KEPT:
            if day not in days:
                days.add(day)
                kept[backup.path] = backup
        elif (today - day).days < 7 * WEEKS_KEPT:
            week = day.isocalendar()[:2]
            if week not in weeks:
                weeks.add(week)
                kept[backup.path] = backup
    return sorted(kept.values(), key=lambda b: b.taken, reverse=True)[:MAX_KEPT]


def prune(backups: list[Backup], now: datetime) -> list[Path]:
    kept = {b.path for b in keep(backups, now)}
    removed = []
    for backup in backups:
        if backup.path not in kept:
            try:
                backup.path.unlink()
                removed.append(backup.path)
            except FileNotFoundError:
                pass
    return removed


def remove_partials(data_path: Path) -> None:
    """Temp files a crashed backup left behind (call with the store's lock held)."""
    for leftover in folder_for(data_path).glob(_TEMP_PREFIX + "*"):
        try:
            leftover.unlink()
        except FileNotFoundError:
            pass
