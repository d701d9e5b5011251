"""The application form and the agenda, by keyboard, asserting what is stored."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from fixed import FIXED_NOW
from textual.widgets import Input
from ui_steps import board_ready, open_agenda, type_in
from waiting import wait_until as wait_for

from followup_tui.store import TinyDBRepository
from followup_tui.ui.screens.agenda import AgendaScreen
from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.screens.dialogs import ChoiceDialog, ConfirmDialog
from followup_tui.ui.screens.form import ApplicationFormScreen


def stored(db: Path):
    return {a.company: a for a in TinyDBRepository.open(db).list()}


async def until_form(pilot) -> None:
    """The form open with every row mounted, ready for keys."""

    def ready() -> bool:
        screen = pilot.app.screen
        return isinstance(screen, ApplicationFormScreen) and screen.ready_for_keys()

    await wait_for(pilot, ready, what="the form ready")


async def type_into(pilot, selector: str, text: str) -> None:
    await type_in(pilot, pilot.app.screen.query_one(selector, Input), text)


async def test_new_application_is_saved_with_contact_and_interview(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await board_ready(pilot, wait_for)
        await pilot.press("n")
        await until_form(pilot)
        assert isinstance(app.screen, ApplicationFormScreen)
        await type_into(pilot, "#company", "Acme [Labs]")
        await type_into(pilot, "#role", "Support Engineer")
        await type_into(pilot, "#decision_by", "2026-12-04")
        await type_into(pilot, "#contact-name-0", "Jane Roe")
        await type_into(pilot, "#contact-email-0", "jane@acme.com")
        await pilot.press("f2")  # a second contact row
        await wait_for(pilot, lambda: app.screen.query('#contact-name-1'), what='the second contact row')
        await type_into(pilot, "#contact-name-1", "Raj Patel")
        await pilot.press("f3")
        await wait_for(pilot, lambda: app.screen.query('#interview-at-0'), what='the interview row')
        await type_into(pilot, "#interview-at-0", "2026-11-27 14:00")
        await type_into(pilot, "#interview-with-0", "Jane Roe, Raj Patel")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen) and 'Acme [Labs]' in stored(demo_db), what='saved')
        assert isinstance(app.screen, BoardScreen)
        record = stored(demo_db)["Acme [Labs]"]
        assert record.role == "Support Engineer"
        assert record.decision_by.isoformat() == "2026-12-04"
        assert [(c.name, c.email) for c in record.contacts] == [("Jane Roe", "jane@acme.com"), ("Raj Patel", "")]
        assert record.interviews[0].at.isoformat() == "2026-11-27T14:00:00+00:00"
        assert record.interviews[0].with_names == ["Jane Roe", "Raj Patel"]


async def test_bad_values_are_shown_at_the_field_and_nothing_is_saved(demo_db, make_app):
    app = make_app(demo_db)
    before = demo_db.read_bytes()
    async with app.run_test(size=(120, 35)) as pilot:
        await board_ready(pilot, wait_for)
        await pilot.press("n")
        await until_form(pilot)
        await type_into(pilot, "#company", "Bad Data Inc")
        await type_into(pilot, "#contact-email-0", "jane@")
        await type_into(pilot, "#decision_by", "some day soon")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: 'not a valid' in str(app.screen.query_one('#contact-email-0-error').render()), what='the field errors')
        assert isinstance(app.screen, ApplicationFormScreen)
        email_error = str(app.screen.query_one("#contact-email-0-error").render())
        date_error = str(app.screen.query_one("#decision_by-error").render())
        assert "not a valid email address" in email_error
        assert "YYYY-MM-DD" in date_error
        assert demo_db.read_bytes() == before


async def test_escape_with_unsaved_changes_asks_before_discarding(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await board_ready(pilot, wait_for)
        await pilot.press("e")
        await until_form(pilot)
        await type_into(pilot, "#role", "Changed role")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), what='the question')
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("n")
        await until_form(pilot)
        assert isinstance(app.screen, ApplicationFormScreen)
        assert app.screen.query_one("#role", Input).value == "Changed role"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), what='the question')
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen), what='the board')
        assert isinstance(app.screen, BoardScreen)
        assert "Changed role" not in {a.role for a in stored(demo_db).values()}


async def test_a_conflicting_save_warns_and_loses_nothing(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await board_ready(pilot, wait_for)
        company = app.screen.current_card.company
        app_id = app.screen.current_card.app_id
        await pilot.press("e")
        await until_form(pilot)
        await type_into(pilot, "#role", "Role from this session")
        # another login adds a note to the same application meanwhile
        TinyDBRepository.open(demo_db).modify(app_id, lambda a: a.add_note("from the other session", FIXED_NOW))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any('another session' in n.message for n in app.notices), what='the conflict')
        assert isinstance(app.screen, ApplicationFormScreen)
        assert any("another session" in n.message for n in app.notices)
        assert stored(demo_db)[company].role != "Role from this session"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen) and stored(demo_db)[company].role == 'Role from this session', what='saved over')
        assert isinstance(app.screen, BoardScreen)
        record = stored(demo_db)[company]
        assert record.role == "Role from this session"
        assert any(e.text == "from the other session" for e in record.events)


async def down_to(pilot, wait_until, screen: AgendaScreen, index: int) -> None:
    for _ in range(index):
        await pilot.press("down")
    await wait_until(pilot, lambda: screen.current == screen.rows[index], what=f"the cursor on row {index}")


async def test_agenda_lists_overdue_first_and_marks_sent(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await open_agenda(pilot, wait_until, wait_for_screen)
        urgencies = [action.urgency for _, action in screen.rows]
        ranks = [("overdue", "due-today", "upcoming").index(u) for u in urgencies]
        assert ranks == sorted(ranks) and urgencies[0] == "overdue"
        # go to the first thank-you row and mark it sent
        index = next(i for i, (_, a) in enumerate(screen.rows) if a.kind == "thank-you")
        company = screen.rows[index][0].company
        await down_to(pilot, wait_until, screen, index)
        await pilot.press("m")
        await wait_until(pilot, lambda: stored(demo_db)[company].messages_sent("thank-you"), what="a sent thank-you")
        record = stored(demo_db)[company]
        assert record.stage == "thanked"
        sent = record.messages_sent("thank-you")[-1]
        # to the person the row names, with their address
        assert sent.at == FIXED_NOW and sent.recipient == record.primary_email  # Leo, the person the row names


async def test_agenda_lets_go_and_snoozes(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await open_agenda(pilot, wait_until, wait_for_screen)
        first, action = screen.rows[0]
        first = first.company
        assert action.kind == "let-go"  # letting go is what is due: x acts at once
        await pilot.press("x")
        await wait_until(pilot, lambda: stored(demo_db)[first].stage == "closed", what="closed")
        assert stored(demo_db)[first].outcome == "moved-on"
        await wait_until(pilot, lambda: screen.rows[0][0].company != first, what="the closed row gone")
        target = screen.rows[0][0].company
        await pilot.press("s")
        await wait_for_screen(pilot, ChoiceDialog)
        await pilot.press("enter")  # "one day"
        await wait_until(pilot, lambda: stored(demo_db)[target].snoozed_until is not None, what="snoozed")
        assert stored(demo_db)[target].snoozed_until == FIXED_NOW + timedelta(days=1)
        await wait_for_screen(pilot, AgendaScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, BoardScreen)


async def test_agenda_cursor_stays_in_place_and_other_sessions_show_up(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db, watch_interval=0.1)
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await open_agenda(pilot, wait_until, wait_for_screen)
        index = next(i for i, (_, a) in enumerate(screen.rows) if a.kind == "thank-you")
        await down_to(pilot, wait_until, screen, index)
        marked = screen.rows[index][0].company
        following = screen.rows[index + 1][0].company
        await pilot.press("m")  # marked: that row moves on; the cursor is on the next item
        await wait_until(pilot, lambda: stored(demo_db)[marked].messages_sent("thank-you"), what="a sent thank-you")
        await wait_until(pilot, lambda: screen.current and screen.current[0].company == following, what="the next item")
        TinyDBRepository.open(demo_db).modify(
            screen.rows[-1][0].id, lambda a: a.move_to("closed", FIXED_NOW, "withdrawn")
        )
        gone = screen.rows[-1][0].company
        await wait_until(pilot, lambda: gone not in [a.company for a, _ in screen.rows], what="the other session's close")
        assert screen.current[0].company == following
