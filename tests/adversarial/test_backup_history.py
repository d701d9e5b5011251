"""Backups that outlive a bad afternoon (store/backups.py): after a long run
of deletes, or imports, the state before the first can still be restored; a
clock moved years ahead prunes nothing and, moved back, stamps nothing in the
future; `followup backups` reads each copy's validity from its content.
Before: the 5 newest and the dailies only, so the run pushed the earlier
state out; one import at 2036 deleted 10 of 15 backups."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from click.testing import CliRunner

from followup_tui.cli import main
from followup_tui.domain.model import Application
from followup_tui.store.tinydb_store import TinyDBRepository

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def held(backup) -> list[str]:
    return sorted(r["company"] for r in json.loads(backup.path.read_text())["applications"].values())


def followup(db, *args, now: datetime):
    env = {"FOLLOWUP_NOW": now.isoformat().replace("+00:00", "Z")}
    result = CliRunner().invoke(main, ["--db", str(db), *args], env=env)
    assert result.exit_code == 0, result.output
    return result


def test_the_state_before_a_day_of_100_deletes_can_be_restored(db_file):
    clock = Clock()
    repo = TinyDBRepository.open(db_file, clock)
    repo.add_many([Application(company=f"Before {n:03}") for n in range(20)])  # imported the day before
    repo.rotate_backups()
    clock.now += timedelta(days=1)
    for n in range(100):  # added today, one at a time
        repo.add(Application(company=f"Today {n:03}"))
        clock.now += timedelta(seconds=30)
    state_before = sorted(a.company for a in repo.list())
    for app_id in range(21, 121):  # then 100 deletes, each backed up first, as `followup delete` does
        repo.rotate_backups()
        repo.delete(app_id)
        clock.now += timedelta(minutes=4)
    kept = repo.list_backups()
    assert any(held(b) == state_before for b in kept), [b.applications for b in kept]
    assert len(kept) <= 120


def test_an_afternoon_of_imports_keeps_the_state_before_the_first(tmp_path, db_file):
    clock = Clock()
    repo = TinyDBRepository.open(db_file, clock)
    repo.add_many([Application(company="Kept")])
    state_before = sorted(a.company for a in repo.list())
    for n in range(30):  # a script importing every minute
        repo.rotate_backups()
        repo.add_many([Application(company=f"Import {n}")])
        clock.now += timedelta(minutes=1)
    assert any(held(b) == state_before for b in repo.list_backups())


def test_a_clock_years_ahead_prunes_nothing_and_back_stamps_nothing_in_the_future(db_file):
    clock = Clock()
    repo = TinyDBRepository.open(db_file, clock)
    for n in range(15):  # history over six weeks
        repo.add(Application(company=f"C{n}"))
        repo.rotate_backups()
        clock.now += timedelta(days=3)
    before = {b.path for b in repo.list_backups()}
    weeks = {b.taken.isocalendar()[:2] for b in repo.list_backups()}
    real_now = clock.now
    clock.now = datetime(2036, 1, 1, tzinfo=timezone.utc)  # an import with the clock at 2036
    repo.add(Application(company="At 2036"))
    repo.rotate_backups()
    assert before <= {b.path for b in repo.list_backups()}  # nothing pruned
    clock.now = real_now  # the clock put right
    for n in range(10):
        repo.add(Application(company=f"After {n}"))
        repo.rotate_backups()
        clock.now += timedelta(hours=2)
    found = repo.list_backups()
    assert weeks <= {b.taken.isocalendar()[:2] for b in found}  # thinned as time passes, every week still there
    assert found[0].applications == 26 and found[0].taken < datetime(2030, 1, 1, tzinfo=timezone.utc)
    assert found[-1].taken.year == 2036  # kept, listed last
    assert sum(b.taken > real_now for b in found if b.taken.year < 2030) >= 9  # history grows again, hourly


def test_backups_flags_the_future_and_reads_damage_from_the_content(tmp_path, db_file):
    followup(db_file, "add", "--company", "Acme", now=T0)
    followup(db_file, "delete", "1", now=datetime(2036, 1, 1, tzinfo=timezone.utc))
    followup(db_file, "add", "--company", "Beta", now=T0 + timedelta(hours=1))
    followup(db_file, "add", "--company", "Gamma", now=T0 + timedelta(hours=2))
    followup(db_file, "delete", "3", now=T0 + timedelta(hours=3))
    listed = json.loads(followup(db_file, "backups", "--json", now=T0 + timedelta(hours=3)).output)
    assert [b["from_future"] for b in listed] == [False, True]
    assert listed[0]["applications"] == 2 and listed[0]["taken"].startswith("2026")
    damaged = listed[0]["file"]
    with open(damaged, "r+b") as handle:  # a copy cut short (a full disk, a bad sync)
        handle.truncate(40)
    listed = json.loads(followup(db_file, "backups", "--json", now=T0 + timedelta(hours=3)).output)
    assert listed[0]["intact"] is False and listed[0]["applications"] is None
    text = followup(db_file, "backups", now=T0 + timedelta(hours=3)).output.splitlines()
    assert "damaged" in text[1] and "future" in text[2]
