"""The agenda's table, drawn by one widget with the Line API.

Textual's DataTable measures and renders every cell of every row it is given
(about 0.1 ms a cell) and renders the visible cells again after each batch of
rows: at 10,000 applications the agenda took most of its opening time there.
Here the rows stay the screen's objects; a row's cells are made (by the
screen's `make`) only when the row is first drawn, and only the visible lines
are ever built. The header line stays at the top; a cursor row, zebra
stripes, keys, the mouse wheel and clicks as in a DataTable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .column_widths import cut

PADDING = 1  # cells each side of a column's text


class RowMessage(Message):
    """Something happened to row `cursor_row` of `table`."""

    def __init__(self, table: AgendaTable, cursor_row: int) -> None:
        super().__init__()
        self.table = table
        self.cursor_row = cursor_row

    @property
    def control(self) -> AgendaTable:
        return self.table


class AgendaTable(ScrollView, can_focus=True):
    """Rows of cells under a header; `cursor_row` is the highlighted row."""

    DEFAULT_CSS = """
    AgendaTable {
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .agenda-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .agenda-table--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .agenda-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .agenda-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .agenda-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .agenda-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .agenda-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    COMPONENT_CLASSES = {
        "agenda-table--header",
        "agenda-table--even-row",
        "agenda-table--cursor",
    }

    BINDINGS = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first", "First", show=False),
        Binding("end,ctrl+end", "last", "Last", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, repaint=False)

    class RowHighlighted(RowMessage):
        """The cursor moved to `cursor_row`."""

    class RowSelected(RowMessage):
        """Enter (or a click on the cursor row) on `cursor_row`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.labels: tuple[str, ...] = ()
        self.widths: tuple[int, ...] = ()
        self._rows: Sequence[Any] = ()
        self._make: Callable[[Any, int], tuple[Text, ...]] = lambda row, index: tuple(row)
        self._cells: dict[int, tuple[Text, ...]] = {}  # a row's cells, made when first drawn
        self._lines: dict[int, list[Segment]] = {}  # a row as drawn, before its row's styles

    # -- content (the screen) ------------------------------------------------------

    def set_columns(self, labels: Sequence[str], widths: Sequence[int]) -> None:
        self.labels, self.widths = tuple(labels), tuple(widths)
        self._cells.clear()  # the screen cuts its cells to the widths
        self._lines.clear()
        self._resize_virtual()
        self.refresh()

    def set_rows(self, rows: Sequence[Any], make: Callable[[Any, int], tuple[Text, ...]]) -> None:
        """Show `rows`; `make(row, index)` gives a row's cells (already cut
        to the columns' widths) when it is first drawn."""
        self._rows, self._make = rows, make
        self._cells.clear()
        self._lines.clear()
        self._resize_virtual()
        if self.cursor_row >= len(rows):
            self.cursor_row = max(len(rows) - 1, 0)
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def get_row_at(self, index: int) -> tuple[Text, ...]:
        """The cells of row `index` as shown."""
        if not 0 <= index < len(self._rows):
            raise IndexError(index)
        return self._row_cells(index)

    def move_cursor(self, row: int) -> None:
        self.cursor_row = row

    # -- the cursor -------------------------------------------------------------------

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self._rows) - 1)) if self._rows else 0

    def watch_cursor_row(self, before: int, after: int) -> None:
        self._keep_in_view(after)
        self.refresh()
        if self._rows:
            self.post_message(self.RowHighlighted(self, after))

    def _keep_in_view(self, row: int) -> None:
        shown = max(self.size.height - 1, 1)  # lines under the header
        top = int(self.scroll_y)
        if row < top:
            self.scroll_to(y=row, animate=False)
        elif row >= top + shown:
            self.scroll_to(y=row - shown + 1, animate=False)

    def action_cursor_up(self) -> None:
        self.cursor_row -= 1

    def action_cursor_down(self) -> None:
        self.cursor_row += 1

    def action_page_up(self) -> None:
        self.cursor_row -= max(self.size.height - 2, 1)

    def action_page_down(self) -> None:
        self.cursor_row += max(self.size.height - 2, 1)

    def action_first(self) -> None:
        self.cursor_row = 0

    def action_last(self) -> None:
        self.cursor_row = len(self._rows) - 1

    def action_select_cursor(self) -> None:
        if self._rows:
            self.post_message(self.RowSelected(self, self.cursor_row))

    def on_click(self, event: events.Click) -> None:
        if event.y < 1 or not self._rows:
            return  # the header
        row = int(self.scroll_y) + event.y - 1
        if row >= len(self._rows):
            return
        if row == self.cursor_row:
            self.action_select_cursor()
        else:
            self.cursor_row = row

    def on_resize(self) -> None:
        self._resize_virtual()
        self._keep_in_view(self.cursor_row)

    # -- drawing ------------------------------------------------------------------------

    def _resize_virtual(self) -> None:
        width = sum(self.widths) + 2 * PADDING * len(self.widths)
        self.virtual_size = Size(width, len(self._rows) + 1)  # the header is line 0

    def _row_cells(self, index: int) -> tuple[Text, ...]:
        cells = self._cells.get(index)
        if cells is None:
            cells = self._cells[index] = self._make(self._rows[index], index)
        return cells

    def _line(self, cells: Sequence[Text]) -> list[Segment]:
        """Cells side by side, each padded to its column's width."""
        line = Text(no_wrap=True, end="")
        for cell, width in zip(cells, self.widths):
            line.append(" " * PADDING)
            line.append_text(cell)
            line.append(" " * (width - cell.cell_len + PADDING))
        line.truncate(sum(self.widths) + 2 * PADDING * len(self.widths))
        return list(line.render(self.app.console))

    def _row_line(self, index: int) -> list[Segment]:
        # Made once per row: moving the cursor or scrolling draws the same lines again.
        line = self._lines.get(index)
        if line is None:
            line = self._lines[index] = self._line(self._row_cells(index))
        return line

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            style = self.get_component_rich_style("agenda-table--header")
            cells = [cut(Text(label), column) for label, column in zip(self.labels, self.widths)]
            return self._strip(self._line(cells), width, style, None)
        row = int(self.scroll_y) + y - 1
        if row >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        base = self.rich_style
        if row % 2 == 0:  # zebra stripes as DataTable draws them (its "even" rows: 0, 2...)
            base += self.get_component_rich_style("agenda-table--even-row")
        cursor = self.get_component_rich_style("agenda-table--cursor") if row == self.cursor_row else None
        return self._strip(self._row_line(row), width, base, cursor)

    def _strip(self, line: list[Segment], width: int, base: Style, over: Style | None) -> Strip:
        segments = list(Segment.apply_style(line, style=base, post_style=over))
        return Strip(segments).adjust_cell_length(width, base + (over or Style()))
