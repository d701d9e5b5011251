"""Backups that keep history.

A backup is a private (0600) copy of the data file in a private (0700) folder
beside it, `followup.json.backups/`, named by the time it was taken, the number
of applications it holds and a digest of its content:

    followup-20261126T020000123456Z-n42-1f2e3d4c5b6a.json

A copy is made only when the content differs from the newest backup, and only
of a file that validated as a whole (the caller checks; see TinyDBRepository).
Older copies are thinned by age (`keep`): the newest few, then one a day for a
week, then one a week for eight weeks; and, so that a run of deletes or
imports never pushes out the state from before it, the first copy of each
day and of each hour for the last days (a backup is taken before every
destructive command: the first of a run is the state before the run).

A clock is not trusted blindly. A copy stamped more than FUTURE_TOLERANCE
after now (made while the clock was wrong, or copied in) is never pruned,
never prunes others and is listed last, flagged. Ages are counted from now,
and a copy made more than a day after the one before it leaves the others as
they were kept then: a clock that jumps years ahead (or a return after months
away) prunes nothing at once; the last copy before such a gap is kept after.
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
HOURS_KEPT = 48  # the first copy of each hour, for two days
MAX_KEPT = 120  # ~5 + 2 a day for a week + 48 hours + 8 weeks, with room; the oldest go first
FUTURE_TOLERANCE = timedelta(minutes=10)  # clocks of two machines sharing a folder differ a little

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


def list_backups(data_path: Path, now: datetime | None = None) -> list[Backup]:
    """The backups of `data_path`, newest first; with `now`, those stamped in
    the future (beyond FUTURE_TOLERANCE) last (files of other names ignored)."""
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
    found.sort(key=lambda b: b.taken, reverse=True)
    if now is None:
        return found
    return [b for b in found if not from_future(b, now)] + [b for b in found if from_future(b, now)]


def from_future(backup: Backup, now: datetime) -> bool:
    return backup.taken > now + FUTURE_TOLERANCE


def intact(backup: Backup) -> bool:
    """Whether the copy holds what was written (a file checked as a whole
    when it was copied): its content's digest is still the one in its name.
    A truncated or altered copy is not, whatever its name says."""
    sha = hashlib.sha256()
    try:
        with open(backup.path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                sha.update(chunk)
    except OSError:
        return False
    return sha.hexdigest()[:12] == backup.digest


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
    now = now.astimezone(timezone.utc)
    existing = list_backups(data_path, now)
    present = [b for b in existing if not from_future(b, now)]
    if isinstance(raw, bytes):
        digest = digest_of(raw)
    assert digest is not None, "a streamed backup needs its digest"
    if present and present[0].digest == digest:
        return None
    folder = folder_for(data_path)
    make_private_folder(folder)
    taken = now
    if present and taken <= present[0].taken:  # a clock set back a little: keep the order by time
        taken = present[0].taken + timedelta(microseconds=1)
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
    """Which backups to keep (newest first): every one from the future; of
    the others the newest few, the newest and the first of each calendar day
    (UTC) of the last DAYS_KEPT days, the first of each hour of the last
    HOURS_KEPT hours, the newest of each ISO week of the last WEEKS_KEPT
    weeks; at most MAX_KEPT. Calendar buckets, not ages, so a kept copy stays
    kept as it ages into the next bucket."""
    future = [b for b in backups if from_future(b, now)]
    ordered = sorted((b for b in backups if not from_future(b, now)), key=lambda b: b.taken, reverse=True)
    if len(ordered) > 1 and ordered[0].taken - ordered[1].taken > timedelta(days=1):
        # a clock that jumped ahead (or months away): the others stay as they were kept at the last copy
        return [*sorted(future, key=lambda b: b.taken, reverse=True), ordered[0],
                *keep(ordered[1:], ordered[1].taken)][:MAX_KEPT + len(future)]
    kept: dict[Path, Backup] = {b.path: b for b in ordered[:NEWEST_KEPT]}
    today = now.date()
    newest_of: dict[object, Backup] = {}
    first_of: dict[object, Backup] = {}
    for backup in ordered:  # newest first: the first seen of a bucket is its newest, the last its first
        day = backup.taken.date()
        age_days = (today - day).days
        if age_days < DAYS_KEPT:
            newest_of.setdefault(day, backup)
            first_of[day] = backup
            if now - backup.taken < timedelta(hours=HOURS_KEPT):
                first_of[backup.taken.replace(minute=0, second=0, microsecond=0)] = backup
        elif age_days < 7 * WEEKS_KEPT:
            newest_of.setdefault(day.isocalendar()[:2], backup)
    for backup in [*newest_of.values(), *first_of.values(), *_before_gaps(ordered)]:
        kept[backup.path] = backup
    chosen = sorted(kept.values(), key=lambda b: b.taken, reverse=True)[:MAX_KEPT]
    return sorted(future, key=lambda b: b.taken, reverse=True) + chosen


def _before_gaps(ordered: list[Backup]) -> list[Backup]:
    """The last copy before each gap longer than the weeks kept: the state
    before a clock jumped ahead (and stayed there), or before months away."""
    gap = timedelta(weeks=WEEKS_KEPT)
    return [older for newer, older in zip(ordered, ordered[1:]) if newer.taken - older.taken > gap]


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
