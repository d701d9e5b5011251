"""The repository keeps what it parsed while the file is unchanged, and reads
the file again as soon as anyone else wrote it; ids for a batch are assigned
at once; the file it writes (orjson) is one TinyDB's own JSONStorage reads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from tinydb import TinyDB
from tinydb.storages import JSONStorage

from followup_tui.domain.errors import StoreError, ValidationError
from followup_tui.domain.model import Application, Contact, Event
from followup_tui.store.data_file import encode, tables_of
from followup_tui.store.migrations import SCHEMA_VERSION
from followup_tui.store.tinydb_store import TinyDBRepository

T0 = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)

ANOTHER_PROCESS = """
import sys
from datetime import datetime, timezone
from pathlib import Path
from followup_tui.store.tinydb_store import TinyDBRepository

repo = TinyDBRepository.open(Path(sys.argv[1]))
repo.modify(1, lambda app: setattr(app, "role", sys.argv[2]))
"""


def write_from_another_process(db: Path, role: str) -> None:
    done = subprocess.run([sys.executable, "-c", ANOTHER_PROCESS, str(db), role],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_another_process_write_is_seen_by_the_next_read_and_not_overwritten(db_file):
    repo = TinyDBRepository.open(db_file)
    repo.add(Application(company="Acme", role="first"))
    repo.add(Application(company="Beta"))
    assert repo.get(1).role == "first"  # kept in memory from here on

    write_from_another_process(db_file, "second")
    assert repo.get(1).role == "second"
    assert [a.role for a in repo.list()] == ["second", ""]
    # a write through the repository that had kept the old content keeps the other's change
    repo.modify(2, lambda app: app.add_note("mine", T0))
    stored = TinyDBRepository.open(db_file)
    assert stored.get(1).role == "second"
    assert stored.get(2).events[-1].text == "mine"


def test_a_change_that_keeps_size_mtime_and_inode_is_still_seen(db_file):
    """The cache compares the file's bytes, not a stat() token, so even a
    change that a token cannot see (same size, same mtime, written in place)
    is read, and never overwritten by a save from stale memory."""
    repo = TinyDBRepository.open(db_file)
    repo.add(Application(company="Acme", role="aaaa"))
    repo.list()
    before = db_file.stat()
    content = db_file.read_bytes()
    assert content.count(b'"aaaa"') == 1
    with open(db_file, "r+b") as handle:  # in place: same inode
        handle.write(content.replace(b'"aaaa"', b'"bbbb"'))
    os.utime(db_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = db_file.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (before.st_ino, before.st_size, before.st_mtime_ns)

    assert repo.get(1).role == "bbbb"
    repo.modify(1, lambda app: app.add_note("x", T0))
    assert TinyDBRepository.open(db_file).get(1).role == "bbbb"


def test_a_file_that_goes_bad_is_refused_even_when_its_old_content_was_kept(db_file):
    repo = TinyDBRepository.open(db_file)
    repo.add(Application(company="Acme"))
    repo.list()
    db_file.write_text('{"_meta": {"1": {"schema": 1}}, "applications": [', encoding="utf-8")
    with pytest.raises(StoreError, match="not valid JSON"):
        repo.list()
    with pytest.raises(StoreError, match="not valid JSON"):  # not cached as good afterwards either
        repo.get(1)


def test_a_save_that_fails_leaves_no_trace_in_memory(db_file):
    repo = TinyDBRepository.open(db_file)
    repo.add(Application(company="Acme"))
    with pytest.raises(ValidationError, match="not valid text"):
        repo.add(Application(company="bad \udcff bytes"))
    with pytest.raises(ValidationError):
        repo.modify(1, lambda app: app.add_note("\udcfe", T0))
    # TinyDB had already changed the in-memory document: it must not be served
    assert [(a.id, a.company, a.events) for a in repo.list()] == [(1, "Acme", [])]
    assert repo.add(Application(company="Beta")).id == 2


FULL_DISK_SCRIPT = """
import resource, signal, sys
from pathlib import Path
from followup_tui.domain.errors import StoreError
from followup_tui.domain.model import Application
from followup_tui.store.tinydb_store import TinyDBRepository

repo = TinyDBRepository.open(Path(sys.argv[1]))
repo.add(Application(company="Acme"))
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
size = Path(sys.argv[1]).stat().st_size
resource.setrlimit(resource.RLIMIT_FSIZE, (size + 10, resource.RLIM_INFINITY))
try:
    repo.modify(1, lambda app: setattr(app, "role", "x" * 10_000))
except StoreError:
    pass
print(repr(repo.get(1).role))
"""


def test_a_save_that_fails_on_disk_leaves_no_trace_in_memory(db_file):
    done = subprocess.run([sys.executable, "-B", "-c", FULL_DISK_SCRIPT, str(db_file)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "''"


def test_add_many_assigns_consecutive_ids_once_per_batch(db_file):
    repo = TinyDBRepository.open(db_file)
    repo.add_many([Application(company=f"Old {n}") for n in range(3)])
    repo.delete(3)  # the highest: never reused
    added = repo.add_many([Application(company=f"New {n}") for n in range(500)])
    assert [a.id for a in added] == list(range(4, 504))
    assert all(a.rev == 1 for a in added)
    document = json.loads(db_file.read_text(encoding="utf-8"))
    assert document["_meta"]["1"]["next_id"] == 504
    assert list(document["applications"]) == ["1", "2"] + [str(n) for n in range(4, 504)]
    assert repo.add(Application(company="Next")).id == 504


def test_add_many_respects_a_lagging_counter_and_stores_all_or_none(db_file):
    repo = TinyDBRepository.open(db_file)
    repo.add_many([Application(company="A"), Application(company="B")])
    document = json.loads(db_file.read_text(encoding="utf-8"))
    document["_meta"]["1"]["next_id"] = 1  # a hand-edited file whose counter lags
    db_file.write_text(json.dumps(document), encoding="utf-8")
    assert [a.id for a in repo.add_many([Application(company="C")])] == [3]
    with pytest.raises(ValidationError):
        repo.add_many([Application(company="D"), Application(company="E", stage="nope")])
    assert [a.company for a in repo.list()] == ["A", "B", "C"]


def test_the_written_file_is_read_by_tinydbs_own_json_storage(db_file):
    repo = TinyDBRepository.open(db_file)
    hostile = "Ünïcødé ✓ [bold]x[/] \\ \" \x1b[31m \u202e 😀"
    repo.add(Application(
        company=hostile,
        role="line\nbreak",
        contacts=[Contact(name=hostile, email="ada@acme.com")],
        events=[Event(at=T0, kind="note", text=hostile)],
    ))
    repo.modify(1, lambda app: app.add_note("second", T0))
    with TinyDB(db_file, storage=JSONStorage, access_mode="r") as plain:
        documents = plain.table("applications").all()
        meta = plain.table("_meta").get(doc_id=1)
    assert len(documents) == 1 and documents[0].doc_id == 1
    assert documents[0] == repo.get(1).to_dict()
    assert documents[0]["company"] == hostile
    assert meta["schema"] == SCHEMA_VERSION and meta["next_id"] == 2


def test_encoding_matches_the_standard_module_and_keeps_what_orjson_would_not():
    document = {"_meta": {"1": {"schema": 1}}, "applications": {"1": {"company": "Ünï ✓", "n": [1, 2.5, None, True]}}}
    assert json.loads(encode(document)) == document
    # integers beyond 64 bits stay exact
    assert json.loads(encode({"n": 2**70, "m": -(2**70)})) == {"n": 2**70, "m": -(2**70)}
    assert json.loads(encode({"n": 10**40})) == {"n": 10**40}
    with pytest.raises(UnicodeEncodeError):
        encode({"text": "\udcff"})


def test_what_open_decoded_is_not_served_once_another_process_wrote(db_file):
    """open() decodes the file while checking it and hands that to the next
    load_all(), but only if the file is still byte for byte the same."""
    TinyDBRepository.open(db_file).add(Application(company="Acme", role="first"))
    reopened = TinyDBRepository.open(db_file)
    write_from_another_process(db_file, "second")
    assert [a.role for a in reopened.load_all()] == ["second"]
    assert [a.role for a in TinyDBRepository.open(db_file).load_all()] == ["second"]


def test_load_all_hands_out_objects_of_the_callers_own(db_file):
    repo = TinyDBRepository.open(db_file)
    repo.add(Application(company="Acme"))
    first = repo.load_all()
    first[0].company = "changed in memory only"
    first[0].events.append(Event(at=T0, kind="note", text="never saved"))
    again = repo.load_all()
    assert (again[0].company, again[0].events) == ("Acme", [])
    assert repo.get(1).company == "Acme"


def test_a_save_keeps_untouched_records_byte_for_byte_and_other_tables(db_file):
    """Records are kept as their raw JSON until a session touches one: what
    a hand edit put in another record (an unknown key, a time with an
    offset) and a table that is not ours are written back exactly."""
    repo = TinyDBRepository.open(db_file)
    repo.add_many([Application(company="Acme"), Application(company="Beta"), Application(company="Gamma")])
    document = json.loads(db_file.read_text(encoding="utf-8"))
    document["applications"]["2"]["x-hand-made"] = {"kept": [1, 2.5, None]}
    document["applications"]["2"]["created"] = "2026-11-25T16:00:00+01:00"
    document["_default"] = {"1": {"note": "not ours"}}
    db_file.write_text(json.dumps(document, indent=1), encoding="utf-8")
    record_2 = json.dumps(document["applications"]["2"], indent=1).replace("\n", "\n  ")

    edited = TinyDBRepository.open(db_file)
    edited.modify(1, lambda app: app.add_note("mine", T0))
    edited.modify(3, lambda app: setattr(app, "role", "x"))
    after = db_file.read_text(encoding="utf-8")
    assert record_2 in after  # the same bytes, indentation and all
    stored = json.loads(after)
    assert stored["_default"] == {"1": {"note": "not ours"}}
    assert stored["applications"]["2"]["x-hand-made"] == {"kept": [1, 2.5, None]}
    assert stored["applications"]["1"]["events"][-1]["text"] == "mine"
    assert [a.company for a in TinyDBRepository.open(db_file).list()] == ["Acme", "Beta", "Gamma"]


def test_a_file_the_app_wrote_is_written_back_byte_for_byte_by_tinydbs_tables(db_file):
    """What a session hands TinyDB (records left as their JSON until used)
    encodes to the very bytes it was read from."""
    repo = TinyDBRepository.open(db_file)
    repo.add_many([Application(company=f"Co {n}", notes="n" * 300, created=T0) for n in range(1, 300)])
    raw = db_file.read_bytes()
    assert encode(tables_of(db_file, raw)) == raw


def test_hand_made_values_only_pythons_reader_takes_are_read_and_saved_as_before(db_file):
    """An integer beyond 64 bits is kept exactly (its record is copied as it
    is); a lone surrogate (msgspec refuses it: the store falls back to the
    parsed document) is read, and a save is refused as before, file untouched."""
    repo = TinyDBRepository.open(db_file)
    repo.add_many([Application(company="Acme"), Application(company="Beta")])
    document = json.loads(db_file.read_text(encoding="utf-8"))
    document["applications"]["2"]["x-big"] = 2**70
    db_file.write_text(json.dumps(document), encoding="utf-8")
    edited = TinyDBRepository.open(db_file)
    assert [a.company for a in edited.list()] == ["Acme", "Beta"]
    edited.modify(1, lambda app: setattr(app, "role", "too"))
    stored = json.loads(db_file.read_text(encoding="utf-8"))["applications"]
    assert (stored["2"]["x-big"], stored["1"]["role"]) == (2**70, "too")

    stored["2"]["x-odd"] = "\ud800"
    db_file.write_text(json.dumps({"_meta": document["_meta"], "applications": stored}), encoding="utf-8")
    before = db_file.read_bytes()
    assert [a.company for a in edited.list()] == ["Acme", "Beta"]
    with pytest.raises(ValidationError, match="not valid text"):
        edited.modify(1, lambda app: setattr(app, "role", "three"))
    assert db_file.read_bytes() == before
    assert edited.get(1).role == "too"


def test_the_digest_changes_with_any_byte(db_file):
    """What decides whether the file must be checked again: any changed
    byte changes it (no stat() field is trusted for that)."""
    from followup_tui.store.tinydb_store import digest_of

    TinyDBRepository.open(db_file).add(Application(company="Acme"))
    content = db_file.read_bytes()
    for position in (0, len(content) // 2, len(content) - 1):
        changed = bytearray(content)
        changed[position] ^= 0x01
        assert digest_of(bytes(changed)) != digest_of(content)
    assert digest_of(content) == digest_of(bytes(content))


def test_plain_tinydb_opens_the_file_and_the_store_reads_what_it_writes(db_file):
    """The data file is a TinyDB database: `TinyDB(path).table("applications")`
    (nothing of ours) finds every application by its id and by a query, and
    a change it writes is read back by the store."""
    from tinydb import Query

    repo = TinyDBRepository.open(db_file)
    repo.add_many([Application(company="Acme"), Application(company="Beta"), Application(company="Gamma")])
    repo.delete(2)
    repo.modify(3, lambda app: app.add_note("mine", T0))
    with TinyDB(db_file) as plain:
        applications = plain.table("applications")
        assert [document.doc_id for document in applications.all()] == [1, 3]
        assert applications.get(doc_id=3) == repo.get(3).to_dict()
        assert [d.doc_id for d in applications.search(Query().company == "Gamma")] == [3]
        applications.update({"role": "set by TinyDB"}, doc_ids=[1])
    assert repo.get(1).role == "set by TinyDB"
    assert repo.add(Application(company="Delta")).id == 4
