"""$EDITOR round trips with real scripts as editors."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from followup_tui.messaging.editor import EditorError, edit_text, editor_command


def script(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_editor_edits_the_text(tmp_path: Path):
    editor = script(tmp_path, "ed.sh", 'sed -i "s/Hello/Dear Maya/" "$1"\n')
    assert edit_text("Hello,\nthanks", [str(editor)]) == "Dear Maya,\nthanks"


def test_final_newline_added_by_editor_is_dropped(tmp_path: Path):
    editor = script(tmp_path, "ed.sh", 'printf "one\\ntwo\\n" > "$1"\n')
    assert edit_text("x", [str(editor)]) == "one\ntwo"
    assert edit_text("x\n", [str(editor)]) == "one\ntwo\n"


def test_temp_file_is_private(tmp_path: Path):
    seen = tmp_path / "mode"
    editor = script(tmp_path, "ed.sh", f'stat -c %a "$1" > {seen}; stat -c %a "$(dirname "$1")" >> {seen}\n')
    edit_text("secret", [str(editor)])
    assert seen.read_text().split() == ["600", "700"]


@pytest.mark.parametrize(
    ("body", "message"),
    [("exit 3\n", "exited with status 3"), (': > "$1"\n', "left the file empty")],
)
def test_failing_or_emptying_editor_raises(tmp_path: Path, body: str, message: str):
    editor = script(tmp_path, "ed.sh", body)
    with pytest.raises(EditorError, match=message):
        edit_text("keep me", [str(editor)])


def test_missing_editor(tmp_path: Path):
    with pytest.raises(EditorError, match="editor not found"):
        edit_text("keep me", [str(tmp_path / "no-such-editor")])


def test_command_from_environment():
    assert editor_command({"VISUAL": "code -w", "EDITOR": "vi"}) == ["code", "-w"]
    assert editor_command({"EDITOR": "'/opt/my editor/ed' --wait"}) == ["/opt/my editor/ed", "--wait"]
    with pytest.raises(EditorError, match="cannot be read"):
        editor_command({"EDITOR": "'unclosed"})
