"""Editable user text without control characters.

Text typed, pasted, restored from a draft or returned by $EDITOR could hold
ESC, BEL... which the terminal would obey if they were drawn. Editors in the
composer replace them with visible stand-ins (␛) as the text comes in.
"""

from __future__ import annotations

import re

from textual.widgets import Input

from ..safe_text import printable

# C0 and C1 controls, except the newline and tab a message body may hold.
_CONTROL_IN_BODY = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_body(text: str) -> str:
    """Newlines and tabs stay; CR LF becomes LF; other controls become visible."""
    text = text.replace("\r\n", "\n")
    return _CONTROL_IN_BODY.sub(lambda m: printable(m.group()), text)


def clean_line(text: str) -> str:
    """One line: every control, newline included, becomes visible."""
    return printable(text)


class PlainInput(Input):
    """An Input whose value never holds control characters."""

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(clean_line(text), start, end)

    def set_text(self, value: str) -> None:
        self.value = clean_line(value)
