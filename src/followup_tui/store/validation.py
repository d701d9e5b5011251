"""Whole-file validation: a data file is trusted as a whole or not at all.

The store calls `parse_document` on the bytes it read and `check_document` on
what came out, once per change of the file. Anything wrong (numbers out of
range, huge integers, deep nesting, wrong types, wrong shapes, unknown stages,
bad dates) becomes one StoreError naming the file, the record and the problem;
nothing is written, coerced or repaired. Never a traceback, never the user's
data as locals.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..domain.errors import StoreError, ValidationError
from ..domain.record_check import MAX_COUNTER, check_record
from ..domain.strict_json import loads_strict
from . import migrations

APPLICATIONS = "applications"
META = "_meta"
META_ID = "1"
UNTOUCHED = "the file was left untouched"


def parse_document(path: Path, text: str) -> dict:
    """Parse the data file's text, or raise StoreError naming what is wrong."""
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


def check_document(path: Path, data: dict) -> int:
    """Raise StoreError unless every part of `data` can be used as it is;
    returns the number of applications."""
    schema = schema_of(path, data)
    if schema < migrations.SCHEMA_VERSION:
        try:
            data = migrations.migrate(data)
        except Exception as exc:  # a migration step meeting a shape it cannot handle
            raise StoreError(
                f"{path}: cannot bring schema {schema} up to date ({type(exc).__name__}); {UNTOUCHED}"
            ) from None
    table = data.get(APPLICATIONS, {})
    if not isinstance(table, dict):
        raise StoreError(f"{path}: the applications table is malformed (not an object); {UNTOUCHED}")
    for key, record in table.items():
        if not (key.isascii() and key.isdigit() and len(key) <= 15 and int(key) >= 1):
            shown = key if len(key) <= 20 and key.isprintable() else "(unreadable)"
            raise StoreError(f"{path}: application key {shown!r} is not an id; {UNTOUCHED}")
        try:
            check_record(record)
        except ValidationError as exc:
            raise StoreError(f"{path}: application {key} is malformed ({exc}); {UNTOUCHED}") from None
    return len(table)
