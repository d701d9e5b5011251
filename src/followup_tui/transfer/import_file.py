"""An import file read as a stream: memory bounded whatever its size.

The encoding and the delimiter are found from the file's start; a CSV is
then read line by line and its reading stops at the first row beyond
`max_rows` (the app's scale, domain/scale.py), so a huge file is refused
after reading only what the app could keep. A JSON file is one document and
is read whole, so it is refused by size first (MAX_JSON_BYTES, twice what
the most applications the app keeps take in our export).
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from datetime import tzinfo
from typing import BinaryIO

from ..domain.errors import ValidationError
from .import_text import decode
from .importers import ParsedImport, csv_rows, read_import

SAMPLE_BYTES = 1 << 20  # the start of the file its encoding is found from
SAMPLE_MIN_BYTES = 1 << 16
MAX_JSON_BYTES = 80 * 1024 * 1024
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def read_import_stream(stream: BinaryIO, tz: tzinfo, source: str | None, max_rows: int) -> ParsedImport:
    """The applications of an import file, read from `stream` (a file opened
    in binary, or stdin's buffer); ValidationError names the first problem."""
    head = _start_of(stream)
    encoding, sample = _encoding_of(head)
    if sample.lstrip().startswith(("{", "[")) and source in (None, "json"):
        rest = stream.read(MAX_JSON_BYTES + 1 - len(head))
        if len(head) + len(rest) > MAX_JSON_BYTES:
            raise ValidationError("file", f"a JSON file over {MAX_JSON_BYTES // (1024 * 1024)} MB is beyond what "
                                          "followup keeps (see the README, Scale)")
        parsed = read_import(head + rest, tz, source)
        if len(parsed.rows) > max_rows:
            raise ValidationError("file", f"more than {max_rows:,} rows")
        return parsed
    if not sample.strip():
        raise ValidationError("csv", "the file is empty; a header row is needed")
    text = io.TextIOWrapper(_Rejoined(head, stream), encoding=encoding, newline="")
    parsed = csv_rows(_checked_lines(text, encoding), sample.lstrip("\ufeff"), tz, source, max_rows)
    parsed.encoding = encoding
    return parsed


def _start_of(stream: BinaryIO) -> bytes:
    """Up to SAMPLE_BYTES from the start, but no more than a pipe has sent
    once SAMPLE_MIN_BYTES are in: a stream that never ends is still read."""
    read_some = getattr(stream, "read1", stream.read)
    head = b""
    while len(head) < SAMPLE_MIN_BYTES:
        chunk = read_some(SAMPLE_BYTES - len(head))
        if not chunk:
            break
        head += chunk
    return head


def _encoding_of(head: bytes) -> tuple[str, str]:
    """The file's encoding, from its start, and that start as text."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name, codecs.getincrementaldecoder(name)(errors="replace").decode(head)
    try:  # a multi-byte character may be cut at the end of the sample
        return "utf-8", codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        text, encoding = decode(head)  # the same detection as for a whole file
        return encoding, text


def _checked_lines(text: io.TextIOWrapper, encoding: str) -> Iterator[str]:
    number = 0
    try:
        for number, line in enumerate(text, start=1):
            if "\x00" in line:
                raise ValidationError("file", "cannot read: binary data (NUL bytes), not a CSV or JSON file")
            yield line
    except UnicodeDecodeError:
        raise ValidationError("file", f"cannot read line {number + 1} as {encoding} (the start of the file is)") from None


class _Rejoined(io.RawIOBase):
    """The bytes already read from the start, then the rest of the stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        chunk = getattr(self._rest, "read1", self._rest.read)(len(buffer))  # what has come: a pipe may pause
        buffer[:len(chunk)] = chunk
        return len(chunk)
