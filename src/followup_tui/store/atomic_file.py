"""Crash-safe file writes and the checks made before a file is trusted."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..domain.errors import StoreError

FILE_MODE = 0o600
DIR_MODE = 0o700


def temp_prefix(path: Path) -> str:
    return f".{path.name}.tmp-"


def write_atomic(path: Path, text: str | bytes | Iterable[bytes], prefix: str | None = None) -> None:
    """Write `text` (str, bytes already UTF-8, or UTF-8 chunks as they are
    made) so that a crash leaves either the old or the new file; an error
    while the chunks are made leaves the old file and no temp file.

    Temp file in the same directory, fsync, os.replace, fsync the directory.
    """
    # str.encode fails (UnicodeEncodeError) before any file is made
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd, tmp_name = tempfile.mkstemp(prefix=prefix or temp_prefix(path), dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, (bytes, bytearray, memoryview)):
                handle.write(data)
            else:
                handle.writelines(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, FILE_MODE)
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temps(path: Path) -> int:
    """Remove temp files left by a crashed writer. Call with the lock held."""
    removed = 0
    for leftover in path.parent.glob(temp_prefix(path) + "*"):
        try:
            leftover.unlink()
            removed += 1
        except FileNotFoundError:
            pass
    return removed


def read_bytes(path: Path) -> bytes:
    """The data file's bytes, or StoreError naming what is wrong."""
    from .special_files import check_regular  # a FIFO put there later must not hang us

    check_regular(path)
    try:
        return path.read_bytes()
    except PermissionError as exc:
        raise StoreError(f"{path}: cannot read the data file (permission denied)") from exc
    except IsADirectoryError as exc:
        raise StoreError(f"{path}: is a directory, not a data file") from exc
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the data file ({exc.strerror})") from exc
