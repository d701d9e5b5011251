"""Every screen whole at 60x20, 80x24 and 120x35 (issue 23 item 1): nothing
scrolls sideways, a footer shows its keys whole, a table's cell is shown
whole or cut with an ellipsis, a card's lines are exactly its box, a figure
of the statistics is never wrapped onto a second line.

The screens and the keys that reach them are the screenshot tool's table
(tools/screenshots.py: SCREENS), so a screen added there is checked here."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widget import Widget
from textual.widgets import Footer, Input, Static, TextArea

from followup_tui.domain.demo import demo_applications
from followup_tui.store import TinyDBRepository
from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.widgets.agenda_table import AgendaTable
from followup_tui.ui.widgets.footer_line import FooterLine, fitted_pieces

from fixed import FIXED_NOW

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))  # the tool imports its neighbour svg_lines
_spec = importlib.util.spec_from_file_location("screenshots_tool", ROOT / "tools" / "screenshots.py")
screenshots = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(screenshots)

SIZES = [(60, 20), (80, 24), (120, 35)]
pytestmark = pytest.mark.slow


def sideways(widget: Widget) -> bool:
    """Content wider than the widget, shown by scrolling sideways (a text
    field scrolls its own long value: that is not the layout's overflow)."""
    if isinstance(widget, (Input, TextArea)):
        return False
    return widget.show_horizontal_scrollbar and widget.max_scroll_x > 0


def problems(screen) -> list[str]:
    found = []
    for widget in screen.query("*"):
        if not widget.display or not widget.region:
            continue
        if sideways(widget):
            found.append(f"{widget!r} scrolls sideways ({widget.max_scroll_x} cells)")
        if isinstance(widget, Footer) and widget.max_scroll_x > 0:
            found.append(f"the footer hides keys past its width ({widget.max_scroll_x} cells)")
        if isinstance(widget, FooterLine):
            shown = "".join(p.text for p in fitted_pieces(widget.pieces, widget.size.width))
            if cell_len(shown) > widget.size.width:
                found.append(f"the footer's keys are cut: {shown!r}")
        if isinstance(widget, AgendaTable):
            for row in range(min(widget.row_count, 50)):
                for width, cell in zip(widget.widths, widget.get_row_at(row)):
                    text = cell.plain
                    if cell_len(text) > width and not text.endswith("…"):
                        found.append(f"cell {text!r} cut at {width} without an ellipsis")
        if isinstance(widget, Static) and widget.id in ("funnel", "figures", "outcomes", "by-source", "by-channel"):
            lines = len(str(widget.render()).splitlines())
            if widget.size.height > lines:
                found.append(f"#{widget.id}: {lines} lines drawn on {widget.size.height}: a figure wrapped")
    if isinstance(screen, BoardScreen):
        view = screen.view
        for stage in view.visible_stages():
            column = view.columns[stage]
            for index in range(min(len(column.cards), 10)):
                for strip in view.card_strips(stage, index):
                    if strip.cell_length != view.box_width:
                        found.append(f"a card line of {strip.cell_length} cells in a {view.box_width}-cell box: {strip.text!r}")
    return found


async def reach(pilot, keys, expected: str) -> None:
    app = pilot.app
    from waiting import wait_until

    await wait_until(pilot, lambda: type(app.screen).__name__ == ("BoardScreen" if keys else expected) and app.session.loaded,
                     what="the first screen")
    if keys:
        await wait_until(pilot, lambda: app.screen.focused_column is not None, what="the board's cards")
        await pilot.press(*keys)
    await wait_until(pilot, lambda: type(app.screen).__name__ == expected, what=expected)
    await wait_until(pilot, lambda: app.screen.is_mounted and app.screen.size.area > 0, what="laid out")
    ready = getattr(app.screen, "ready_for_keys", None)
    if ready is not None:
        await wait_until(pilot, ready, what="the screen complete")
    await pilot.wait_for_scheduled_animations()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(screenshots.SCREENS))
async def test_every_screen_is_whole_at_every_size(tmp_path, make_app, name, size):
    keys, expected = screenshots.SCREENS[name]
    if name in screenshots.PENDING and importlib.util.find_spec(screenshots.PENDING[name]) is None:
        pytest.skip(f"no {screenshots.PENDING[name]} yet")
    db = tmp_path / "data" / "followup.json"
    repo = TinyDBRepository.open(db, clock=lambda: FIXED_NOW)
    if name not in screenshots.EMPTY:
        apps = demo_applications(FIXED_NOW)
        apps[1].priority, apps[1].tags = "high", ["python", "remote", "urgent", "backend"]  # a card's fullest line
        repo.add_many(apps)
    app = make_app(db, first_run=name == "first-run")
    async with app.run_test(size=size) as pilot:
        await reach(pilot, keys, expected)
        assert problems(app.screen) == []
