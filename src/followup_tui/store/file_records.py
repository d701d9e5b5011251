"""Records left where they are in the data file, instead of in memory.

Once a file is checked as a whole, the document a session works on does not
need each application's JSON in memory: only where it is in the file (offset
and length) and a CRC-32 of its bytes. A session parses the few records it
touches (read from the file, under the lock), and a save copies every other
record's bytes from the file into the new one, checked against its CRC-32 on
the way: what is written is always either those exact checked bytes or a
freshly encoded record, never bytes that changed behind our back (a change
stops the save before the file is replaced).

At 10,000 applications this keeps ~17 MB of file bytes out of memory for as
long as the app runs, and a save never holds the whole file.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import msgspec

from ..domain.errors import StoreError

CHUNK_BYTES = 1 << 20  # what a save hands to the file at a time
READ_BUFFER = 1 << 20


class FileRecord:
    """One record's JSON as it is in the data file: where, how long, its
    CRC-32, and `joined`: the length of the separator a save writes before
    it (`,"<key>":`) when the file holds exactly that just before it (so it
    can be copied in one piece with the record before it), else 0."""

    __slots__ = ("offset", "length", "crc", "joined")

    def __init__(self, offset: int, length: int, crc: int, joined: int = 0) -> None:
        self.offset = offset
        self.length = length
        self.crc = crc
        self.joined = joined

    def __repr__(self) -> str:
        return f"FileRecord({self.offset}, {self.length}, {self.crc:#010x}, joined={self.joined})"


class FileChanged(StoreError):
    """The file's bytes are not those that were checked (another program wrote
    it without the lock): nothing is read from it or saved over it."""


def index_records(raw: bytes, table: dict[str, msgspec.Raw]) -> dict[str, FileRecord]:
    """Where each record (a view into `raw`, as msgspec decoded it) is in `raw`.

    Each is found by its own bytes, searching from where the one before it
    ended: records come in file order, so its own place is always found, or
    the same bytes a little earlier, which serve exactly as well (only the
    bytes are ever used). Linear in the size of the file: ~15 ms at 16.7 MB."""
    records: dict[str, FileRecord] = {}
    position = 0
    for key, view in table.items():
        at = raw.find(view, position)  # type: ignore[arg-type]  (Raw is a buffer)
        length = len(view)
        separator = b"," + _encode(key) + b":"
        joined = len(separator) if at >= len(separator) and raw.startswith(separator, at - len(separator)) else 0
        records[key] = FileRecord(at, length, zlib.crc32(view), joined)
        position = at + length
    return records


class RecordReader:
    """Reads records from the data file (opened at the first read), or from
    its bytes when they are at hand, each checked against its CRC-32.

    With the `digest` (size, CRC-32, ...) the file was checked with, a save
    can also copy long runs of records in one piece (`copy`): the file is
    then read from start to end once, and `finish` compares what was read
    with that digest, so every byte copied is a byte that was checked."""

    def __init__(self, path: Path, raw: bytes | None = None, digest: tuple[int, ...] | None = None) -> None:
        self.path = path
        self._raw = raw
        self._digest = digest
        self._handle: BinaryIO | None = None
        self._stream: BinaryIO | None = None
        self.copied_to = 0  # how far `copy` has read the file
        self._stream_crc = 0

    @property
    def can_copy(self) -> bool:
        return self._digest is not None and self._raw is None

    def __enter__(self) -> RecordReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for handle in (self._handle, self._stream):
            if handle is not None:
                handle.close()
        self._handle = self._stream = None
        self.copied_to = self._stream_crc = 0

    def read(self, record: FileRecord) -> bytes:
        if self._raw is not None:
            data = self._raw[record.offset : record.offset + record.length]
        else:
            if self._handle is None:
                self._handle = open(self.path, "rb", buffering=READ_BUFFER)  # noqa: SIM115  (closed by close())
            self._handle.seek(record.offset)
            data = self._handle.read(record.length)
        if len(data) != record.length or zlib.crc32(data) != record.crc:
            raise self._changed()
        return data

    def copy(self, offset: int, length: int) -> bytes:
        """The file's bytes [offset, offset + length), read on from where the
        last copy ended (offset >= copied_to), every byte on the way counted
        in the CRC-32 that `finish` checks."""
        if self._stream is None:
            self._stream = open(self.path, "rb", buffering=0)  # noqa: SIM115  (closed by close())
        while self.copied_to < offset:  # skip what is not copied, counting it
            skipped = self._stream.read(min(offset - self.copied_to, READ_BUFFER))
            if not skipped:
                raise self._changed()
            self._stream_crc = zlib.crc32(skipped, self._stream_crc)
            self.copied_to += len(skipped)
        data = self._stream.read(length)
        while len(data) < length:  # a short read (or the end: then the file changed)
            more = self._stream.read(length - len(data))
            if not more:
                raise self._changed()
            data += more
        self._stream_crc = zlib.crc32(data, self._stream_crc)
        self.copied_to += length
        return data

    def finish(self) -> None:
        """After the last copy: the whole file read was the file checked, or
        FileChanged (the save stops before the file is replaced)."""
        if self._stream is None:
            return
        while rest := self._stream.read(READ_BUFFER):
            self._stream_crc = zlib.crc32(rest, self._stream_crc)
            self.copied_to += len(rest)
        assert self._digest is not None
        if (self.copied_to, self._stream_crc) != tuple(self._digest[:2]):
            raise self._changed()

    def _changed(self) -> FileChanged:
        return FileChanged(
            f"{self.path}: the file changed while it was being read (another program wrote it); "
            "nothing was saved, try again"
        )

    def plain(self, record: FileRecord | msgspec.Raw | dict) -> dict:
        """The record as a dict, read by Python's reader (as the file was checked)."""
        if isinstance(record, FileRecord):
            return json.loads(self.read(record))
        if isinstance(record, msgspec.Raw):
            return json.loads(bytes(record))
        return record


def encode_document_chunks(
    data: dict,
    source: RecordReader | None = None,
    placed: dict[str, dict[str, FileRecord]] | None = None,
) -> Iterator[bytes]:
    """The document as UTF-8 JSON, in chunks of about CHUNK_BYTES: the same
    bytes as one `msgspec.json.encode(data)` (a FileRecord is its bytes in the
    file, from `source`; a Raw is copied as it is), never the whole file in
    memory at once. Records still in the file are copied from it, runs of
    them in one piece where the file holds them one after the other as a
    save writes them; each other record is encoded on its own (msgspec; the
    standard module for what msgspec cannot write, which decides exactly as
    before). Text that is not valid Unicode (lone surrogates) raises
    UnicodeEncodeError; bytes of the file that are not those checked raise
    FileChanged, both before the last chunk.

    For each table named in `placed`, where each of its records lands in the
    output is put in `placed[table][key]` (that table, as the new file holds it)."""
    pieces: list[bytes] = [b"{"]
    size = 0  # bytes in `pieces`
    position = 1  # bytes made so far, `pieces` included
    copying = source is not None and source.can_copy
    for number, (name, table) in enumerate(data.items()):
        head = (b"," if number else b"") + _encode(name) + b":"
        if not isinstance(table, dict):
            body = _encode(table)
            pieces += (head, body)
            size += len(head) + len(body)
            position += len(head) + len(body)
            continue
        pieces.append(head + b"{")
        position += len(head) + 1
        where = placed.get(name) if placed is not None else None
        run: FileRecord | None = None  # the first record of a run being copied in one piece
        run_end = 0  # where that run ends in the file, so far

        def copy_run() -> None:
            nonlocal run, size
            if run is not None:
                assert source is not None
                copied = source.copy(run.offset, run_end - run.offset)
                pieces.append(copied)
                size += len(copied)
                run = None

        for index, (key, record) in enumerate(table.items()):
            if (
                run is not None and record.__class__ is FileRecord and index
                and record.joined and record.offset - record.joined == run_end
            ):
                # in the file right after the record before it, with the separator
                # a save writes: copied together with it
                position += record.joined
                run_end = record.offset + record.length
                if where is not None:
                    where[key] = FileRecord(position, record.length, record.crc, record.joined)
                position += record.length
                if run_end - run.offset + size >= CHUNK_BYTES:
                    copy_run()
                    yield b"".join(pieces)
                    pieces, size = [], 0
                continue
            start = (b"," if index else b"") + _encode(key) + b":"
            position += len(start)  # where this record starts in the output
            if isinstance(record, FileRecord) and copying:
                assert source is not None
                if record.offset >= (run_end if run is not None else source.copied_to):
                    copy_run()
                    pieces.append(start)
                    size += len(start)
                    run, run_end = record, record.offset + record.length
                else:  # out of the file's order: read on its own
                    copy_run()
                    body = source.read(record)
                    pieces += (start, body)
                    size += len(start) + len(body)
                if where is not None:
                    where[key] = FileRecord(position, record.length, record.crc, len(start) if index else 0)
                position += record.length
                if run is not None and run_end - run.offset + size >= CHUNK_BYTES:
                    copy_run()
            else:
                copy_run()
                if isinstance(record, FileRecord):
                    if source is None:
                        raise TypeError("a FileRecord needs a reader")
                    body, crc = source.read(record), record.crc
                else:
                    body, crc = _encode(record), None
                pieces += (start, body)
                size += len(start) + len(body)
                if where is not None:
                    where[key] = FileRecord(position, len(body), zlib.crc32(body) if crc is None else crc,
                                            len(start) if index else 0)
                position += len(body)
            if size >= CHUNK_BYTES:
                yield b"".join(pieces)
                pieces, size = [], 0
        copy_run()
        pieces.append(b"}")
        position += 1
    if copying:
        assert source is not None
        source.finish()
    pieces.append(b"}")
    yield b"".join(pieces)


def _encode(value) -> bytes:
    try:
        return msgspec.json.encode(value)
    except UnicodeEncodeError:
        raise
    except (TypeError, ValueError, OverflowError):
        return json.dumps(_plain(value), ensure_ascii=False, allow_nan=False).encode("utf-8")


def _plain(value):
    if isinstance(value, msgspec.Raw):
        return json.loads(bytes(value))
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value
