"""Round trip through the user's editor: write the text to a private temp
file, run $VISUAL / $EDITOR on it, read it back.

The caller suspends the terminal UI around `edit_text`. Whatever goes wrong,
the caller keeps its text: errors are EditorError with a message to show.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..domain.errors import FollowupError

FALLBACK_EDITORS = ("nano", "vi")


class EditorError(FollowupError):
    """The editor could not run or failed; the text was not changed."""


def editor_command(environ: Mapping[str, str] | None = None) -> list[str]:
    """$VISUAL, else $EDITOR (as a shell would split them: "code -w"),
    else nano or vi when installed."""
    environ = os.environ if environ is None else environ
    for name in ("VISUAL", "EDITOR"):
        value = environ.get(name, "").strip()
        if value:
            try:
                return shlex.split(value)
            except ValueError as exc:
                raise EditorError(f"${name} cannot be read as a command ({exc}): {value}") from exc
    for fallback in FALLBACK_EDITORS:
        if shutil.which(fallback):
            return [fallback]
    raise EditorError("no editor: set $EDITOR (for example: export EDITOR=nano)")


def edit_text(text: str, command: list[str] | None = None, suffix: str = ".txt") -> str:
    """Run the editor on `text` and return the edited text. An editor that
    leaves the file empty counts as a cancel (EditorError), like git does."""
    command = command or editor_command()
    with tempfile.TemporaryDirectory(prefix="followup-") as folder:  # 0700
        path = Path(folder) / f"message{suffix}"
        path.write_text(text, encoding="utf-8")
        os.chmod(path, 0o600)
        try:
            done = subprocess.run([*command, str(path)], check=False)
        except FileNotFoundError as exc:
            raise EditorError(f"editor not found: {command[0]} (check $EDITOR)") from exc
        except OSError as exc:
            raise EditorError(f"could not run the editor {command[0]}: {exc.strerror or exc}") from exc
        if done.returncode != 0:
            raise EditorError(f"the editor {command[0]} exited with status {done.returncode}; the text was kept")
        edited = path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")
    if not edited.strip():
        raise EditorError("the editor left the file empty; the text was kept")
    if edited.endswith("\n") and not text.endswith("\n"):
        edited = edited[:-1]  # editors add a final newline
    return edited
