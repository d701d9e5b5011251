"""The board's columns, drawn by one widget with the Line API.

One widget draws the title row and every visible column's cards: no widget
per column or per card, so the first paint styles and lays out one widget
instead of twenty-one, and only the visible lines are ever built. Each line is
put together from the cards' lines, which are cached per card, kind of edge
and width: a cursor key rebuilds two cards, a move two columns.

The state of each column (its cards, cursor, scroll position, title) is a
plain `Column` object, which the screen and the tests read.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, chop_cells, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from ...domain.model import STAGE_TITLES, STAGES
from ..board.board_model import BoardModel, ColumnModel
from ..board.cards import Card, compact_due
from ..text.safe_text import printable

MIN_COLUMN_WIDTH = 17  # seven columns fit 120 terminal columns
GAP = 1  # cells right of each card, between the columns (a column's scroll bar when it has more cards)
# company, role, the next action (two lines: wrapped, never cut at one), due;
# plus up to two lines of fields (location; priority and tags) when the board
# is tall enough to show three such cards; plus the two edges. A column's
# cards all have the height its fullest card needs.
CONTENT_LINES = 5
MAX_FIELD_LINES = 2
CARDS_FOR_FIELDS = 3  # field lines only where this many cards still fit
WHEEL_ROWS = 3  # rows a turn of the mouse wheel scrolls a column
# Where a column is too narrow for its title and count, a shorter name (the
# count is never the part that is cut).
SHORT_TITLES = {"following-up": "Follow-up"}

# Edges as well as colours, so that 16 colours, NO_COLOR and the light theme
# still tell the focused card (heavy edges) from the other columns' current
# cards (square corners, quiet) and from the rest (rounded); a Linux console
# has its own three (ui/glyphs.py).
CACHED_CARDS = 500  # cards whose drawn lines are kept: a few screenfuls (a screen shows about 50)


def column_title(stage: str, count: int, width: int) -> str:
    """'Following up (12)', or shorter where it does not fit: the count always shows."""
    count_text = f" ({count:,})"
    for name in (STAGE_TITLES[stage], SHORT_TITLES.get(stage, "")):
        if name and len(name) + len(count_text) <= width:
            return name + count_text
    room = max(width - len(count_text) - 1, 1)
    return STAGE_TITLES[stage][:room] + "…" + count_text


def wrap(text: str, width: int, lines: int) -> list[str]:
    """`text` word-wrapped into at most `lines` lines of `width` cells (the
    last one cut with an ellipsis only when even that is not enough)."""
    if width <= 0:
        return [""]
    out: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= width:
            line = candidate
            continue
        if line:
            out.append(line)
        line = word
        while cell_len(line) > width and len(out) < lines - 1:  # a word longer than the line
            head, *_ = chop_cells(line, width)
            out.append(head)
            line = line[len(head) :]
    out.append(line)
    if len(out) > lines:
        out = out[: lines - 1] + [" ".join(out[lines - 1 :])]
    if cell_len(out[-1]) > width:
        out[-1] = set_cell_size(out[-1], width - 1) + "…"
    return out


def fitted(pieces: list[tuple[str, Style]], width: int, base: Style) -> list[Segment]:
    """Pieces of text with their styles as exactly `width` cells: cut with an
    ellipsis when longer (its last cell, whichever piece it falls in),
    padded in `base` when shorter."""
    if width <= 0:
        return []
    pieces = [(text, style) for text, style in pieces if text]
    total = sum(cell_len(text) for text, _ in pieces)
    room = width if total <= width else width - 1  # the ellipsis takes the last cell
    segments: list[Segment] = []
    used = 0
    for text, style in pieces:
        cells = cell_len(text)
        if used + cells > room:
            if room - used > 0:
                segments.append(Segment(set_cell_size(text, room - used), style))
            segments.append(Segment("…", style))
            used = width
            break
        segments.append(Segment(text, style))
        used += cells
    if used < width:
        segments.append(Segment(" " * (width - used), base))
    return segments


class Column:
    """One stage's column as the board draws it (read by the screen and tests):
    its cards, count and cursor are the board model's (board/board_model.py);
    the rest is how it is drawn."""

    def __init__(self, stage: str, model: ColumnModel | None = None) -> None:
        self.stage = stage
        self.model = model or ColumnModel(stage)
        self.scroll = 0  # the first row of cards shown
        self.title = STAGE_TITLES[stage]  # as drawn: fitted to the column's width
        self.field_lines = 0  # field lines each card of this column has
        self.content_lines = CONTENT_LINES  # company, role, action and due lines each card has

    @property
    def cards(self) -> list[Card]:
        return self.model.cards

    @cards.setter
    def cards(self, cards: list[Card]) -> None:
        self.model.cards = cards

    @property
    def count(self) -> int:
        return self.model.count

    @count.setter
    def count(self, count: int) -> None:
        self.model.count = count

    @property
    def cursor(self) -> int:
        return self.model.cursor

    @cursor.setter
    def cursor(self, cursor: int) -> None:
        self.model.cursor = cursor

    @property
    def card_height(self) -> int:
        return self.content_lines + self.field_lines + 2

    @property
    def rows(self) -> int:
        """Rows all its cards take."""
        return len(self.cards) * self.card_height

    @property
    def current(self) -> Card | None:
        return self.model.current

    def index_of(self, app_id: int | None) -> int | None:
        return self.model.index_of(app_id)

    def row_of(self, index: int, part: str = "top") -> int:
        """The row (among the column's cards) of a card's part ("top", "company", "role", "action")."""
        return index * self.card_height + {"top": 0, "company": 1, "role": 2, "action": 3}.get(part, 0)

    def __repr__(self) -> str:
        return f"Column({self.stage!r}, {len(self.cards)} cards, cursor={self.cursor}, scroll={self.scroll})"


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
        self._card_lines: dict[tuple, tuple[Card, list[list[Segment]]]] = {}
        self._styles: dict[str, Style] = {}

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
            self.refresh_card(stage, old)
            self.refresh_card(stage, column.cursor)

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
                self.refresh_card(changed, self.columns[changed].cursor)
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

    def refresh_card(self, stage: str, index: int) -> None:
        x = self.column_x(stage)
        column = self.columns[stage]
        if x is None or not column.cards:
            return
        y = 1 + index * column.card_height - column.scroll
        region = Region(x, y, self.box_width, column.card_height).intersection(
            Region(0, 1, self.size.width, self.content_height)
        )
        if region.area:
            self.refresh(region)

    def on_focus(self) -> None:
        self.refresh_card(self.current_stage, self.current_column.cursor)
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

    def kind_of(self, column: Column, index: int) -> str:
        """Which edges a card has: "focus", "current" (its column's cursor) or "card"."""
        if index != column.cursor:
            return "card"
        return "focus" if column.stage == self.current_stage and self.has_focus else "current"

    def _lines_of(self, column: Column, index: int) -> list[list[Segment]]:
        """A card's lines as drawn, edges included (cached)."""
        card = column.cards[index]
        kind = self.kind_of(column, index)
        box = self.box_width
        key = (id(card), kind, box, column.content_lines, column.field_lines, id(self.app.glyphs))
        cached = self._card_lines.get(key)
        if cached is not None and cached[0] is card:
            return cached[1]
        if len(self._card_lines) >= CACHED_CARDS:
            self._card_lines.clear()
        lines = self._draw_card(card, kind, box, column.content_lines, column.field_lines)
        self._card_lines[key] = (card, lines)
        return lines

    def _draw_card(self, card: Card, kind: str, box: int, content_lines: int, field_lines: int) -> list[list[Segment]]:
        plain = self._style("plain")
        style_name, edge_name = {
            "card": ("card", "edge"),
            "current": ("cursor-blurred", "edge-cursor"),
            "focus": ("cursor", "edge-focus"),
        }[kind]
        base = plain + self._style(style_name)
        edge = base + self._style(edge_name)
        glyphs = self.app.glyphs
        top_left, across, top_right, side, bottom_left, bottom_right = glyphs.edges[kind]
        inner = box - 2
        ink = self._style
        company = [(glyphs.do_not_contact, ink("ink-dnc"))] if card.do_not_contact else []
        company.append((printable(card.company), ink("ink-company")))
        texts: list[list[tuple[str, Style]]] = [company, [(printable(card.role) or "-", ink("ink-role"))]]
        urgency = ink(f"ink-{card.urgency or 'quiet'}")
        texts.extend([(part, urgency)] for part in wrap(card.action_text, inner, 2))
        due = card.due_text if cell_len(card.due_text) <= inner else compact_due(card.due_text)
        if due:
            texts.append([(due, urgency)])
        texts.extend([] for _ in range(content_lines - len(texts)))
        texts.extend(self._fields(card, field_lines)[:field_lines])
        texts.extend([] for _ in range(content_lines + field_lines - len(texts)))
        left, right = Segment(side, edge), Segment(side, edge)
        lines = [[Segment(top_left + across * inner + top_right, edge)]]
        for pieces in texts[: content_lines + field_lines]:
            lines.append([left, *fitted([(text, base + style) for text, style in pieces], inner, base), right])
        lines.append([Segment(bottom_left + across * inner + bottom_right, edge)])
        return lines

    def _fields(self, card: Card, field_lines: int) -> list[list[tuple[str, Style]]]:
        """The card's own fields: its location, then its priority and tags
        (on one line when only one fits)."""
        quiet = self._style("ink-fields")
        marks: list[tuple[str, Style]] = []
        priority_marks = self.app.glyphs.priority
        if card.priority in priority_marks:
            high = self._style("ink-priority-high") if card.priority == "high" else quiet
            marks.append((priority_marks[card.priority], high))
        for tag in card.tags:
            if marks:
                marks.append((" ", Style()))
            marks.append((f"#{printable(tag)}", quiet))
        location = [(printable(card.location), quiet)] if card.location else []
        if field_lines < 2:
            parts = [part for part in (location, marks) if part]
            return [parts[0] + [(" · ", Style())] + parts[1] if len(parts) == 2 else (parts[0] if parts else [])]
        return [line for line in (location, marks) if line]

    def _scrollbar(self, column: Column) -> range:
        """The rows of a column's scroll bar thumb (none when all its cards fit)."""
        view, total = self.content_height, column.rows
        if total <= view or view <= 0:
            return range(0)
        size = max(1, round(view * view / total))
        top = round(column.scroll * (view - size) / max(total - view, 1))
        return range(top, top + size)

    def column_segments(self, column: Column, row: int) -> list[Segment]:
        """One row (under the title) of a column, `column_width` cells: its card's
        line and, in the gap, its scroll bar."""
        plain = self._style("plain")
        box = self.box_width
        height = column.card_height
        index, line = divmod(column.scroll + row, height)
        if index < len(column.cards) and box >= 4:
            segments = list(self._lines_of(column, index)[line])
        else:
            segments = [Segment(" " * box, plain)]
        if row in self._scrollbar(column):
            segments.append(Segment(" " * GAP, self._style("scrollbar")))
        else:
            segments.append(Segment(" " * GAP, plain))
        return segments

    def title_segments(self, column: Column) -> list[Segment]:
        plain = self._style("plain")
        marked = column.stage == self.marked_stage
        style = plain + self._style("title") + (self._style("title-current") if marked else Style())
        return [*fitted([(column.title, style)], self.box_width, style), Segment(" " * GAP, plain)]

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        segments: list[Segment] = []
        for stage in self.visible_stages():
            column = self.columns[stage]
            segments.extend(self.title_segments(column) if y == 0 else self.column_segments(column, y - 1))
        rest = width - self.shown * self.column_width
        if rest > 0:
            segments.append(Segment(" " * rest, self._style("plain")))
        return Strip(segments, width)

    def card_strips(self, stage: str, index: int) -> list[Strip]:
        """A card's lines as the board draws them, edges included (for tests and tools)."""
        column = self.columns[stage]
        return [Strip(line) for line in self._lines_of(column, index)]
