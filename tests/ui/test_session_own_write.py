"""The session's watcher does not read every application again for the
session's own save (issue 10: at 10,000 applications that was ~0.5 s of work
and a second copy of the data after a move), and still reads another
process's write, or anything after a refresh was asked for."""

from __future__ import annotations

import subprocess
import sys

from fixed import FIXED_NOW

from followup_tui.domain.model import Application
from followup_tui.domain.settings import Settings
from followup_tui.store import TinyDBRepository
from followup_tui.ui.data.session import Session

ANOTHER_PROCESS = """
import sys
from pathlib import Path
from followup_tui.store.tinydb_store import TinyDBRepository
TinyDBRepository.open(Path(sys.argv[1])).modify(1, lambda app: setattr(app, "role", "theirs"))
"""


def loaded_session(db) -> Session:
    clock = lambda: FIXED_NOW  # noqa: E731
    repo = TinyDBRepository.open(db, clock=clock)
    repo.add_many([Application(company="Acme"), Application(company="Beta")])
    session = Session(TinyDBRepository.open(db, clock=clock), Settings(timezone="UTC"), clock, db)
    session.load_now()
    return session


def test_our_own_save_is_not_a_change_elsewhere_but_another_processs_is(db_file):
    session = loaded_session(db_file)
    assert not session.watcher.changed_elsewhere()
    # the writer saved; the watcher looks before the UI thread took the save in
    session.repo.modify(2, lambda app: setattr(app, "role", "ours"))
    assert session.repo.change_token() != session.data.token
    assert not session.watcher.changed_elsewhere()
    session.took_in_own_write(session.repo.last_write)
    assert not session.watcher.changed_elsewhere()

    done = subprocess.run([sys.executable, "-c", ANOTHER_PROCESS, str(db_file)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert session.watcher.changed_elsewhere()


def test_a_save_after_anothers_unseen_write_is_a_change_elsewhere(db_file):
    session = loaded_session(db_file)
    done = subprocess.run([sys.executable, "-c", ANOTHER_PROCESS, str(db_file)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    session.repo.modify(2, lambda app: setattr(app, "role", "ours"))  # on top of their write
    assert session.watcher.changed_elsewhere()
    session.reread()
    assert session.watcher.changed_elsewhere()
