"""Widths for the columns of a table that must fit the terminal: each column
its content's width when all fit; else the widest give up cells first, down
to a minimum, so that nothing scrolls sideways and a cut shows an ellipsis."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text


def column_widths(natural: Sequence[int], minimum: Sequence[int], room: int) -> list[int]:
    """Widths summing to at most `room` where the minimums allow: the widest
    column gives up a cell, then the widest again, and so on."""
    widths = [max(n, m) for n, m in zip(natural, minimum)]
    excess = sum(widths) - room
    while excess > 0:
        shrinkable = [i for i, w in enumerate(widths) if w > minimum[i]]
        if not shrinkable:
            break  # even the minimums do not fit: the table is as narrow as it gets
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
        excess -= 1
    return widths


def cut(text: Text, width: int) -> Text:
    """`text` in at most `width` cells, with an ellipsis where it was cut."""
    if cell_len(text.plain) <= width:
        return text
    cut_text = text.copy()
    cut_text.truncate(width, overflow="ellipsis")
    return cut_text
