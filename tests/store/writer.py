"""A writer process for the crash and concurrency tests (not a test module).

    python writer.py crash DB TAG
        loop forever: add an application, then append a note to application 1;
        print each save only after the call returned (= reported done).
    python writer.py worker DB TAG COUNT GO_FILE
        wait for GO_FILE, then COUNT times: add, and append a note to
        application 1 (a read-modify-write racing the other workers).

    python writer.py pause DB TAG STEP
        one save (the file read whole, its layout taken), print `ready`, wait
        for a line on stdin, then a second save that stops at STEP (`copy`:
        copying the records from the old file; `finish`: everything written
        to the temp file, before fsync and rename; `replaced`: renamed, before
        the folder's fsync), prints `paused` there and waits to be killed.

Output lines: `ready`, `add ID TAG-N`, `note TAG-N`, `paused`.
"""

from __future__ import annotations

import itertools
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from followup_tui.domain.model import Application
from followup_tui.store.tinydb_store import TinyDBRepository


def report(line: str) -> None:
    # one write per line, flushed at once: a line on the pipe means "done"
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def save_pair(repo: TinyDBRepository, label: str) -> None:
    added = repo.add(Application(company=label, role="writer"))
    report(f"add {added.id} {label}")
    repo.modify(1, lambda app: app.add_note(label, datetime.now(timezone.utc)))
    report(f"note {label}")


def crash(db: Path, tag: str) -> None:
    repo = TinyDBRepository.open(db)
    report("ready")
    for n in itertools.count():
        save_pair(repo, f"{tag}-{n}")


def worker(db: Path, tag: str, count: int, go_file: Path) -> None:
    repo = TinyDBRepository.open(db)
    report("ready")
    while not go_file.exists():  # start all workers at the same moment
        time.sleep(0.002)
    for n in range(count):
        save_pair(repo, f"{tag}-{n}")


def pause(db: Path, tag: str, step: str) -> None:
    from followup_tui.store import atomic_file, file_layout

    repo = TinyDBRepository.open(db)
    repo.modify(1, lambda app: app.add_note(f"{tag}-first", datetime.now(timezone.utc)))
    report("ready")
    sys.stdin.readline()

    def stop_here() -> None:
        report("paused")
        sys.stdin.readline()  # never answered: the test kills this process

    if step == "copy":
        copy = file_layout.FileRecords.copy
        file_layout.FileRecords.copy = lambda self, start, end: stop_here() or copy(self, start, end)
    elif step == "finish":
        finish = file_layout.FileRecords.finish
        file_layout.FileRecords.finish = lambda self: finish(self) or stop_here()
    else:
        atomic_file.fsync_dir = lambda directory: stop_here()
    repo.modify(1, lambda app: app.add_note(f"{tag}-second", datetime.now(timezone.utc)))
    report("not killed")


if __name__ == "__main__":
    mode, db, tag, *rest = sys.argv[1:]
    if mode == "crash":
        crash(Path(db), tag)
    elif mode == "pause":
        pause(Path(db), tag, rest[0])
    else:
        worker(Path(db), tag, int(rest[0]), Path(rest[1]))
