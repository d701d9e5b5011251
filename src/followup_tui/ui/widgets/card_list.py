"""One board column's cards, drawn with the Line API.

No widget per card: only the visible lines are rendered, so a column with
thousands of applications costs what a screenful costs.
"""

from __future__ import annotations

from dataclasses import dataclass

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

CARD_HEIGHT = 5  # company, role, next action, due, gap
DNC_MARK = "⊘ "
# Shapes as well as colours, so that 16 colours, NO_COLOR and the light theme
# still tell the focused card from the other columns' current cards.
FOCUS_MARK = "▌"
CURRENT_MARK = "▏"


class CardList(ScrollView, can_focus=True):
    """A scrollable list of cards with a cursor."""

    COMPONENT_CLASSES = {
        "card-list--card",
        "card-list--cursor",
        "card-list--cursor-blurred",
        "card-list--company",
        "card-list--role",
        "card-list--overdue",
        "card-list--due-today",
        "card-list--upcoming",
        "card-list--quiet",
        "card-list--dnc",
        "card-list--empty",
        "card-list--mark",
    }

    DEFAULT_CSS = """
    CardList { overflow-x: hidden; overflow-y: auto; scrollbar-size-vertical: 1; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

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

    # -- data ------------------------------------------------------------------

    def set_cards(self, cards: list[Card], keep_app_id: int | None = None) -> None:
        """Replace the cards; keep the cursor on `keep_app_id` when it is still here."""
        self.cards = cards
        index = self.index_of(keep_app_id) if keep_app_id is not None else None
        self.virtual_size = Size(self.size.width, len(cards) * CARD_HEIGHT)
        self._line_cache_key = None
        self.cursor = index if index is not None else min(self.cursor, max(len(cards) - 1, 0))
        self.refresh()

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

    # -- cursor ------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.cards) - 1)) if self.cards else 0

    def watch_cursor(self, old: int, new: int) -> None:
        if self.cards:
            region = Region(0, new * CARD_HEIGHT, max(self.size.width, 1), CARD_HEIGHT)
            self.scroll_to_region(region, animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Highlighted(self, self.current))

    def move_cursor(self, delta: int) -> None:
        self.cursor = self.cursor + delta

    def page(self, direction: int) -> None:
        per_page = max(self.scrollable_content_region.height // CARD_HEIGHT, 1)
        self.cursor = self.cursor + direction * per_page

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.cards) * CARD_HEIGHT)

    # -- drawing -----------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"card-list--{name}")

    def _ink(self, name: str) -> Style:
        """A part's colour and weight only, so the card's background shows through."""
        style = self._style(name)
        return Style(color=style.color, bold=style.bold, italic=style.italic, dim=style.dim, underline=style.underline)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = self.scroll_offset.y + y
        index, line = divmod(row, CARD_HEIGHT)
        plain = self.rich_style
        if not self.cards:
            if row == 0:
                return self._text_strip(Text(" (none)"), width, plain + self._style("empty"))
            return Strip.blank(width, plain)
        if index >= len(self.cards) or line == CARD_HEIGHT - 1:
            return Strip.blank(width, plain)
        card = self.cards[index]
        if index == self.cursor:
            base = plain + self._style("cursor" if self.has_focus else "cursor-blurred")
        else:
            base = plain + self._style("card")
        if index == self.cursor:
            text = Text(FOCUS_MARK if self.has_focus else CURRENT_MARK, self._ink("mark"))
        else:
            text = Text(" ")
        if line == 0:
            if card.do_not_contact:
                text.append(DNC_MARK, self._ink("dnc"))
            text.append(printable(card.company), self._ink("company"))
        elif line == 1:
            text.append(printable(card.role) or "-", self._ink("role"))
        elif line == 2:
            text.append(card.action_text, self._ink(card.urgency or "quiet"))
        else:
            due = card.due_text if len(card.due_text) < width - 1 else compact_due(card.due_text)
            text.append(due, self._ink(card.urgency or "quiet"))
        return self._text_strip(text, width, base)

    def _text_strip(self, text: Text, width: int, base: Style) -> Strip:
        text.truncate(max(width - 1, 1), overflow="ellipsis", pad=True)
        text.append(" ")
        segments = [
            Segment(segment.text, base + segment.style if segment.style else base)
            for segment in text.render(self.app.console)
        ]
        return Strip(segments, width).crop(0, width)
