"""Steps that several UI test files take the same way."""

from __future__ import annotations

from followup_tui.ui.screens.agenda import AgendaScreen
from followup_tui.ui.screens.board import BoardScreen


async def open_agenda(pilot, wait_until, wait_for_screen) -> AgendaScreen:
    """From the board (once its cards are there), `a`, until the agenda shows its rows."""
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, BoardScreen) and pilot.app.screen.focused_column)
    await pilot.press("a")
    screen = await wait_for_screen(pilot, AgendaScreen)
    await wait_until(pilot, lambda: screen.current is not None, what="agenda rows")
    return screen


async def board_ready(pilot, wait_until) -> BoardScreen:
    """The board with a current column, laid out (its cards can be read as drawn)."""

    def ready() -> bool:
        board = pilot.app.screen
        return isinstance(board, BoardScreen) and board.focused_column is not None and board.view.size.area > 0

    await wait_until(pilot, ready, what="the board laid out")
    return pilot.app.screen


def messages(app) -> list[str]:
    """The notices the app has shown (toasts), oldest first."""
    return [notice.message for notice in app.notices]


def drawn_card(board: BoardScreen, stage: str, index: int):
    """A card as the board draws it on screen, edges included: the rows of the
    board widget's lines that hold it, cut to its column (it must be in view)."""
    view, column = board.view, board.column(stage)
    x = view.column_x(stage)
    assert x is not None, f"the {stage} column is off screen"
    top = 1 + column.row_of(index) - column.scroll  # row 0 is the titles
    assert 1 <= top and top + column.card_height <= view.size.height, f"card {index} of {stage} is not wholly in view"
    return [view.render_line(y).crop(x, x + view.box_width) for y in range(top, top + column.card_height)]


def card_in_view(board: BoardScreen, stage: str, index: int) -> bool:
    view, column = board.view, board.column(stage)
    top = column.row_of(index) - column.scroll
    return view.column_x(stage) is not None and 0 <= top and top + column.card_height <= view.content_height


def title_strip(board: BoardScreen, stage: str):
    """A column's title as drawn in the board's first row."""
    view = board.view
    x = view.column_x(stage)
    assert x is not None, f"the {stage} column is off screen"
    return view.render_line(0).crop(x, x + view.box_width)
