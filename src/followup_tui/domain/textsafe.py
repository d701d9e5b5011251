"""User text for the terminal: control characters (ESC, BEL, CSI...) and
invisible formatting characters (bidi overrides, zero-width characters) shown
as visible stand-ins, so stored text never drives the terminal or hides what
it says. Pure; the one way user text is made safe, used by the CLI, the
exports and the TUI (ui/text/safe_text.py)."""

from __future__ import annotations

import functools
import re

# C0, DEL, C1; then the Unicode format characters (category Cf) that change
# how text around them is shown: bidi embeddings, overrides and isolates,
# zero-width space/joiners, word joiner, invisible operators, BOM, the
# interlinear annotation and tag characters; and the line/paragraph separators.
_INVISIBLE = (
    "\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f" + _INVISIBLE + "]")

STAND_IN = "\ufffd"  # for C1 and invisible formatting characters


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode control pictures: ␛ for ESC
    if code == 0x7F:
        return "\u2421"  # ␡
    return STAND_IN


def printable(value: str) -> str:
    """One line with every control or invisible formatting character replaced
    by a visible stand-in."""
    return _CONTROL.sub(_picture, value)


def printable_multiline(value: str) -> str:
    """Like printable, but keeps newlines (and shows tabs as spaces)."""
    return "\n".join(printable(line.replace("\t", "    ")) for line in value.replace("\r\n", "\n").split("\n"))


def printable_body(value: str) -> str:
    """A message body or note as it is edited: newlines and tabs stay, CR LF
    becomes LF, every other control or invisible character a stand-in."""
    return "\n".join(printable(line).replace("\u2409", "\t") if "\t" in line else printable(line)
                     for line in value.replace("\r\n", "\n").split("\n"))


def has_unsafe(value: str) -> bool:
    return _CONTROL.search(value) is not None


@functools.cache
def _unsafe_in_json() -> re.Pattern[str]:
    """C1, DEL and the invisible ones (C0 is escaped by json itself): compiled
    when JSON is first written (~1 ms), never before the TUI's first paint."""
    return re.compile("[\x7f-\x9f" + _INVISIBLE + "]")


def _escape(match: re.Match[str]) -> str:
    import json  # (here: json is not loaded before the TUI's first paint)

    return json.dumps(match.group())[1:-1]  # \u009b, or a surrogate pair for a tag character


def json_safe(text: str) -> str:
    """JSON text (as json.dumps(ensure_ascii=False) writes it) with every
    control and invisible formatting character escaped (`\\u009b`): the data
    stays exact, the terminal or file viewer never acts on it."""
    if text.isascii():  # (most output, checked at C speed: only DEL can need escaping)
        return text.replace("\x7f", "\\u007f") if "\x7f" in text else text
    return _unsafe_in_json().sub(_escape, text)


def json_safe_bytes(data: bytes) -> bytes:
    """json_safe for UTF-8 JSON bytes; ASCII-only bytes (most records) are
    checked without decoding them (only DEL can need escaping there)."""
    if data.isascii():
        return data.replace(b"\x7f", b"\\u007f") if b"\x7f" in data else data
    return json_safe(data.decode("utf-8")).encode("utf-8")
