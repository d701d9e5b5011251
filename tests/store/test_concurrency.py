"""Three processes writing one file at once: no write is lost (DESIGN §9)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from followup_tui.domain.model import Application
from followup_tui.store.tinydb_store import TinyDBRepository

WRITER = Path(__file__).with_name("writer.py")
WORKERS = 3
SAVES_EACH = 25  # each is an add plus a read-modify-write of application 1


@pytest.mark.slow
def test_three_processes_lose_no_write(db_file, tmp_path):
    TinyDBRepository.open(db_file).add(Application(company="shared"))  # application 1
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, str(WRITER), "worker", str(db_file), f"w{n}", str(SAVES_EACH), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WORKERS)
    ]
    for proc in procs:  # every worker has opened the file before any starts writing
        assert proc.stdout.readline() == "ready\n"
    started = time.monotonic()
    go.touch()
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        outputs.append(out.splitlines())
    elapsed = time.monotonic() - started

    labels = {f"w{n}-{k}" for n in range(WORKERS) for k in range(SAVES_EACH)}
    reported_ids = {int(line.split()[1]) for out in outputs for line in out if line.startswith("add ")}
    assert len(reported_ids) == WORKERS * SAVES_EACH  # no id handed out twice

    apps = {app.id: app for app in TinyDBRepository.open(db_file).list()}
    shared = apps.pop(1)
    assert {app.company for app in apps.values()} == labels
    assert set(apps) == reported_ids
    notes = [event.text for event in shared.events if event.kind == "note"]
    assert sorted(notes) == sorted(labels)  # every read-modify-write kept
    assert shared.rev == 1 + WORKERS * SAVES_EACH
    print(f"{WORKERS} workers x {SAVES_EACH} x 2 saves in {elapsed:.2f} s")
