"""User text for the terminal: control characters (ESC, BEL, CSI...) shown as
visible stand-ins, so stored text never drives the terminal. Pure; used by
both the CLI and the TUI."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode control pictures: ␛ for ESC
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def printable(value: str) -> str:
    """One line with every control character replaced by a visible stand-in."""
    return _CONTROL.sub(_picture, value)


def printable_multiline(value: str) -> str:
    """Like printable, but keeps newlines (and shows tabs as spaces)."""
    return "\n".join(printable(line.replace("\t", "    ")) for line in value.split("\n"))
