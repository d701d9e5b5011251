"""`followup due` end to end on a real data file, with a fixed clock."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup_tui.cli import main
from followup_tui.domain.demo import demo_applications
from followup_tui.domain.model import Application, Interview
from followup_tui.store import TinyDBRepository

NOW = "2026-11-25T15:00:00Z"  # Wednesday


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text('timezone = "UTC"\n', encoding="utf-8")
    return path


@pytest.fixture
def demo_db(db_file: Path, fixed_now: datetime) -> Path:
    TinyDBRepository.open(db_file).add_many(demo_applications(fixed_now))
    return db_file


def run(db: Path, config: Path, *args: str, now: str = NOW):
    result = CliRunner().invoke(
        main, ["--db", str(db), "--config", str(config), *args], env={"FOLLOWUP_NOW": now}, catch_exceptions=False
    )
    return result


def due_json(db: Path, config: Path, *args: str, now: str = NOW) -> list[dict]:
    result = run(db, config, "due", "--json", *args, now=now)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_lists_what_is_due_overdue_first(demo_db: Path, config: Path) -> None:
    found = due_json(demo_db, config)
    assert [(a["company"], a["action"], a["due"], a["urgency"], a.get("number")) for a in found] == [
        ("Tidewater Energy", "let-go", "2026-11-18T15:00:00Z", "overdue", None),
        ("Quarry & Co", "follow-up", "2026-11-20T15:00:00Z", "overdue", 2),
        ("Harbor Bank", "follow-up", "2026-11-24T09:00:00Z", "overdue", 1),
        ("Cobalt Studio", "thank-you", "2026-11-24T16:00:00Z", "overdue", None),
        ("Orbital Robotics", "thank-you", "2026-11-25T20:00:00Z", "due-today", None),
    ]
    required = {"id", "company", "role", "action", "due", "urgency", "reason"}
    for item in found:
        assert required <= set(item)
        assert ("number" in item) == (item["action"] == "follow-up")
        assert isinstance(item["id"], int) and item["reason"]
    harbor = next(a for a in found if a["company"] == "Harbor Bank")
    assert harbor["role"] == "Security Analyst"
    assert harbor["reason"] == "first follow-up 3 business days after their decision date (2026-11-19)"
    orbital = next(a for a in found if a["company"] == "Orbital Robotics")
    assert orbital["who"] == ["Maya Lindqvist", "Jon Park"]


def test_within_widens_the_window(demo_db: Path, config: Path) -> None:
    assert [a["action"] for a in due_json(demo_db, config, "--within", "0")][-1] == "thank-you"
    two_days = due_json(demo_db, config, "--within", "2")
    assert (two_days[-1]["company"], two_days[-1]["action"], two_days[-1]["urgency"]) == (
        "Lumen Health", "prepare", "upcoming",
    )
    assert len(due_json(demo_db, config, "--within", "0.25")) == 5  # 6 hours: not tomorrow's interview


def test_at_looks_from_another_time(demo_db: Path, config: Path) -> None:
    found = due_json(demo_db, config, "--at", "2026-12-10", "--within", "0")
    by_company = {a["company"]: a for a in found}
    assert by_company["Fernwood Games"]["action"] == "follow-up"
    assert by_company["Fernwood Games"]["due"] == "2026-12-09T09:00:00Z"
    assert by_company["Meridian Press"]["action"] == "let-go"  # do not contact: waited, then let go
    assert "Sable Systems" not in by_company and "Kestrel Media" not in by_company
    assert all(a["urgency"] == "overdue" for a in found)


def test_human_output_one_line_per_action(demo_db: Path, config: Path) -> None:
    result = run(demo_db, config, "due")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 5
    tidewater = next(a for a in due_json(demo_db, config) if a["company"] == "Tidewater Energy")
    assert lines[0] == (
        f"overdue    #{tidewater['id']} Tidewater Energy | Controls Engineer: let go, overdue by 7 days "
        "(2026-11-18 15:00) - no answer 5 business days after follow-up 2: let go and move on"
    )
    assert "follow-up 2, overdue by 5 days" in lines[1]
    assert lines[4].startswith("due-today")
    assert "thank-you to Maya Lindqvist, Jon Park, due in 5 hours (2026-11-25 20:00)" in lines[4]
    assert "\x1b" not in result.output  # readable without colour


def test_nothing_due_still_exits_0(db_file: Path, config: Path) -> None:
    result = run(db_file, config, "due")
    assert (result.exit_code, result.stdout) == (0, "nothing due by 2026-11-26 15:00\n")
    assert due_json(db_file, config) == []


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--at", "next month"], "--at"),  # a day alone ("next tuesday") reads as its start
        (["--at", "2026-13-01"], "--at"),
        (["--within", "-1"], "--within"),
        (["--within", "soon"], "--within"),
        (["--within", "nan"], "--within"),
    ],
)
def test_bad_input_exits_2_naming_the_option(demo_db: Path, config: Path, args: list[str], names: str) -> None:
    result = run(demo_db, config, "due", *args)
    assert result.exit_code == 2
    assert names in result.stderr
    assert result.stdout == ""


def test_stored_text_cannot_reach_the_terminal_as_escapes(db_file: Path, config: Path) -> None:
    TinyDBRepository.open(db_file).add(
        Application(
            company="Evil\x1b[2JCorp",
            role="Dev\x07",
            stage="interview",
            interviews=[Interview(at=datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc), with_names=["\x1b]0;x\x07Ann"])],
        )
    )
    result = run(db_file, config, "due")
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "Evil␛[2JCorp | Dev␇" in result.stdout
    # JSON keeps the stored text exactly (escaped by the JSON encoder).
    assert due_json(db_file, config)[0]["company"] == "Evil\x1b[2JCorp"


def test_built_with_add_and_log_in_paris_across_the_dst_change(db_file: Path, tmp_path: Path) -> None:
    """The user's timezone comes from the config; days and times are local."""
    config = tmp_path / "paris.toml"
    config.write_text('timezone = "Europe/Paris"\n', encoding="utf-8")
    early = "2026-10-22T08:00:00Z"
    added = run(db_file, config, "add", "--company", "Acme", "--role", "Dev", "--contact-name", "Ann Lee",
                "--contact-email", "ann.lee@acme.com", "--interview-at", "2026-10-23 14:00", now=early)
    assert added.exit_code == 0, added.output
    app_id = added.stdout.strip()
    # Friday 14:00-15:00 CEST; the thank-you is due 24 hours after it ends.
    found = due_json(db_file, config, "--at", "2026-10-23 16:00")
    assert [(a["action"], a["due"], a["urgency"]) for a in found] == [("thank-you", "2026-10-24T13:00:00Z", "upcoming")]
    logged = run(db_file, config, "log", app_id, "--sent", "thank-you", "--at", "2026-10-23 18:00", now=early)
    assert logged.exit_code == 0, logged.output
    # Seven business days later is Tuesday 3 Nov, 15:00 local, now CET (14:00 UTC).
    assert due_json(db_file, config, "--at", "2026-11-03 14:00", "--within", "0") == []
    found = due_json(db_file, config, "--at", "2026-11-03 14:00")
    assert [(a["action"], a["due"], a["urgency"]) for a in found] == [("follow-up", "2026-11-03T14:00:00Z", "due-today")]
    assert found[0]["number"] == 1
    text = run(db_file, config, "due", "--at", "2026-11-03 14:00").stdout
    assert "follow-up 1, due in 1 hour (2026-11-03 15:00)" in text


def test_config_numbers_drive_the_cadence(demo_db: Path, tmp_path: Path) -> None:
    config = tmp_path / "slow.toml"
    config.write_text('timezone = "UTC"\n[cadence]\nthank_you_hours = 48\n', encoding="utf-8")
    cobalt = next(a for a in due_json(demo_db, config) if a["company"] == "Cobalt Studio")
    assert (cobalt["due"], cobalt["urgency"]) == ("2026-11-25T16:00:00Z", "due-today")
    assert "within 48 hours" in cobalt["reason"]


@pytest.mark.slow
def test_the_installed_command_runs_from_cron(demo_db: Path, config: Path) -> None:
    env = {**os.environ, "FOLLOWUP_DB": str(demo_db), "FOLLOWUP_CONFIG": str(config), "FOLLOWUP_NOW": NOW}
    done = subprocess.run(
        [sys.executable, "-m", "followup_tui", "due", "--json"], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 5


def _one_interview(db: Path, at: datetime, **changes) -> None:
    from followup_tui.domain.model import Event

    app = Application(company="Acme", role="Developer", stage="thanked",
                      interviews=[Interview(at=at, with_names=["Ann Lee"])],
                      events=[Event(at=at.replace(hour=18), kind="message-sent", message_kind="thank-you")], **changes)
    TinyDBRepository.open(db).add(app)


def test_a_missing_decision_date_is_a_hint_on_the_follow_up(db_file: Path, config: Path) -> None:
    _one_interview(db_file, datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc))
    (found,) = due_json(db_file, config, "--within", "30")
    assert (found["action"], found["number"], found["due"]) == ("follow-up", 1, "2026-12-02T11:00:00Z")
    assert "no decision date" in found["hint"] and "record it" in found["hint"]
    assert "(hint: no decision date" in run(db_file, config, "due", "--within", "30").stdout


def test_a_recorded_decision_date_drops_the_hint(db_file: Path, config: Path) -> None:
    from datetime import date

    _one_interview(db_file, datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc), decision_by=date(2026, 11, 27))
    (found,) = due_json(db_file, config, "--within", "30")
    assert (found["action"], found["due"]) == ("follow-up", "2026-12-02T09:00:00Z")
    assert "hint" not in found


def test_the_country_setting_skips_its_public_holidays(db_file: Path, tmp_path: Path) -> None:
    _one_interview(db_file, datetime(2026, 12, 16, 10, 0, tzinfo=timezone.utc))
    plain, british = tmp_path / "plain.toml", tmp_path / "gb.toml"
    plain.write_text('timezone = "UTC"\n', encoding="utf-8")
    british.write_text('timezone = "UTC"\ncountry = "GB"\n', encoding="utf-8")
    assert due_json(db_file, plain, "--within", "30", now="2026-12-17T09:00:00Z")[0]["due"] == "2026-12-25T11:00:00Z"
    assert due_json(db_file, british, "--within", "30", now="2026-12-17T09:00:00Z")[0]["due"] == "2026-12-29T11:00:00Z"
    bad = tmp_path / "bad.toml"
    bad.write_text('country = "Narnia"\n', encoding="utf-8")
    result = run(db_file, bad, "due")
    assert result.exit_code == 2 and "country" in result.stderr


def test_what_is_owed_comes_from_the_history_not_the_column(db_file: Path, config: Path) -> None:
    """Real CLI runs: moving a card by hand neither erases a thank-you nor
    invents a follow-up; after a response, no follow-up whatever the column."""
    at = datetime(2026, 11, 24, 16, 0, tzinfo=timezone.utc)
    app = Application(company="Acme", role="Developer", stage="interview",
                      interviews=[Interview(at=at, with_names=["Ann Lee", "Bob Stone"])])
    app_id = TinyDBRepository.open(db_file).add(app).id

    def owed(now: str = NOW) -> list[tuple]:
        found = due_json(db_file, config, "--within", "30", now=now)
        return [(d["action"], tuple(d.get("who", ())), d.get("number")) for d in found]

    def cli(*args: str, now: str = NOW) -> None:
        result = run(db_file, config, *args, now=now)
        assert result.exit_code == 0, result.output

    cli("log", str(app_id), "--sent", "thank-you", "--to", "Ann Lee", "--at", "2026-11-24 18:00")
    assert owed() == [("thank-you", ("Bob Stone",), None)]
    cli("move", str(app_id), "following-up")  # by hand: nothing erased, nothing invented
    assert owed() == [("thank-you", ("Bob Stone",), None)]
    cli("move", str(app_id), "closed", "--outcome", "withdrawn")
    assert owed() == []
    history = run(db_file, config, "show", str(app_id)).stdout
    assert "moved following-up -> closed (withdrawn)" in history
    cli("move", str(app_id), "interview")  # back: owed again
    assert owed() == [("thank-you", ("Bob Stone",), None)]
    cli("log", str(app_id), "--sent", "thank-you", "--to", "Bob Stone", "--at", "2026-11-25 09:00")
    assert owed() == [("follow-up", (), 1)]
    later = "2026-11-25T16:00:00Z"
    cli("log", str(app_id), "--response", "We will be in touch", now=later)
    assert [a for a, *_ in owed(later)] == ["update-stage"]
    for stage in ("following-up", "interview", "thanked"):  # whatever the column: no follow-up
        cli("move", str(app_id), stage, now=later)
        assert owed(later) == []
        assert owed("2026-12-20T12:00:00Z") == []  # not later either
