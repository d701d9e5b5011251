"""The message body editor: a TextArea that underlines what the checks found,
and holds no control characters (see plain_text).

Spans are character offsets into the text (as `CheckResult.spans` give them).
They are drawn through the TextArea's highlight map, so nothing touches the
selection. While the user types, spans after the edit shift with it; a span
the edit cuts through is dropped until the next check run.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.strip import Strip
from textual.binding import Binding
from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult, Highlight, TextAreaTheme

from ..textual_private.textual_compat import HighlightableTextArea
from .plain_text import clean_body

Span = tuple[int, int]
StatusSpan = tuple[int, int, str]  # start, end, "warn" | "fail"

THEME_NAME = "followup-checks"
HIGHLIGHT_NAMES = {"warn": "check.warn", "fail": "check.fail"}


def shift_spans(spans: list[StatusSpan], start: int, end: int, inserted: int) -> list[StatusSpan]:
    """Where `spans` are after text[start:end] was replaced by `inserted` characters."""
    delta = inserted - (end - start)
    moved = []
    for s, e, status in spans:
        if e <= start:
            moved.append((s, e, status))
        elif s >= end:
            moved.append((s + delta, e + delta, status))
        # else: the edit cut through it; the next check run redraws it
    return moved


class CheckedTextArea(HighlightableTextArea):
    # ctrl+a selects all, as in every editor people know; Home stays the line
    # start (Textual's TextArea has ctrl+a go to the line start, F7 select all).
    BINDINGS = [Binding("ctrl+a", "select_all", "Select all", show=False)]

    COMPONENT_CLASSES = TextArea.COMPONENT_CLASSES | {"checked-text-area--warn", "checked-text-area--fail"}

    DEFAULT_CSS = """
    CheckedTextArea > .checked-text-area--warn { color: $text-warning; text-style: underline; }
    CheckedTextArea > .checked-text-area--fail { color: $text-error; text-style: bold underline; }
    """

    def __init__(self, text: str = "", **kwargs) -> None:
        self._spans: list[StatusSpan] = []  # before super(): it builds the highlight map
        self._spans_length = 0  # the text length the spans belong to
        super().__init__(text, **kwargs)
        self.register_theme(TextAreaTheme(name=THEME_NAME))
        self.theme = THEME_NAME

    @property
    def spans(self) -> list[StatusSpan]:
        return list(self._spans)

    def set_spans(self, spans: list[StatusSpan], text_length: int) -> None:
        """Underline `spans` of a text `text_length` characters long."""
        self._spans = sorted(spans)
        self._spans_length = text_length
        self.rebuild_highlights()
        self.refresh()

    def load_text(self, text: str) -> None:
        super().load_text(clean_body(text))

    def edit(self, edit: Edit) -> EditResult:
        edit.text = clean_body(edit.text)  # typing, paste, replace: never a control character
        if self._spans:
            document = self.document
            start = document.get_index_from_location(edit.top)
            end = document.get_index_from_location(edit.bottom)
            self._spans = shift_spans(self._spans, start, end, len(edit.text))
            self._spans_length += len(edit.text) - (end - start)
        return super().edit(edit)

    def add_highlights(self, highlights: dict[int, list[Highlight]]) -> None:
        if not self._spans:
            return
        document = self.document
        if len(document.text) != self._spans_length:
            return  # undo/redo or a reload: stale until the next check run
        for start, end, status in self._spans:
            name = HIGHLIGHT_NAMES.get(status)
            if name is None or end <= start:
                continue
            first_row, first_col = document.get_location_from_index(start)
            last_row, last_col = document.get_location_from_index(end)
            for row in range(first_row, last_row + 1):
                line = document.get_line(row)
                col_from = first_col if row == first_row else 0
                col_to = last_col if row == last_row else len(line)
                if col_to > col_from:
                    # the highlight map counts UTF-8 bytes, as tree-sitter does
                    highlights[row].append((_byte(line, col_from), _byte(line, col_to), name))

    def render_lines(self, crop: Region) -> list[Strip]:
        # Styles come from CSS (theme variables), read at render time so a
        # theme change restyles the underlines too.
        theme = self.active_theme
        if theme is not None and theme.name == THEME_NAME:
            theme.syntax_styles = {
                "check.warn": self.get_component_rich_style("checked-text-area--warn", partial=True),
                "check.fail": self.get_component_rich_style("checked-text-area--fail", partial=True),
            }
        return super().render_lines(crop)


def _byte(line: str, column: int) -> int:
    return len(line[:column].encode("utf-8"))
