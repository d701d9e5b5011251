"""How the screens look, at 80x24 and 120x35, on fixed demo data and a fixed clock.
The demo's first column holds a saved job: "l" first goes to Applied.

Update only after looking: `pytest tests/ui/test_snapshots.py --snapshot-update`,
then open the SVGs in tests/ui/__snapshots__/.
"""

from __future__ import annotations

import pytest
from waiting import wait_until

from followup_tui.ui.screens.agenda import AgendaScreen
from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.screens.detail import DetailScreen
from followup_tui.ui.screens.form import ApplicationFormScreen
from followup_tui.ui.screens.help import HelpScreen

SIZES = [(80, 24), (120, 35)]


def steady(app, press=(), screen=None):
    """Before the screenshot: `press` the keys, wait for `screen` (a class),
    and stop the cursors blinking, so a loaded machine cannot catch a
    cursor mid-blink (the snapshot shows it on)."""

    async def run_before(pilot) -> None:
        app.sub_title = "demo.json"  # the temp path differs per run
        await pilot.press(*press)
        if screen is not None:
            await wait_until(pilot, lambda: isinstance(app.screen, screen), what=screen.__name__)
        if isinstance(app.screen, BoardScreen):  # past the filter's typing delay
            board = app.screen
            await wait_until(pilot, lambda: board.shown_filter == board.filter_text, what="the filter applied")
        # a screen that mounts part of itself after its first paint (the form's rows) is complete
        await wait_until(pilot, lambda: app.screen.is_mounted and getattr(app.screen, "ready_for_keys", lambda: True)(),
                         what="the screen complete")
        for widget in app.screen.query("Input, TextArea"):
            widget.cursor_blink = False

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_board(snap_compare, demo_db, make_app, size):
    app = make_app(demo_db)
    assert snap_compare(app, terminal_size=size, run_before=steady(app))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_board_moved_right_with_filter(snap_compare, demo_db, make_app, size):
    app = make_app(demo_db)
    assert snap_compare(app, terminal_size=size, run_before=steady(app, ["l", "l", "l", "j", "slash", "o", "r"]))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_empty_board(snap_compare, tmp_path, make_app, size):
    app = make_app(tmp_path / "new.json")
    assert snap_compare(app, terminal_size=size, run_before=steady(app))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_board_after_a_move(snap_compare, demo_db, make_app, size):
    """The status line says what moved and how to undo it; the card is focused in its new column."""
    app = make_app(demo_db)
    assert snap_compare(app, terminal_size=size, run_before=steady(app, ["l", "L"]))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_detail(snap_compare, demo_db, make_app, size):
    app = make_app(demo_db)
    assert snap_compare(app, terminal_size=size, run_before=steady(app, ["l", "l", "j", "enter"], DetailScreen))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_form(snap_compare, demo_db, make_app, size):
    app = make_app(demo_db)
    assert snap_compare(app, terminal_size=size, run_before=steady(app, ["l", "l", "j", "e"], ApplicationFormScreen))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_agenda(snap_compare, demo_db, make_app, size):
    app = make_app(demo_db)
    assert snap_compare(app, terminal_size=size, run_before=steady(app, ["a"], AgendaScreen))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare, demo_db, make_app, size):
    app = make_app(demo_db)
    assert snap_compare(app, terminal_size=size, run_before=steady(app, ["question_mark"], HelpScreen))
