"""The one function user text goes through on its way to a terminal or an export."""

from __future__ import annotations

import json

import pytest

from adversarial.hostile import FORBIDDEN_BYTES, HOSTILE_STRINGS
from followup_tui.domain.textsafe import (
    json_safe,
    printable,
    printable_body,
    printable_multiline,
)


@pytest.mark.parametrize("name", HOSTILE_STRINGS)
@pytest.mark.parametrize("function", [printable, printable_multiline, printable_body])
def test_no_hostile_character_survives(name, function):
    shown = function(HOSTILE_STRINGS[name]).encode()
    assert not any(raw in shown for raw in FORBIDDEN_BYTES)
    assert not any(b < 0x20 and b not in b"\n\t" for b in shown)


def test_stand_ins_are_visible_and_one_per_character():
    assert printable("a\x1b]0;x\x07b") == "a\u241b]0;x\u2407b"
    assert printable("\x7f\x9b\u202e\u200b\ufeff") == "\u2421\ufffd\ufffd\ufffd\ufffd"
    assert printable("tag\U000e0041") == "tag\ufffd"
    assert printable_body("line 1\r\n\tline 2\x1b") == "line 1\n\tline 2\u241b"
    assert printable("plain [bold]x café 日本 👍") == "plain [bold]x café 日本 👍"


def test_json_escapes_controls_and_stays_exact():
    value = {"company": "".join(HOSTILE_STRINGS.values()) + "\U000e0041 café"}
    text = json_safe(json.dumps(value, ensure_ascii=False))
    assert json.loads(text) == value
    assert "\\u009b" in text and "\\u202e" in text and "café" in text
    assert not any(raw in text.encode() for raw in FORBIDDEN_BYTES)


@pytest.mark.parametrize("value", ["plain", "a\x7fb", "\x7f\x7f", "tab\tand\nnewline", "", "café\x7f\x9b"])
def test_json_of_ascii_text_is_escaped_as_any_other(value):
    # json_safe skips its regex on ASCII text (only DEL can need escaping there): the same result
    text = json.dumps({"v": value}, ensure_ascii=False)
    assert json_safe(text) == text.replace("\x7f", "\\u007f").replace("\x9b", "\\u009b")
    assert json.loads(json_safe(text)) == {"v": value}
