"""A missing decision date is a hint on the follow-up: a line in the detail
view, and D records the date from the detail view and the agenda (Pilot,
real file, what got stored)."""

from __future__ import annotations

import io
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from rich.console import Console
from ui_steps import board_ready
from waiting import wait_until as wait_for

from followup_tui.domain.model import Application, Contact, Event, Interview
from followup_tui.store import TinyDBRepository
from followup_tui.ui.screens.agenda import AgendaScreen
from followup_tui.ui.screens.detail import DetailScreen
from followup_tui.ui.screens.dialogs import TextDialog

UTC = timezone.utc


@pytest.fixture
def thanked(db_file: Path) -> Path:
    """Interview a week ago, thanked, no decision date: follow-up 1 due today, with the hint."""
    at = datetime(2026, 11, 16, 14, 0, tzinfo=UTC)
    TinyDBRepository.open(db_file).add(Application(
        company="Acme", role="Developer", stage="thanked",
        contacts=[Contact("Ann Lee", "Manager", "ann.lee@acme.com")],
        interviews=[Interview(at=at, with_names=["Ann Lee"])],
        events=[Event(at=at.replace(hour=18), kind="message-sent", message_kind="thank-you", recipient="ann.lee@acme.com")],
    ))
    return db_file


def stored(db: Path) -> Application:
    return TinyDBRepository.open(db).list()[0]




def detail_text(app) -> str:
    """What the detail view shows, as plain text (the screen's own rendering of the stored record)."""
    screen = app.screen
    console = Console(width=110, record=True, file=io.StringIO())
    console.print(screen.render_application(app.session.get(screen.app_id)))
    return console.export_text()


async def answer(pilot, text: str) -> None:
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, TextDialog))
    pilot.app.screen.query_one("#answer").value = text
    await pilot.press("enter")


async def test_detail_shows_the_hint_and_d_records_the_date(thanked, make_app):
    app = make_app(thanked)
    async with app.run_test(size=(120, 35)) as pilot:
        await board_ready(pilot, wait_for)
        app.open_detail(stored(thanked).id)
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen) and app.screen.is_mounted)
        await wait_for(pilot, lambda: "follow-up 1" in detail_text(app))
        text = detail_text(app)
        assert "follow-up 1" in text and "hint: no decision date" in text
        await pilot.press("D")
        await answer(pilot, "next friday")  # not a date: refused in place, nothing stored
        assert isinstance(app.screen, TextDialog) and stored(thanked).decision_by is None
        await answer(pilot, "2026-11-27")
        await wait_for(pilot, lambda: stored(thanked).decision_by == date(2026, 11, 27))
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen) and "hint:" not in detail_text(app))
        assert "after their decision date (2026-11-27)" in detail_text(app)


async def test_d_in_the_agenda_records_the_date_of_the_row_s_application(thanked, make_app):
    app = make_app(thanked)
    async with app.run_test(size=(120, 35)) as pilot:
        await board_ready(pilot, wait_for)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        [(_, action)] = app.screen.rows
        assert action.kind == "follow-up" and "no decision date" in action.hint
        await pilot.press("D")
        await answer(pilot, "2026-12-02")
        await wait_for(pilot, lambda: stored(thanked).decision_by == date(2026, 12, 2))
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen) and (not app.screen.rows or not app.screen.rows[0][1].hint))
