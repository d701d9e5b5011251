"""The screen's keys in one line, drawn by one widget.

It shows what Textual's compact Footer shows, from the screen's bindings
(grouped keys such as "HL Move", dimmed where `check_action` says a key does
nothing now, a click runs the key, hovering names it), but as a single widget
with the Line API: Textual's Footer is a container of a widget per key (17 on
the board), styled, laid out and then composed a second time once the
bindings are known, which cost the board's first paint about 30 ms.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby

import msgspec

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget


class Key(msgspec.Struct, frozen=True):
    """One key as the footer shows it."""

    key: str
    display: str
    description: str  # empty for a key shown in a group ("HL Move")
    enabled: bool
    tooltip: str


class Piece(msgspec.Struct, frozen=True):
    text: str
    part: str  # "key", "description", "label" or "space"
    key: Key | None = None


def footer_pieces(screen: Screen) -> tuple[Piece, ...]:
    """The footer's line for `screen`, as Textual's compact Footer lays it out."""
    by_action: dict[str, list] = defaultdict(list)
    for _node, binding, enabled, tooltip in screen.active_bindings.values():
        if binding.show:
            by_action[binding.action].append((binding, enabled, tooltip))
    app = screen.app
    pieces: list[Piece] = []
    for group, in_group in groupby(by_action.values(), lambda bindings: bindings[0][0].group):
        actions = list(in_group)
        if group is not None and len(actions) > 1:
            for bindings in actions:
                binding, enabled, tooltip = bindings[0]
                key = Key(binding.key, app.get_key_display(binding), "", enabled, tooltip or binding.description)
                pieces.append(Piece(key.display, "key", key))
            pieces += [Piece(" ", "space"), Piece(group.description, "label"), Piece(" ", "space")]
        else:
            for bindings in actions:
                binding, enabled, tooltip = bindings[0]
                key = Key(binding.key, app.get_key_display(binding), binding.description, enabled, tooltip)
                pieces += [Piece(key.display, "key", key), Piece(" " + key.description, "description", key)]
                pieces.append(Piece(" ", "space"))
    return tuple(pieces)


HELP_KEYS = frozenset({"question_mark", "f1"})  # kept whatever the width: the rest are listed there


def fitted_pieces(pieces: tuple[Piece, ...], width: int) -> tuple[Piece, ...]:
    """The footer's pieces in `width` cells: where not every key fits, the
    last ones (a screen lists its keys most important first) give way, never
    the help key that lists them all; no key is shown cut."""
    units: list[list[Piece]] = []
    for piece in pieces:
        if piece.part == "key" and (not units or units[-1][-1].part == "space"):
            units.append([])
        if not units:
            units.append([])
        units[-1].append(piece)
    kept = list(units)
    while kept and sum(cell_len(p.text) for unit in kept for p in unit) > width:
        droppable = [i for i, unit in enumerate(kept) if not any(p.key and p.key.key in HELP_KEYS for p in unit)]
        if not droppable:
            break
        del kept[droppable[-1]]
    return tuple(piece for unit in kept for piece in unit)


class FooterLine(Widget):
    """The keys of the screen it is on, in one line at the bottom."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer-line--key", "footer-line--description", "footer-line--hover"}
    DEFAULT_CSS = """
    FooterLine {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    FooterLine > .footer-line--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    FooterLine > .footer-line--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    FooterLine > .footer-line--hover {
        background: $block-hover-background;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pieces: tuple[Piece, ...] = ()
        self._hover: Key | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.pieces = footer_pieces(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        """Redrawn only when what it shows changes (a focus move changes nothing here)."""
        pieces = footer_pieces(screen)
        if pieces != self.pieces:
            self.pieces = pieces
            self.refresh()

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    def key_at(self, x: int) -> Key | None:
        right = 0
        for piece in fitted_pieces(self.pieces, self.size.width):
            right += cell_len(piece.text)
            if x < right:
                return piece.key
        return None

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        key_style = base + self.get_component_rich_style("footer-line--key")
        description_style = base + self.get_component_rich_style("footer-line--description")
        hover = self.get_component_rich_style("footer-line--hover", partial=True)
        # The spaces between keys only need the footer's background (as the
        # margins around Textual's footer keys).
        space = Style(bgcolor=base.bgcolor)
        styles = {"key": key_style, "description": description_style, "label": description_style, "space": space}
        segments = []
        for piece in fitted_pieces(self.pieces, width):
            style = styles[piece.part]
            if piece.key is not None:
                if not piece.key.enabled:
                    style += Style(dim=True)
                if piece.key == self._hover:
                    style += hover
            segments.append(Segment(piece.text, style))
        strip = Strip(segments)
        return strip.extend_cell_length(width, base).crop(0, width)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self.key_at(event.x)
        if key != self._hover:
            self._hover = key
            self.tooltip = (key.tooltip or key.description) if key else None
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
