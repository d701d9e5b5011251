"""A board card's lines as drawn (edges, company, role, next action, due,
fields), each line fitted to the card's width, and the cache that keeps
them per card, kind of edge and size: a cursor key redraws two cards."""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len, chop_cells, set_cell_size
from rich.segment import Segment
from rich.style import Style

from ..board.cards import Card, compact_due
from ..glyphs import Glyphs
from ..text.safe_text import printable

# Edges as well as colours, so that 16 colours, NO_COLOR and the light theme
# still tell the focused card (heavy edges) from the other columns' current
# cards (square corners, quiet) and from the rest (rounded); a Linux console
# has its own three (ui/glyphs.py).
CACHED_CARDS = 500  # cards whose drawn lines are kept: a few screenfuls (a screen shows about 50)


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
        out[-1] = set_cell_size(out[-1], width - 1) + "…"
    return out


def fitted(pieces: list[tuple[str, Style]], width: int, base: Style) -> list[Segment]:
    """Pieces of text with their styles as exactly `width` cells: cut with an
    ellipsis when longer (its last cell, whichever piece it falls in),
    padded in `base` when shorter."""
    if width <= 0:
        return []
    pieces = [(text, style) for text, style in pieces if text]
    total = sum(cell_len(text) for text, _ in pieces)
    room = width if total <= width else width - 1  # the ellipsis takes the last cell
    segments: list[Segment] = []
    used = 0
    for text, style in pieces:
        cells = cell_len(text)
        if used + cells > room:
            if room - used > 0:
                segments.append(Segment(set_cell_size(text, room - used), style))
            segments.append(Segment("…", style))
            used = width
            break
        segments.append(Segment(text, style))
        used += cells
    if used < width:
        segments.append(Segment(" " * (width - used), base))
    return segments


class CardLines:
    """Each card's lines as the board draws them, edges included, kept per
    card, kind of edge ("card", "current", "focus") and size."""

    def __init__(self, style: Callable[[str], Style]) -> None:
        self._style = style  # the board's style of a part ("plain", "edge", "ink-company"...)
        self._kept: dict[tuple, tuple[Card, list[list[Segment]]]] = {}

    def clear(self) -> None:
        """Forget every card's lines (a new theme or stylesheet)."""
        self._kept.clear()

    def of(
        self, card: Card, kind: str, box: int, content_lines: int, field_lines: int, glyphs: Glyphs
    ) -> list[list[Segment]]:
        """A card's lines, `box` cells wide (cached)."""
        key = (id(card), kind, box, content_lines, field_lines, id(glyphs))
        cached = self._kept.get(key)
        if cached is not None and cached[0] is card:
            return cached[1]
        if len(self._kept) >= CACHED_CARDS:
            self._kept.clear()
        lines = self._draw(card, kind, box, content_lines, field_lines, glyphs)
        self._kept[key] = (card, lines)
        return lines

    def _draw(
        self, card: Card, kind: str, box: int, content_lines: int, field_lines: int, glyphs: Glyphs
    ) -> list[list[Segment]]:
        plain = self._style("plain")
        style_name, edge_name = {
            "card": ("card", "edge"),
            "current": ("cursor-blurred", "edge-cursor"),
            "focus": ("cursor", "edge-focus"),
        }[kind]
        base = plain + self._style(style_name)
        edge = base + self._style(edge_name)
        top_left, across, top_right, side, bottom_left, bottom_right = glyphs.edges[kind]
        inner = box - 2
        ink = self._style
        company = [(glyphs.do_not_contact, ink("ink-dnc"))] if card.do_not_contact else []
        company.append((printable(card.company), ink("ink-company")))
        texts: list[list[tuple[str, Style]]] = [company, [(printable(card.role) or "-", ink("ink-role"))]]
        urgency = ink(f"ink-{card.urgency or 'quiet'}")
        texts.extend([(part, urgency)] for part in wrap(card.action_text, inner, 2))
        due = card.due_text if cell_len(card.due_text) <= inner else compact_due(card.due_text)
        if due:
            texts.append([(due, urgency)])
        texts.extend([] for _ in range(content_lines - len(texts)))
        texts.extend(self._fields(card, field_lines, glyphs)[:field_lines])
        texts.extend([] for _ in range(content_lines + field_lines - len(texts)))
        left, right = Segment(side, edge), Segment(side, edge)
        lines = [[Segment(top_left + across * inner + top_right, edge)]]
        for pieces in texts[: content_lines + field_lines]:
            lines.append([left, *fitted([(text, base + style) for text, style in pieces], inner, base), right])
        lines.append([Segment(bottom_left + across * inner + bottom_right, edge)])
        return lines

    def _fields(self, card: Card, field_lines: int, glyphs: Glyphs) -> list[list[tuple[str, Style]]]:
        """The card's own fields: its location, then its priority and tags
        (on one line when only one fits)."""
        quiet = self._style("ink-fields")
        marks: list[tuple[str, Style]] = []
        priority_marks = glyphs.priority
        if card.priority in priority_marks:
            high = self._style("ink-priority-high") if card.priority == "high" else quiet
            marks.append((priority_marks[card.priority], high))
        for tag in card.tags:
            if marks:
                marks.append((" ", Style()))
            marks.append((f"#{printable(tag)}", quiet))
        location = [(printable(card.location), quiet)] if card.location else []
        if field_lines < 2:
            parts = [part for part in (location, marks) if part]
            return [parts[0] + [(" · ", Style())] + parts[1] if len(parts) == 2 else (parts[0] if parts else [])]
        return [line for line in (location, marks) if line]
