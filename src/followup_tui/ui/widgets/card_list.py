"""One board column's cards, drawn with the Line API.

No widget per card: only the visible lines are rendered, so a column with
thousands of applications costs what a screenful costs. Every card has the
same height (a row maps to a card by one division), and a visible edge.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, chop_cells
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..cards import Card, compact_due
from ..safe_text import printable

# company, role, the next action (two lines: wrapped, never cut at one), due;
# plus up to two lines of fields (location; priority and tags) when the board
# is tall enough to show three such cards; plus the two edges. A column's
# cards all have the height its fullest card needs.
CONTENT_LINES = 5
MAX_FIELD_LINES = 2
CARDS_FOR_FIELDS = 3  # field lines only where this many cards still fit
DNC_MARK = "⊘ "
PRIORITY_MARKS = {"high": "▲ high", "medium": "• medium", "low": "▼ low"}
GAP = 1  # columns of space right of each card, between the board's columns

# Edges as well as colours, so that 16 colours, NO_COLOR and the light theme
# still tell the focused card (heavy edges) from the other columns' current
# cards (square corners, quiet) and from the rest (rounded).
EDGES = {
    "card": "╭─╮│╰╯",
    "current": "┌─┐│└┘",
    "focus": "┏━┓┃┗┛",
}


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
        last = Text(out[-1])
        last.truncate(width, overflow="ellipsis")
        out[-1] = last.plain
    return out


def styled(text: str, style: Style) -> Text:
    """Text whose style is a span (Text.render drops a Text's own style)."""
    return Text().append(text, style)


class CardList(ScrollView, can_focus=False):
    """A scrollable list of cards with a cursor.

    The lists are not focused themselves: the board is, and one list is its
    current column (`looks_focused`). Moving the focus would repaint the
    whole screen (Textual repaints everything when the focused widget
    changes); a card moved to the next column repaints only two lists."""

    COMPONENT_CLASSES = {
        "card-list--card",
        "card-list--cursor",
        "card-list--cursor-blurred",
        "card-list--edge",
        "card-list--edge-cursor",
        "card-list--edge-focus",
        "card-list--company",
        "card-list--role",
        "card-list--overdue",
        "card-list--due-today",
        "card-list--upcoming",
        "card-list--quiet",
        "card-list--dnc",
        "card-list--fields",
        "card-list--priority-high",
    }

    DEFAULT_CSS = """
    CardList { overflow-x: hidden; overflow-y: auto; scrollbar-size-vertical: 1; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class Chosen(Message):
        """This list asked to be the board's current column (see `focus`)."""

        card_list: CardList

        @property
        def control(self) -> CardList:
            return self.card_list

    @dataclass
    class Highlighted(Message):
        card_list: CardList
        card: Card | None

        @property
        def control(self) -> CardList:
            return self.card_list

    def __init__(self, stage: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.stage = stage
        self.cards: list[Card] = []
        self.room_for_fields = 0  # field lines the height allows
        self.field_lines = 0  # field lines each card of this column has
        self.content_lines = CONTENT_LINES  # company, role, action and due lines each card of this column has
        self.looks_focused = False  # the board's current column, while the board has the focus

    @property
    def card_height(self) -> int:
        return self.content_lines + self.field_lines + 2

    @property
    def inner_width(self) -> int:
        """Cells between a card's edges (a scrollbar, when there is one, takes the gap's place)."""
        return self.size.width - GAP - 2

    # -- data ------------------------------------------------------------------

    def set_cards(self, cards: list[Card], keep_app_id: int | None = None) -> None:
        """Replace the cards; keep the cursor on `keep_app_id` when it is still here."""
        self.cards = cards
        self._fit_fields()
        index = self.index_of(keep_app_id) if keep_app_id is not None else None
        self._resize_content(Size(self.size.width, len(cards) * self.card_height))
        self.cursor = index if index is not None else min(self.cursor, max(len(cards) - 1, 0))
        # A list that has just grown past its height cannot scroll until the
        # layout has given it a scrollbar: show the cursor again after that.
        self.call_after_refresh(self.show_cursor)
        self.refresh()

    def _resize_content(self, size: Size) -> None:
        """The new height of the cards. A layout pass (a whole-screen repaint)
        only when the scrollbar comes or goes; otherwise only the scrollbar's
        thumb and this list change (a move changes two lists' heights)."""
        needs_scrollbar = size.height > self.scrollable_content_region.height
        if not self.is_mounted or size.width != self.virtual_size.width or needs_scrollbar != self.show_vertical_scrollbar:
            self.virtual_size = size
            return
        self.set_reactive(CardList.virtual_size, size)
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.window_virtual_size = size.height
        if self.scroll_y > self.max_scroll_y:
            self.scroll_to(y=self.max_scroll_y, animate=False)

    def show_cursor(self) -> None:
        if self.cards:
            height = self.card_height
            self.scroll_to_region(
                Region(0, self.cursor * height, max(self.size.width, 1), height), animate=False, immediate=True
            )

    def _fit_fields(self) -> None:
        # Every card of a column has one height: the lines its fullest card
        # needs (an action longer than a line takes two; fields where the
        # height allows). Arithmetic only: thousands of cards cost little.
        inner = self.inner_width
        needed = max((card.field_lines for card in self.cards), default=0)
        self.field_lines = min(needed, self.room_for_fields)
        self.content_lines = 2 + max(
            ((1 + (cell_len(card.action_text) > inner) + bool(card.due_text)) for card in self.cards), default=1
        )

    def index_of(self, app_id: int | None) -> int | None:
        for index, card in enumerate(self.cards):
            if card.app_id == app_id:
                return index
        return None

    @property
    def current(self) -> Card | None:
        if 0 <= self.cursor < len(self.cards):
            return self.cards[self.cursor]
        return None

    def row_of(self, index: int, part: str = "top") -> int:
        """The content row of a card's part ("top", "company", "role", "action", "due")."""
        return index * self.card_height + {"top": 0, "company": 1, "role": 2, "action": 3}.get(part, 0)

    # -- cursor ------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.cards) - 1)) if self.cards else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self.show_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self, self.current))

    def move_cursor(self, delta: int) -> None:
        self.cursor = self.cursor + delta

    def page(self, direction: int) -> None:
        per_page = max(self.scrollable_content_region.height // self.card_height, 1)
        self.cursor = self.cursor + direction * per_page

    def show_focused(self, focused: bool) -> None:
        """Draw the cursor's card as the focused one (heavy edges), or quietly."""
        if focused != self.looks_focused:
            self.looks_focused = focused
            if self.cards:
                height = self.card_height
                self.refresh(Region(0, self.cursor * height - self.scroll_offset.y, self.size.width, height))

    def focus(self, scroll_visible: bool = True) -> CardList:
        """Make this the board's current column (the board keeps the focus)."""
        self.post_message(self.Chosen(self))
        return self

    def on_resize(self) -> None:
        # A tall board shows each card's fields; a short one keeps more cards in view.
        height = self.size.height
        self.room_for_fields = next(
            (n for n in range(MAX_FIELD_LINES, 0, -1) if CARDS_FOR_FIELDS * (CONTENT_LINES + 2 + n) <= height), 0
        )
        self._fit_fields()
        self.virtual_size = Size(self.size.width, len(self.cards) * self.card_height)
        self.show_cursor()
        self.refresh()

    # -- drawing -----------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"card-list--{name}")

    def _ink(self, name: str) -> Style:
        """A part's colour and weight only, so the card's background shows through."""
        style = self._style(name)
        return Style(color=style.color, bold=style.bold, italic=style.italic, dim=style.dim, underline=style.underline)

    def card_lines(self, card: Card, inner: int) -> list[Text]:
        """The text lines inside a card's edges, `inner` cells wide."""
        lines: list[Text] = []
        company = Text()
        if card.do_not_contact:
            company.append(DNC_MARK, self._ink("dnc"))
        company.append(printable(card.company), self._ink("company"))
        lines.append(company)
        lines.append(styled(printable(card.role) or "-", self._ink("role")))
        urgency = self._ink(card.urgency or "quiet")
        action = wrap(card.action_text, inner, 2)
        lines.extend(styled(part, urgency) for part in action)
        due = card.due_text if cell_len(card.due_text) <= inner else compact_due(card.due_text)
        if due:
            lines.append(styled(due, urgency))
        fields = self.field_texts(card)[: self.field_lines]
        lines.extend(Text() for _ in range(self.content_lines - len(lines)))
        lines.extend(fields)
        return lines

    def field_texts(self, card: Card) -> list[Text]:
        """The card's own fields: its location, then its priority and tags
        (on one line when only one fits)."""
        quiet = self._ink("fields")
        marks = Text()
        if card.priority in PRIORITY_MARKS:
            marks.append(PRIORITY_MARKS[card.priority], self._ink("priority-high") if card.priority == "high" else quiet)
        for tag in card.tags:
            if marks:
                marks.append(" ")
            marks.append(f"#{printable(tag)}", quiet)
        location = styled(printable(card.location), quiet)
        if self.field_lines < 2:
            return [Text(" · ").join(part for part in (location, marks) if part)]
        return [line for line in (location, marks) if line]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = self.scroll_offset.y + y
        height = self.card_height
        index, line = divmod(row, height)
        plain = self.rich_style
        if index >= len(self.cards) or width < 4:
            return Strip.blank(width, plain)
        card = self.cards[index]
        if index != self.cursor:
            kind, base, edge = "card", plain + self._style("card"), self._style("edge")
        elif self.looks_focused:
            kind, base, edge = "focus", plain + self._style("cursor"), self._style("edge-focus")
        else:
            kind, base, edge = "current", plain + self._style("cursor-blurred"), self._style("edge-cursor")
        edge = base + edge
        top_left, across, top_right, side, bottom_left, bottom_right = EDGES[kind]
        spacing = 0 if self.show_vertical_scrollbar else GAP  # a scrollbar is gap enough
        box = width - spacing
        inner = box - 2
        gap = Segment(" " * spacing, plain)
        if line == 0:
            return Strip([Segment(top_left + across * inner + top_right, edge), gap], width)
        if line == height - 1:
            return Strip([Segment(bottom_left + across * inner + bottom_right, edge), gap], width)
        texts = self.card_lines(card, inner)
        text = texts[line - 1] if line - 1 < len(texts) else Text()
        text.truncate(inner, overflow="ellipsis", pad=True)
        segments = [Segment(side, edge)]
        segments.extend(
            Segment(segment.text, base + segment.style if segment.style else base)
            for segment in text.render(self.app.console)
        )
        segments += [Segment(side, edge), gap]
        return Strip(segments, width).crop(0, width)

