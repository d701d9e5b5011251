"""Nothing typed is lost and nothing is miswritten by one key: quitting asks,
rounds and contacts go only explicitly, notes keep their lines, focus goes to
the first bad field, reopen goes back where the card was, mistaken history
events can be removed or corrected."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from fixed import FIXED_NOW
from textual.widgets import Input, TextArea

from followup_tui.domain.model import Application
from followup_tui.store import TinyDBRepository
from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.screens.composer import ComposerScreen
from followup_tui.ui.screens.detail import DetailScreen
from followup_tui.ui.screens.dialogs import ChoiceDialog, ConfirmDialog, TextDialog
from followup_tui.ui.screens.form import ApplicationFormScreen
from ui_steps import messages, type_in


def stored(db: Path) -> dict[str, Application]:
    return {a.company: a for a in TinyDBRepository.open(db).list()}



async def on_board(pilot, wait_until) -> BoardScreen:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, BoardScreen) and pilot.app.screen.focused_column)
    return pilot.app.screen


async def go_to(pilot, wait_until, company: str) -> None:
    board = await on_board(pilot, wait_until)
    card = next(c for c in board.cards if c.company == company)
    board.select(card.app_id)
    await wait_until(pilot, lambda: board.current_card is not None and board.current_card.company == company)


# -- quitting asks ------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["ctrl+q"])
async def test_quitting_the_form_with_unsaved_text_asks_first(demo_db, make_app, wait_until, wait_for_screen, key):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await on_board(pilot, wait_until)
        await pilot.press("n")
        form = await wait_for_screen(pilot, ApplicationFormScreen)
        await wait_until(pilot, form.ready_for_keys, what="the form's contacts and rounds")  # mounted after its first paint
        await pilot.press(*"Acme")
        await pilot.press(key)
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        assert "Unsaved changes in the application form" in dialog.question
        await pilot.press("n")
        await wait_for_screen(pilot, ApplicationFormScreen)
        assert app.is_running and form.query_one("#company", Input).value == "Acme"
        await pilot.press(key)
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("y")
        await wait_until(pilot, lambda: not app.is_running, what="the app to quit")


async def test_quitting_the_composer_with_unsaved_text_asks_first(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await on_board(pilot, wait_until)
        app.open_composer(app.session.find("Orbital Robotics").id)
        await wait_for_screen(pilot, ComposerScreen)
        await pilot.press(*"Hello ")
        await pilot.press("ctrl+q")
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        assert "the message you are writing" in dialog.question
        await pilot.press("escape")
        composer = await wait_for_screen(pilot, ComposerScreen)
        assert composer.query_one("#body", TextArea).text.startswith("Hello ")


async def test_q_on_the_board_quits_at_once_when_nothing_is_unsaved(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await on_board(pilot, wait_until)
        await pilot.press("q")
        await wait_until(pilot, lambda: not app.is_running, what="the app to quit")


async def test_ctrl_c_says_how_to_quit_without_markup(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await on_board(pilot, wait_until)
        await pilot.press("ctrl+c")
        await wait_until(pilot, lambda: any("to quit" in m for m in messages(app)))
        hint = next(m for m in messages(app) if "to quit" in m)
        assert "[" not in hint and "ctrl+q" in hint
        assert app.is_running


# -- the form drops nothing silently ------------------------------------------------------


async def test_a_round_without_a_time_is_an_error_at_the_field_and_focused(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await go_to(pilot, wait_until, "Orbital Robotics")
        before = stored(demo_db)["Orbital Robotics"]
        await pilot.press("e")
        form = await wait_for_screen(pilot, ApplicationFormScreen)
        await wait_until(pilot, form.ready_for_keys, what="the form's contacts and rounds")  # mounted after its first paint
        form.query_one("#interview-at-0", Input).value = ""
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: form.focused is form.query_one("#interview-at-0", Input), what="focus on the bad field")
        assert isinstance(app.screen, ApplicationFormScreen)
        assert "needs a time" in str(form.query_one("#interview-at-0-error").render())
        assert stored(demo_db)["Orbital Robotics"].interviews == before.interviews


async def test_rounds_and_contacts_are_removed_only_explicitly(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await go_to(pilot, wait_until, "Orbital Robotics")
        await pilot.press("e")
        form = await wait_for_screen(pilot, ApplicationFormScreen)
        await wait_until(pilot, form.ready_for_keys, what="the form's contacts and rounds")  # mounted after its first paint
        for field in ("name", "title", "email", "phone"):  # clearing a contact does not delete it
            form.query_one(f"#contact-{field}-1", Input).value = ""
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: form.focused is form.query_one("#contact-name-1", Input))
        assert len(stored(demo_db)["Orbital Robotics"].contacts) == 2
        await pilot.press("f4")  # the explicit way, from the contact's own field
        await wait_until(pilot, lambda: not form.query("#contact-name-1"))
        form.query_one("#interview-kind-0", Input).focus()
        await pilot.press("f4")
        await wait_until(pilot, lambda: not form.query("#interview-at-0"))
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, BoardScreen)
        record = stored(demo_db)["Orbital Robotics"]
        assert [c.name for c in record.contacts] == ["Maya Lindqvist"] and record.interviews == []


async def test_notes_keep_several_lines(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await go_to(pilot, wait_until, "Orbital Robotics")
        await pilot.press("e")
        form = await wait_for_screen(pilot, ApplicationFormScreen)
        await wait_until(pilot, form.ready_for_keys, what="the form's contacts and rounds")  # mounted after its first paint
        await type_in(pilot, form.query_one("#notes", TextArea), "first line\nsecond line")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, BoardScreen)
        assert stored(demo_db)["Orbital Robotics"].notes == "first line\nsecond line"


async def test_keys_typed_as_the_form_opens_reach_it(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await on_board(pilot, wait_until)
        await pilot.press("n", *"Acme")  # no wait between n and the typing
        form = await wait_for_screen(pilot, ApplicationFormScreen)
        await wait_until(pilot, form.ready_for_keys, what="the form's contacts and rounds")  # mounted after its first paint
        await wait_until(pilot, lambda: form.query_one("#company", Input).value == "Acme")
        assert form.dirty


# -- reopen and the history -----------------------------------------------------------------


async def test_reopening_a_closed_card_puts_it_back_where_it_was(tmp_path, make_app, wait_until):
    db = tmp_path / "d.json"
    application = Application(company="Acme", stage="applied")
    application.move_to("following-up", FIXED_NOW - timedelta(days=3))
    application.move_to("closed", FIXED_NOW - timedelta(days=1), "moved-on")
    TinyDBRepository.open(db).add(application)
    app = make_app(db)
    async with app.run_test(size=(120, 35)) as pilot:
        await go_to(pilot, wait_until, "Acme")
        await pilot.press("H")
        await wait_until(pilot, lambda: stored(db)["Acme"].stage == "following-up")
        assert stored(db)["Acme"].outcome is None
        assert "Acme: reopened: back to Following up. u undoes it" in app.screen.status_text


async def test_a_mistaken_sent_is_removed_from_the_history_after_asking(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await go_to(pilot, wait_until, "Harbor Bank")
        before = stored(demo_db)["Harbor Bank"]
        sent = [e for e in before.events if e.kind == "message-sent"]
        assert sent and before.stage == "thanked"
        await pilot.press("enter")
        await wait_for_screen(pilot, DetailScreen)
        await pilot.press("f")
        picker = await wait_for_screen(pilot, ChoiceDialog)
        from textual.widgets import OptionList

        options = picker.query_one(OptionList)
        index = next(i for i in range(options.option_count) if "sent thank-you" in str(options.get_option_at_index(i).prompt))
        options.highlighted = index
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog) and app.screen is not picker)
        await pilot.press("enter")  # "Remove it from the history"
        await wait_for_screen(pilot, ConfirmDialog)
        assert stored(demo_db)["Harbor Bank"].events == before.events  # asked first
        await pilot.press("y")
        await wait_until(pilot, lambda: not stored(demo_db)["Harbor Bank"].messages_sent("thank-you"))
        record = stored(demo_db)["Harbor Bank"]
        assert record.stage == "interview"  # the move the "sent" caused went with it
        await wait_for_screen(pilot, DetailScreen)
        await pilot.press("u")  # and it can be undone
        await wait_until(pilot, lambda: stored(demo_db)["Harbor Bank"].messages_sent("thank-you"))


@pytest.mark.parametrize(
    ("company", "kind", "field", "value"),
    [
        ("Harbor Bank", "message-sent", "recipient", "other.person@harbor-bank.com"),
        ("Kestrel Media", "response", "text", "They chose another candidate"),
    ],
)
async def test_what_a_history_event_says_or_to_whom_it_went_can_be_corrected(
    demo_db, make_app, wait_until, wait_for_screen, company, kind, field, value
):
    from textual.widgets import OptionList

    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await go_to(pilot, wait_until, company)
        index = next(i for i, e in enumerate(stored(demo_db)[company].events) if e.kind == kind)
        await pilot.press("enter")
        await wait_for_screen(pilot, DetailScreen)
        await pilot.press("f")
        picker = await wait_for_screen(pilot, ChoiceDialog)
        options = picker.query_one(OptionList)
        options.highlighted = next(n for n, (v, _) in enumerate(picker.choices) if v == str(index))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog) and "what is wrong" in app.screen.question)
        app.screen.query_one(OptionList).highlighted = [v for v, _ in app.screen.choices].index(field)
        await pilot.press("enter")
        dialog = await wait_for_screen(pilot, TextDialog)
        dialog.query_one(Input).value = value
        await pilot.press("enter")
        await wait_until(pilot, lambda: getattr(stored(demo_db)[company].events[index], field) == value, what=f"the {field}")
        assert len(stored(demo_db)[company].events) == len(app.session.get(stored(demo_db)[company].id).events)


async def test_a_history_event_time_can_be_corrected(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await go_to(pilot, wait_until, "Harbor Bank")
        await pilot.press("enter")
        await wait_for_screen(pilot, DetailScreen)
        await pilot.press("f")
        await wait_for_screen(pilot, ChoiceDialog)
        await pilot.press("enter")  # the newest event
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog) and "what is wrong" in app.screen.question)
        await pilot.press("down", "enter")  # "Correct when it happened"
        dialog = await wait_for_screen(pilot, TextDialog)
        dialog.query_one(Input).value = "2026-11-20 09:30"
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: any(e.at == FIXED_NOW.replace(day=20, hour=9, minute=30) for e in stored(demo_db)["Harbor Bank"].events)
        )
