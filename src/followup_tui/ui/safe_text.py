"""User text on screen: shown literally, never as markup or control sequences."""

from __future__ import annotations

import re

from rich.text import Text

# C0 and C1 controls (ESC, CSI, BEL...) except none: a card is one line.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode control pictures: ␛ for ESC
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def printable(value: str) -> str:
    """Replace control characters with visible stand-ins (one line)."""
    return _CONTROL.sub(_picture, value)


def printable_multiline(value: str) -> str:
    """Like printable, but keeps newlines (and shows tabs as spaces)."""
    return "\n".join(printable(line.replace("\t", "    ")) for line in value.split("\n"))


def literal(value: str, style: str = "") -> Text:
    """A Rich Text that shows `value` exactly as typed (no markup)."""
    return Text(printable(value), style=style, no_wrap=True, overflow="ellipsis", end="")
