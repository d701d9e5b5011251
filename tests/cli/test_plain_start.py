"""A plain start of the TUI (`followup`, `followup --db PATH --config PATH`)
runs without click (cli/__init__.py, start) and ends as the click group
would: the same message on stderr, the same exit code. Every other command
line goes to the click group."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from followup_tui.cli import plain_tui_start


@pytest.mark.parametrize(
    ("args", "options"),
    [
        ([], {}),
        (["--db", "a.json"], {"--db": "a.json"}),
        (["--db=a.json", "--config", "c.toml"], {"--db": "a.json", "--config": "c.toml"}),
        (["--config=c.toml", "--db=a=b.json"], {"--config": "c.toml", "--db": "a=b.json"}),
        (["--db"], None),
        (["--db", ""], None),
        (["--db="], None),
        (["--db", "-x"], None),
        (["--db", "a", "--db", "b"], None),
        (["--help"], None),
        (["--version"], None),
        (["list"], None),
        (["--db", "a.json", "list"], None),
        (["--dbx", "a.json"], None),
        (["-h"], None),
    ],
)
def test_only_a_plain_start_skips_click(args, options):
    assert plain_tui_start(args) == options


CHILD = """
import sys
from followup_tui.cli import {entry}
{entry}(sys.argv[1:])
"""


@pytest.mark.parametrize(
    ("args", "environ"),
    [
        (["--db", "{db}"], {}),  # no terminal: exit 2, one line
        ([], {"FOLLOWUP_DB": "{db}"}),
        (["--db={db}", "--config", "{bad}"], {}),  # a bad config: named
        (["--db", "{db}"], {"FOLLOWUP_NOW": "not a time"}),
        (["--db", "{db}"], {"FOLLOWUP_CONFIG": "{bad}"}),
    ],
)
def test_a_plain_start_ends_as_the_click_group_ends_it(tmp_path, db_file, args, environ):
    bad = tmp_path / "bad.toml"
    bad.write_text("timezone = 3\n", encoding="utf-8")
    fill = {"db": str(db_file), "bad": str(bad)}
    args = [a.format(**fill) for a in args]
    env = {**os.environ, **{k: v.format(**fill) for k, v in environ.items()}}
    ended = []
    for entry in ("start", "main"):  # the command, and the click group it hands everything else to
        done = subprocess.run([sys.executable, "-B", "-c", CHILD.format(entry=entry), *args], env=env,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
        ended.append((done.returncode, done.stdout, done.stderr))
    assert ended[0] == ended[1]
    assert ended[0][0] == 2 and ended[0][2].startswith("followup: ") and ended[0][2].count("\n") == 1
