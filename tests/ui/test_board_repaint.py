"""The board's lines as Textual asks for them in a repaint (render_lines):
what they share is worked out once per repaint (widgets/board_lines.py), so
each repaint must draw the board as it is then, never as an earlier one
saw it: after a cursor key, a scroll, another column, a resize, a theme."""

from __future__ import annotations

from textual.geometry import Region

from followup_tui.domain.model import Application
from followup_tui.store import TinyDBRepository

from ui_steps import board_ready


def repainted(view) -> list:
    """The whole board as a repaint draws it."""
    return view.render_lines(Region(0, 0, view.size.width, view.size.height))


def drawn_now(view) -> list:
    """The whole board line by line, each line on its own."""
    return [view.render_line(y) for y in range(view.size.height)]


def same_look(strips_a: list, strips_b: list) -> bool:
    return [list(strip) for strip in strips_a] == [list(strip) for strip in strips_b]


def focused_corner_row(view, stage: str) -> int:
    """The board line where the focused card's top edge is, in `stage`'s column."""
    x = view.column_x(stage)
    rows = [y for y, strip in enumerate(repainted(view)) if strip.crop(x, x + 1).text == "┏"]
    assert len(rows) == 1, rows
    return rows[0]


async def test_each_repaint_draws_the_board_as_it_is_then(tmp_path, make_app, wait_until):
    db = tmp_path / "d.json"
    TinyDBRepository.open(db).add_many(
        [Application(company=f"Applied {n:02d}", role="Engineer", stage="applied") for n in range(3)]
        + [Application(company=f"Interview {n:02d}", role="Engineer", stage="interview") for n in range(12)]
    )
    app = make_app(db)
    async with app.run_test(size=(120, 35)) as pilot:
        board = await board_ready(pilot, wait_until)
        view = board.view
        await pilot.press("l")  # Interview: more cards than fit
        interview = board.column("interview")
        await wait_until(pilot, lambda: board.focused_column is interview, what="Interview")
        assert focused_corner_row(view, "interview") == 1
        for index in range(1, len(interview.cards)):  # down to the last card: the column scrolls
            await pilot.press("j")
            await wait_until(pilot, lambda: interview.cursor == index, what=f"card {index}")
            assert focused_corner_row(view, "interview") == 1 + interview.row_of(index) - interview.scroll
            assert same_look(repainted(view), drawn_now(view))
        assert interview.scroll > 0
        await pilot.press("h")  # the focus leaves Interview's column: its card is drawn quietly
        await wait_until(pilot, lambda: board.focused_column.stage == "applied", what="Applied")
        x = view.column_x("interview")
        assert "┏" not in "".join(strip.crop(x, x + 1).text for strip in repainted(view))
        assert same_look(repainted(view), drawn_now(view))

        before = repainted(view)
        app.theme = "textual-light"
        await wait_until(pilot, lambda: not same_look(repainted(view), before), what="the new theme")
        assert same_look(repainted(view), drawn_now(view))

        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: view.size.width == 80 and view.shown < 7, what="fewer columns")
        assert len(repainted(view)) == view.size.height and all(strip.cell_length == 80 for strip in repainted(view))
        assert same_look(repainted(view), drawn_now(view))
