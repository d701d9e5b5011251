"""The board's columns, drawn by one widget with the Line API.

One widget draws the title row and every visible column's cards: no widget
per column or per card, so the first paint styles and lays out one widget
instead of twenty-one, and only the visible lines are ever built. Each line is
put together from the cards' lines, which are cached per card, kind of edge
and width: a cursor key rebuilds two cards, a move two columns.

The state of each column (its cards, cursor, scroll position, title) is a
plain `Column` object (board_column.py), which the screen and the tests
read; the cards' lines are drawn and cached by `CardLines` (card_lines.py)
and put together into the board's lines by `BoardLines` (board_lines.py).
Here: the layout, scrolling, the mouse, and what to repaint.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from ...domain.model import STAGES
from ..board.board_model import BoardModel
from ..board.cards import Card
from .board_column import CONTENT_LINES, Column, column_title
from .board_lines import GAP, BoardLines, edges_of
from .card_lines import CardLines

MIN_COLUMN_WIDTH = 17  # seven columns fit 120 terminal columns
MAX_FIELD_LINES = 2
CARDS_FOR_FIELDS = 3  # field lines only where this many cards still fit
WHEEL_ROWS = 3  # rows a turn of the mouse wheel scrolls a column


class BoardView(Widget, can_focus=True):
    """The title row and the columns of cards, a cursor in each column and one
    current column. The screen owns the keys; this draws, scrolls and maps
    clicks to cards."""

    COMPONENT_CLASSES = {
        "board-view--title",
        "board-view--title-current",
        "board-view--scrollbar",
        "board-view--card",
        "board-view--cursor",
        "board-view--cursor-blurred",
        "board-view--edge",
        "board-view--edge-cursor",
        "board-view--edge-focus",
        "board-view--company",
        "board-view--role",
        "board-view--overdue",
        "board-view--due-today",
        "board-view--upcoming",
        "board-view--quiet",
        "board-view--dnc",
        "board-view--fields",
        "board-view--priority-high",
    }

    DEFAULT_CSS = "BoardView { height: 1fr; }"

    @dataclass
    class Clicked(Message):
        """A click chose this column and, on a card, that card."""

        view: BoardView
        stage: str
        index: int | None

        @property
        def control(self) -> BoardView:
            return self.view

    @dataclass
    class Shifted(Message):
        """Other columns are on screen now (the status line names those that are not)."""

        view: BoardView

        @property
        def control(self) -> BoardView:
            return self.view

    def __init__(self, model: BoardModel | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        model = model or BoardModel()
        self.columns: dict[str, Column] = {stage: Column(stage, model.column(stage)) for stage in STAGES}
        self.current_stage = STAGES[0]
        self.first = 0  # the index of the leftmost column shown
        self.shown = 1  # how many columns fit
        self.column_width = MIN_COLUMN_WIDTH
        self.room_for_fields = 0  # field lines the height allows
        self._card_lines = CardLines(self._style)
        self._styles: dict[str, Style] = {}
        self._repaint: BoardLines | None = None  # while Textual asks for a repaint's lines

    # -- geometry ------------------------------------------------------------------

    @property
    def content_height(self) -> int:
        """Rows for cards, under the title row."""
        return max(self.size.height - 1, 0)

    @property
    def box_width(self) -> int:
        return self.column_width - GAP

    def visible_stages(self) -> list[str]:
        return list(STAGES[self.first : self.first + self.shown])

    def off_screen(self) -> tuple[list[str], list[str]]:
        """The stages left and right of the columns shown."""
        return list(STAGES[: self.first]), list(STAGES[self.first + self.shown :])

    def column_x(self, stage: str) -> int | None:
        """Where a column starts, or None when it is off screen."""
        index = STAGES.index(stage) - self.first
        return index * self.column_width if 0 <= index < self.shown else None

    def _layout(self) -> None:
        width = self.size.width
        self.shown = max(1, min(len(STAGES), width // MIN_COLUMN_WIDTH))
        self.column_width = max(width // self.shown, 1)
        height = self.content_height
        self.room_for_fields = next(
            (n for n in range(MAX_FIELD_LINES, 0, -1) if CARDS_FOR_FIELDS * (CONTENT_LINES + 2 + n) <= height), 0
        )
        for column in self.columns.values():
            self._fit(column)
            self._show_cursor(column)
        self._keep_current_in_view()

    def on_resize(self, event: events.Resize) -> None:
        # Share the width among as many whole columns as fit; the view shifts
        # sideways to the current column instead of squeezing cards unreadably,
        # and the status line says which columns are off screen.
        self._layout()
        self.refresh()
        self.post_message(self.Shifted(self))

    def _keep_current_in_view(self) -> bool:
        """Shift the columns shown so that the current one is among them: True when shifted."""
        if not self.size.width:
            return False  # not laid out yet: how many columns fit is not known
        index = STAGES.index(self.current_stage)
        first = min(max(self.first, index - self.shown + 1), index)
        first = max(0, min(first, len(STAGES) - self.shown))
        if first == self.first:
            return False
        self.first = first
        return True

    def _fit(self, column: Column) -> None:
        # Every card of a column has one height: the lines its fullest card
        # needs (an action longer than a line takes two; fields where the
        # height allows). Arithmetic only: thousands of cards cost little.
        inner = self.box_width - 2
        cards = column.cards
        needed = max((card.field_lines for card in cards), default=0)
        column.field_lines = min(needed, self.room_for_fields)
        column.content_lines = 2 + max(
            ((1 + (cell_len(card.action_text) > inner) + bool(card.due_text)) for card in cards), default=1
        )
        column.title = column_title(column.stage, column.count, self.box_width)

    def _show_cursor(self, column: Column) -> bool:
        """Scroll the column so that its cursor's card is in view: True when it scrolled."""
        height, view = column.card_height, self.content_height
        scroll = column.scroll
        if column.cards:
            top = column.cursor * height
            if top + height > scroll + view:
                scroll = top + height - view
            if top < scroll:
                scroll = top
        scroll = max(0, min(scroll, column.rows - view))
        if scroll == column.scroll:
            return False
        column.scroll = scroll
        return True

    # -- what the screen asks ---------------------------------------------------------

    def column(self, stage: str) -> Column:
        return self.columns[stage]

    @property
    def current_column(self) -> Column:
        return self.columns[self.current_stage]

    @property
    def marked_stage(self) -> str | None:
        """The column drawn as focused (its title marked, its card heavy), if any."""
        return self.current_stage if self.has_focus else None

    def set_cards(self, stage: str, cards: list[Card], keep_app_id: int | None = None, total: int | None = None) -> None:
        """Replace a column's cards; keep its cursor on `keep_app_id` when it is
        still there. `total`: the count when `cards` are only its first (the preview)."""
        column = self.columns[stage]
        column.cards = cards
        column.count = len(cards) if total is None else total
        index = column.index_of(keep_app_id) if keep_app_id is not None else None
        column.cursor = index if index is not None else max(0, min(column.cursor, len(cards) - 1))
        self._fit(column)
        self._show_cursor(column)
        self.refresh_column(stage)

    def set_cursor(self, stage: str, index: int) -> None:
        """Put a column's cursor on a card (clamped) and scroll it into view."""
        column = self.columns[stage]
        old = column.cursor
        column.cursor = max(0, min(index, len(column.cards) - 1))
        if self._show_cursor(column):
            self.refresh_column(stage, title=False)
        elif column.cursor != old:
            self.refresh_cards(stage, old, column.cursor)

    def move_cursor(self, delta: int) -> None:
        column = self.current_column
        self.set_cursor(column.stage, column.cursor + delta)

    def page(self, direction: int) -> None:
        column = self.current_column
        per_page = max(self.content_height // column.card_height, 1)
        self.set_cursor(column.stage, column.cursor + direction * per_page)

    def set_current(self, stage: str) -> None:
        """Make `stage` the current column, shifting the columns shown if it is off screen."""
        old, self.current_stage = self.current_stage, stage
        if self._keep_current_in_view():
            self.refresh()
            self.post_message(self.Shifted(self))
        elif old != stage:
            for changed in (old, stage):
                self.refresh_cards(changed, self.columns[changed].cursor)
                self.refresh_title(changed)

    def scroll_column(self, stage: str, rows: int) -> None:
        """Scroll a column by `rows` (the mouse wheel); its cursor stays where it is."""
        column = self.columns[stage]
        scroll = max(0, min(column.scroll + rows, column.rows - self.content_height))
        if scroll != column.scroll:
            column.scroll = scroll
            self.refresh_column(stage, title=False)

    # -- repainting only what changed ------------------------------------------------

    def refresh_column(self, stage: str, title: bool = True) -> None:
        x = self.column_x(stage)
        if x is not None and self.size.height > 1:
            top = 0 if title else 1
            self.refresh(Region(x, top, self.column_width, self.size.height - top))

    def refresh_title(self, stage: str) -> None:
        x = self.column_x(stage)
        if x is not None and self.size.height:
            self.refresh(Region(x, 0, self.column_width, 1))

    def refresh_cards(self, stage: str, *indexes: int) -> None:
        """Repaint these cards of a column (in one refresh: a cursor key repaints two)."""
        x = self.column_x(stage)
        column = self.columns[stage]
        if x is None or not column.cards:
            return
        size = self.size  # asked once: it walks the screen's map
        cards_area = Region(0, 1, size.width, max(size.height - 1, 0))
        height, top = column.card_height, 1 - column.scroll
        regions = [Region(x, top + index * height, self.box_width, height).intersection(cards_area) for index in indexes]
        shown = [region for region in regions if region.area]
        if shown:
            self.refresh(*shown)

    def on_focus(self) -> None:
        self.refresh_cards(self.current_stage, self.current_column.cursor)
        self.refresh_title(self.current_stage)

    def on_blur(self) -> None:
        self.on_focus()

    # -- the mouse -----------------------------------------------------------------------

    def _stage_at(self, x: int) -> str | None:
        index = self.first + x // self.column_width
        if x < 0 or x >= self.shown * self.column_width or index >= len(STAGES):
            return None
        return STAGES[index]

    def on_click(self, event: events.Click) -> None:
        stage = self._stage_at(event.x)
        if stage is None:
            return
        column = self.columns[stage]
        index = None
        if event.y >= 1:
            card = (column.scroll + event.y - 1) // column.card_height
            index = card if card < len(column.cards) else None
        self.post_message(self.Clicked(self, stage, index))

    def _wheel(self, event: events.MouseEvent, rows: int) -> None:
        stage = self._stage_at(event.x)
        if stage is not None:
            event.stop()
            event.prevent_default()
            self.scroll_column(stage, rows)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._wheel(event, WHEEL_ROWS)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._wheel(event, -WHEEL_ROWS)

    # -- drawing -------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        # A new theme (or a changed stylesheet): every cached style and line goes.
        self._styles.clear()
        self._card_lines.clear()
        super().notify_style_update()

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            if name == "plain":
                style = self.rich_style
            elif name.startswith("ink-"):
                # a part's colour and weight only, so the card's background shows through
                full = self._style(name[4:])
                style = Style(
                    color=full.color, bold=full.bold, italic=full.italic, dim=full.dim, underline=full.underline
                )
            else:
                style = self.get_component_rich_style(f"board-view--{name}")
            self._styles[name] = style
        return style

    def _lines_of(self, column: Column, index: int) -> list[list[Segment]]:
        """A card's lines as drawn, edges included (cached)."""
        return self._card_lines.of(
            column.cards[index],
            edges_of(column, index, self.marked_stage),
            self.box_width,
            column.content_lines,
            column.field_lines,
            self.app.glyphs,
        )

    def _board_lines(self) -> BoardLines:
        size = self.size
        columns = [self.columns[stage] for stage in self.visible_stages()]
        return BoardLines(
            size.width, size.height, self.box_width, columns, self.marked_stage, self._card_lines, self.app.glyphs, self._style
        )

    def render_lines(self, crop: Region) -> list[Strip]:
        # One BoardLines for all the lines of this repaint (board_lines.py):
        # nothing changes the board while Textual asks for them.
        self._repaint = self._board_lines()
        try:
            return super().render_lines(crop)
        finally:
            self._repaint = None

    def render_line(self, y: int) -> Strip:
        return (self._repaint or self._board_lines()).line(y)

    def card_strips(self, stage: str, index: int) -> list[Strip]:
        """A card's lines as the board draws them, edges included (for tests and tools)."""
        column = self.columns[stage]
        return [Strip(line) for line in self._lines_of(column, index)]
