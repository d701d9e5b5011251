"""A check box that reads unambiguously checked or unchecked."""

from __future__ import annotations

from textual.widgets import Checkbox


class ClearCheckbox(Checkbox):
    """An X when checked, a blank when not: Textual draws an X for both, only
    in another colour, so an unchecked box read as checked (and in 16 colours
    or with NO_COLOR the two looked alike)."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  (Textual's class attribute: the box's inside)
        return "X" if self.value else " "
