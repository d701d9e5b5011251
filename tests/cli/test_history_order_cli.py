"""The stage follows the history on the command line (issue 21 item 2): a
back-dated `log` is accepted with a warning and still counts; `edit
--interview-at` with a round to come moves a waiting card to Interview; a
response that reads as an offer proposes the move."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from click.testing import CliRunner

from followup_tui.cli import main
from followup_tui.domain.model import Application, Contact, Interview
from followup_tui.store import TinyDBRepository

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)
ROUND = NOW - timedelta(days=20)
FIXED_NOW_TEXT = "2026-11-25T15:00:00Z"


@pytest.fixture
def run(tmp_path: Path):
    config = tmp_path / "config.toml"
    config.write_text('timezone = "UTC"\n', encoding="utf-8")
    db = tmp_path / "data" / "followup.json"
    app = Application(company="Lattice Robotics", role="Engineer", stage="interview",
                      contacts=[Contact("Priya Raman", "", "priya@lattice.io")], interviews=[Interview(at=ROUND)])
    app.record_sent("thank-you", ROUND + timedelta(hours=5), recipient="priya@lattice.io")
    TinyDBRepository.open(db).add(app)

    def invoke(*args: str):
        result = CliRunner().invoke(main, ["--db", str(db), "--config", str(config), *args], env={"FOLLOWUP_NOW": FIXED_NOW_TEXT})
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert result.exit_code == 0, (args, result.stdout, result.stderr)
        return result

    invoke.db = db
    return invoke


def test_a_follow_up_logged_before_the_thank_you_warns_and_due_does_not_ask_for_it_again(run):
    logged = run("log", "1", "--sent", "follow-up", "--at", (ROUND - timedelta(days=2)).strftime("%Y-%m-%d %H:%M"))
    assert logged.stderr.startswith("followup: dated ") and 'before "sent thank-you to priya@lattice.io"' in logged.stderr
    assert "read it in date order" in logged.stderr
    rows = json.loads(run("due", "--within", "30", "--json").stdout)
    assert [(r["action"], r.get("number")) for r in rows] == [("follow-up", 2)]


def test_a_log_in_order_says_nothing_more(run):
    assert run("log", "1", "--note", "called them").stderr == ""


def test_a_round_to_come_moves_a_thanked_card_back_to_interview(run):
    run("move", "1", "thanked")
    edited = run("edit", "1", "--interview-at", "2026-11-27 10:00", "--json")
    assert json.loads(edited.stdout)["stage"] == "interview"
    assert edited.stderr == "followup: Lattice Robotics: moved from Thanked to Interview: a new round is coming\n"
    rows = json.loads(run("due", "--within", "3", "--json").stdout)
    assert rows[0]["action"] == "prepare"


def test_a_response_that_reads_as_an_offer_proposes_the_move(run):
    said = run("log", "1", "--response", "We would like to offer you the position!")
    assert said.stderr == "followup: Lattice Robotics: this reads as an offer. Move it with: followup move 1 offer\n"
    assert TinyDBRepository.open(run.db).get(1).stage == "thanked"  # proposed, not done
    assert run("log", "1", "--response", "Thanks, we will be in touch").stderr == ""
