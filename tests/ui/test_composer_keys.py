"""The composer's keys as people expect them (issue 23 item 5): ctrl+a selects
the whole body and the help says so; Home stays the line start."""

from __future__ import annotations

from textual.widgets.text_area import Selection

from followup_tui.ui.screens.composer import ComposerScreen
from textual.widgets import Input

from followup_tui.ui.screens.help import bindings_table
from ui_steps import board_ready


async def open_composer(pilot, wait_until, wait_for_screen) -> ComposerScreen:
    await board_ready(pilot, wait_until)
    await pilot.press("c")
    composer = await wait_for_screen(pilot, ComposerScreen)
    body = composer.query_one("#body")
    await wait_until(pilot, lambda: pilot.app.focused is body and body.text, what="the body focused, filled")
    return composer


async def test_ctrl_a_selects_the_whole_body_and_home_goes_to_the_line_start(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await open_composer(pilot, wait_until, wait_for_screen)
        body = composer.query_one("#body")
        body.move_cursor((1, 3))
        await pilot.press("home")
        await wait_until(pilot, lambda: body.selection == Selection.cursor((1, 0)), what="the line start")
        await pilot.press("ctrl+a")
        await wait_until(pilot, lambda: body.selected_text == body.text, what="the whole body selected")
        await pilot.press("x")
        await wait_until(pilot, lambda: body.text == "x", what="the selection replaced")


async def test_the_help_lists_ctrl_a_and_it_selects_the_body_from_the_checks(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await open_composer(pilot, wait_until, wait_for_screen)
        body = composer.query_one("#body")
        keys, texts = (column.cells for column in bindings_table(composer).columns)
        assert ("^a", "Select the whole body (home: the line start)") in [(str(k), str(t)) for k, t in zip(keys, texts)]
        await pilot.press("tab")  # out of the body
        await wait_until(pilot, lambda: app.focused is not body, what="the focus out of the body")
        assert not isinstance(app.focused, Input)  # (an Input keeps ctrl+a as its line start)
        await pilot.press("ctrl+a")
        await wait_until(pilot, lambda: app.focused is body and body.selected_text == body.text, what="body selected")
