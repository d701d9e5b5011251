"""Schema versions of the data file and how an older file is brought up to date.

To change the file format: bump SCHEMA_VERSION and add a step to MIGRATIONS
that turns a version N document into N+1. Each step is a pure function.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

SCHEMA_VERSION = 2

# Fields schema 2 added to every application, with the value an older record means.
FIELDS_ADDED_IN_2: dict[str, object] = {
    "job_url": "",
    "location": "",
    "salary": "",
    "applied_on": None,
    "source": "",
    "resume": "",
    "tags": [],
    "priority": "",
}


def _v1_to_v2(document: dict) -> dict:
    """Schema 2: job URL, location, salary, applied date, source, resume,
    tags and priority (the `saved` stage and `ghosted` outcome need no change
    to old records)."""
    for record in (document.get("applications") or {}).values():
        if isinstance(record, dict):
            for key, default in FIELDS_ADDED_IN_2.items():
                record.setdefault(key, copy.deepcopy(default))
    return document


# from-version -> function returning the document at from-version + 1
MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2}


def migrate(data: dict) -> dict:
    document = copy.deepcopy(data)
    meta = document["_meta"]["1"]
    version = int(meta["schema"])
    while version < SCHEMA_VERSION:
        document = MIGRATIONS[version](document)
        version += 1
        document["_meta"]["1"]["schema"] = version
    return document
