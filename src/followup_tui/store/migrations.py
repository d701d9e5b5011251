"""Schema versions of the data file and how an older file is brought up to date.

To change the file format: bump SCHEMA_VERSION and add a step to MIGRATIONS
that turns a version N document into N+1. Each step is a pure function.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

SCHEMA_VERSION = 1

# from-version -> function returning the document at from-version + 1
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


def migrate(data: dict) -> dict:
    document = copy.deepcopy(data)
    meta = document["_meta"]["1"]
    version = int(meta["schema"])
    while version < SCHEMA_VERSION:
        document = MIGRATIONS[version](document)
        version += 1
        document["_meta"]["1"]["schema"] = version
    return document
