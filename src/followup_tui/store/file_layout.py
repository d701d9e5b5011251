"""Where each application lies in the data file, so that a save copies the
records it does not touch from the file as it writes the new one, instead
of holding the whole file's bytes (17 MB at 10,000 applications) while
TinyDB works and the new file is written.

A `Layout` describes one content of the file (its digest): the tables other
than applications as their JSON, and for each application its key, the
place and length of its bytes and their CRC-32. It is taken from the
bytes when the whole file is read (`layout_of`) and from the encoding when
a save writes it (`LayoutBuilder`). A session on a file that still holds
that content (read through once, its digest compared, under the lock) gets
each record as its number in the layout (an int: never a document).
`FileRecords` reads a record's bytes when TinyDB asks for it (checked
against its CRC-32), and copies the untouched ones into the save in file
order, reading the old file through from start to end as it goes: its
digest is compared before the new file replaces it, so a byte changed since
the check, copied or not, stops the save (FileChanged).

Why byte ranges at all (issue 19 asks for the simplest store unless a
target needs more): the TUI's peak memory at 10,000 applications, at most
110 MB. A session that reads the file whole holds its 17 MB for each save;
measured in the benchmark's flow (start, six stage moves, agenda,
composer, forms), the peak during the moves was 112.8 MB that way and
103.6 MB with this (8 December, store and model as of this commit).
"""

from __future__ import annotations

import os
import zlib
from array import array
from dataclasses import dataclass
from typing import Any

import msgspec

from ..domain.errors import StoreError

APPLICATIONS = "applications"
META = "_meta"
BLOCK_BYTES = 1 << 20  # what a save reads of the old file at a time

Digest = tuple[int, int]  # (length, CRC-32) of a whole content

_TABLES = msgspec.json.Decoder(dict[str, dict[str, msgspec.Raw]])


class FileChanged(StoreError):
    """Another program wrote the file (without the lock) while it was being
    changed here: nothing is saved over its change."""


@dataclass(frozen=True)
class Layout:
    """Where the records of one content of the file lie (see the module)."""

    digest: Digest
    order: tuple[str, ...]  # the tables, in the file's order
    others: bytes  # the tables but applications, as one JSON object
    keys: list[str]  # the applications' keys, in the file's order
    starts: array  # of each application's bytes, in the file
    lengths: array
    crcs: array

    def tables(self, source: FileRecords) -> dict[str, Any]:
        """The document for TinyDB, as `data_file.tables_of` gives it:
        `_meta` parsed, any other table's records as JSON, each application
        its number here, read from `source` (the file) when it is used."""
        from .data_file import Records

        others = _TABLES.decode(self.others)
        document: dict[str, Any] = {}
        for name in self.order:
            if name == APPLICATIONS:
                document[name] = Records(dict(zip(self.keys, range(len(self.keys)))), source)
            elif name == META:
                document[name] = {key: msgspec.json.decode(value) for key, value in others[name].items()}
            else:
                document[name] = others[name]
        return document


def layout_of(raw: bytes, digest: Digest) -> Layout | None:
    """The layout of checked bytes (None for a file this does not describe:
    a table that is not an object, text only Python's reader takes)."""
    try:
        tables = _TABLES.decode(raw)
    except (msgspec.DecodeError, RecursionError):
        return None
    builder = LayoutBuilder()
    pos = 0
    for name, table in tables.items():
        if name != APPLICATIONS:
            builder.other(name, msgspec.json.encode(table))
            continue
        builder.order.append(name)
        for index, (key, record) in enumerate(table.items()):
            start = pos + len(key) + 3 + (1 if index else 0)  # after `,"key":` as a save writes it
            if not (index and raw.startswith(record, start)):
                start = raw.find(memoryview(record)[:64], pos)  # a hand edit's spacing, the first record
                if start < 0 or not raw.startswith(record, start):
                    return None
            builder.add(key, start, len(record), zlib.crc32(record))
            pos = start + len(record)
    return builder.layout(digest)


class LayoutBuilder:
    """A layout taken down as a document is read or written."""

    def __init__(self) -> None:
        self.describable = True  # False once a table is not an object: no layout then
        self.order: list[str] = []
        self._others: list[bytes] = []
        self.keys: list[str] = []
        self.starts, self.lengths, self.crcs = array("q"), array("q"), array("L")

    def other(self, name: str, table: bytes) -> None:
        self.order.append(name)
        self._others.append(msgspec.json.encode(name) + b":" + table)

    def add(self, key: str, start: int, length: int, crc: int) -> None:
        self.keys.append(key)
        self.starts.append(start)
        self.lengths.append(length)
        self.crcs.append(crc)

    def layout(self, digest: Digest) -> Layout | None:
        if not self.describable:
            return None
        others = b"{" + b",".join(self._others) + b"}"
        return Layout(digest, tuple(self.order), others, self.keys, self.starts, self.lengths, self.crcs)


class FileRecords:
    """The records of the data file, read through one open handle, every
    byte checked: a record read on its own against its CRC-32; the records
    copied into a save in file order against the whole file's digest, the
    file read through once from start to end (`finish`)."""

    def __init__(self, path, layout: Layout) -> None:
        self.path = path
        self.layout = layout
        self.digest = layout.digest
        self._fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        self._at = 0  # where the window starts in the file
        self._window = b""  # the file's bytes from _at, read in order
        self._crc = 0  # of every byte read in order so far

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def __enter__(self) -> FileRecords:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def holds_digest(self) -> bool:
        """Whether the file, read through now, is the content of `digest`
        (then reading starts again from the start)."""
        size = crc = 0
        while block := self._pread(BLOCK_BYTES, size):
            size += len(block)
            crc = zlib.crc32(block, crc)
        return (size, crc) == self.digest

    def record(self, number: int) -> bytes:
        """The bytes of the layout's record `number`, read on their own."""
        length = self.layout.lengths[number]
        data = self._pread(length, self.layout.starts[number])
        if len(data) != length or zlib.crc32(data) != self.layout.crcs[number]:
            raise self._changed()
        return data

    def behind(self, start: int) -> bool:
        """Whether bytes from `start` were passed by `copy` already."""
        return start < self._at

    def copy(self, start: int, end: int) -> memoryview:
        """The file's bytes from `start` to `end`, for a save: read in order
        (never before the last piece copied: see `behind`)."""
        assert start >= self._at, "copied out of the file's order"
        while end > self._at + len(self._window):
            read_to = self._at + len(self._window)
            block = self._pread(max(BLOCK_BYTES, end - read_to), read_to)
            if not block:
                raise self._changed()
            self._crc = zlib.crc32(block, self._crc)
            drop = min(start - self._at, len(self._window))  # what no later piece needs
            self._window = self._window[drop:] + block
            self._at += drop
        return memoryview(self._window)[start - self._at : end - self._at]

    def finish(self) -> None:
        """Read the rest of the file in order; FileChanged unless every byte
        read in order makes the digest that was checked."""
        read_to = self._at + len(self._window)
        self._window = b""
        while block := self._pread(BLOCK_BYTES, read_to):
            read_to += len(block)
            self._crc = zlib.crc32(block, self._crc)
        if (read_to, self._crc) != self.digest:
            raise self._changed()

    def _pread(self, length: int, at: int) -> bytes:
        try:
            return os.pread(self._fd, length, at)
        except OSError as exc:  # e.g. an I/O error: said like a failed whole read
            raise StoreError(f"{self.path}: cannot read the data file ({exc.strerror or exc})") from exc

    def _changed(self) -> FileChanged:
        return FileChanged(
            f"{self.path}: the file changed while it was being read (another program wrote it); "
            "nothing was saved, try again"
        )
