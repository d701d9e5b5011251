"""The TUI starts, with a warning, when no backup can be written (issue 14 item 4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from adversarial.fulldisk import fill, mounted_tmpfs
from adversarial.pty_run import PtyProcess, clean_env, followup_argv

from followup_tui.domain.model import Application
from followup_tui.store import backups
from followup_tui.store.tinydb_store import TinyDBRepository

pytestmark = pytest.mark.slow


@pytest.fixture
def small_disk(tmp_path):
    yield from mounted_tmpfs(tmp_path / "disk", 256)


def run_until_warning(db: Path, home: Path, expect: str) -> str:
    screens: list[str] = []
    proc = PtyProcess(followup_argv("--db", str(db)), clean_env(home), cols=120, rows=35)
    try:
        proc.wait_for_text("Acme")
        proc.wait_for_text("No backup")
        proc.wait_for_text(expect)
        screens.append(proc.text())
        proc.send("q")
        assert proc.finish() == 0
    finally:
        proc.kill()
    return " ".join(screens[0].split())


def test_a_blocked_backups_folder_gives_a_warning_not_a_refusal(tmp_path):
    db = tmp_path / "data" / "followup.json"
    TinyDBRepository.open(db).add(Application(company="Acme"))
    backups.folder_for(db).write_text("not a folder")
    out = run_until_warning(db, tmp_path, "could not write a")
    assert "File exists" in out
    assert list(db.parent.glob("*.partial*")) == []


def test_a_full_disk_at_start_gives_a_warning_and_the_app_runs(tmp_path, small_disk):
    db = small_disk / "followup.json"
    repo = TinyDBRepository.open(db)
    repo.add(Application(company="Acme", notes="n" * 60_000))
    before = db.read_bytes()
    fill(small_disk, 8_000)  # less room than one copy of the file
    out = run_until_warning(db, tmp_path, "No space left")
    assert db.read_bytes() == before
    leftovers = [p for p in small_disk.rglob("*") if "partial" in p.name or ".tmp-" in p.name]
    assert leftovers == []
    assert json.loads(db.read_text())["applications"]["1"]["company"] == "Acme"
