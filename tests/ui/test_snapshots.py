"""How the screens look, at 80x24 and 120x35, on fixed demo data and a fixed clock.

Update only after looking: `pytest tests/ui/test_snapshots.py --snapshot-update`,
then open the SVGs in tests/ui/__snapshots__/.
"""

from __future__ import annotations

import pytest

from waiting import wait_until

SIZES = [(80, 24), (120, 35)]


def steady(app):
    async def run_before(pilot) -> None:
        app.sub_title = "demo.json"  # the temp path differs per run
        await pilot.pause(0.3)  # past the filter's typing delay
        if hasattr(app.focused, "cursor_blink"):
            app.focused.cursor_blink = False  # a steady cursor: the picture never catches it mid-blink

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_board(snap_compare, demo_db, make_app, size):
    app = make_app(demo_db)
    assert snap_compare(app, terminal_size=size, run_before=steady(app))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_board_moved_right_with_filter(snap_compare, demo_db, make_app, size):
    app = make_app(demo_db)
    assert snap_compare(app, terminal_size=size, press=["l", "l", "j", "slash", "o", "r"], run_before=steady(app))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_detail(snap_compare, demo_db, make_app, size):
    app = make_app(demo_db)
    assert snap_compare(app, terminal_size=size, press=["l", "j", "enter"], run_before=steady(app))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_form(snap_compare, demo_db, make_app, size):
    app = make_app(demo_db)

    async def run_before(pilot) -> None:
        app.sub_title = "demo.json"
        await wait_until(pilot, lambda: type(app.screen).__name__ == "BoardScreen" and app.session.loaded)
        await pilot.press("l", "j", "e")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ApplicationFormScreen" and app.focused)
        await pilot.wait_for_scheduled_animations()
        app.focused.cursor_blink = False  # the form opens with the cursor in Company: shown, never mid-blink

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_agenda(snap_compare, demo_db, make_app, size):
    app = make_app(demo_db)
    assert snap_compare(app, terminal_size=size, press=["a"], run_before=steady(app))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare, demo_db, make_app, size):
    app = make_app(demo_db)
    assert snap_compare(app, terminal_size=size, press=["question_mark"], run_before=steady(app))
