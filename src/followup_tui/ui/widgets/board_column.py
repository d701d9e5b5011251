"""One stage's column on the board as it is drawn: its cards, cursor and
count (the board model's), its scroll position, card height and the title
fitted to its width."""

from __future__ import annotations

from ...domain.model import STAGE_TITLES
from ..board.board_model import ColumnModel
from ..board.cards import Card

# company, role, the next action (two lines: wrapped, never cut at one), due;
# plus up to two lines of fields (location; priority and tags) when the board
# is tall enough to show three such cards; plus the two edges. A column's
# cards all have the height its fullest card needs.
CONTENT_LINES = 5
# Where a column is too narrow for its title and count, a shorter name (the
# count is never the part that is cut).
SHORT_TITLES = {"following-up": "Follow-up"}


def column_title(stage: str, count: int, width: int) -> str:
    """'Following up (12)', or shorter where it does not fit: the count always shows."""
    count_text = f" ({count:,})"
    for name in (STAGE_TITLES[stage], SHORT_TITLES.get(stage, "")):
        if name and len(name) + len(count_text) <= width:
            return name + count_text
    room = max(width - len(count_text) - 1, 1)
    return STAGE_TITLES[stage][:room] + "…" + count_text


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
