"""A card's line never overflows its box (issue 23 item 1): at 120x35 a card
with a priority and tags that exactly filled the line drew one cell more."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from rich.style import Style

from followup_tui.ui.widgets.card_lines import fitted

PLAIN = Style()


def drawn(pieces, width) -> str:
    return "".join(segment.text for segment in fitted([(text, PLAIN) for text in pieces], width, PLAIN))


@pytest.mark.parametrize("width", range(1, 24))
def test_every_width_is_filled_exactly_and_a_cut_ends_with_an_ellipsis(width):
    pieces = ["▲ high", " ", "#python", " ", "#remote", " ", "#研究"]
    text = drawn(pieces, width)
    assert cell_len(text) == width, (width, text)
    whole = "".join(pieces)
    assert text.rstrip() == whole or text.endswith("…"), text


def test_pieces_that_exactly_fill_the_line_and_then_more_end_in_an_ellipsis():
    assert drawn(["▲ high", " ", "#python", " ", "#remote"], 14) == "▲ high #pytho…"
    assert drawn(["▲ high", " ", "#python"], 14) == "▲ high #python"
