"""Terminals without the glyphs (issue 23 item 3): TERM=linux, or the
`glyphs` setting, draws with the characters a Linux console's font has; a
check box reads unambiguously checked or unchecked. The real terminal is in
test_colours_tmux.py."""

from __future__ import annotations

from dataclasses import replace

import pytest

from followup_tui.domain.settings import Settings
from followup_tui.settings.schema import settings_from_dict
from followup_tui.ui.glyphs import CONSOLE, UNICODE, glyphs_for
from followup_tui.ui.screens.form import ApplicationFormScreen
from followup_tui.ui.widgets.clear_checkbox import ClearCheckbox
from ui_steps import board_ready, drawn_card


@pytest.mark.parametrize(
    ("setting", "term", "expected"),
    [("auto", "linux", CONSOLE), ("auto", "xterm-256color", UNICODE), ("console", "xterm-256color", CONSOLE),
     ("unicode", "linux", UNICODE)],
)
def test_the_setting_and_term_choose_the_glyphs(setting, term, expected):
    assert glyphs_for(setting, term) is expected


def test_the_setting_is_read_and_checked():
    assert settings_from_dict({"glyphs": "console"}).glyphs == "console"
    with pytest.raises(ValueError, match="glyphs"):
        settings_from_dict({"glyphs": "fancy"})


async def test_forced_console_glyphs_draw_the_board_with_a_console_font(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    app.settings = replace(app.settings, glyphs="console")
    async with app.run_test(size=(120, 35)) as pilot:
        board = await board_ready(pilot, wait_until)
        stage = board.focused_column.stage
        drawn = "".join(strip.text for strip in drawn_card(board, stage, 0))
        assert drawn.startswith("╔") and not set(drawn) & set("╭╮╰╯┏┓┗┛━┃⊘▲")


async def test_the_do_not_contact_box_is_blank_unchecked_and_crossed_checked(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await board_ready(pilot, wait_until)
        await pilot.press("n")
        form = await wait_for_screen(pilot, ApplicationFormScreen)
        box = form.query_one("#do_not_contact", ClearCheckbox)
        assert not box.value and "X" not in str(box.render())
        box.value = True
        await wait_until(pilot, lambda: "X" in str(box.render()), what="the X of a checked box")
