"""The store keeps nothing of the data file between sessions: each session
reads it under the lock, hands TinyDB its tables (records parsed only when
used), writes the whole document back atomically and lets the bytes go; a
change made meanwhile by a program that does not take the lock is never
saved over (store/tinydb_store.py, store/locked_file.py, store/data_file.py)."""

from __future__ import annotations

import gc
import json
import os
import sys
from datetime import datetime
from pathlib import Path

import pytest
from store_samples import T0, some_applications

from followup_tui.domain.errors import StoreError
from followup_tui.store import locked_file
from followup_tui.store.tinydb_store import TinyDBRepository


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Every whole-file buffer the repository reads, in order."""
    seen: list[bytes] = []
    original = locked_file.read_bytes

    def read_bytes(path: Path) -> bytes:
        raw = original(path)
        seen.append(raw)
        return raw

    monkeypatch.setattr(locked_file, "read_bytes", read_bytes)
    return seen


def held_elsewhere(buffers: list[bytes]) -> list[int]:
    """How many references to each buffer exist beyond the list itself."""
    gc.collect()
    return [sys.getrefcount(raw) - 3 for raw in buffers]  # the list's, `raw`, getrefcount's argument


def test_no_copy_of_the_files_bytes_outlives_the_read_that_made_it(db_file, reads):
    """As the TUI uses it: open without reading, verify, load everything,
    then sessions that read and save. Every whole-file buffer read on the
    way is let go (a record kept as a view into it would hold all of it)."""
    TinyDBRepository.open(db_file).add_many(some_applications(50))
    repo = TinyDBRepository.open(db_file, verify=False)
    repo.verify()
    loaded = repo.load_all()
    assert len(loaded) == 50
    assert held_elsewhere(reads) == [0] * len(reads)
    repo.modify(3, lambda app: app.add_note("mine", T0))
    assert repo.get(7).company == "Co 6"
    repo.rotate_backups()
    assert reads and held_elsewhere(reads) == [0] * len(reads)

    # a write by another program: read again, and that buffer is let go too
    other = TinyDBRepository.open(db_file)
    other.modify(9, lambda app: setattr(app, "role", "theirs"))
    assert repo.get(9).role == "theirs"
    assert held_elsewhere(reads) == [0] * len(reads)
    repo.modify(10, lambda app: setattr(app, "role", "mine"))
    assert held_elsewhere(reads) == [0] * len(reads)


def test_what_verify_decoded_is_loaded_without_a_second_decode(db_file, monkeypatch):
    """The TUI's start: verify() checks the file, load_all() hands out what
    that check decoded (the file read again, but not decoded again); our own
    save is not checked again either."""
    TinyDBRepository.open(db_file).add_many(some_applications(20))
    repo = TinyDBRepository.open(db_file, verify=False)
    repo.verify()
    checks = []
    original = locked_file.check_file
    monkeypatch.setattr(locked_file, "check_file", lambda path, raw: checks.append(path) or original(path, raw))
    assert len(repo.load_all()) == 20
    repo.modify(2, lambda app: app.add_note("mine", T0))
    made = repo.rotate_backups()
    assert checks == []
    assert made is not None and json.loads(made.read_bytes())["applications"]["2"]["company"] == "Co 1"
    TinyDBRepository.open(db_file).modify(3, lambda app: app.add_note("theirs", T0))  # another process
    checks.clear()
    assert repo.get(3).events[-1].text == "theirs" and checks == [db_file]  # checked again, once


def test_many_saves_through_one_repository_keep_every_record_where_it_is_read(db_file):
    """After each save the records are remembered at their places in the new
    file: reads, deletes, undeletes, imports and edits all land right."""
    repo = TinyDBRepository.open(db_file)
    repo.add_many(some_applications(30))
    repo.modify(5, lambda app: setattr(app, "notes", "a longer note than before " * 20))
    repo.delete(6)
    deleted = TinyDBRepository.open(db_file).get(7)
    repo.delete(7)
    repo.restore_deleted(deleted)
    changed = repo.get(1)
    changed.role = "changed"
    repo.add_and_update(some_applications(2), [changed])
    repo.modify(30, lambda app: app.add_note("last", T0))
    for app_id in (2, 5, 7, 8, 30, 31):
        assert repo.get(app_id).to_dict() == TinyDBRepository.open(db_file).get(app_id).to_dict()
    assert [a.to_dict() for a in repo.list()] == [a.to_dict() for a in TinyDBRepository.open(db_file).list()]
    document = json.loads(db_file.read_bytes())
    assert document["applications"]["5"]["notes"].startswith("a longer note")
    assert "6" not in document["applications"] and document["applications"]["7"]["company"] == "Co 6"


def test_a_record_changed_behind_the_lock_is_never_copied_into_a_save(db_file):
    """Another program (without the lock) rewrites a record in place while a
    session runs, keeping the file's size: the save sees the file is not the
    one it read (its inode, mtime and size, taken before the read), and
    stops; the file is left as that program wrote it, and the next session
    reads it again."""
    meanwhile: list[bytes] = []

    def clock() -> datetime:  # asked inside the session, before it reads any record
        if meanwhile:
            mtime = db_file.stat().st_mtime_ns
            with open(db_file, "r+b") as handle:  # in place, same size
                handle.write(meanwhile.pop())
            os.utime(db_file, ns=(mtime + 1_000_000, mtime + 1_000_000))  # a clock that ticks (not every file system's does, at once)
        return T0

    repo = TinyDBRepository.open(db_file, clock)
    repo.add_many(some_applications(5))
    deleted = repo.get(2)
    repo.delete(2)
    content = db_file.read_bytes()
    assert content.count(b'"Co 3"') == 1
    meanwhile.append(content.replace(b'"Co 3"', b'"Co X"'))
    with pytest.raises(StoreError, match="changed while it was being read"):
        repo.restore_deleted(deleted)
    assert db_file.read_bytes() == content.replace(b'"Co 3"', b'"Co X"')
    repo.restore_deleted(deleted)
    assert [a.company for a in TinyDBRepository.open(db_file).list()] == ["Co 0", "Co 1", "Co 2", "Co X", "Co 4"]


def test_a_backup_is_a_copy_of_the_checked_content_even_when_it_changed_since(db_file):
    """A change since the file was checked (in place, same size) is checked
    again before it is backed up; a bad one is never backed up."""
    repo = TinyDBRepository.open(db_file)
    repo.add_many(some_applications(3))
    content = db_file.read_bytes()
    with open(db_file, "r+b") as handle:
        handle.write(content.replace(b'"Co 1"', b'"Co Y"'))
    made = repo.rotate_backups()
    assert made is not None and made.read_bytes() == db_file.read_bytes()
    with open(db_file, "r+b") as handle:
        handle.write(content.replace(b'"Co 1"', b'"Co 1\x01'))  # not JSON any more
    with pytest.raises(StoreError):
        repo.rotate_backups()
    assert len(repo.list_backups()) == 1
