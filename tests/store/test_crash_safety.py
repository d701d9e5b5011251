"""kill -9 at random moments: the file always parses and holds every save that
was reported done (DESIGN §9)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from waiting import start_when_ready

from followup_tui.domain.model import Application
from followup_tui.store.tinydb_store import TinyDBRepository

WRITER = Path(__file__).with_name("writer.py")
ROUNDS = 20
TIME_BUDGET_SECONDS = 45.0  # a safety bound; a round takes ~0.1-0.2 s idle, over 1 s on a loaded machine


def start_writer(db: Path, tag: str) -> subprocess.Popen:
    return start_when_ready([sys.executable, str(WRITER), "crash", str(db), tag])


def reported_lines(proc: subprocess.Popen) -> list[str]:
    # a line without its newline was cut by the kill: not reported done
    text = proc.stdout.read().decode()
    proc.stdout.close()
    proc.stderr.close()
    return [line for line in text.split("\n")[:-1] if line]


def is_subsequence(small: list[str], big: list[str]) -> bool:
    remaining = iter(big)
    return all(item in remaining for item in small)


@pytest.mark.slow
def test_kill_9_never_loses_a_reported_save(db_file):
    TinyDBRepository.open(db_file).add(Application(company="shared"))  # application 1
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    reported_adds: dict[int, str] = {}
    reported_notes: list[str] = []
    rounds_with_leftover_temp = 0
    deadline = time.monotonic() + TIME_BUDGET_SECONDS

    for round_number in range(ROUNDS):
        if time.monotonic() > deadline:
            break
        proc = start_writer(db_file, f"r{round_number}")
        # let it report a few saves (so it makes progress even on a slow, busy
        # machine), then kill it a random moment later: mid-save or between saves
        seen = [proc.stdout.readline().decode() for _ in range(rng.randint(0, 4))]
        time.sleep(rng.uniform(0.0, 0.02))
        proc.kill()  # SIGKILL: no cleanup, no flush, no lock release by the process
        proc.wait()
        for line in [s.rstrip("\n") for s in seen if s.endswith("\n")] + reported_lines(proc):
            kind, *rest = line.split()
            if kind == "add":
                reported_adds[int(rest[0])] = rest[1]
            else:
                reported_notes.append(rest[0])
        if list(db_file.parent.glob(f".{db_file.name}.tmp-*")):
            rounds_with_leftover_temp += 1

        # the raw file parses, and every save reported so far is in it
        context = f"seed {seed}, round {round_number}"
        document = json.loads(db_file.read_text(encoding="utf-8"))
        records = document["applications"]
        for app_id, label in reported_adds.items():
            assert records[str(app_id)]["company"] == label, context
        notes = [event["text"] for event in records["1"]["events"] if event["kind"] == "note"]
        # a save that finished just before the kill may be stored but not reported
        assert is_subsequence(reported_notes, notes), context

    assert round_number >= 10, "the time budget allowed too few rounds to mean anything"
    assert len(reported_adds) >= 5, "the writer hardly saved anything before being killed"
    # the next open cleans up what killed writers left behind, and reads everything
    repo = TinyDBRepository.open(db_file)
    assert list(db_file.parent.glob(f".{db_file.name}.tmp-*")) == []
    stored = {app.id: app.company for app in repo.list()}
    assert {k: stored[k] for k in reported_adds} == reported_adds
    print(f"{round_number + 1} kills, {len(reported_adds)} adds reported, "
          f"{rounds_with_leftover_temp} kills left a temp file mid-save")
