"""The board preview: what the board showed last time, kept beside the data
file so that a big file's board can be painted at once at the next start,
while the file itself is read and checked in the background.

It is derived data, never a source of truth: it names the data file's change
token (inode, mtime, size) at the moment it was made, and is used only while
the data file still has that token; the board is rebuilt from the data file as
soon as it is loaded. A missing, stale, unreadable or malformed preview is
simply not used. Private like the data file (0600 in the private data folder).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import msgspec

from ..domain.model import Application
from .atomic_file import FILE_MODE

SUFFIX = ".preview"
FORMAT = 1


def preview_path(data_path: Path) -> Path:
    return data_path.with_name(data_path.name + SUFFIX)


class _Kept(msgspec.Struct):
    """The preview file as this app writes it (`save`)."""

    format: int
    token: list[int]
    counts: dict[str, int]
    records: dict[str, Application]


_KEPT = msgspec.json.Decoder(_Kept)


class BoardPreviewFile:
    """Reads and writes the preview of one data file."""

    def __init__(self, data_path: Path) -> None:
        self.path = preview_path(data_path)

    def load(self, token: object) -> dict[str, Any] | None:
        """The preview made when the data file had `token`, or None:
        {"counts": {stage: applications}, "records": [Application, ...]}.

        Decoded by msgspec straight into `Application`s by the model's
        types, as a data file is (~0.5 ms for the 140 records of a full
        preview); anything else (a record those rules refuse, a torn file)
        means the preview is not used."""
        if token is None:
            return None
        try:
            raw = self.path.read_bytes()
        except OSError:
            return None
        try:
            kept = _KEPT.decode(raw)
        except (msgspec.DecodeError, RecursionError):
            return None
        if kept.format != FORMAT or kept.token != list(token):  # type: ignore[call-overload]
            return None
        records = []
        for key, application in kept.records.items():
            if not (key.isascii() and key.isdigit()):
                return None
            application.id = int(key)
            records.append(application)
        return {"counts": kept.counts, "records": records}

    def load_latest(self) -> dict[str, Any] | None:
        """The preview as last written, whichever version of the data file it
        was made for (after another process wrote the file: painted while the
        file is read, then replaced by the file's board), or None."""
        try:
            token = _KEPT.decode(self.path.read_bytes()).token
        except (OSError, msgspec.DecodeError, RecursionError):
            return None
        return self.load(tuple(token))

    def save(self, token: object, preview: dict[str, Any]) -> None:
        """Write the preview for the data file at `token` (best effort: a cache
        that cannot be written is no reason to bother the user)."""
        if token is None:
            return
        import orjson  # (here: only reading the preview comes before the first paint)

        payload = orjson.dumps({"format": FORMAT, "token": list(token), **preview})  # type: ignore[call-overload]
        temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
            with os.fdopen(fd, "wb") as out:
                out.write(payload)
            os.replace(temp, self.path)  # no fsync: a torn preview is refused and rebuilt
        except OSError:
            try:
                temp.unlink()
            except OSError:
                pass

    def remove(self) -> None:
        try:
            self.path.unlink()
        except OSError:
            pass
