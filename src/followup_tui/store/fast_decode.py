"""The whole data file decoded and checked at C speed, for the common case.

A file as this app writes it (current schema, every time written as
`YYYY-MM-DDTHH:MM:SSZ`, no key the model does not know) is decoded by msgspec
straight into `Application` objects, checked on the way by the types the
model declares (text, flags, known stages and kinds, real dates and times
with a timezone, counters in range). That is the record-by-record check of
store/validation.py and `Application.from_dict` done in one pass, in C:
measured at 10,000 applications (16.7 MB), 0.2 s instead of 0.75 s.

Anything else steps aside (`None`), and the slow path decides, so what is
accepted, refused, and every message naming a file, a record and a problem,
stay exactly as they were: the fast decoder never accepts what the slow path
would refuse, and what it accepts equals what the slow path builds
(tests/store/test_fast_decode.py holds it to that, case by case).
"""

from __future__ import annotations

import gc
import re
from operator import attrgetter
from pathlib import Path
from typing import Any

import msgspec

from ..domain.errors import StoreError
from ..domain.model import Application
from . import migrations
from .validation import schema_of


class _StoredFile(msgspec.Struct, forbid_unknown_fields=True):
    meta: dict[str, dict[str, Any]] = msgspec.field(name="_meta")
    applications: dict[str, Application] = msgspec.field(default_factory=dict)


_DECODER = msgspec.json.Decoder(_StoredFile)


_TABLES = msgspec.json.Decoder(dict[str, msgspec.Raw])

# What the slow path reads differently from msgspec, found in the bytes
# before decoding (each search is a few ms for 16 MB): a time not written the
# one way this app writes it (`...:SSZ"`: a fraction, which msgspec rounds
# where Python truncates; an offset; a lower-case z), and an escaped printable
# ASCII character, in which such a time could hide. (The separators msgspec
# takes besides T, a space or a t, Python reads to the same value.) Text that
# merely looks like one costs the fast path, never correctness.
_TIME_NOT_AS_WRITTEN = re.compile(rb':\d\d:\d\d(?!Z")')
_ESCAPED_ASCII = re.compile(rb"\\u00[2-7]")
# a date outside the app's range (domain/date_range.py: years 1900 to 2200),
# which msgspec would accept: the slow path refuses it, naming the record
_YEAR_OUT_OF_RANGE = re.compile(rb'"(?!19\d\d-|20\d\d-|21\d\d-|2200-)\d{4}-\d\d-\d\d')

_BY_ID = attrgetter("id")


def decode_as_written(path: Path, raw: bytes) -> tuple[dict[str, dict[str, Any]], list[Application]] | None:
    """(the `_meta` table, every application ordered by id), or None when the
    slow path must decide (anything unusual, including every bad file)."""
    if _TIME_NOT_AS_WRITTEN.search(raw) or _ESCAPED_ASCII.search(raw) or _YEAR_OUT_OF_RANGE.search(raw):
        return None
    collecting = gc.isenabled()
    gc.disable()  # 100,000s of new objects, no cycles: collections would only slow it (2x measured)
    try:
        stored = _DECODER.decode(raw)
    except (msgspec.DecodeError, RecursionError):
        return None
    finally:
        if collecting:
            gc.enable()
    meta = stored.meta
    try:
        if schema_of(path, {"_meta": meta}) != migrations.SCHEMA_VERSION:
            return None  # an older file is migrated by the slow path
    except StoreError:
        return None
    applications = []
    for key, application in stored.applications.items():
        if not (key.isascii() and key.isdigit() and len(key) <= 15) or int(key) < 1:
            return None
        application.id = int(key)
        applications.append(application)
    applications.sort(key=_BY_ID)
    return meta, applications


def index_as_written(raw: bytes) -> dict:
    """The document of a file already checked as a whole, each application
    left as its raw JSON: a view into `raw` (the store then notes where each
    is in the file and lets `raw` go: store/file_records.py).
    Measured at 10,000 applications: ~20 ms, and no copy of the data."""
    document: dict = _TABLES.decode(raw)  # other tables (a hand-made `_default`) stay raw, written back as they are
    if "_meta" in document:
        document["_meta"] = msgspec.json.decode(document["_meta"])
    if "applications" in document:
        document["applications"] = _TABLES.decode(document["applications"])
    return document
