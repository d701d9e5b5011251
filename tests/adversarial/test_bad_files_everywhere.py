"""Every malformed file, through every entry point: exit 2, one line naming the
file, the record and the problem; the file untouched; no traceback, no data
printed as locals (issue 14 item 3)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from adversarial.hostile import BAD_FILES
from click.testing import CliRunner

from followup_tui.cli import main
from followup_tui.domain.errors import StoreError
from followup_tui.factory import build_app

ENTRY_POINTS: dict[str, list[str]] = {
    "list": ["list"],
    "list --json": ["list", "--json"],
    "show": ["show", "1"],
    "add": ["add", "--company", "Beta"],
    "edit": ["edit", "1", "--role", "Lead"],
    "move": ["move", "1", "interview"],
    "log": ["log", "1", "--note", "hi"],
    "delete": ["delete", "1"],
    "due": ["due"],
    "export": ["export", "--format", "json"],
    "import": ["import", "IMPORT"],
}


def plant(db: Path, content: bytes) -> tuple[bytes, int]:
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(content)
    os.utime(db, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    return content, db.stat().st_mtime_ns


def beside(db: Path) -> set[str]:
    return {p.name for p in db.parent.iterdir()} - {db.name, db.name + ".lock"}


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("kind", BAD_FILES)
def test_every_cli_entry_point_refuses_every_bad_file(tmp_path, kind, entry):
    content, words = BAD_FILES[kind]
    db = tmp_path / "data" / "followup.json"
    before = plant(db, content)
    importable = tmp_path / "in.json"
    importable.write_text('[{"company": "Gamma"}]')
    argv = ["--db", str(db), *[str(importable) if a == "IMPORT" else a for a in ENTRY_POINTS[entry]]]
    result = CliRunner().invoke(main, argv)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert str(db) in lines[0] and all(w in lines[0] for w in words), lines[0]
    assert "Traceback" not in result.stderr and len(lines[0]) < 400
    assert result.stdout == ""
    assert (db.read_bytes(), db.stat().st_mtime_ns) == before
    assert beside(db) == set()  # no backup, no temp file, no crash log: it is not a crash


@pytest.mark.parametrize("kind", BAD_FILES)
def test_the_tui_refuses_every_bad_file_before_starting(tmp_path, kind):
    content, words = BAD_FILES[kind]
    db = tmp_path / "data" / "followup.json"
    before = plant(db, content)
    with pytest.raises(StoreError) as caught:
        build_app(db)
    assert str(db) in str(caught.value) and all(w in str(caught.value) for w in words)
    assert caught.value.__cause__ is None or not isinstance(caught.value.__cause__, RecursionError)
    assert (db.read_bytes(), db.stat().st_mtime_ns) == before
    assert beside(db) == set()


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["stage limbo", "schema 0", "200,000 levels of nesting", "company null"])
def test_the_real_tui_in_a_terminal_exits_2_with_one_line(tmp_path, kind):
    from adversarial.pty_run import PtyProcess, clean_env, followup_argv

    content, words = BAD_FILES[kind]
    db = tmp_path / "data" / "followup.json"
    before = plant(db, content)
    proc = PtyProcess(followup_argv("--db", str(db)), clean_env(tmp_path))
    try:
        code = proc.finish()
    finally:
        proc.kill()
    out = bytes(proc.output).decode("utf-8", "replace")
    assert code == 2
    assert [line for line in out.splitlines() if line.strip()] == [out.strip()]
    assert str(db) in out and all(w in out for w in words)
    assert "Traceback" not in out
    assert (db.read_bytes(), db.stat().st_mtime_ns) == before


IMPORTS: dict[str, tuple[str, str]] = {
    "company null": ('[{"company": null}]', "company"),
    "company a number": ('[{"company": 42}]', "company"),
    "stage limbo": ('[{"company": "A", "stage": "limbo"}]', "stage"),
    "contacts a string": ('[{"company": "A", "contacts": "Bob"}]', "contacts"),
    "huge number": ('[{"company": "A", "rev": ' + "9" * 5000 + "}]", "too many digits"),
    "1e400": ('[{"company": "A", "rev": 1e400}]', "out of range"),
    "deep nesting": ("[" * 200_000 + "]" * 200_000, "nested too deeply"),
    "NaN": ('[{"company": "A", "rev": NaN}]', "NaN"),
}


@pytest.mark.parametrize("kind", IMPORTS)
def test_import_refuses_wrong_types_instead_of_coercing_them(tmp_path, kind):
    text, word = IMPORTS[kind]
    db = tmp_path / "data" / "followup.json"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(db), "add", "--company", "Acme"]).exit_code == 0
    before = db.read_bytes()
    source = tmp_path / "in.json"
    source.write_text(text)
    result = runner.invoke(main, ["--db", str(db), "import", str(source)])
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert len(result.stderr.splitlines()) == 1 and word in result.stderr, result.stderr
    assert db.read_bytes() == before
