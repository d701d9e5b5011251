"""The agenda's one-key actions are safe (issue 9 item 3): `x` lets go at once
only where letting go is the next step and asks first everywhere else; `m`
records the message the row names, to the person the row names. Asserted on
the screens and on the real file."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from fixed import FIXED_NOW

from followup_tui.domain.model import Application, Contact, Interview
from followup_tui.store import TinyDBRepository
from followup_tui.ui.screens.agenda import AgendaScreen
from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.screens.dialogs import ConfirmDialog
from ui_steps import messages, open_agenda


def stored(db: Path) -> dict[str, Application]:
    return {a.company: a for a in TinyDBRepository.open(db).list()}



async def go_to_row(pilot, wait_until, screen: AgendaScreen, wanted) -> tuple[Application, object]:
    """Move the cursor down by keyboard to the first row for which `wanted(row)` holds."""
    index = next(i for i, row in enumerate(screen.rows) if wanted(row))
    for _ in range(index):
        await pilot.press("down")
    await wait_until(pilot, lambda: screen.current == screen.rows[index], what=f"the cursor on row {index}")
    return screen.current


async def test_x_where_letting_go_is_not_the_next_step_asks_and_no_stores_nothing(
    demo_db, make_app, wait_until, wait_for_screen
):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        agenda = await open_agenda(pilot, wait_until, wait_for_screen)
        application, action = await go_to_row(pilot, wait_until, agenda, lambda row: row[1].kind == "thank-you")
        untouched = demo_db.read_bytes()

        await pilot.press("x")
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        assert "not letting go" in dialog.question and application.company in dialog.question
        assert demo_db.read_bytes() == untouched  # asking records nothing
        await pilot.press("n")
        await wait_for_screen(pilot, AgendaScreen)
        assert demo_db.read_bytes() == untouched  # "no": the file is as it was, byte for byte
        assert stored(demo_db)[application.company].stage == application.stage

        await pilot.press("x")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("escape")  # escape is "no" too
        await wait_for_screen(pilot, AgendaScreen)
        assert demo_db.read_bytes() == untouched

        await pilot.press("x")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("y")
        await wait_until(pilot, lambda: stored(demo_db)[application.company].stage == "closed", what="closed")
        record = stored(demo_db)[application.company]
        assert record.outcome == "moved-on"
        assert any("let go" in m and "u undoes it" in m for m in messages(app))
        await wait_for_screen(pilot, AgendaScreen)
        await pilot.press("u")  # and it can be taken back
        await wait_until(pilot, lambda: stored(demo_db)[application.company].stage == application.stage, what="undone")


async def test_x_where_letting_go_is_the_next_step_acts_at_once(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        agenda = await open_agenda(pilot, wait_until, wait_for_screen)
        application, _ = await go_to_row(pilot, wait_until, agenda, lambda row: row[1].kind == "let-go")
        await pilot.press("x")
        await wait_until(pilot, lambda: stored(demo_db)[application.company].stage == "closed", what="closed")
        assert stored(demo_db)[application.company].outcome == "moved-on"
        assert isinstance(app.screen, AgendaScreen)  # no question asked


def two_rounds(db: Path) -> Application:
    """Two ended rounds with different people, both still owed a thank-you."""
    repo = TinyDBRepository.open(db, clock=lambda: FIXED_NOW)
    return repo.add(
        Application(
            company="Two Rounds Ltd",
            role="Analyst",
            stage="interview",
            contacts=[Contact(name="Ann Berg", email="ann@tworounds.com"), Contact(name="Bo Chen", email="bo@tworounds.com")],
            interviews=[
                Interview(at=FIXED_NOW - timedelta(days=3), kind="phone screen", with_names=["Ann Berg"]),
                Interview(at=FIXED_NOW - timedelta(hours=5), kind="onsite", with_names=["Bo Chen"]),
            ],
        )
    )


async def test_m_marks_the_thank_you_the_row_names_to_the_person_it_names(tmp_path, make_app, wait_until, wait_for_screen):
    db = tmp_path / "data" / "followup.json"
    two_rounds(db)
    app = make_app(db)
    async with app.run_test(size=(120, 35)) as pilot:
        agenda = await open_agenda(pilot, wait_until, wait_for_screen)
        labels = sorted(a.who for _, a in agenda.rows)
        assert labels == [("Ann Berg",), ("Bo Chen",)]
        # the second interviewer's row (not the first contact's)
        await go_to_row(pilot, wait_until, agenda, lambda row: row[1].who == ("Bo Chen",))
        await pilot.press("m")
        await wait_until(pilot, lambda: stored(db)["Two Rounds Ltd"].messages_sent("thank-you"), what="a sent thank-you")
        [sent] = stored(db)["Two Rounds Ltd"].messages_sent("thank-you")
        assert sent.recipient == "bo@tworounds.com" and sent.at == FIXED_NOW
        # Bo's row clears; Ann's stays, still owed
        await wait_until(pilot, lambda: [a.who for _, a in agenda.rows] == [("Ann Berg",)], what="only Ann's row left")
        assert any("thank-you to bo@tworounds.com" in m and "u undoes it" in m for m in messages(app))
        await pilot.press("u")
        await wait_until(pilot, lambda: not stored(db)["Two Rounds Ltd"].messages_sent("thank-you"), what="undone")
        await wait_until(pilot, lambda: len(agenda.rows) == 2, what="both rows again")


async def test_x_on_an_application_nobody_answered_asks_then_closes_it_as_ghosted(
    demo_db, make_app, wait_until, wait_for_screen
):
    """Issue 21 item 3: a month of silence after applying: "let go", which asks first."""
    TinyDBRepository.open(demo_db, clock=lambda: FIXED_NOW).add(
        Application(company="Silent Corp", role="Analyst", stage="applied", applied_on=(FIXED_NOW - timedelta(days=45)).date())
    )
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        agenda = await open_agenda(pilot, wait_until, wait_for_screen)
        application, action = await go_to_row(pilot, wait_until, agenda, lambda row: row[0].company == "Silent Corp")
        assert (action.kind, action.outcome) == ("let-go", "ghosted")
        await pilot.press("x")
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        assert "Close it as ghosted?" in dialog.question and "after applying" in dialog.question
        assert stored(demo_db)["Silent Corp"].stage == "applied"  # asking records nothing
        await pilot.press("y")
        await wait_until(pilot, lambda: stored(demo_db)["Silent Corp"].stage == "closed", what="closed")
        assert stored(demo_db)["Silent Corp"].outcome == "ghosted"
        assert any("closed as ghosted" in m and "u undoes it" in m for m in messages(app))
