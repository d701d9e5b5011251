"""A CLI that behaves like one (issue 23 item 4): choices read whatever their
case, every date option reads the same typed forms, nothing matched is exit 1
for a listing asked to match, an error names each thing once, FOLLOWUP_NOW is read or
refused in one line, and the man page is the one the commands give."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cli.cli_runner import make_followup

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def followup(tmp_path, db_file):
    return make_followup(tmp_path, db_file)


@pytest.mark.parametrize("typed", ["Offer", "OFFER", "offer"])
def test_a_stage_reads_in_any_case(followup, typed):
    followup("add", "--company", "Acme")
    assert followup("move", "1", typed).stdout == "1 -> offer\n"


def test_a_stage_reads_as_the_board_shows_it(followup):
    followup("add", "--company", "Acme", "--stage", "Applied", "--channel", "Email", "--priority", "HIGH")
    assert followup("move", "1", "Following up").stdout == "1 -> following-up\n"
    app = followup.json("show", "1", "--json")
    assert (app["channel"], app["priority"]) == ("email", "high")
    assert followup("list", "--stage", "FOLLOWING-UP").stdout.split()[:2] == ["1", "following-up"]
    assert followup("export", "--format", "CSV").stdout.startswith("id,company")


def test_a_day_in_words_reads_for_due_at_as_for_the_other_date_options(followup):
    followup("add", "--company", "Acme", "--applied", "yesterday", "--decision-by", "friday")
    result = followup("due", "--at", "yesterday")
    assert "Tue 2026-11-24 00:00" in result.stderr  # the day's start, echoed back (Paris)
    assert followup("due", "--at", "friday 10:00").stderr.startswith("--at 'friday 10:00': Fri 2026-11-27 10:00")
    assert followup("log", "1", "--note", "called", "--at", "2 days ago").stdout == "1 logged (applied)\n"
    assert followup("stats", "--since", "last monday").stdout.startswith("Job search applied since 2026-11-23")


def test_an_unreadable_date_is_refused_once_naming_the_option_once(followup):
    for args in (["stats", "--since", "2026-13-01"], ["due", "--at", "whenever"], ["add", "--company", "A", "--applied", "soonish"]):
        error = followup(*args, expect=2).stderr
        option = args[-2]
        assert error.count(option) == 1, error
        assert "Invalid value" not in error and error.count("cannot read") == 1, error


def test_nothing_matched_is_exit_1_for_every_listing(followup):
    assert followup("list").stdout == ""  # nothing was asked to match: an empty list is the answer
    followup("add", "--company", "Acme", "--tags", "python")
    assert followup("list", "--tag", "nosuchtag", expect=1).stdout == ""
    assert followup("list", "--tag", "nosuchtag", "--json", expect=1).stdout.strip() == "[]"
    assert followup("list", "--stage", "offer", expect=1).stderr == "followup: no application matched\n"
    assert followup("list", "--tag", "python").stdout.startswith("   1  applied")


def test_followup_now_sets_the_clock_and_a_bad_one_is_one_line(tmp_path, db_file):
    followup = make_followup(tmp_path, db_file)
    from click.testing import CliRunner

    from followup_tui.cli import main

    argv = ["--db", str(db_file), "--config", str(followup.config), "due"]
    done = CliRunner().invoke(main, argv, env={"FOLLOWUP_NOW": "2026-12-01 08:00"})
    assert (done.exit_code, done.stdout) == (0, "nothing due by 2026-12-02 09:00\n")  # 08:00 UTC, shown in Paris
    done = CliRunner().invoke(main, argv, env={"FOLLOWUP_NOW": "soon"})
    assert done.exit_code == 2 and done.stderr.startswith("followup: FOLLOWUP_NOW: cannot read 'soon'")
    assert len(done.stderr.splitlines()) == 1
    assert "FOLLOWUP_NOW" in CliRunner().invoke(main, ["--help"]).stdout


def test_the_man_page_is_the_one_the_commands_give():
    done = subprocess.run([sys.executable, "-B", str(ROOT / "tools" / "man_page.py"), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    page = (ROOT / "docs" / "followup.1").read_text(encoding="utf-8")
    for command in ("add", "list", "due", "stats", "export", "import", "backups"):
        assert f"\\fBfollowup {command}\\fR" in page
    assert "FOLLOWUP_NOW" in page
