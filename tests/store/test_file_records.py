"""The store keeps no copy of the data file's bytes: once checked, each record
is remembered by its place in the file and its CRC-32; a session reads the
records it touches, a save copies the others from the file, checked on the
way; the backup is streamed (store/file_records.py, issue 10's memory)."""

from __future__ import annotations

import gc
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

import msgspec
import pytest

from followup_tui.domain.errors import StoreError
from followup_tui.domain.model import Application, Contact, Event
from followup_tui.store import tinydb_store
from followup_tui.store.file_records import FileRecord, index_records
from followup_tui.store.tinydb_store import TinyDBRepository

T0 = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)


def some_applications(count: int) -> list[Application]:
    return [
        Application(
            company=f"Co {n}",
            role="Engineer" if n % 2 else "Ünïcødé ✓ [bold]x",
            contacts=[Contact(name=f"Person {n}", email=f"p{n}@co{n}.com")],
            events=[Event(at=T0, kind="note", text=f"note {n}")],
        )
        for n in range(count)
    ]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Every whole-file buffer the repository reads, in order."""
    seen: list[bytes] = []
    original = tinydb_store.read_bytes

    def read_bytes(path: Path) -> bytes:
        raw = original(path)
        seen.append(raw)
        return raw

    monkeypatch.setattr(tinydb_store, "read_bytes", read_bytes)
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
    assert held_elsewhere(reads) == [0]
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


def test_after_verify_the_first_save_and_the_backup_read_no_whole_file(db_file, reads):
    TinyDBRepository.open(db_file).add_many(some_applications(20))
    repo = TinyDBRepository.open(db_file, verify=False)
    repo.verify()
    assert len(reads) == 1
    repo.load_all()  # what verify decoded
    made = repo.rotate_backups()
    repo.modify(2, lambda app: app.add_note("mine", T0))
    assert len(reads) == 1
    assert made is not None and json.loads(made.read_bytes())["applications"]["2"]["company"] == "Co 1"


def test_records_are_found_by_their_own_bytes(db_file):
    raw = b'{"a":{"1":{"x":1}},"applications":{"1":{"x":1}, "2" : {"y":[1, 2]}}}'
    table = msgspec.json.decode(msgspec.json.decode(raw, type=dict[str, msgspec.Raw])["applications"],
                                type=dict[str, msgspec.Raw])
    records = index_records(raw, table)
    for key, record in records.items():
        assert isinstance(record, FileRecord)
        assert raw[record.offset : record.offset + record.length] == bytes(table[key])


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
    assert db_file.read_bytes() == msgspec.json.encode(document)  # one encoding, records and all
    assert document["applications"]["5"]["notes"].startswith("a longer note")
    assert "6" not in document["applications"] and document["applications"]["7"]["company"] == "Co 6"


def test_a_record_changed_behind_the_lock_is_never_copied_into_a_save(db_file):
    """Another program (without the lock) rewrites a record in place while a
    session runs, keeping the file's size: the save finds the bytes it was
    to copy are not those it checked, and stops; the file is left as that
    program wrote it, and the next session reads it again."""
    meanwhile: list[bytes] = []

    def clock() -> datetime:  # asked inside the session, before it reads any record
        if meanwhile:
            with open(db_file, "r+b") as handle:  # in place, same size
                handle.write(meanwhile.pop())
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


def written(db_file: Path, count: int, notes: str = "") -> TinyDBRepository:
    repo = TinyDBRepository.open(db_file)
    applications = some_applications(count)
    for application in applications:
        application.notes = notes
    repo.add_many(applications)
    return repo


def indexed(db_file: Path) -> tuple[bytes, dict, tuple]:
    """The file's bytes, its document with records in the file, its digest."""
    raw = db_file.read_bytes()
    repo = TinyDBRepository.open(db_file, verify=False)
    repo.verify()
    return raw, repo._snapshot.data, repo._snapshot.digest  # noqa: SLF001  (what a session works on)


def test_a_save_copies_runs_of_untouched_records_and_writes_the_same_bytes_as_one_encoding(db_file):
    """A file of several chunks, one record touched in the middle: what is
    written is what one encoding of the document writes, in chunks of about
    CHUNK_BYTES, and the records land where the new document says."""
    from followup_tui.store.file_records import CHUNK_BYTES, RecordReader, encode_document_chunks

    written(db_file, 1200, notes="n" * 2000)
    raw, document, digest = indexed(db_file)
    assert len(raw) > 2 * CHUNK_BYTES
    expected = json.loads(raw)
    expected["applications"]["600"]["role"] = "touched"
    document["applications"]["600"] = expected["applications"]["600"]
    placed: dict = {"applications": {}}
    with RecordReader(db_file, digest=digest) as reader:
        chunks = list(encode_document_chunks(document, reader, placed))
    whole = b"".join(chunks)
    assert whole == msgspec.json.encode(expected)
    assert len(chunks) > 2 and max(map(len, chunks)) < CHUNK_BYTES + 10_000
    for key in ("1", "599", "600", "601", "1200"):
        record = placed["applications"][key]
        assert json.loads(whole[record.offset : record.offset + record.length]) == expected["applications"][key]


def test_records_out_of_the_files_order_are_copied_one_by_one(db_file):
    from followup_tui.store.file_records import RecordReader, encode_document_chunks

    written(db_file, 30)
    raw, document, digest = indexed(db_file)
    document["applications"] = dict(reversed(list(document["applications"].items())))
    expected = json.loads(raw)
    expected["applications"] = dict(reversed(list(expected["applications"].items())))
    with RecordReader(db_file, digest=digest) as reader:
        assert b"".join(encode_document_chunks(document, reader)) == msgspec.json.encode(expected)


def test_a_save_stops_when_any_byte_of_the_file_is_not_the_one_checked(db_file):
    """Even a byte that is not copied (the old bytes of the record being
    replaced): the file is not the one this session read, and another
    program's write is never saved over."""
    from followup_tui.store.file_records import FileChanged, RecordReader, encode_document_chunks

    written(db_file, 20)
    raw, document, digest = indexed(db_file)
    document["applications"]["10"] = {"company": "mine"}
    old = raw.index(b'"Co 9"')
    with open(db_file, "r+b") as handle:
        handle.seek(old)
        handle.write(b'"Co Z"')
    with RecordReader(db_file, digest=digest) as reader, pytest.raises(FileChanged):
        list(encode_document_chunks(document, reader))
