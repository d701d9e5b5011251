"""One plan everywhere (issue 21 item 1), on the command line: for every demo
application and 120 generated histories, `followup draft`, `followup check
--application` and `followup due` name the step the domain names
(domain.message_plan.next_step): the same message, or exit 1 with the same
"nothing to write, next: ..." line. (The domain's own test walks 300
histories; here each command reads the whole file again, and 120 already
reach every kind of step.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixed import FIXED_NOW
from histories import seeded_histories

from followup_tui.cli import main
from followup_tui.domain.cadence import action_label, next_actions
from followup_tui.domain.demo import demo_applications
from followup_tui.domain.message_plan import next_step
from followup_tui.domain.model import Interview
from followup_tui.domain.settings import Settings
from followup_tui.store import TinyDBRepository

SETTINGS = Settings(timezone="UTC", user_name="Sam Doe")
NOTE = "Hi Ann,\n\nThanks again for your time. I remain very interested in the role.\n\nBest,\nSam Doe\n"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """One file holding the demo applications and 120 generated histories."""
    tmp = tmp_path_factory.mktemp("one_plan")
    config = tmp / "config.toml"
    config.write_text('timezone = "UTC"\nuser_name = "Sam Doe"\n', encoding="utf-8")
    db = tmp / "data" / "followup.json"
    repo = TinyDBRepository.open(db, clock=lambda: FIXED_NOW)
    repo.add_many(demo_applications(FIXED_NOW) + seeded_histories(120, FIXED_NOW))
    return db, config, repo.list()


def invoke(world, *args: str, input: str | None = None):
    db, config, _apps = world
    argv = ["--db", str(db), "--config", str(config), *args]
    result = CliRunner().invoke(main, argv, input=input, env={"FOLLOWUP_NOW": "2026-11-25T15:00:00Z"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def test_due_lists_each_application_s_step_first(world):
    rows = json.loads(invoke(world, "due", "--within", "3660", "--json").stdout)
    first: dict[int, dict] = {}
    for row in rows:
        first.setdefault(row["id"], row)
    for app in world[2]:
        step = next_step(app, FIXED_NOW, SETTINGS)
        actions = next_actions(app, FIXED_NOW, SETTINGS)
        if not actions:
            assert app.id not in first
            continue
        row = first[app.id]
        assert (row["action"], row.get("number")) == (actions[0].kind, actions[0].number if actions[0].kind == "follow-up" else None)
        assert action_label(actions[0]) == step.label
    lines = invoke(world, "due", "--within", "3660").stdout.splitlines()
    for app in world[2]:
        mine = [line for line in lines if f"#{app.id} " in line]
        if mine:
            assert f": {next_step(app, FIXED_NOW, SETTINGS).label}, " in mine[0]


def test_draft_and_check_name_the_step_or_refuse_with_its_line(world):
    kinds = set()
    for app in world[2]:
        step = next_step(app, FIXED_NOW, SETTINGS)
        kinds.add(step.kind)
        draft = invoke(world, "draft", str(app.id), "--json")
        check = invoke(world, "check", "-", "--application", str(app.id), input=NOTE)
        if step.kind is None:
            expected = f"followup: application {app.id}: "
            assert draft.exit_code == 1 and draft.stderr.startswith(expected), (app.id, draft.stderr)
            assert step.line in draft.stderr, (step, draft.stderr)
            assert (check.exit_code, check.stderr) == (1, f"followup: application {app.id}: {step.line}\n")
            assert check.stdout == ""
        else:
            assert draft.exit_code == 0, (app.id, step, draft.stderr)
            data = json.loads(draft.stdout)
            assert (data["kind"], data["number"]) == (step.kind, step.number)
            assert "nothing to write" not in check.stderr and check.stdout.startswith(("PASS", "WARN", "FAIL"))
    assert kinds == {"thank-you", "follow-up", None}


def test_the_issue_s_case_draft_exits_1_with_the_agenda_s_line(tmp_path: Path):
    """A follow-up sent, an invitation answered, a final round added and the
    card left in Following up: `draft` says what the agenda says."""
    app = demo_applications(FIXED_NOW)[0]
    start = FIXED_NOW.replace(day=5)
    app.interviews = [Interview(at=start, with_names=["Priya Raman"])]
    app.record_sent("thank-you", start.replace(hour=20))
    app.record_sent("follow-up", start.replace(day=15))
    app.record_response("come for a final round", start.replace(day=17))
    app.interviews.append(Interview(at=FIXED_NOW.replace(day=27), with_names=["Priya Raman"]))
    db = tmp_path / "data" / "followup.json"
    TinyDBRepository.open(db).add_many([app])
    config = tmp_path / "config.toml"
    config.write_text('timezone = "UTC"\n', encoding="utf-8")
    result = invoke((db, config, []), "draft", "1")
    assert (result.exit_code, result.stderr) == (1, "followup: application 1: nothing to write, next: prepare for the interview\n")
    assert invoke((db, config, []), "draft", "1", "--kind", "follow-up").exit_code == 0  # asked for by name: written
