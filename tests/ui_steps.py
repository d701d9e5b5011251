"""Steps that several UI test files take the same way."""

from __future__ import annotations

import unicodedata

from textual import events
from textual.widgets import Input, TextArea
from waiting import wait_until

from followup_tui.ui.screens.agenda import AgendaScreen
from followup_tui.ui.screens.board import BoardScreen

NAMED_KEYS = {"tab": "\t", "enter": "\r", "space": " ", "slash": "/", "backspace": "\x7f"}


def key_name(character: str) -> str:
    """The key a terminal driver names for a typed character ("a", "space",
    "left_square_bracket"), as Textual's own parser names it."""
    if character.isalnum():
        return character
    if character == " ":
        return "space"
    return unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")


def burst(app, *keys: str) -> None:
    """Post keys as the terminal driver does when they arrive in one read (a
    fast typist, `tmux send-keys`, a slow machine), without waiting for any
    to be handled. A key named in NAMED_KEYS is that key; any other string
    is its characters."""
    for key in keys:
        pairs = [(key, NAMED_KEYS[key])] if key in NAMED_KEYS else [
            ("enter", "\r") if c == "\n" else ("tab", "\t") if c == "\t" else (key_name(c), c) for c in key]
        for name, character in pairs:
            app.post_message(events.Key(name, character))


async def type_in(pilot, field: Input | TextArea, text: str) -> None:
    """Focus a field, empty it and type `text` into it in one burst, then wait
    until the field holds it. `pilot.press` waits for the app to be idle
    after every key (~50 ms each), which made typing the bulk of the form
    tests' time; tests of what each key does there still press key by key."""
    field.focus()
    if isinstance(field, Input):
        field.value = ""
    else:
        field.text = ""
    burst(pilot.app, text)

    def holds() -> bool:
        return (field.value if isinstance(field, Input) else field.text) == text

    await wait_until(pilot, holds, what=f"{text!r} typed into #{field.id}")


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


def form_note(form, field_id: str) -> str:
    """The line under a form's field: its error, or what a typed time means."""
    label = form.query_one_optional(f"#{field_id}-error")  # mounted once there is something to say
    return "" if label is None or label.has_class("-empty") else str(label.render())
