"""The one line under the board: the last change and how to undo it, the
columns off screen, the filter's matches."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class StatusLine(Widget):
    """One line under the board: the last change and how to undo it, the
    columns off screen. Changing it repaints one line, never the layout
    (a toast would mount a widget and lay the screen out again)."""

    DEFAULT_CSS = "StatusLine { height: 1; width: 1fr; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()

    def show(self, text: Text) -> None:
        if text != self._text:
            self._text = text
            self.refresh()

    def render(self) -> Text:
        return self._text
