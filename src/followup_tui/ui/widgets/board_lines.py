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


def edges_of(column: Column, index: int, marked_stage: str | None) -> str:
    """Which edges a card has: "focus" (the cursor's card of the column drawn
    as focused), "current" (another column's cursor) or "card"."""
    if index != column.cursor:
        return "card"
    return "focus" if column.stage == marked_stage else "current"


class ColumnLines:
    """One visible column's rows in one repaint."""

    def __init__(self, column: Column, thumb: range, board: BoardLines) -> None:
        self.column = column
        self.thumb = thumb
        self.board = board
        self.scroll = column.scroll
        self.height = column.card_height
        self.cards = column.cards
        # cards are drawn only where they have room for their edges and a letter
        self.shown = len(self.cards) if board.box >= 4 else 0
        self.drawn: dict[int, list[list[Segment]]] = {}  # a card's lines, by index: a card spans several rows
        self.blank, self.gap, self.thumb_gap = board.blank_box, board.gap, board.thumb_gap

    def add_row(self, segments: list[Segment], row: int) -> None:
        """One row (under the title), `box + GAP` cells: its card's line and, in the gap, its scroll bar.
        (Called for every column of every line repainted: kept to a few calls.)"""
        index, line = divmod(self.scroll + row, self.height)
        if index < self.shown:
            segments.extend((self.drawn.get(index) or self.draw(index))[line])
        else:
            segments.append(self.blank)
        segments.append(self.thumb_gap if row in self.thumb else self.gap)

    def draw(self, index: int) -> list[list[Segment]]:
        """A card's lines as drawn, edges included (cached by CardLines)."""
        column, board = self.column, self.board
        drawn = self.drawn[index] = board.card_lines.of(
            self.cards[index],
            edges_of(column, index, board.marked_stage),
            board.box,
            column.content_lines,
            column.field_lines,
            board.glyphs,
        )
        return drawn


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
        self.columns = [ColumnLines(column, scrollbar(column, view), self) for column in columns]
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
                column.add_row(segments, row)
        segments.extend(self.rest)
        return Strip(segments, self.width)

    def title(self, column: Column) -> list[Segment]:
        style = self.style
        marked = column.stage == self.marked_stage
        title_style = self.plain + style("title") + (style("title-current") if marked else Style())
        return [*fitted([(column.title, title_style)], self.box, title_style), self.gap]
