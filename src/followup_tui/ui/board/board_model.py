"""The board's cards in one place: pure data, no Textual.

Every card by application id, the filter, and for each stage the cards shown
(those that match the filter, in the column's order), the column's count and
its cursor. The board screen owns one model and changes it; the board view
(widgets/board_view.py) draws its columns from it.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable

from ...domain.model import STAGES
from .cards import Card, card_sort_key

FILTER_FIELDS = "company, role, contact, tag, location, source"  # what search_text holds (a contact: name or address)


class ColumnModel:
    """One stage's cards as shown: filtered and sorted, with the cursor."""

    def __init__(self, stage: str) -> None:
        self.stage = stage
        self.cards: list[Card] = []
        self.count = 0  # the title's count: the cards shown (more in a preview: its column's total)
        self.cursor = 0

    @property
    def current(self) -> Card | None:
        return self.cards[self.cursor] if 0 <= self.cursor < len(self.cards) else None

    def index_of(self, app_id: int | None) -> int | None:
        for index, card in enumerate(self.cards):
            if card.app_id == app_id:
                return index
        return None

    def keep_cursor_on(self, app_id: int | None) -> None:
        """The cursor on that card when it is shown, else where it was (clamped)."""
        index = self.index_of(app_id) if app_id is not None else None
        self.cursor = index if index is not None else max(0, min(self.cursor, len(self.cards) - 1))


def matches(card: Card, needle: str) -> bool:
    return not needle or needle in card.search_text


class BoardModel:
    def __init__(self) -> None:
        self.by_id: dict[int, Card] = {}  # every card, filtered or not
        self.columns: dict[str, ColumnModel] = {stage: ColumnModel(stage) for stage in STAGES}
        self.filter = ""
        self.version = 0  # moves on with every change of the cards (a card rebuild in a thread checks it)
        self.preview = False  # the cards are a big file's preview: counts are the file's, not the cards'

    @property
    def needle(self) -> str:
        return self.filter.strip().lower()

    def card(self, app_id: int | None) -> Card | None:
        return self.by_id.get(app_id) if app_id is not None else None

    def column(self, stage: str) -> ColumnModel:
        return self.columns[stage]

    @property
    def match_count(self) -> int:
        """Cards shown (all of them without a filter)."""
        return sum(len(column.cards) for column in self.columns.values())

    @property
    def total(self) -> int:
        return len(self.by_id)

    def first_match(self) -> Card | None:
        """The first card shown, in stage order."""
        return next((column.cards[0] for column in self.columns.values() if column.cards), None)

    # -- changing it --------------------------------------------------------------------

    def load(self, cards: Iterable[Card], counts: dict[str, int] | None = None) -> None:
        """Every card anew (a load, a clock tick); `counts`: a preview's column totals."""
        self.by_id = {card.app_id: card for card in cards}
        self.preview = counts is not None
        self.regroup()
        if counts is not None:
            for stage, column in self.columns.items():
                column.count = counts.get(stage, len(column.cards))

    def take_grouped(self, by_id: dict[int, Card], grouped: dict[str, list[Card]]) -> None:
        """Every card anew, grouped (sorted, filtered by this model's filter) in a thread."""
        self.by_id = by_id
        self.preview = False
        for stage, column in self.columns.items():
            column.cards = grouped[stage]
            column.count = len(column.cards)
        self.version += 1

    def set_filter(self, text: str) -> None:
        self.filter = text
        self.regroup()

    def regroup(self) -> None:
        needle = self.needle
        grouped: dict[str, list[Card]] = {stage: [] for stage in STAGES}
        for card in self.by_id.values():
            if matches(card, needle):
                grouped[card.stage].append(card)
        for stage, column in self.columns.items():
            column.cards = sorted(grouped[stage], key=card_sort_key)
            column.count = len(column.cards)
        self.version += 1

    def replace(self, cards: dict[int, Card | None]) -> set[str]:
        """Only these applications changed (None: gone): their cards move;
        returns the stages whose columns changed."""
        touched: set[str] = set()
        needle = self.needle
        for app_id, card in cards.items():
            old = self.by_id.pop(app_id, None)
            if old is not None:
                shown = self.columns[old.stage].cards
                index = bisect_left(shown, card_sort_key(old), key=card_sort_key)
                if index < len(shown) and shown[index] is old:
                    del shown[index]
                elif old in shown:  # not where its key says (should not happen): find it
                    shown.remove(old)
                touched.add(old.stage)
            if card is None:
                continue
            self.by_id[app_id] = card
            if matches(card, needle):
                insort(self.columns[card.stage].cards, card, key=card_sort_key)
                touched.add(card.stage)
        for stage in touched:
            column = self.columns[stage]
            column.count = len(column.cards)
        self.version += 1
        return touched
