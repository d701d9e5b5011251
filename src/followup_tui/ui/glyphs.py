"""The characters the screens draw with. A Linux console (TERM=linux) has a
font of a few hundred glyphs: the single and double box lines, arrows and
blocks of code page 437, but no rounded or heavy corners, no ⊘, ✓ or ⭘. There
the app draws with those it has (or wherever the `glyphs` setting says
"console"); focus, urgency and do-not-contact still differ by their edges,
marks and colours."""

from __future__ import annotations

import os

import msgspec

CONSOLE_TERMS = frozenset({"linux", "vt100", "vt102", "vt220", "cons25", "dumb"})


class Glyphs(msgspec.Struct, frozen=True):
    # a card's edges by kind: the rest, its column's current card, the focused card
    edges: dict[str, str] = msgspec.field(default_factory=dict)
    do_not_contact: str = "⊘ "
    priority: dict[str, str] = msgspec.field(default_factory=dict)
    header_icon: str = "≡"  # in every common font (Textual's ⭘ is not)
    more_left: str = "◂"
    more_right: str = "▸"
    passed: str = "✓"
    failed: str = "✗"
    busy: str = "⋯"
    partial_blocks: bool = True  # ▏▎▍▋▊▉ and ▁▂▃▅▆▇ (bars, sparklines, scroll bars); a console has ▌ ▄ █ only


UNICODE = Glyphs(
    edges={"card": "╭─╮│╰╯", "current": "┌─┐│└┘", "focus": "┏━┓┃┗┛"},
    priority={"high": "▲ high", "medium": "• medium", "low": "▼ low"},
)

CONSOLE = Glyphs(
    # single lines, double top and bottom, double all round: still three looks
    edges={"card": "┌─┐│└┘", "current": "╒═╕│╘╛", "focus": "╔═╗║╚╝"},
    do_not_contact="! ",
    priority={"high": "^ high", "medium": "* medium", "low": "v low"},
    more_left="<",
    more_right=">",
    passed="+",
    failed="x",
    busy="...",
    partial_blocks=False,
)

# a bar's eighths as the blocks a console font has
WHOLE_BLOCKS = str.maketrans({"▏": " ", "▎": " ", "▍": "▌", "▋": "▌", "▊": "▌", "▉": "█"})


def use_console_scroll_bars(console: bool) -> None:
    """Scroll bars drawn with blanks in their colour rather than eighths of a
    block (the terminal is the process's: one setting for every screen)."""
    from textual.scrollbar import ScrollBar, ScrollBarRender

    class ConsoleScrollBarRender(ScrollBarRender):
        VERTICAL_BARS = [" "] * 8
        HORIZONTAL_BARS = [" "] * 8

    ScrollBar.renderer = ConsoleScrollBarRender if console else ScrollBarRender


def glyphs_for(setting: str = "auto", term: str | None = None) -> Glyphs:
    """The set for the `glyphs` setting; "auto" reads TERM."""
    if setting == "console":
        return CONSOLE
    if setting == "unicode":
        return UNICODE
    term = os.environ.get("TERM", "") if term is None else term
    return CONSOLE if term in CONSOLE_TERMS else UNICODE
