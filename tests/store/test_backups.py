"""Backups keep history: a copy only when the content changed, thinned by age,
private and atomic, never of a bad file; restore brings one back (issue 14 item 2)."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from followup_tui.domain.errors import StoreError
from followup_tui.domain.model import Application
from followup_tui.store import backups
from followup_tui.store.tinydb_store import TinyDBRepository

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def companies(path: Path) -> list[str]:
    return sorted(r["company"] for r in json.loads(path.read_text())["applications"].values())


def test_a_copy_only_when_the_content_changed(db_file):
    clock = Clock()
    repo = TinyDBRepository.open(db_file, clock)
    repo.add(Application(company="Acme"))
    first = repo.rotate_backups()
    assert first is not None and companies(first) == ["Acme"]
    for _ in range(3):  # three starts without a change: no new copy
        clock.now += timedelta(hours=1)
        assert repo.rotate_backups() is None
    repo.add(Application(company="Beta"))
    second = repo.rotate_backups()
    assert [b.path for b in repo.list_backups()] == [second, first]
    assert [b.applications for b in repo.list_backups()] == [2, 1]


def test_deleting_everything_then_starting_three_times_keeps_the_data(db_file):
    clock = Clock()
    repo = TinyDBRepository.open(db_file, clock)
    repo.add_many([Application(company="Acme"), Application(company="Beta")])
    repo.rotate_backups()
    for app in repo.list():
        repo.delete(app.id)
    for _ in range(3):
        clock.now += timedelta(minutes=5)
        repo.rotate_backups()
    held = [b.applications for b in repo.list_backups()]
    assert held == [0, 2]
    assert companies(repo.list_backups()[-1].path) == ["Acme", "Beta"]


def test_generations_are_kept_by_age_and_bounded(db_file):
    clock = Clock()
    repo = TinyDBRepository.open(db_file, clock)
    for n in range(120):  # a change every 12 hours for 60 days
        repo.add(Application(company=f"C{n}"))
        repo.rotate_backups()
        clock.now += timedelta(hours=12)
    found = repo.list_backups()
    assert len(found) <= backups.MAX_KEPT
    ages = [(clock.now - b.taken).days for b in found]
    assert found[0].applications == 120  # the newest is always there
    assert len({a for a in ages if a < backups.DAYS_KEPT}) >= backups.DAYS_KEPT - 1  # one a day for a week
    assert max(ages) >= 50  # and weekly ones going back weeks
    assert len({a // 7 for a in ages if a >= backups.DAYS_KEPT}) >= 6


def test_backups_are_private_and_leave_no_partial_files(db_file):
    repo = TinyDBRepository.open(db_file)
    repo.add(Application(company="Acme"))
    made = repo.rotate_backups()
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
    assert [p.name for p in made.parent.iterdir()] == [made.name]


def test_a_loose_backups_folder_is_tightened(db_file):
    repo = TinyDBRepository.open(db_file)
    repo.add(Application(company="Acme"))
    folder = backups.folder_for(db_file)
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    repo.rotate_backups()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_never_a_backup_of_a_file_that_fails_validation(db_file):
    repo = TinyDBRepository.open(db_file)
    repo.add(Application(company="Acme"))
    repo.rotate_backups()
    good = [b.path for b in repo.list_backups()]
    record = json.loads(db_file.read_text())
    record["applications"]["1"]["stage"] = "limbo"
    db_file.write_text(json.dumps(record))
    with pytest.raises(StoreError, match="application 1"):
        repo.rotate_backups()
    assert [b.path for b in repo.list_backups()] == good


FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from followup_tui.domain.errors import StoreError
from followup_tui.domain.model import Application
from followup_tui.store.tinydb_store import TinyDBRepository

repo = TinyDBRepository.open(Path(sys.argv[1]))
repo.add(Application(company="Acme", notes="x" * 50_000))
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (1000, resource.RLIM_INFINITY))  # writes past 1 kB fail
try:
    repo.rotate_backups()
except StoreError as exc:
    print(exc)
"""


def test_a_backup_that_cannot_be_written_is_a_store_error_and_leaves_nothing(db_file):
    done = subprocess.run([sys.executable, "-B", "-c", FULL_DISK, str(db_file)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "could not write a backup" in done.stdout
    folder = backups.folder_for(db_file)
    assert list(folder.iterdir()) == []  # no .partial left behind


def test_restore_brings_a_backup_back_after_backing_up_the_current_file(db_file):
    clock = Clock()
    repo = TinyDBRepository.open(db_file, clock)
    repo.add(Application(company="Acme"))
    old = repo.rotate_backups()
    repo.delete(1)
    repo.add(Application(company="Zeta"))
    clock.now += timedelta(minutes=1)
    kept, count = repo.restore(old)
    assert count == 1 and companies(db_file) == ["Acme"]
    assert kept is not None and companies(kept) == ["Zeta"]
    assert repo.list()[0].company == "Acme"


def test_restore_over_a_damaged_file_keeps_it_aside(db_file):
    repo = TinyDBRepository.open(db_file)
    repo.add(Application(company="Acme"))
    good = repo.rotate_backups()
    db_file.write_text("{ broken")
    kept, _count = TinyDBRepository(db_file).restore(good)
    assert kept.read_text() == "{ broken" and "damaged" in kept.name
    assert kept not in [b.path for b in repo.list_backups()]
    assert companies(db_file) == ["Acme"]


def test_restore_refuses_a_bad_backup(db_file, tmp_path):
    repo = TinyDBRepository.open(db_file)
    repo.add(Application(company="Acme"))
    before = db_file.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text('{"_meta": {"1": {"schema": 1}}, "applications": {"1": {"company": null}}}')
    with pytest.raises(StoreError, match="bad.json: application 1"):
        repo.restore(bad)
    assert db_file.read_bytes() == before
