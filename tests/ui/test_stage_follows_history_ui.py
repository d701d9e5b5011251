"""The stage follows the history in the TUI (issue 21 item 2): a round to
come added in the form moves a Thanked card back to Interview, said in the
save's notice and undone with `u`; a response that reads as an offer asks to
move the card to Offer."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from fixed import FIXED_NOW
from textual.widgets import Input

from followup_tui.domain.model import Application, Interview
from followup_tui.store import TinyDBRepository
from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.screens.dialogs import ConfirmDialog, TextDialog
from followup_tui.ui.screens.form import ApplicationFormScreen
from ui_steps import board_ready, messages

ROUND = FIXED_NOW - timedelta(days=20)


def said(app) -> list[str]:
    """What the app told the user: its notices and the board's status line."""
    board = next(s for s in app.screen_stack if isinstance(s, BoardScreen))
    return [*messages(app), board.status_text]


def stage(db: Path) -> str:
    return TinyDBRepository.open(db).get(1).stage


def thanked_card(tmp_path: Path) -> Path:
    db = tmp_path / "data" / "followup.json"
    app = Application(company="Lattice Robotics", role="Engineer", stage="interview", interviews=[Interview(at=ROUND)])
    app.record_sent("thank-you", ROUND + timedelta(hours=5))
    TinyDBRepository.open(db, clock=lambda: FIXED_NOW).add(app)
    return db


async def test_a_round_to_come_added_in_the_form_moves_the_card_to_interview_and_u_undoes_it(
    tmp_path, make_app, wait_until, wait_for_screen
):
    db = thanked_card(tmp_path)
    assert stage(db) == "thanked"
    app = make_app(db)
    async with app.run_test(size=(120, 35)) as pilot:
        await board_ready(pilot, wait_until)
        app.open_form(1)
        form = await wait_for_screen(pilot, ApplicationFormScreen)
        await wait_until(pilot, lambda: form.query("#interview-at-0"), what="the form's rounds")
        await pilot.press("f3")
        await wait_until(pilot, lambda: form.query("#interview-at-1") and form.focused is form.query_one("#interview-at-1"))
        await pilot.press(*"2026-11-27 10:00")
        await wait_until(pilot, lambda: form.query_one("#interview-at-1", Input).value == "2026-11-27 10:00")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, BoardScreen)
        await wait_until(pilot, lambda: stage(db) == "interview", what="moved to Interview")
        assert any("moved from Thanked to Interview: a new round is coming" in m and "u undoes it" in m for m in said(app))
        await pilot.press("u")
        await wait_until(pilot, lambda: stage(db) == "thanked", what="the move undone")
        assert len(TinyDBRepository.open(db).get(1).interviews) == 1  # the whole save undone, round and move together


async def test_a_response_that_reads_as_an_offer_asks_to_move_to_offer(tmp_path, make_app, wait_until, wait_for_screen):
    db = thanked_card(tmp_path)
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await board_ready(pilot, wait_until)
        app.record_response(1)
        dialog = await wait_for_screen(pilot, TextDialog)
        await wait_until(pilot, lambda: dialog.query("#answer") and dialog.focused is dialog.query_one("#answer"))
        dialog.query_one("#answer", Input).value = "We would like to offer you the position"
        await pilot.press("enter")
        confirm = await wait_for_screen(pilot, ConfirmDialog)
        assert confirm.question == "Lattice Robotics: this reads as an offer. Move it to Offer?"
        assert TinyDBRepository.open(db).get(1).responses()  # the response is stored before the question
        assert stage(db) == "thanked"
        await pilot.press("y")
        await wait_until(pilot, lambda: stage(db) == "offer", what="moved to Offer")
        await wait_until(pilot, lambda: any("Lattice Robotics: moved to Offer (their offer)" in m for m in said(app)), what=f"said: {said(app)}")


async def test_a_time_corrected_to_before_an_earlier_entry_is_accepted_with_a_warning(
    tmp_path, make_app, wait_until, wait_for_screen
):
    """A note corrected to three days before the round, so before the
    thank-you recorded earlier: stored, and the notice says so."""
    from followup_tui.ui.screens.detail import DetailScreen
    from followup_tui.ui.screens.dialogs import ChoiceDialog

    db = thanked_card(tmp_path)
    TinyDBRepository.open(db).modify(1, lambda a: a.add_note("called the front desk", ROUND + timedelta(days=1)))
    app = make_app(db)
    async with app.run_test(size=(120, 35)) as pilot:
        await board_ready(pilot, wait_until)
        app.open_detail(1)
        detail = await wait_for_screen(pilot, DetailScreen)
        await pilot.press("f")
        await wait_for_screen(pilot, ChoiceDialog)
        await pilot.press("enter")  # the newest event: the note, recorded after the thank-you
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog) and "what is wrong" in app.screen.question)
        await pilot.press("down", "enter")  # "Correct when it happened"
        dialog = await wait_for_screen(pilot, TextDialog)
        await wait_until(pilot, lambda: dialog.query("#answer"))
        dialog.query_one("#answer", Input).value = (ROUND - timedelta(days=3)).strftime("%Y-%m-%d %H:%M")
        await pilot.press("enter")
        await wait_until(pilot, lambda: any(e.at == ROUND - timedelta(days=3) for e in TinyDBRepository.open(db).get(1).events),
                         what="stored")
        assert app.screen is detail
        await wait_until(pilot, lambda: any("recorded earlier: read in date order" in m for m in said(app)), what="the warning")
