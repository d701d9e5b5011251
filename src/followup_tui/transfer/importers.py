"""Reading applications from files people bring: our JSON and CSV exports,
LinkedIn's `Job Applications.csv`, Huntr's and Teal's CSV exports, and any
spreadsheet's CSV.

The source is recognised from the header row (or chosen with `--from`);
the encoding (UTF-8 with or without BOM, UTF-16, cp1252 / latin-1...) is
found by charset-normalizer, the delimiter (comma, semicolon, tab) by the
csv module's Sniffer. Headers are compared in one form (`companyName`,
`Company Name` and `company_name` are the same column). Columns we do not
keep are reported by name. All or nothing: the first bad row stops the
import with its row number.

Here: the file to rows (JSON or CSV, header to columns). Beside it:
import_sources (the trackers), import_text (bytes to text), import_dates,
import_rows (one row to an application), import_file (a file streamed).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import tzinfo

from ..domain.errors import ValidationError
from ..domain.import_plan import IncomingRow
from ..domain.model import Application
from ..domain.record_check import check_record
from ..domain.strict_json import loads_strict
from .csv_format import DRAFT_RE, EVENT_RE, NUMBERED_RE, unguard_cell
from .import_rows import incoming_row
from .import_sources import (
    GENERIC_COLUMNS,
    IGNORE,
    IGNORED_REASONS,
    PRESETS,
    Preset,
    detect_source,
    normalize_header,
)
from .import_text import MAX_FIELD_CHARS, SNIFF_CHARS, decode, sniff_delimiter


@dataclass
class ParsedImport:
    source: str  # json, linkedin, huntr, teal, csv
    detected: bool  # found from the header rather than chosen with --from
    rows: list[IncomingRow] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # column names as the file spells them
    ignored_reasons: dict[str, str] = field(default_factory=dict)
    encoding: str = "utf-8"
    delimiter: str = ","

    @property
    def title(self) -> str:
        return "our JSON export" if self.source == "json" else PRESETS[self.source].title


def read_import(data: bytes | str, tz: tzinfo, source: str | None = None) -> ParsedImport:
    """Applications from a file's content; ValidationError names the first problem."""
    text, encoding = decode(data) if isinstance(data, bytes) else (data.lstrip("\ufeff"), "utf-8")
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")) and source in (None, "json"):
        return ParsedImport("json", source is None, rows=_json_rows(stripped), encoding=encoding)
    if not stripped:
        raise ValidationError("csv", "the file is empty; a header row is needed")
    parsed = csv_rows(io.StringIO(text, newline=""), text[:SNIFF_CHARS], tz, source)
    parsed.encoding = encoding
    return parsed


def _json_rows(text: str) -> list[IncomingRow]:
    try:
        data = loads_strict(text)
    except json.JSONDecodeError as exc:
        raise ValidationError("json", f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except ValueError as exc:
        reason = "a number has too many digits" if "digits" in str(exc) else str(exc)
        raise ValidationError("json", reason) from None
    records = data.get("applications") if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise ValidationError("json", "expected a list of applications or an export with an 'applications' list")
    rows = []
    for index, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise ValidationError(f"row {index}", "not an object")
        try:
            check_record(record)  # wrong types are refused, never coerced ("None")
            app = Application.from_dict(record, app_id=None)
            app.id = None
            app.validate()
        except ValidationError as exc:
            raise ValidationError(f"row {index}", str(exc)) from exc
        rows.append(IncomingRow(index, app))
    return rows


def _column_map(headers: list[str], preset: Preset) -> tuple[dict[str, str], list[str]]:
    """file header -> our key, and the headers not kept."""
    mapping: dict[str, str] = {}
    ignored = []
    for header in headers:
        key = normalize_header(header)
        target = preset.columns.get(key)
        if target is None:
            if NUMBERED_RE.match(key) or EVENT_RE.match(key) or DRAFT_RE.match(key) or key in ("id", "updated"):
                target = key if key not in ("id", "updated") else IGNORE
            else:
                target = GENERIC_COLUMNS.get(key)
        if target and target not in mapping.values():
            mapping[header] = target
        else:
            ignored.append(header)
    return mapping, ignored


def csv_rows(lines: Iterable[str], sample: str, tz: tzinfo, source: str | None,
             max_rows: int | None = None) -> ParsedImport:
    """The rows of a CSV read line by line (a file streamed, never held
    whole); `sample` is its start, for the delimiter. More than `max_rows`
    rows (when given) stops the reading: TooManyRows."""
    previous = csv.field_size_limit(MAX_FIELD_CHARS + 1)  # the module's limit is global: put back after
    try:
        return _csv_rows(lines, sample, tz, source, max_rows)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise ValidationError("csv", f"a field is longer than {MAX_FIELD_CHARS:,} characters "
                                         "(not a table of applications?)") from None
        raise ValidationError("csv", f"cannot read as CSV ({exc})") from None
    finally:
        csv.field_size_limit(previous)


class TooManyRows(ValidationError):
    """An import beyond the rows the caller has room for (the app's scale)."""

    def __init__(self, limit: int) -> None:
        super().__init__("file", f"more than {limit:,} rows")
        self.limit = limit


def _csv_rows(lines: Iterable[str], sample: str, tz: tzinfo, source: str | None,
              max_rows: int | None) -> ParsedImport:
    delimiter = sniff_delimiter(sample)
    reader = csv.DictReader(lines, delimiter=delimiter)
    headers = [h for h in (reader.fieldnames or []) if h is not None]
    if not headers:
        raise ValidationError("csv", "the file is empty; a header row is needed")
    detected = source is None
    name = detect_source({normalize_header(h) for h in headers}) if detected else source
    preset = PRESETS[name]
    mapping, ignored = _column_map(headers, preset)
    if "company" not in mapping.values():
        raise ValidationError("csv header", f"no company column (found: {', '.join(headers)})")
    parsed = ParsedImport(name, detected, ignored=[h for h in ignored if h.strip()], delimiter=delimiter)
    for header in parsed.ignored:
        reason = IGNORED_REASONS.get((name, normalize_header(header)))
        if reason:
            parsed.ignored_reasons[header] = reason
    for row in reader:
        row_number = reader.line_num  # the file line the row ends on, blank lines included
        values = {
            mapping[h]: unguard_cell(v if _kept_exactly(mapping[h]) else v.strip())
            for h, v in row.items() if h in mapping and isinstance(v, str)
        }
        if not any(v.strip() for v in values.values()):
            continue  # a blank line
        if max_rows is not None and len(parsed.rows) >= max_rows:
            raise TooManyRows(max_rows)
        if len(row.get(None) or ()) > MAX_EXTRA_CELLS:  # cells beyond the header: a file that is not a table
            raise ValidationError(f"row {row_number}", f"more than {MAX_EXTRA_CELLS} cells beyond the header")
        try:
            incoming = incoming_row(values, tz, preset, row_number)
            check_record(incoming.app.to_dict())  # the one record rule (dates in range...), as for JSON
            parsed.rows.append(incoming)
        except ValidationError as exc:
            raise ValidationError(f"row {row_number}", str(exc)) from exc
    return parsed


MAX_EXTRA_CELLS = 1000


def _kept_exactly(key: str) -> bool:
    """Multi-line text keeps its spacing; other cells are trimmed."""
    return key.startswith(("event_", "draft_")) or key.endswith("notes")


__all__ = ["ParsedImport", "TooManyRows", "csv_rows", "read_import"]
