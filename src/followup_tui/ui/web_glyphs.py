"""In a browser tab, characters the page's font (Roboto Mono) has.

The terminal font a browser gets from `followup serve` has no glyph for
Textual's header icon (U+2B58) or the command palette's magnifier (U+1F50E):
both showed as empty boxes. In web mode they become characters it has.
"""

from __future__ import annotations

from textual.command import SearchIcon
from textual.screen import Screen
from textual.widgets import Header

HEADER_ICON = "•"  # U+2022, in Roboto Mono
SEARCH_ICON = "›"  # U+203A, in Roboto Mono


def use_font_glyphs(screen: Screen) -> None:
    for header in screen.query(Header):
        header.icon = HEADER_ICON
    for icon in screen.query(SearchIcon):
        icon.icon = SEARCH_ICON
