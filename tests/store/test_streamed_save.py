"""A save never holds the whole file: the records it does not touch are
copied from the old file as the new one is written (store/file_layout.py),
and what it writes is still exactly the one-piece encoding of the document,
a file plain TinyDB opens. Every byte it copies or reads is the one checked:
a change made meanwhile by a program that does not take the lock, even one
that keeps the file's size and modification time, stops the save; a kill -9
at any step leaves the old file or the new one, whole (DESIGN §9)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import msgspec
import pytest
from store_samples import T0, some_applications
from tinydb import TinyDB
from waiting import start_when_ready

from followup_tui.domain.errors import StoreError
from followup_tui.domain.model import Application
from followup_tui.store import data_file, file_layout, locked_file
from followup_tui.store.tinydb_store import TinyDBRepository

WRITER = Path(__file__).with_name("writer.py")


@pytest.fixture
def whole_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every read of the whole data file into memory."""
    seen: list[Path] = []
    original = locked_file.read_bytes
    monkeypatch.setattr(locked_file, "read_bytes", lambda path: seen.append(path) or original(path))
    return seen


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks and reads of a few hundred bytes: every record crosses their edges."""
    monkeypatch.setattr(data_file, "CHUNK_BYTES", 700)
    monkeypatch.setattr(file_layout, "BLOCK_BYTES", 300)


def one_piece(path: Path) -> bytes:
    """The file's document encoded in one piece, as the store wrote it before saves were streamed."""
    return msgspec.json.encode(json.loads(path.read_bytes()))


def plain_tinydb(path: Path) -> dict[int, dict]:
    db = TinyDB(path, access_mode="r")
    try:
        return {doc.doc_id: dict(doc) for doc in db.table("applications").all()}
    finally:
        db.close()


def test_streamed_saves_write_the_one_piece_encoding_and_copy_what_they_do_not_touch(
    db_file, whole_reads, small_pieces
):
    """After the first read, no session reads the whole file: each save
    copies the untouched records from the old file, and the file it leaves
    is byte for byte the document encoded in one piece, which plain TinyDB
    opens, through edits, deletes, an undelete, an import and adds."""
    repo = TinyDBRepository.open(db_file, lambda: T0)
    repo.add_many(some_applications(40))
    repo.modify(20, lambda app: app.add_note("first", T0))  # the layout is known from here
    whole_reads.clear()

    deleted = repo.get(7)
    steps = [
        lambda: repo.modify(5, lambda app: setattr(app, "notes", "a longer note than before " * 30)),
        lambda: repo.modify(40, lambda app: setattr(app, "role", "")),  # the last record, shorter
        lambda: repo.modify(1, lambda app: app.add_note("x", T0)),  # the first record
        lambda: repo.delete(7),
        lambda: repo.restore_deleted(deleted),  # back under its id, at the end of the table
        lambda: repo.add_and_update(some_applications(2), [repo.get(12)]),  # changed: moved to the end
        lambda: repo.add(Application(company="new")),
        lambda: repo.modify(3, lambda app: app.add_note("after the move", T0)),
    ]
    for step in steps:
        whole_reads.clear()
        step()
        assert whole_reads == []  # the session read its records from the file, not the whole of it
        assert db_file.read_bytes() == one_piece(db_file)
        records = json.loads(db_file.read_bytes())["applications"]
        assert plain_tinydb(db_file) == {int(key): record for key, record in records.items()}
    assert repo.get(5).notes.startswith("a longer note") and repo.get(7).company == "Co 6"
    assert [a.id for a in repo.list()] == [*range(1, 44)]


def test_a_file_another_program_wrote_is_read_whole_once_and_then_streamed_again(db_file, whole_reads):
    repo = TinyDBRepository.open(db_file)
    repo.add_many(some_applications(10))
    repo.modify(2, lambda app: app.add_note("mine", T0))
    TinyDBRepository.open(db_file).modify(3, lambda app: app.add_note("theirs", T0))  # another process
    whole_reads.clear()
    repo.modify(4, lambda app: app.add_note("mine again", T0))
    assert whole_reads == [db_file]  # checked again, whole
    repo.modify(5, lambda app: app.add_note("and again", T0))
    assert whole_reads == [db_file]
    assert repo.get(3).events[-1].text == "theirs" and db_file.read_bytes() == one_piece(db_file)


@pytest.mark.parametrize("spacing", [None, 2])
def test_after_the_backup_at_start_even_the_first_save_reads_no_whole_file(db_file, whole_reads, spacing):
    """The TUI's start: the file checked, backed up (where its records lie
    is taken down then), loaded; then its first save already copies the
    records from the file, for a file as the store writes it and for one
    spaced out by hand (each record's bytes kept as they are)."""
    TinyDBRepository.open(db_file).add_many(some_applications(25))
    if spacing:
        db_file.write_text(json.dumps(json.loads(db_file.read_bytes()), indent=spacing, ensure_ascii=False), "utf-8")
    repo = TinyDBRepository.open(db_file, verify=False)
    repo.verify()
    repo.rotate_backups()
    loaded = repo.load_all()
    whole_reads.clear()
    repo.modify(13, lambda app: app.add_note("first save", T0))
    repo.modify(25, lambda app: setattr(app, "role", "last"))
    assert whole_reads == []
    expected = {app.id: app.to_dict() for app in loaded}
    expected[13] = repo.get(13).to_dict()
    expected[25] = repo.get(25).to_dict()
    stored = plain_tinydb(db_file)
    assert {key: {**record, "id": key} for key, record in stored.items()} == {
        key: {**record, "id": key} for key, record in expected.items()
    }
    assert stored[13]["events"][-1]["text"] == "first save" and stored[25]["role"] == "last"
    if spacing:  # the untouched records as the hand spaced them, the rest as the store writes
        assert b'\n      "company": "Co 0"' in db_file.read_bytes()


def change_in_place_keeping_the_stamp(path: Path, old: bytes, new: bytes) -> None:
    """What a program that ignores the lock might do: rewrite bytes in place,
    same size, and the modification time put back (or a coarse clock)."""
    stat = path.stat()
    content = path.read_bytes()
    assert content.count(old) == 1 and len(old) == len(new)
    with open(path, "r+b") as handle:
        handle.write(content.replace(old, new))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_mtime_ns == stat.st_mtime_ns


def test_a_change_that_keeps_the_files_stamp_is_never_saved_over(db_file):
    """Another program rewrites a record this save does not touch, in place,
    after the session checked the file, keeping size and mtime: the save
    copies the records from the file, so it reads that change; the old
    file's digest, taken as it is copied, stops the save before the rename."""
    meanwhile: list[tuple[bytes, bytes]] = []

    def clock() -> datetime:  # asked inside the session, after its check, before the copy
        if meanwhile:
            change_in_place_keeping_the_stamp(db_file, *meanwhile.pop())
        return T0

    repo = TinyDBRepository.open(db_file, clock)
    repo.add_many(some_applications(30))
    repo.modify(1, lambda app: app.add_note("the layout is known", T0))
    meanwhile.append((b'"Co 17"', b'"Co YY"'))
    with pytest.raises(StoreError, match="changed while it was being read"):
        repo.modify(2, lambda app: app.add_note("mine", T0))
    theirs = db_file.read_bytes()
    assert b'"Co YY"' in theirs and b'"mine"' not in theirs  # left as that program wrote it
    assert list(db_file.parent.glob(f".{db_file.name}.tmp-*")) == []
    repo.modify(2, lambda app: app.add_note("mine", T0))  # the next session reads it again
    assert [a.company for a in TinyDBRepository.open(db_file).list()][17] == "Co YY"


def test_a_record_read_from_the_file_is_the_one_checked(db_file, monkeypatch):
    """A record a session reads (to change it, or for `get`) comes from the
    file: changed in place after the session's check, keeping the stamp, it
    is refused (its CRC-32), never handed out or saved."""
    repo = TinyDBRepository.open(db_file)
    repo.add_many(some_applications(12))
    repo.modify(1, lambda app: app.add_note("the layout is known", T0))
    checked = file_layout.FileRecords.holds_digest

    def then_changed(self) -> bool:
        held = checked(self)
        change_in_place_keeping_the_stamp(db_file, b'"Co 4"', b'"Co Z"')
        return held

    monkeypatch.setattr(file_layout.FileRecords, "holds_digest", then_changed)
    with pytest.raises(StoreError, match="changed while it was being read"):
        repo.get(5)
    monkeypatch.setattr(file_layout.FileRecords, "holds_digest", checked)
    assert repo.get(5).company == "Co Z"  # read whole and checked again


def test_a_record_that_cannot_be_read_is_a_store_error_naming_the_file(db_file, monkeypatch):
    repo = TinyDBRepository.open(db_file)
    repo.add_many(some_applications(5))
    repo.modify(1, lambda app: app.add_note("the layout is known", T0))

    def failing(fd: int, length: int, at: int) -> bytes:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(file_layout.os, "pread", failing)
    with pytest.raises(StoreError, match="cannot read the data file .Input/output error."):
        repo.get(2)
    with pytest.raises(StoreError, match="cannot read the data file"):
        repo.modify(3, lambda app: app.add_note("mine", T0))


def start_paused_writer(db: Path, step: str) -> subprocess.Popen:
    return start_when_ready([sys.executable, "-B", str(WRITER), "pause", str(db), "w", step], stdin=True)


@pytest.mark.slow
@pytest.mark.parametrize("step", ["copy", "finish", "replaced"])
def test_kill_9_during_a_streamed_save_leaves_the_old_or_the_new_file_whole(db_file, step):
    """The writer's second save copies records from the old file; it is
    killed (SIGKILL) while copying, once everything is in the temp file but
    before its fsync and rename, or after the rename: the data file is the
    old content or the new one, whole, and plain TinyDB opens it."""
    TinyDBRepository.open(db_file).add_many(some_applications(300))
    proc = start_paused_writer(db_file, step)
    before = db_file.read_bytes()
    proc.stdin.write(b"go\n")
    proc.stdin.flush()
    line = proc.stdout.readline()
    assert line == b"paused\n", (line, proc.stderr.read().decode() if not line else "")
    proc.kill()
    proc.wait()
    proc.stdin.close()
    proc.stdout.close()
    proc.stderr.close()

    after = db_file.read_bytes()
    if step == "replaced":
        assert after != before and b'"w-second"' in after
    else:
        assert after == before  # the temp file never took its place
    assert after == one_piece(db_file)
    assert len(plain_tinydb(db_file)) == 300
    repo = TinyDBRepository.open(db_file)  # cleans up what the killed writer left
    assert list(db_file.parent.glob(f".{db_file.name}.tmp-*")) == []
    notes = [e.text for e in repo.get(1).events if e.kind == "note"]
    assert notes[-1] == ("w-second" if step == "replaced" else "w-first")
