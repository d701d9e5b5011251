"""A file the app cannot understand is refused with a message naming it, and
left byte-for-byte untouched; the CLI exits 2 with one line on stderr."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup_tui.cli import main
from followup_tui.domain.errors import StoreError
from followup_tui.domain.model import Application
from followup_tui.store.migrations import SCHEMA_VERSION
from followup_tui.store.tinydb_store import TinyDBRepository

GOOD_META = {"_meta": {"1": {"schema": SCHEMA_VERSION, "next_id": 2}}}

BAD_CONTENTS: dict[str, bytes] = {
    "empty": b"",
    "whitespace only": b"  \n\t\n",
    "invalid JSON": b'{"_meta": {"1": {"schema": 1}}, "applications": {',
    "invalid UTF-8": b'\xff\xfe{"_meta": {}}',
    "JSON array": b"[]",
    "JSON null": b"null",
    "JSON string": b'"followup"',
    "object without schema": b"{}",
    "plain TinyDB file": b'{"_default": {"1": {"company": "Acme"}}}',
    "schema not a number": json.dumps({"_meta": {"1": {"schema": "one"}}, "applications": {}}).encode(),
    "newer schema": json.dumps({"_meta": {"1": {"schema": 99, "next_id": 1}}, "applications": {}}).encode(),
    "applications not a table": json.dumps({**GOOD_META, "applications": ["Acme"]}).encode(),
}


def write_bad(path: Path, content: bytes) -> tuple[bytes, int]:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))  # an old, known mtime
    return path.read_bytes(), path.stat().st_mtime_ns


def others_in(path: Path) -> set[str]:
    """Files beside the data file, other than the file itself and its lock."""
    return {p.name for p in path.parent.iterdir()} - {path.name, path.name + ".lock"}


@pytest.mark.parametrize("kind", BAD_CONTENTS)
def test_open_refuses_and_leaves_the_file_untouched(db_file, kind):
    before = write_bad(db_file, BAD_CONTENTS[kind])
    with pytest.raises(StoreError) as caught:
        TinyDBRepository.open(db_file)
    assert str(db_file) in str(caught.value)
    assert (db_file.read_bytes(), db_file.stat().st_mtime_ns) == before
    assert others_in(db_file) == set()  # no backup, no temp file, no "repair"


def test_newer_schema_says_upgrade(db_file):
    write_bad(db_file, BAD_CONTENTS["newer schema"])
    with pytest.raises(StoreError, match="newer followup-tui .*schema 99"):
        TinyDBRepository.open(db_file)


@pytest.mark.parametrize("kind", BAD_CONTENTS)
def test_a_file_that_goes_bad_after_opening_is_never_overwritten(db_file, kind):
    repo = TinyDBRepository.open(db_file)
    repo.add(Application(company="Acme"))
    before = write_bad(db_file, BAD_CONTENTS[kind])
    for action in (repo.list, lambda: repo.add(Application(company="Beta")),
                   lambda: repo.modify(1, lambda a: a.add_note("x", a.created)), repo.rotate_backups):
        with pytest.raises(StoreError, match=str(db_file)):
            action()
    assert (db_file.read_bytes(), db_file.stat().st_mtime_ns) == before


def test_a_directory_at_the_data_path_is_refused(db_file):
    db_file.mkdir(parents=True)
    (db_file / "inside").write_text("x")
    with pytest.raises(StoreError, match=str(db_file)):
        TinyDBRepository.open(db_file)
    assert [p.name for p in db_file.iterdir()] == ["inside"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a mode-000 file")
def test_an_unreadable_file_is_refused(db_file):
    TinyDBRepository.open(db_file)
    before = db_file.read_bytes()
    os.chmod(db_file, 0)
    try:
        with pytest.raises(StoreError, match="permission denied"):
            TinyDBRepository.open(db_file)
    finally:
        os.chmod(db_file, 0o600)
    assert db_file.read_bytes() == before


def test_a_malformed_record_is_reported_with_the_file_and_its_id(db_file):
    document = {
        **GOOD_META,
        "applications": {"1": {"company": "Acme", "interviews": [{"kind": "no time given"}], "rev": 1}},
    }
    before = write_bad(db_file, json.dumps(document).encode())
    with pytest.raises(StoreError) as caught:
        TinyDBRepository.open(db_file)  # refused as a whole, at once
    assert str(db_file) in str(caught.value)
    assert "application 1" in str(caught.value)
    assert (db_file.read_bytes(), db_file.stat().st_mtime_ns) == before


def test_an_older_file_with_a_malformed_record_is_not_migrated(db_file):
    document = {
        "_meta": {"1": {"schema": 1, "next_id": 2}},
        "applications": {"1": {"company": "Acme", "interviews": [{"kind": "no time given"}], "rev": 1}},
    }
    before = write_bad(db_file, json.dumps(document).encode())
    with pytest.raises(StoreError, match="application 1 is malformed"):
        TinyDBRepository.open(db_file)
    assert (db_file.read_bytes(), db_file.stat().st_mtime_ns) == before
    assert others_in(db_file) == set()  # no migration copy either


# -- the CLI: exit 2, one line naming the file -------------------------------------


@pytest.mark.parametrize("kind", [*BAD_CONTENTS, "directory"])
@pytest.mark.parametrize("command", [["list"], ["add", "--company", "Acme"], ["export", "--format", "csv"]])
def test_cli_exits_2_with_one_line_naming_the_file(db_file, kind, command):
    if kind == "directory":
        db_file.mkdir(parents=True)
        before = None
    else:
        before = write_bad(db_file, BAD_CONTENTS[kind])
    result = CliRunner().invoke(main, ["--db", str(db_file), *command])
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert str(db_file) in lines[0]
    assert result.stdout == ""
    if before is not None:
        assert (db_file.read_bytes(), db_file.stat().st_mtime_ns) == before


def test_a_file_where_the_directory_should_be_is_a_store_error(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("keep")
    with pytest.raises(StoreError, match="followup.json: cannot (use the data file|take the lock file)"):
        TinyDBRepository.open(blocker / "followup.json")
    result = CliRunner().invoke(main, ["--db", str(blocker / "followup.json"), "list"])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert blocker.read_text() == "keep"


FULL_DISK_SCRIPT = """
import resource, signal, sys
from pathlib import Path
from followup_tui.domain.errors import StoreError
from followup_tui.domain.model import Application
from followup_tui.store.migrations import SCHEMA_VERSION
from followup_tui.store.tinydb_store import TinyDBRepository

db = Path(sys.argv[1])
repo = TinyDBRepository.open(db)
repo.add(Application(company="Acme"))
# a real write failure: files may not grow past their current size (EFBIG)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
size = db.stat().st_size
resource.setrlimit(resource.RLIMIT_FSIZE, (size + 10, resource.RLIM_INFINITY))
try:
    repo.add(Application(company="x" * 10_000))
except StoreError as exc:
    print(exc)
"""


def test_a_failed_save_is_a_store_error_and_keeps_the_old_file(db_file):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-B", "-c", FULL_DISK_SCRIPT, str(db_file)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert f"{db_file}: could not save" in done.stdout
    assert [a.company for a in TinyDBRepository.open(db_file).list()] == ["Acme"]
    assert list(db_file.parent.glob(f".{db_file.name}.tmp-*")) == []


@pytest.mark.parametrize("change", [
    {"stage": "limbo"}, {"company": None}, {"created": "yesterday"}, {"events": [{"kind": "note"}]},
])
def test_a_record_edited_bad_after_opening_is_never_written_over(db_file, change):
    """Another program (a hand edit) makes one record wrong while the app
    has the file open: the next read or save checks the file again,
    refuses it naming the record, and leaves it as it is."""
    TinyDBRepository.open(db_file).add_many([Application(company="Acme"), Application(company="Beta")])
    good = db_file.read_bytes()
    document = json.loads(good)
    document["applications"]["2"].update(change)
    actions = {
        "get": lambda repo: repo.get(1),
        "add": lambda repo: repo.add(Application(company="Gamma")),
        "modify": lambda repo: repo.modify(1, lambda a: a.add_note("x", a.created)),
        "delete": lambda repo: repo.delete(1),
        "backup": lambda repo: repo.rotate_backups(),
        "list": lambda repo: repo.list(),
    }
    for name, action in actions.items():
        db_file.write_bytes(good)
        repo = TinyDBRepository.open(db_file)
        repo.get(1)  # the file as checked, here
        before = write_bad(db_file, json.dumps(document).encode())
        with pytest.raises(StoreError, match=f"{db_file}: application 2 is malformed"):
            action(repo)
        assert (db_file.read_bytes(), db_file.stat().st_mtime_ns) == before, name
