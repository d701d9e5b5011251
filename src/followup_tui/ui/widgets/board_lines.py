"""The board's lines put together, one repaint at a time.

Textual asks the board for each dirty line in turn, and a line crosses every
visible column. What those lines share (the board's size, the glyphs, the
styles of the gap, each column's scroll bar thumb and which of its cards has
the cursor's edges) is worked out once per repaint here, not once per line
and column: the widget's size alone walks the screen's map, and the glyphs
read the environment. A cursor key repaints a dozen lines, a scroll a whole
column's height, each seven columns wide.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from .board_column import Column
from .card_lines import CardLines, fitted

if TYPE_CHECKING:
    from ..glyphs import Glyphs

GAP = 1  # cells right of each card, between the columns (a column's scroll bar when it has more cards)


def scrollbar(column: Column, view: int) -> range:
    """The rows of a column's scroll bar thumb, `view` rows shown (none when all its cards fit)."""
    total = column.rows
    if total <= view or view <= 0:
        return range(0)
    size = max(1, round(view * view / total))
    top = round(column.scroll * (view - size) / max(total - view, 1))
    return range(top, top + size)


class ColumnLines:
    """One visible column's rows in one repaint."""

    def __init__(self, column: Column, cursor_kind: str, thumb: range) -> None:
        self.column = column
        self.cursor_kind = cursor_kind  # "current" or "focus": the edges of its cursor's card
        self.thumb = thumb
        self.height = column.card_height
        self.cards = column.cards
        self.cursor = column.cursor
        self.drawn: dict[int, list[list[Segment]]] = {}  # a card's lines, by index: a card spans several rows


class BoardLines:
    """The board's lines for one repaint (see the module docstring); made
    afresh for each, so nothing here outlives a change of the board."""

    def __init__(
        self,
        width: int,
        height: int,
        box: int,
        columns: list[Column],
        marked_stage: str | None,
        card_lines: CardLines,
        glyphs: Glyphs,
        style: Callable[[str], Style],
    ) -> None:
        self.width = width
        self.box = box
        self.card_lines = card_lines
        self.glyphs = glyphs
        self.style = style
        self.plain = plain = style("plain")
        self.gap = Segment(" " * GAP, plain)
        self.thumb_gap = Segment(" " * GAP, style("scrollbar"))
        self.blank_box = Segment(" " * box, plain)
        view = max(height - 1, 0)
        self.marked_stage = marked_stage
        self.columns = [
            ColumnLines(column, "focus" if column.stage == marked_stage else "current", scrollbar(column, view))
            for column in columns
        ]
        used = len(columns) * (box + GAP)
        self.rest = [Segment(" " * (width - used), plain)] if width > used else []

    def line(self, y: int) -> Strip:
        """Line `y` of the board: the titles' row, or a row of every column's cards."""
        segments: list[Segment] = []
        if y == 0:
            for column in self.columns:
                segments.extend(self.title(column.column))
        else:
            row = y - 1
            for column in self.columns:
                self.add_row(segments, column, row)
        segments.extend(self.rest)
        return Strip(segments, self.width)

    def add_row(self, segments: list[Segment], column: ColumnLines, row: int) -> None:
        """One row (under the title) of a column, `box + GAP` cells: its card's line and, in the gap, its scroll bar."""
        index, line = divmod(column.column.scroll + row, column.height)
        if index < len(column.cards) and self.box >= 4:
            segments.extend(self.card(column, index)[line])
        else:
            segments.append(self.blank_box)
        segments.append(self.thumb_gap if row in column.thumb else self.gap)

    def card(self, column: ColumnLines, index: int) -> list[list[Segment]]:
        """A card's lines as drawn, edges included (cached by CardLines)."""
        drawn = column.drawn.get(index)
        if drawn is None:
            kind = column.cursor_kind if index == column.cursor else "card"
            drawn = column.drawn[index] = self.card_lines.of(
                column.cards[index], kind, self.box, column.column.content_lines, column.column.field_lines, self.glyphs
            )
        return drawn

    def title(self, column: Column) -> list[Segment]:
        style = self.style
        marked = column.stage == self.marked_stage
        title_style = self.plain + style("title") + (style("title-current") if marked else Style())
        return [*fitted([(column.title, title_style)], self.box, title_style), self.gap]
