"""kill -9 against the real CLI writers and the TUI mid-move, concurrent CLI
writers, two TUIs on one file, an unprivileged user (issue 14 item 7).

Bounded: each test has a fixed number of rounds and a time budget."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from adversarial.pty_run import PtyProcess, clean_env, followup_argv
from waiting import holds_within

from followup_tui.domain.model import STAGES, Application
from followup_tui.store import backups
from followup_tui.store.tinydb_store import TinyDBRepository

pytestmark = pytest.mark.slow

KILL_ROUNDS = 8
TIME_BUDGET_SECONDS = 20.0


def followup_sh(db: Path) -> str:
    return f"{sys.executable} -m followup_tui --db {db}"


def assert_whole(db: Path) -> TinyDBRepository:
    """The file validates as a whole, and so does every backup."""
    repo = TinyDBRepository.open(db)
    repo.list()
    for backup in repo.list_backups():
        TinyDBRepository.open(backup.path).list()  # a copy never half-written
    assert list(db.parent.glob(f".{db.name}.tmp-*")) == []  # open() cleaned any leftover
    return repo


def test_kill_9_against_cli_writers_loses_no_acknowledged_save(tmp_path):
    db = tmp_path / "data" / "followup.json"
    TinyDBRepository.open(db).add(Application(company="shared"))
    batch = tmp_path / "batch.json"
    batch.write_text(json.dumps([{"company": "imported"}]))
    # add (prints the id when saved), note, import (backs up first), delete (backs up first)
    script = (
        "i=0; while true; do i=$((i+1)); "
        f"id=$({followup_sh(db)} add --company W-$RANDOM-$i) && echo add $id; "
        f"{followup_sh(db)} log 1 --note N-$i >/dev/null && echo note N-$i; "
        f"[ $((i % 3)) = 0 ] && {followup_sh(db)} import {batch} >/dev/null && echo import; "
        f"[ $((i % 4)) = 0 ] && echo deleting $id && {followup_sh(db)} delete $id >/dev/null && echo delete $id; "
        "done"
    )
    rng = random.Random()
    kills = checked = 0
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    for _ in range(KILL_ROUNDS):
        if time.monotonic() > deadline:
            break
        proc = subprocess.Popen(["bash", "-c", script], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                env=clean_env(tmp_path), start_new_session=True)
        time.sleep(rng.uniform(0.3, 1.5))  # a random moment: mid-save, mid-backup, mid-start
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        kills += 1
        acknowledged = [line for line in proc.stdout.read().decode().split("\n")[:-1] if line]
        repo = assert_whole(db)
        stored = {a.id: a for a in repo.list()}
        notes = {e.text for e in stored[1].events if e.kind == "note"}
        # a delete may be saved and killed before it says so: "deleting" is said first
        deleted = {line.split()[1] for line in acknowledged if line.startswith("deleting")}
        for line in acknowledged:
            kind, _, value = line.partition(" ")
            if kind == "add" and value not in deleted:
                assert int(value) in stored, line
            elif kind == "note":
                assert value in notes, line
            elif kind == "delete":
                assert int(value) not in stored, line
            elif kind == "deleting":
                continue
            checked += 1
    print(f"\nCLI kill -9: {kills} kills survived, {checked} acknowledged writes checked")
    assert kills >= 3


def test_kill_9_against_the_tui_mid_move_leaves_a_whole_file(tmp_path):
    db = tmp_path / "data" / "followup.json"
    TinyDBRepository.open(db).add_many([Application(company=f"Card{n}") for n in range(3)])
    rng = random.Random()
    kills = 0
    for _ in range(4):
        proc = PtyProcess(followup_argv("--db", str(db)), clean_env(tmp_path))
        try:
            # the board's keys in the footer: its cards may all have moved off
            # screen in earlier rounds (Card0 once waited for in Offer, out of view)
            proc.wait_for_text("HL Move")
            for _ in range(rng.randint(1, 4)):
                proc.send("L")  # move the current card on, a save each
            time.sleep(rng.uniform(0.0, 0.3))
        finally:
            proc.kill()
            os.close(proc.master)
        kills += 1
        for app in assert_whole(db).list():
            moves = [e for e in app.events if e.kind == "stage-change"]
            assert app.stage == (moves[-1].to_stage if moves else "applied")  # history and stage agree
            assert app.stage in STAGES
    print(f"\nTUI kill -9 mid-move: {kills} kills survived")


def test_concurrent_cli_writers_lose_nothing(tmp_path):
    db = tmp_path / "data" / "followup.json"
    TinyDBRepository.open(db).add(Application(company="shared"))
    writers, each = 3, 4
    procs = [subprocess.Popen(["bash", "-c", f"for i in $(seq 1 {each}); do {followup_sh(db)} log 1 --note W{w}-$i "
                               f">/dev/null || exit 1; {followup_sh(db)} add --company A{w}-$i >/dev/null || exit 1; done"],
                              env=clean_env(tmp_path)) for w in range(writers)]
    assert [p.wait(timeout=120) for p in procs] == [0] * writers
    repo = assert_whole(db)
    apps = repo.list()
    notes = sorted(e.text for e in apps[0].events if e.kind == "note")
    assert notes == sorted(f"W{w}-{i}" for w in range(writers) for i in range(1, each + 1))
    assert sorted(a.company for a in apps[1:]) == sorted(f"A{w}-{i}" for w in range(writers) for i in range(1, each + 1))
    print(f"\nconcurrent CLI writers: {writers * each * 2} writes checked")


def test_two_tuis_moving_the_same_card_leave_a_consistent_file(tmp_path):
    db = tmp_path / "data" / "followup.json"
    TinyDBRepository.open(db).add(Application(company="Contested"))
    first = PtyProcess(followup_argv("--db", str(db)), clean_env(tmp_path))
    second = PtyProcess(followup_argv("--db", str(db)), clean_env(tmp_path))
    try:
        first.wait_for_text("Contested")
        second.wait_for_text("Contested")
        first.send("L")
        second.send("L")  # from a board that may not have seen the first move yet
        holds_within(lambda: TinyDBRepository.open(db).get(1).rev >= 2, 20)  # the second save stored (asserted below)
        first.send("q")
        second.send("q")
        assert first.finish() == 0 and second.finish() == 0  # no crash, no traceback
    finally:
        first.kill()
        second.kill()
    app = assert_whole(db).get(1)
    moves = [e for e in app.events if e.kind == "stage-change"]
    assert moves and app.stage == moves[-1].to_stage
    for earlier, later in zip(moves, moves[1:]):
        assert later.from_stage == earlier.to_stage  # never a move from a stale stage written blindly


@pytest.fixture
def nobody_dir():
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("running as an unprivileged user needs root and setpriv")
    folder = Path(tempfile.mkdtemp(prefix="followup-nobody-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def as_nobody(*argv: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *argv],
                          capture_output=True, text=True, env=env, timeout=60, stdin=subprocess.DEVNULL)


def test_an_unprivileged_user_gets_private_files_and_cannot_use_someone_elses(nobody_dir, tmp_path):
    probe = as_nobody(sys.executable, "-c", "import followup_tui", env=clean_env(nobody_dir))
    if probe.returncode != 0:
        pytest.skip(f"the unprivileged user cannot run this checkout: {probe.stderr.strip()[:200]}")
    home = nobody_dir / "home"
    home.mkdir()
    os.chown(home, 65534, 65534)
    env = clean_env(home)
    mine = home / "data" / "followup.json"
    done = as_nobody(*followup_argv("--db", str(mine), "add", "--company", "Acme"), env=env)
    assert done.returncode == 0, done.stderr
    assert (mine.stat().st_uid, mine.stat().st_mode & 0o777, mine.parent.stat().st_mode & 0o777) == (65534, 0o600, 0o700)
    done = as_nobody(*followup_argv("--db", str(mine), "delete", "1"), env=env)
    assert done.returncode == 0, done.stderr
    assert backups.folder_for(mine).stat().st_mode & 0o777 == 0o700

    roots = nobody_dir / "roots"  # someone else's data, in a folder nobody can read through
    roots.mkdir(mode=0o755)
    theirs = roots / "followup.json"
    TinyDBRepository.open(theirs).add(Application(company="Secret"))
    before = theirs.read_bytes()
    for args in (["list"], ["add", "--company", "X"], ["backups"]):
        done = as_nobody(*followup_argv("--db", str(theirs), *args), env=env)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
        assert "Secret" not in done.stdout + done.stderr
    assert theirs.read_bytes() == before
