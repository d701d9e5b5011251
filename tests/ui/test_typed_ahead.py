"""Keys a terminal delivers in one write, the key that opens a screen among
them (`tmux send-keys n Acme Tab Dev`, a fast typist on a slow machine): each
lands where it would have landed typed slowly. The app hands every key to the
focused widget as it arrives, so without care the keys after `n` act on the
board (or are lost) and the keys after a tab land in the field it leaves."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.screens.composer import ComposerScreen
from followup_tui.ui.screens.form import ApplicationFormScreen

NAMED = {"tab": "\t", "enter": "\r"}


def burst(app, *keys: str) -> None:
    """Post keys as the terminal driver does, all at once, without waiting
    for any of them to be handled."""
    for key in keys:
        for name, character in ([(key, NAMED[key])] if key in NAMED else [(c, c) for c in key]):
            app.post_message(events.Key(name, character))


async def on_board(pilot, wait_until) -> BoardScreen:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, BoardScreen) and pilot.app.screen.focused_column)
    return pilot.app.screen


async def test_the_keys_after_n_fill_the_new_form_field_by_field(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_board(pilot, wait_until)
        burst(app, "n", "Acme", "tab", "Dev")
        form = await wait_for_screen(pilot, ApplicationFormScreen)
        await wait_until(
            pilot, lambda: [i.value for i in form.query("#role").results(Input)] == ["Dev"], what="Dev in Role"
        )
        assert form.query_one("#company", Input).value == "Acme"
        assert app.focused is form.query_one("#role", Input)
        assert form.original is None  # a new application: `e` in "Acme" did not open an edit form


async def test_the_keys_after_c_are_written_in_the_body_with_their_line_breaks(
    demo_db, make_app, wait_until, wait_for_screen
):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await on_board(pilot, wait_until)
        company = board.current_card.company
        burst(app, "c", "Hi", "enter", "there")
        composer = await wait_for_screen(pilot, ComposerScreen)
        await wait_until(
            pilot,
            lambda: any(body.text.startswith("Hi\nthere") for body in composer.query("#body").results(TextArea)),
            what="both lines at the top of the body",
        )
        assert composer.application.company == company
