"""Export and import of applications: JSON (the full, exact copy), CSV
(every field, contact, round, history line and draft in readable columns,
re-importable: see csv_format), ICS lives in calendar_export; imports
from our exports and from other trackers (see importers)."""

from __future__ import annotations

import json
from datetime import tzinfo

from ..domain.model import Application
from ..domain.textsafe import json_safe
from .csv_format import CSV_COLUMNS, export_csv, guard_cell
from .importers import ParsedImport, read_import

EXPORT_FORMAT = "followup-tui"


def export_json(apps: list[Application]) -> str:
    payload = {
        "format": EXPORT_FORMAT,
        "applications": [{"id": app.id, **app.to_dict()} for app in apps],
    }
    return json_safe(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"  # controls escaped


_cell = guard_cell  # the formula guard, named as before


def parse_import(data: bytes | str, tz: tzinfo, source: str | None = None) -> list[Application]:
    """The applications a file holds, as new records (no matching against
    stored ones: `followup import` does that with domain.import_plan)."""
    return [row.app for row in read_import(data, tz, source).rows]


__all__ = ["CSV_COLUMNS", "ParsedImport", "export_csv", "export_json", "parse_import", "read_import"]
