"""The process around the app: no terminal, crashes (issue 9 item 6, issue 14 item 4)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from adversarial.pty_run import PtyProcess, clean_env, followup_argv

from followup_tui.cli import main
from followup_tui.domain.model import Application
from followup_tui.store.tinydb_store import TinyDBRepository
from followup_tui.ui.textual_private import crash_guard

pytestmark = pytest.mark.slow


def seeded(db: Path) -> Path:
    TinyDBRepository.open(db).add(Application(company="Hushhush Corp"))
    return db


@pytest.mark.parametrize("args", [[], ["demo"]])
def test_without_a_terminal_the_tui_exits_2_at_once(tmp_path, args):
    db = seeded(tmp_path / "data" / "followup.json")
    started = time.monotonic()
    done = subprocess.run(followup_argv("--db", str(db), *args), stdin=subprocess.DEVNULL,
                          capture_output=True, env=clean_env(tmp_path), timeout=30)
    assert done.returncode == 2
    assert time.monotonic() - started < 15  # at once, not after spinning
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and "needs a terminal" in lines[0] and "ssh -t" in lines[0], lines
    assert done.stdout == b""


def test_a_terminal_on_stdin_with_stdout_piped_is_refused_too(tmp_path):
    # `followup | less`: the screen would go into the pipe
    import os

    db = seeded(tmp_path / "data" / "followup.json")
    master, slave = os.openpty()
    try:
        done = subprocess.run(followup_argv("--db", str(db)), stdin=slave, capture_output=True,
                              env=clean_env(tmp_path), timeout=30)
    finally:
        os.close(master)
        os.close(slave)
    assert done.returncode == 2
    assert b"needs a terminal" in done.stderr


def test_subcommands_work_without_a_terminal(tmp_path):
    db = seeded(tmp_path / "data" / "followup.json")
    done = subprocess.run(followup_argv("--db", str(db), "list", "--json"), stdin=subprocess.DEVNULL,
                          capture_output=True, env=clean_env(tmp_path), timeout=30)
    assert done.returncode == 0, done.stderr
    assert b"Hushhush Corp" in done.stdout


CRASHING_TUI = """
import sys
from followup_tui.ui.screens import board

def boom(self, *args, **kwargs):
    secret_local = "SECRET-LOCAL-VALUE"
    raise RuntimeError("injected crash")

board.BoardScreen.action_help = boom
from followup_tui.cli import main
main(sys.argv[1:], prog_name="followup")
"""


def test_a_crash_in_the_tui_exits_1_and_logs_the_traceback_without_locals(tmp_path):
    db = seeded(tmp_path / "data" / "followup.json")
    proc = PtyProcess([sys.executable, "-c", CRASHING_TUI, "--db", str(db)], clean_env(tmp_path))
    try:
        proc.wait_for(b"Hushhush Corp")
        proc.send("?")
        code = proc.finish()
    finally:
        proc.kill()
    out = bytes(proc.output).decode("utf-8", "replace")
    assert code == 1
    logs = list(db.parent.glob("crash-*.log"))
    assert len(logs) == 1
    assert f"followup: crashed (RuntimeError); the details are in {logs[0]}" in out
    log = logs[0].read_text()
    assert "Traceback" in log and "injected crash" in log and "boom" in log
    assert "SECRET-LOCAL-VALUE" not in out and "SECRET-LOCAL-VALUE" not in log  # never the locals
    assert "Traceback" not in out
    assert oct(logs[0].stat().st_mode & 0o777) == oct(0o600)


def test_a_crash_in_a_subcommand_exits_1_with_one_line_and_a_log(tmp_path, monkeypatch):
    db = seeded(tmp_path / "data" / "followup.json")

    def boom(self):
        secret_local = "SECRET-LOCAL-VALUE"  # noqa: F841
        raise RuntimeError("injected crash")

    monkeypatch.setattr(TinyDBRepository, "list", boom)
    result = CliRunner().invoke(main, ["--db", str(db), "list"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("followup: crashed (RuntimeError); the details are in ")
    log = Path(lines[0].rsplit(" ", 1)[1])
    assert log.parent == db.parent and "injected crash" in log.read_text()
    assert "SECRET-LOCAL-VALUE" not in log.read_text()


def test_the_private_textual_hook_the_crash_guard_needs_still_exists():
    from textual.app import App

    assert callable(getattr(App, crash_guard.HOOK, None)), "Textual changed: update ui/textual_private/crash_guard.py"
