"""The TinyDB repository on a real file: round trips, revisions, conflicts,
ids, file modes, schema version and migration, backups, stale temp files."""

from __future__ import annotations

import json
import os
import stat
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from followup_tui.domain.errors import ConflictError, NotFoundError, StoreError, ValidationError
from followup_tui.domain.model import Application, Contact, Interview
from followup_tui.store import migrations, tinydb_store
from followup_tui.store.tinydb_store import TinyDBRepository

T0 = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)


class Clock:
    """A clock that moves one minute per reading, so `updated` is visible."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def open_repo(path: Path) -> TinyDBRepository:
    return TinyDBRepository.open(path, clock=Clock())


def sample(company: str = "Acme") -> Application:
    return Application(
        company=company,
        role="Data engineer",
        stage="interview",
        decision_by=date(2026, 12, 1),
        contacts=[Contact(name="Ada", email="ada@acme.com")],
        interviews=[Interview(at=T0 - timedelta(days=1), kind="onsite", with_names=["Ada"])],
    )


def stored_document(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


# -- round trips ------------------------------------------------------------------


def test_add_then_read_back_from_a_fresh_repository(db_file):
    added = open_repo(db_file).add(sample())
    assert (added.id, added.rev) == (1, 1)
    assert added.created is not None and added.updated is not None

    again = open_repo(db_file).get(added.id)
    assert again == added
    assert again.to_dict() == added.to_dict()
    assert stored_document(db_file)["applications"]["1"]["company"] == "Acme"


def test_list_is_ordered_by_id_and_get_of_a_missing_id_raises(db_file):
    repo = open_repo(db_file)
    for name in ("A", "B", "C"):
        repo.add(Application(company=name))
    assert [(a.id, a.company) for a in repo.list()] == [(1, "A"), (2, "B"), (3, "C")]
    with pytest.raises(NotFoundError):
        repo.get(99)


def test_add_validates_before_writing(db_file):
    repo = open_repo(db_file)
    before = snapshot(db_file)
    with pytest.raises(ValidationError):
        repo.add(Application(company=""))
    with pytest.raises(ValidationError):
        repo.add_many([Application(company="Good"), Application(company="Bad", stage="nope")])
    assert snapshot(db_file) == before
    assert repo.list() == []


def test_hostile_text_survives_the_file(db_file):
    text = "[/] [bold]x x\\ \x1b[31m\x07 \x00 é 🎉"
    repo = open_repo(db_file)
    app = repo.add(Application(company=text, role=text, notes=text))
    back = open_repo(db_file).get(app.id)
    assert (back.company, back.role, back.notes) == (text, text, text)


# -- revisions and conflicts -------------------------------------------------------


def test_rev_increments_on_every_save(db_file):
    repo = open_repo(db_file)
    app = repo.add(sample())
    assert app.rev == 1
    app.role = "Staff engineer"
    app = repo.update(app)
    assert app.rev == 2
    app = repo.modify(app.id, lambda a: a.add_note("hi", T0))
    assert app.rev == 3
    stored = repo.get(app.id)
    assert (stored.rev, stored.role, stored.events[-1].text) == (3, "Staff engineer", "hi")
    assert stored.updated > stored.created


def test_update_with_a_stale_rev_raises_and_changes_nothing(db_file):
    repo = open_repo(db_file)
    app = repo.add(sample())
    fresh = repo.get(app.id)
    fresh.role = "first writer"
    repo.update(fresh)
    before = snapshot(db_file)

    app.role = "second writer, stale"
    with pytest.raises(ConflictError) as caught:
        repo.update(app)
    assert (caught.value.expected_rev, caught.value.actual_rev) == (1, 2)
    assert "another session" in str(caught.value)
    assert snapshot(db_file) == before
    assert repo.get(app.id).role == "first writer"


def test_update_of_a_deleted_record_is_a_conflict(db_file):
    repo = open_repo(db_file)
    app = repo.add(sample())
    repo.delete(app.id)
    with pytest.raises(ConflictError, match="deleted"):
        repo.update(app)
    assert repo.list() == []


def test_delete_with_a_stale_rev_raises_and_keeps_the_record(db_file):
    repo = open_repo(db_file)
    app = repo.add(sample())
    repo.modify(app.id, lambda a: a.add_note("changed elsewhere", T0))
    before = snapshot(db_file)
    with pytest.raises(ConflictError):
        repo.delete(app.id, expected_rev=1)
    assert snapshot(db_file) == before
    repo.delete(app.id, expected_rev=2)
    with pytest.raises(NotFoundError):
        repo.get(app.id)
    with pytest.raises(NotFoundError):
        repo.delete(app.id)


def test_two_repository_objects_on_one_file_see_each_other_and_conflict(db_file):
    first, second = open_repo(db_file), open_repo(db_file)
    app = first.add(sample())
    mine, theirs = first.get(app.id), second.get(app.id)
    theirs.role = "changed in session two"
    second.update(theirs)
    assert first.get(app.id).role == "changed in session two"  # no stale cache
    before = snapshot(db_file)
    mine.role = "changed in session one"
    with pytest.raises(ConflictError):
        first.update(mine)
    assert snapshot(db_file) == before


def test_a_failing_modify_writes_nothing(db_file):
    repo = open_repo(db_file)
    app = repo.add(sample())
    before = snapshot(db_file)

    def bad_change(a: Application) -> None:
        a.company = ""

    with pytest.raises(ValidationError):
        repo.modify(app.id, bad_change)
    assert snapshot(db_file) == before


def test_change_token_moves_on_writes_only(db_file):
    repo = open_repo(db_file)
    token = repo.change_token()
    repo.list()
    assert repo.change_token() == token
    repo.add(sample())
    assert repo.change_token() != token


# -- ids ---------------------------------------------------------------------------


def test_ids_are_never_reused_even_after_deleting_the_highest(db_file):
    repo = open_repo(db_file)
    ids = [repo.add(Application(company=c)).id for c in "ABC"]
    assert ids == [1, 2, 3]
    repo.delete(3)
    assert repo.add(Application(company="D")).id == 4
    repo.delete(4)
    assert open_repo(db_file).add(Application(company="E")).id == 5
    for app in repo.list():
        repo.delete(app.id)
    assert repo.add(Application(company="F")).id == 6


# -- files, modes, schema ---------------------------------------------------------


def test_new_file_is_private_and_new_directory_is_private(tmp_path):
    path = tmp_path / "fresh" / "followup.json"
    old_umask = os.umask(0o022)
    try:
        open_repo(path).add(sample())
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_an_existing_file_with_loose_permissions_is_made_private(db_file):
    open_repo(db_file)
    os.chmod(db_file, 0o644)
    open_repo(db_file)
    assert stat.S_IMODE(db_file.stat().st_mode) == 0o600


def test_schema_version_is_written(db_file):
    open_repo(db_file)
    document = stored_document(db_file)
    assert document["_meta"]["1"]["schema"] == migrations.SCHEMA_VERSION == 2
    assert document["applications"] == {}


def test_an_older_file_is_migrated_and_the_old_one_kept(db_file, monkeypatch):
    repo = open_repo(db_file)
    repo.add(Application(company="Acme", role="old role"))
    old_bytes = db_file.read_bytes()

    def to_v3(document: dict) -> dict:
        # a pretend format change: every role is upper-cased
        for record in document["applications"].values():
            record["role"] = record["role"].upper()
        return document

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(tinydb_store, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(migrations.MIGRATIONS, 2, to_v3)

    migrated = open_repo(db_file)
    document = stored_document(db_file)
    assert document["_meta"]["1"]["schema"] == 3
    assert document["applications"]["1"]["role"] == "OLD ROLE"
    assert migrated.get(1).role == "OLD ROLE"
    backup = db_file.with_name(db_file.name + ".schema2.bak")
    assert backup.read_bytes() == old_bytes
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600

    # a second open does not migrate again
    migrated.modify(1, lambda a: a.add_note("after", T0))
    open_repo(db_file)
    assert stored_document(db_file)["applications"]["1"]["role"] == "OLD ROLE"


SCHEMA_1_FILE = {
    "_meta": {"1": {"schema": 1, "next_id": 3}},
    "applications": {
        "1": {
            "company": "Acme", "role": "Data engineer", "company_domain": "acme.com", "stage": "interview",
            "outcome": None, "channel": "email", "do_not_contact": False, "decision_by": "2026-12-04",
            "contacts": [{"name": "Ada", "title": "", "email": "ada@acme.com", "phone": ""}],
            "interviews": [{"at": "2026-11-24T09:00:00Z", "kind": "", "with": ["Ada"], "notes": "",
                            "duration_minutes": 60}],
            "events": [{"at": "2026-11-20T09:00:00Z", "kind": "stage-change", "from": "applied", "to": "interview"}],
            "drafts": {}, "notes": "one line", "created": "2026-11-20T09:00:00Z",
            "updated": "2026-11-20T09:00:00Z", "rev": 4,
        },
        "2": {"company": "Beta", "stage": "closed", "outcome": "rejected", "rev": 1},
    },
}


def test_a_schema_1_file_gains_the_new_fields_and_its_old_copy_is_kept(db_file):
    db_file.parent.mkdir(parents=True)
    old_text = json.dumps(SCHEMA_1_FILE)
    db_file.write_text(old_text, encoding="utf-8")

    repo = open_repo(db_file)
    document = stored_document(db_file)
    assert document["_meta"]["1"]["schema"] == 2
    acme = document["applications"]["1"]
    assert {k: acme[k] for k in migrations.FIELDS_ADDED_IN_2} == {
        "job_url": "", "location": "", "salary": "", "applied_on": None, "source": "", "resume": "",
        "tags": [], "priority": "",
    }
    assert acme["contacts"] == SCHEMA_1_FILE["applications"]["1"]["contacts"]  # the rest unchanged
    assert acme["rev"] == 4
    assert db_file.with_name(db_file.name + ".schema1.bak").read_text(encoding="utf-8") == old_text

    apps = repo.list()
    assert [(a.company, a.stage, a.outcome, a.notes) for a in apps] == [
        ("Acme", "interview", None, "one line"), ("Beta", "closed", "rejected", "")]
    repo.modify(1, lambda a: setattr(a, "tags", ["remote"]))
    assert repo.get(1).tags == ["remote"]


# -- backups and leftovers ---------------------------------------------------------


def test_stale_temp_files_are_removed_on_open(db_file):
    open_repo(db_file).add(sample())
    leftovers = [db_file.parent / f".{db_file.name}.tmp-{n}" for n in ("abc123", "zz")]
    for leftover in leftovers:
        leftover.write_text('{"half": ')
    unrelated = db_file.parent / ".other.json.tmp-abc"
    unrelated.write_text("keep me")
    before = db_file.read_bytes()

    repo = open_repo(db_file)
    assert not any(p.exists() for p in leftovers)
    assert unrelated.read_text() == "keep me"
    assert db_file.read_bytes() == before
    assert repo.get(1).company == "Acme"


def test_opening_to_verify_later_reads_and_locks_nothing_until_verify(db_file):
    """The TUI opens a big file this way to paint first: open() neither waits
    for another session's lock nor touches the folder; verify() does both."""
    from filelock import FileLock

    open_repo(db_file).add(sample())
    leftover = db_file.parent / f".{db_file.name}.tmp-abc123"
    leftover.write_text('{"half": ')
    other_session = FileLock(str(db_file) + ".lock")
    other_session.acquire()
    try:
        repo = TinyDBRepository.open(db_file, verify=False)  # at once, although the lock is held
        assert leftover.exists()  # it may be another session's save in progress
    finally:
        other_session.release()
    repo.verify()
    assert not leftover.exists()
    assert repo.get(1).company == "Acme"


def test_saves_leave_no_temp_files(db_file):
    repo = open_repo(db_file)
    for n in range(3):
        repo.add(Application(company=f"C{n}"))
    assert sorted(p.name for p in db_file.parent.iterdir()) == sorted([db_file.name, db_file.name + ".lock"])


def test_text_that_is_not_unicode_is_refused_and_nothing_is_written(db_file):
    repo = open_repo(db_file)
    repo.add(sample())
    before = snapshot(db_file)
    # what Python makes of a command-line argument holding bytes that are not UTF-8
    with pytest.raises(ValidationError, match="not valid text"):
        repo.add(Application(company="bad \udcff bytes"))
    with pytest.raises(ValidationError):
        repo.modify(1, lambda a: a.add_note("\udcfe", T0))
    assert snapshot(db_file) == before
    assert list(db_file.parent.glob(f".{db_file.name}.tmp-*")) == []


def test_a_vanished_folder_gives_a_store_error_naming_the_file(tmp_path):
    import shutil

    from followup_tui.domain.errors import StoreError

    db = tmp_path / "gone" / "followup.json"
    repo = TinyDBRepository.open(db)
    shutil.rmtree(db.parent)
    with pytest.raises(StoreError, match="followup.json"):
        repo.list()


# -- undoing a delete ---------------------------------------------------------------


def test_a_deleted_application_is_restored_under_its_own_id(db_file):
    repo = open_repo(db_file)
    first, second, third = (repo.add(sample(c)) for c in ("A", "B", "C"))
    repo.delete(second.id, expected_rev=second.rev)
    back = repo.restore_deleted(second)
    assert back.id == second.id == 2 and back.rev == second.rev + 1
    # read from the file by an independent repository: same id, same record
    fresh = open_repo(db_file).get(2)
    assert fresh.id == 2 and fresh.rev == back.rev
    assert fresh.to_dict() | {"rev": 0, "updated": None} == second.to_dict() | {"rev": 0, "updated": None}
    assert [a.id for a in open_repo(db_file).list()] == [1, 2, 3]
    # the id counter is untouched: the next new record still gets a fresh id
    assert repo.add(sample("D")).id == 4


def test_restoring_the_highest_id_keeps_ids_never_reused(db_file):
    repo = open_repo(db_file)
    repo.add(sample("A"))
    last = repo.add(sample("B"))
    repo.delete(last.id)
    repo.restore_deleted(last)
    assert stored_document(db_file)["_meta"]["1"]["next_id"] == 3
    assert repo.add(sample("C")).id == 3


def test_restoring_over_a_record_that_holds_the_id_is_a_conflict(db_file):
    repo = open_repo(db_file)
    kept = repo.add(sample("A"))
    before = snapshot(db_file)
    with pytest.raises(ConflictError):
        repo.restore_deleted(kept)  # never deleted: its id is taken
    assert snapshot(db_file) == before  # nothing written
    assert open_repo(db_file).get(kept.id).rev == kept.rev


def test_restoring_something_never_stored_is_refused(db_file):
    repo = open_repo(db_file)
    with pytest.raises(ValidationError):
        repo.restore_deleted(sample("never stored"))
