"""The data file's format: one TinyDB JSON document,

    {"_meta": {"1": {"schema": 2, "next_id": 4}}, "applications": {"1": {...}, ...}}

trusted as a whole or not at all. `check_file` reads and checks it (every
record by domain/record_check.py, the one set of rules), `tables_of` gives a
checked file's tables to TinyDB, `encode` writes them back. Anything wrong
becomes one StoreError naming the file, the record and the problem; nothing
is written, coerced or repaired. Never a traceback, never the user's data as
locals.
"""

from __future__ import annotations

import gc
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from ..domain.errors import StoreError, ValidationError
from ..domain.model import MAX_COUNTER, Application
from ..domain.record_check import check_dates_and_times, check_record
from ..domain.strict_json import loads_strict
from . import migrations
from .file_layout import FileRecords, LayoutBuilder

APPLICATIONS = "applications"
META = "_meta"
META_ID = "1"
UNTOUCHED = "the file was left untouched"

# Each record of each table left as its JSON (a view into the bytes: no copy).
_RECORDS_OF_TABLES = msgspec.json.Decoder(dict[str, dict[str, msgspec.Raw]])


@dataclass
class CheckedFile:
    """A data file that passed `check_file`."""

    applications: list[Application]  # ordered by id, the caller's to keep
    migrated_from: int | None = None  # an older schema: `document` is brought up to date
    document: dict[str, Any] = field(default_factory=dict)  # only when migrated


def check_file(path: Path, raw: bytes) -> CheckedFile:
    """Every application of the file's bytes, checked; or StoreError.

    Files as this app writes them take one pass at C speed (msgspec, about
    as fast as `json.loads` alone); anything unusual (an older schema, a
    bad file) is read by the strict reader, which words the refusals."""
    checked = _check_quickly(path, raw)
    return checked if checked is not None else _check_slowly(path, raw)


class _File(msgspec.Struct):
    """The data file as the model's types say (other tables are skipped)."""

    meta: dict[str, dict[str, Any]] | None = msgspec.field(default=None, name=META)
    applications: dict[str, Application] = msgspec.field(default_factory=dict)


_FILE = msgspec.json.Decoder(_File)


def _check_quickly(path: Path, raw: bytes) -> CheckedFile | None:
    """The file checked in one pass, or None when the slow path must decide
    or word it."""
    collecting = gc.isenabled()
    gc.disable()  # 100,000s of new objects, no cycles: collections would only slow it (2x measured)
    try:
        stored = _FILE.decode(raw)
    except (msgspec.DecodeError, RecursionError):  # (a ValidationError is a DecodeError)
        return None
    finally:
        if collecting:
            gc.enable()
    record = (stored.meta or {}).get(META_ID)
    if record is None or type(record.get("schema")) is not int or type(record.get("next_id", 1)) is not int:
        return None
    try:
        if schema_of(path, {META: stored.meta}) != migrations.SCHEMA_VERSION:
            return None
        for application in stored.applications.values():
            check_dates_and_times(application)
    except (StoreError, ValidationError):  # worded by the slow path
        return None
    if not all(_is_id(key) for key in stored.applications):
        return None
    return CheckedFile(_by_id(stored.applications))


def _check_slowly(path: Path, raw: bytes) -> CheckedFile:
    data = parse_document(path, raw)
    schema = schema_of(path, data)
    migrated_from = None
    if schema < migrations.SCHEMA_VERSION:
        try:
            data = migrations.migrate(data)
        except Exception as exc:  # a migration step meeting a shape it cannot handle
            raise StoreError(
                f"{path}: cannot bring schema {schema} up to date ({type(exc).__name__}); {UNTOUCHED}"
            ) from None
        migrated_from = schema
    table = data.get(APPLICATIONS, {})
    if not isinstance(table, dict):
        raise StoreError(f"{path}: the applications table is malformed (not an object); {UNTOUCHED}")
    records = {}
    for key, record in table.items():
        if not _is_id(key):
            shown = key if len(key) <= 20 and key.isprintable() else "(unreadable)"
            raise StoreError(f"{path}: application key {shown!r} is not an id; {UNTOUCHED}")
        try:
            records[key] = check_record(record)
        except ValidationError as exc:
            raise StoreError(f"{path}: application {key} is malformed ({exc}); {UNTOUCHED}") from None
    return CheckedFile(_by_id(records), migrated_from, data if migrated_from is not None else {})


def _is_id(key: str) -> bool:
    return key.isascii() and key.isdigit() and len(key) <= 15 and int(key) >= 1


def _by_id(records: dict[str, Application]) -> list[Application]:
    for key, application in records.items():
        application.id = int(key)
    return sorted(records.values(), key=lambda application: application.id)  # type: ignore[arg-type, return-value]


def parse_document(path: Path, raw: bytes) -> dict:
    """The file's bytes as Python objects by the strict reader (no NaN, no
    huge numbers, no deep nesting), or StoreError naming what is wrong."""
    if not raw.strip():
        raise StoreError(
            f"{path}: the file is empty, so it is not a followup-tui database; "
            "it was left untouched (move it away or pass another --db)"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StoreError(f"{path}: not a text file (invalid UTF-8 at byte {exc.start}); left untouched") from None
    try:
        data = loads_strict(text)
    except json.JSONDecodeError as exc:
        raise StoreError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); {UNTOUCHED}"
        ) from None
    except ValueError as exc:
        reason = str(exc)
        if "integer string conversion" in reason or "digits" in reason:
            reason = "a number has too many digits"
        raise StoreError(f"{path}: {reason}; {UNTOUCHED}") from None
    if not isinstance(data, dict):
        raise StoreError(f"{path}: not a followup-tui database (top level is not an object); {UNTOUCHED}")
    return data


def schema_of(path: Path, data: dict) -> int:
    """The document's schema version, or StoreError (a newer one: upgrade)."""
    meta = data.get(META)
    record = meta.get(META_ID) if isinstance(meta, dict) else None
    if not isinstance(record, dict) or "schema" not in record:
        raise StoreError(f"{path}: not a followup-tui database (no schema version); {UNTOUCHED}")
    schema = record["schema"]
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise StoreError(f"{path}: the schema version is not a whole number; {UNTOUCHED}")
    if schema > migrations.SCHEMA_VERSION:
        raise StoreError(
            f"{path}: written by a newer followup-tui (schema {schema}; this version reads "
            f"up to {migrations.SCHEMA_VERSION}); upgrade followup-tui. The file was left untouched"
        )
    if schema < 1:
        raise StoreError(f"{path}: schema {schema} is not a valid version; {UNTOUCHED}")
    if "next_id" in record:
        next_id = record["next_id"]
        if not isinstance(next_id, int) or isinstance(next_id, bool) or not 1 <= next_id <= MAX_COUNTER:
            raise StoreError(f"{path}: the id counter (next_id) is not a whole number in range; {UNTOUCHED}")
    return schema


def tables_of(path: Path, raw: bytes) -> dict[str, Any]:
    """The tables of a checked file for TinyDB: `_meta` parsed, each
    application left as its JSON (a view into `raw`) until it is used
    (`Records`), any other table kept as it is. Text only Python's reader
    takes (a lone surrogate) is parsed whole instead."""
    try:
        document: dict[str, Any] = _RECORDS_OF_TABLES.decode(raw)
        if META in document:
            document[META] = {key: msgspec.json.decode(value) for key, value in document[META].items()}
        if APPLICATIONS in document:
            document[APPLICATIONS] = Records(document[APPLICATIONS])
    except (msgspec.DecodeError, RecursionError):  # (also a table that is not an object: kept as parsed)
        document = parse_document(path, raw)
        document[APPLICATIONS] = Records(document.get(APPLICATIONS, {}))
    return document


class Records(dict):
    """An applications table whose records are parsed when first read by id
    (TinyDB's `get`): a session that changes one application of 10,000
    parses one. Untouched records stay JSON (a view into the file's bytes,
    or a record's number in the layout of `source`, the file, an int) and
    are written back as they were, byte for byte (an unknown key of a hand
    edit included)."""

    def __init__(self, records: dict, source: FileRecords | None = None) -> None:
        super().__init__(records)
        self.source = source

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key)
        if type(value) is int:  # still in the file
            assert self.source is not None
            value = msgspec.Raw(self.source.record(value))
        if isinstance(value, msgspec.Raw):
            value = _parsed(value)
            super().__setitem__(key, value)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self else default


def _parsed(value: msgspec.Raw) -> Any:
    try:
        return msgspec.json.decode(value)
    except msgspec.DecodeError:  # what only Python's reader takes, as the file was checked
        return json.loads(bytes(value))


CHUNK_BYTES = 1 << 20  # what a save hands to the file at a time


def encode(document: dict[str, Any]) -> bytes:
    """The document as UTF-8 JSON that TinyDB's own JSONStorage reads."""
    return b"".join(encode_chunks(document))


def encode_chunks(document: dict[str, Any], layout: LayoutBuilder | None = None) -> Iterator[bytes]:
    """`encode(document)` about a megabyte at a time, so a save writes the
    file as it is made and never holds a second whole copy of it (17 MB at
    10,000 applications; msgspec's one-piece encoding also doubles its
    buffer on the way). Each record is encoded on its own; a record still
    JSON is its own bytes, one still in the file (its number in the
    layout of the table's `source`) is copied from it. `layout`, if given, takes down where each application is written.
    Raises UnicodeEncodeError, before the last chunk, for text that is not
    valid Unicode."""
    pieces: list[Any] = [b"{"]
    size = 1  # in `pieces`
    written = 0  # before `pieces`
    for number, (name, table) in enumerate(document.items()):
        head = (b"," if number else b"") + _encoded(name) + b":"
        if name != APPLICATIONS or not isinstance(table, dict):
            body = _encoded_table(table)
            pieces += (head, body)
            size += len(head) + len(body)
            if layout is not None:
                layout.other(name, body)
                layout.describable &= isinstance(table, dict)
            continue
        if layout is not None:
            layout.order.append(name)
        source: FileRecords | None = getattr(table, "source", None)
        taken = layout if layout is not None else LayoutBuilder()
        pieces.append(head + b"{")
        size += len(head) + 1
        # Untouched records that follow each other in the old file are copied
        # from it in one piece, with the separators between them: a separator
        # there of the length this one writes (`,"key":`, keys being ids) is
        # this one, any other spelling of the same key being longer. The run
        # is records `first` to `last` of the old layout, bytes `run_from` to
        # `run_to` of the old file, written from `run_at` in the new one.
        first = last = run_from = run_to = run_at = -1
        starts, lengths = (source.layout.starts, source.layout.lengths) if source is not None else ((), ())
        for index, (key, record) in enumerate(dict.items(table)):  # as they are: one still in the file stays its number
            in_file = type(record) is int and source is not None
            if in_file and record == last + 1 and starts[record] == run_to + len(key) + 4:
                last = record
                size += len(key) + 4 + lengths[record]
                run_to = starts[record] + lengths[record]
            else:
                if last >= 0:
                    pieces.append(_copied(source, taken, first, last, run_from, run_to, run_at))
                    first = last = -1
                framing = (b"," if index else b"") + _encoded(key) + b":"
                pieces.append(framing)
                size += len(framing)
                if in_file and not source.behind(starts[record]):  # type: ignore[union-attr]
                    first = last = record
                    run_from, run_at = starts[record], written + size
                    run_to = run_from + lengths[record]
                    size += run_to - run_from
                else:
                    if in_file:  # before a piece already copied (out of the file's order)
                        body: Any = source.record(record)  # type: ignore[union-attr]
                    else:
                        body = record if isinstance(record, msgspec.Raw) else _encoded(record)
                    taken.add(key, written + size, len(body), zlib.crc32(body))
                    pieces.append(body)
                    size += len(body)
            if size >= CHUNK_BYTES:
                if last >= 0:
                    pieces.append(_copied(source, taken, first, last, run_from, run_to, run_at))
                    first = last = -1
                yield b"".join(pieces)
                pieces, written, size = [], written + size, 0
        if last >= 0:
            pieces.append(_copied(source, taken, first, last, run_from, run_to, run_at))
        pieces.append(b"}")
    pieces.append(b"}")
    yield b"".join(pieces)


def _copied(source: Any, layout: LayoutBuilder, first: int, last: int, run_from: int, run_to: int, run_at: int) -> memoryview:
    """Records `first` to `last` of the old file (bytes `run_from` to
    `run_to`), copied to `run_at` in the new one: their bytes and where they
    now are."""
    old = source.layout
    layout.keys.extend(old.keys[first : last + 1])
    layout.starts.extend(start + run_at - run_from for start in old.starts[first : last + 1])
    layout.lengths.extend(old.lengths[first : last + 1])
    layout.crcs.extend(old.crcs[first : last + 1])
    return source.copy(run_from, run_to)


def _encoded_table(table: Any) -> bytes:
    """A table other than the applications (small: `_meta`), or a table
    that is not an object, as JSON."""
    if not isinstance(table, dict):
        return _encoded(table)
    return b"{" + b",".join(_encoded(key) + b":" + _record_bytes(value) for key, value in table.items()) + b"}"


def _record_bytes(value: Any) -> bytes:
    return value if isinstance(value, msgspec.Raw) else _encoded(value)


def _encoded(value: Any) -> bytes:
    try:
        return msgspec.json.encode(value)
    except UnicodeEncodeError:
        raise
    except (TypeError, ValueError, OverflowError):  # e.g. an integer beyond 64 bits in a hand edit
        return json.dumps(_plain(value), ensure_ascii=False, allow_nan=False).encode("utf-8")


def _plain(value: Any) -> Any:
    if isinstance(value, msgspec.Raw):
        return json.loads(bytes(value))
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value
