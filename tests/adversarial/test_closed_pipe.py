"""Output into a closed pipe ends quietly (`followup list | head -1`): the
status of a tool stopped by SIGPIPE (141 in a shell), nothing on stderr, no
crash log. Before: "crashed (BrokenPipeError)", exit 1 and a crash log."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

COMMANDS = (("list",), ("show", "1"), ("draft", "1", "--kind", "follow-up"), ("stats",), ("backups",), ("export", "--format", "csv"))


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """Enough applications that every command writes more than a pipe holds
    (made once: the commands only read it)."""
    folder = tmp_path_factory.mktemp("closed-pipe")
    db = folder / "data" / "followup.json"
    source = folder / "many.json"
    source.write_text(json.dumps([{"company": f"Company {i}", "notes": "x" * 300} for i in range(600)]))
    assert run(db, "import", str(source)).returncode == 0
    assert run(db, "delete", "600").returncode == 0  # a backup: `backups` has lines to print
    return db


def run(db, *args, stdout=subprocess.PIPE):
    home = db.parent.parent / "home"  # never the real home (the module's fixture runs before conftest's)
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_DATA_HOME": str(home / "data"), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("FOLLOWUP_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "followup_tui", "--db", str(db), *args],
                          stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=60, env=env)


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_output_into_a_closed_pipe_ends_quietly(many, command):
    reader, writer = os.pipe()
    os.close(reader)  # the reader has gone, as `head -1` does after its line
    try:
        done = run(many, *command, stdout=writer)
    finally:
        os.close(writer)
    assert "No name to sign with" in done.stderr or done.stderr == ""  # draft's own note, written first
    assert "crash" not in done.stderr and "Error" not in done.stderr
    assert done.returncode == 141
    assert not list(many.parent.glob("*crash*")), "a crash log was left"
    assert "crashed" not in done.stderr
