"""One round, described once: the agenda lists each owed round with its own
people and due time, and the composer opened for a round has the heading, the
template's wording and the timing check of that round (Pilot, real file)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fixed import FIXED_NOW
from ui_steps import board_ready
from waiting import wait_until as wait_for

from followup_tui.domain.message_plan import plan_message
from followup_tui.domain.settings import Settings
from followup_tui.domain.model import Application, Contact, Interview
from followup_tui.store import TinyDBRepository
from followup_tui.ui.screens.agenda import AgendaScreen
from followup_tui.ui.screens.composer import ComposerScreen
from followup_tui.ui.widgets.check_panel import CheckPanel

UTC = timezone.utc
PHONE = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)  # a week before FIXED_NOW (Wed 25 Nov 15:00)
ONSITE = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)  # yesterday


@pytest.fixture
def two_rounds(db_file: Path) -> Path:
    app = Application(
        company="Acme", role="Developer", company_domain="acme.com", stage="interview",
        contacts=[Contact("Rita Moss", "Recruiter", "rita@acme.com"), Contact("Ann Lee", "Manager", "ann.lee@acme.com")],
        interviews=[Interview(at=PHONE, kind="phone screen", with_names=["Rita Moss"]),
                    Interview(at=ONSITE, kind="onsite", with_names=["Ann Lee"])],
    )
    TinyDBRepository.open(db_file).add(app)
    return db_file




def composer_ready(app) -> bool:
    return isinstance(app.screen, ComposerScreen) and app.screen.plan is not None and app.screen.results != []


def described(screen: ComposerScreen) -> tuple[str, str, str, str]:
    title = str(screen.query_one("#composer-title").render())
    timing = next(r for r in screen.query_one(CheckPanel).results if r.id == "timing")
    return screen.fields.to, title, screen.fields.body, f"{timing.status}: {timing.message}"


async def test_agenda_rows_and_the_composer_describe_the_same_round(two_rounds, make_app):
    app = make_app(two_rounds)
    async with app.run_test(size=(120, 35)) as pilot:
        await board_ready(pilot, wait_for)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        agenda = app.screen
        assert [(a.who, a.due, a.urgency) for _, a in agenda.rows] == [
            (("Rita Moss",), datetime(2026, 11, 19, 11, 0, tzinfo=UTC), "overdue"),
            (("Ann Lee",), datetime(2026, 11, 25, 17, 0, tzinfo=UTC), "due-today"),
        ]
        await pilot.press("enter")  # the phone screen's row
        await wait_for(pilot, lambda: composer_ready(app))
        to, title, body, timing = described(app.screen)
        assert to == "rita@acme.com" and body.startswith("Hi Rita,")
        assert "overdue by 6 days" in title
        assert "speak with me last week" in body
        assert timing.startswith("warn: 7 days after the interview")  # its end, a week ago; its 24 h ran out 6 days ago
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is agenda)
        await pilot.press("down", "enter")  # the onsite's row
        await wait_for(pilot, lambda: composer_ready(app))
        to, title, body, timing = described(app.screen)
        assert to == "ann.lee@acme.com" and body.startswith("Hi Ann,")
        assert "due in 2 hours" in title and "overdue" not in title
        assert "meet with me yesterday" in body
        assert timing.startswith("pass: Within 24 hours")


async def test_m_on_a_round_s_row_thanks_that_round_s_person(two_rounds, make_app):
    app = make_app(two_rounds)
    async with app.run_test(size=(120, 35)) as pilot:
        await board_ready(pilot, wait_for)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        await pilot.press("down", "m")  # the onsite's row: Ann
        stored = lambda: TinyDBRepository.open(two_rounds).list()[0]  # noqa: E731
        await wait_for(pilot, lambda: stored().messages_sent("thank-you") != [])
        assert [e.recipient for e in stored().messages_sent("thank-you")] == ["ann.lee@acme.com"]
        await wait_for(pilot, lambda: [a.who for _, a in app.screen.rows] == [("Rita Moss",)])


async def test_the_composer_says_how_to_set_the_name_to_sign_with(two_rounds, make_app):
    app = make_app(two_rounds)
    app.settings = replace(app.settings, user_name="", signature="")
    async with app.run_test(size=(120, 35)) as pilot:
        await board_ready(pilot, wait_for)
        app.open_composer(TinyDBRepository.open(two_rounds).list()[0].id)
        await wait_for(pilot, lambda: composer_ready(app))
        note = str(app.screen.query_one("#composer-note").render())
        assert 'user_name = "Your Name"' in note and "followup config --path" in note
        assert app.screen.fields.body.rstrip().endswith("Best regards,")
    named = make_app(two_rounds)
    async with named.run_test(size=(120, 35)) as pilot:
        await board_ready(pilot, wait_for)
        named.open_composer(TinyDBRepository.open(two_rounds).list()[0].id)
        await wait_for(pilot, lambda: composer_ready(named))
        assert "user_name" not in str(named.screen.query_one("#composer-note").render())
        assert named.screen.fields.body.rstrip().endswith("Best regards,\nSam Rivera")


async def test_followup_draft_and_the_composer_write_the_same_message(demo_db, make_app, tmp_path):
    """For every demo application: the same kind, addressee and text, or both refuse."""
    import json

    from click.testing import CliRunner

    from followup_tui.cli import main

    config = tmp_path / "config.toml"
    config.write_text('timezone = "UTC"\nuser_name = "Sam Rivera"\n', encoding="utf-8")
    repo = TinyDBRepository.open(demo_db)
    cli: dict[str, dict | None] = {}
    nothing_due: dict[str, str] = {}  # `draft` says "nothing to write, next: ..."; the composer opens saying so
    for application in repo.list():
        def draft(*more: str):
            return CliRunner().invoke(main, ["--db", str(demo_db), "--config", str(config), "draft", str(application.id), "--json", *more],
                                      env={"FOLLOWUP_NOW": "2026-11-25T15:00:00Z"})
        result = draft()
        cli[application.company] = json.loads(result.stdout) if result.exit_code == 0 else None
        line = result.stderr.strip().partition(": nothing to write, next: ")[2]
        if result.exit_code == 1 and line and "." not in line:  # nothing due, and no refusal after it
            nothing_due[application.company] = line
            plan = plan_message(application, FIXED_NOW, Settings(timezone="UTC", user_name="Sam Rivera"))
            cli[application.company] = json.loads(draft("--kind", plan.kind).stdout)
    assert nothing_due, "some demo card has nothing to write"
    assert None in cli.values() and any(v and v["kind"] == "follow-up" for v in cli.values())
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await board_ready(pilot, wait_for)
        for application in repo.list():
            app.open_composer(application.id)
            expected = cli[application.company]
            if expected is None:  # refused by both, with the reason shown
                await wait_for(pilot, lambda: any(n.title == "Not writing this one" for n in app.notices))
                assert not isinstance(app.screen, ComposerScreen)
                app.notices.clear()
                continue
            await wait_for(pilot, lambda: composer_ready(app))
            screen = app.screen
            assert (screen.plan.kind, screen.plan.number) == (expected["kind"], expected["number"]), application.company
            if application.company in nothing_due:
                title = str(screen.query_one("#composer-title").render())
                assert title.startswith(f"Nothing to write, next: {nothing_due[application.company]}"), title
            assert (screen.fields.to, screen.fields.subject, screen.fields.body) == (
                expected["to"], expected["subject"], expected["body"]), application.company
            screen.dismiss(None)
            await wait_for(pilot, lambda: not isinstance(app.screen, ComposerScreen))
