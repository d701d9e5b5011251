"""Editable user text without control characters.

Text typed, pasted, restored from a draft or returned by $EDITOR could hold
ESC, BEL... which the terminal would obey if they were drawn. Editors in the
composer replace them with visible stand-ins (␛) as the text comes in.
"""

from __future__ import annotations

from textual import events
from textual.dom import NoScreen
from textual.widgets import Input, TextArea
from textual.widgets.input import Selection

from ..text.safe_text import printable, printable_body


def clean_body(text: str) -> str:
    """Newlines and tabs stay; CR LF becomes LF; other controls (and bidi,
    zero-width characters) become visible."""
    return printable_body(text)


def clean_line(text: str) -> str:
    """One line: every control, newline included, becomes visible."""
    return printable(text)


class PlainInput(Input):
    """An Input whose value never holds control characters: every way a value
    arrives (the constructor, `value =`, typing, paste) goes through
    `validate_value`, Textual's reactive validation hook."""

    # Textual's Input asks the whole screen for a new layout at every key:
    # its virtual width (the text's) is a layout reactive. An input of fixed
    # size has no scroll bar to lay out and scrolls by that width itself, so
    # a repaint is enough: in the form at 120x35 a key cost 30 ms of layout.
    _value_changing = False

    # Textual selects an input's whole text when its Focus event is handled,
    # which comes after the focus has moved: keys typed right behind a tab
    # (one write over SSH) can reach the field first, and the next key then
    # replaced them ("Lyon" became "yon"). Only the text the field had before
    # the focus came is selected: `_settled`, its value while it was not the
    # screen's focused widget.
    _settled = ""

    def __init__(self, *args, select_on_focus: bool = True, **kwargs) -> None:
        self._select_all_on_focus = select_on_focus
        super().__init__(*args, select_on_focus=False, **kwargs)

    def validate_value(self, value: str) -> str:
        self._value_changing = value != self.value and not self.styles.auto_dimensions
        cleaned = clean_line(value)
        if not self.is_mounted or self.screen.focused is not self:
            self._settled = cleaned
        return cleaned

    def on_focus(self, event: events.Focus) -> None:
        if self._select_all_on_focus and not event.from_app_focus and self.value == self._settled:
            self.selection = Selection(0, len(self.value))

    def on_blur(self) -> None:
        self._settled = self.value

    def watch_value(self) -> None:
        self._value_changing = False

    def on_unmount(self) -> None:
        # Textual's Input subscribes to its screen's text-selection signal on
        # mount and never unsubscribes; the signal forgets removed inputs
        # only when it next fires (a text selection with the mouse). An input
        # removed from a screen that stays (the kept form's rows) was held,
        # with its timer and rendered lines, until then.
        try:
            screen = self.screen
        except NoScreen:  # removed with its screen: the signal goes too
            return
        screen.text_selection_started_signal.unsubscribe(self)

    def refresh(self, *regions, repaint: bool = True, layout: bool = False, recompose: bool = False):
        if layout and self._value_changing:
            layout = False  # the new text's width: see above
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def validate(self, value: str):
        # Without validators Textual still marks the input `-valid`, which
        # restyles it at construction (the stylesheet applied to an input not
        # even mounted yet): some 2 ms for each of the form's 20 inputs.
        if not self.validators:
            return None
        return super().validate(value)

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(clean_line(text), start, end)

    def set_text(self, value: str) -> None:
        self.value = clean_line(value)


class PlainTextArea(TextArea):
    """Several lines of user text (notes): newlines and tabs stay, every other
    control character becomes visible, whichever way the text arrives."""

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(clean_body(text), **kwargs)

    def load_text(self, text: str) -> None:
        super().load_text(clean_body(text))

    def edit(self, edit):  # Textual's Edit / EditResult
        edit.text = clean_body(edit.text)  # typing, paste, replace
        return super().edit(edit)
