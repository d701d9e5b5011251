"""A DataTable that shows its first rows at once and adds the rest a slice at
a time, so that thousands of rows never hold up a screen or a key.

DataTable measures every cell of every new row before it paints (about
0.1 ms a cell): 7,000 agenda rows would freeze the app for a second or more.
Here the first screenful is added now; the rest follows after each
refresh, `STEP` rows at a time, with keys handled in between. A new `fill`
replaces a fill still under way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.widgets import DataTable

FIRST = 40  # rows added at once, or the terminal's height when it is taller
STEP = 150  # rows added per refresh afterwards


class BatchedTable(DataTable):
    """`fill(rows)` instead of `clear()` and `add_row()` for every row."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pending: Sequence[Any] = ()
        self._make: Callable[[Any, int], tuple[tuple, str]] = _as_given
        self._added = 0
        self._fill = 0  # which fill the scheduled steps belong to

    def fill(
        self,
        rows: Sequence[Any],
        at_least: int = 0,
        make: Callable[[Any, int], tuple[tuple, str]] | None = None,
    ) -> None:
        """Replace every row by `rows`: (cells, key) pairs, or items that
        `make(item, index)` turns into those when their turn comes (cells of
        rows not yet shown cost nothing). Rows up to index `at_least` are
        added at once (so the cursor can go there)."""
        self.clear()
        self._fill += 1
        self._pending, self._added = rows, 0
        self._make = make or _as_given
        self._add_until(max(FIRST, self.app.size.height, at_least + 1))
        if self._added < len(rows):
            self.call_after_refresh(self._step, self._fill)

    @property
    def filling(self) -> bool:
        """Rows are still being added."""
        return self._added < len(self._pending)

    def ensure_rows(self, upto: int) -> None:
        """Add rows now, up to index `upto` (before moving the cursor there)."""
        self._add_until(upto + 1)

    def _add_until(self, count: int) -> None:
        end = min(count, len(self._pending))
        make = self._make
        for index in range(self._added, end):
            cells, key = make(self._pending[index], index)
            self.add_row(*cells, key=key)
        self._added = max(self._added, end)

    def _step(self, fill: int) -> None:
        if fill != self._fill or not self.is_attached:
            return  # replaced by a newer fill, or gone
        self._add_until(self._added + STEP)
        if self._added < len(self._pending):
            self.call_after_refresh(self._step, fill)


def _as_given(row: Any, _index: int) -> tuple[tuple, str]:
    return row
