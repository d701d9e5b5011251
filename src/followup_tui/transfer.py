"""Export and import of applications: JSON (full, re-importable) and CSV
(one row per application, with the history as one readable column)."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import tzinfo

from .domain.errors import ValidationError
from .domain.model import STAGES, Application, Contact, Interview
from .domain.record_check import check_record
from .domain.timeparse import format_instant, local_text, parse_date, parse_when
from .strictjson import loads_strict
from .textsafe import json_safe, printable_multiline

EXPORT_FORMAT = "followup-tui"
CSV_COLUMNS = [
    "id", "company", "role", "stage", "outcome", "channel", "do_not_contact",
    "contact_name", "contact_email", "interview_at", "decision_by",
    "company_domain", "created", "updated", "history",
]

# header variants people's spreadsheets use -> our column
HEADER_ALIASES = {
    "company": "company", "company_name": "company", "employer": "company", "organization": "company",
    "organisation": "company",
    "role": "role", "job_title": "role", "position": "role", "title": "role", "job": "role",
    "stage": "stage", "status": "stage",
    "contact_email": "contact_email", "email": "contact_email", "recruiter_email": "contact_email",
    "contact_name": "contact_name", "contact": "contact_name", "recruiter": "contact_name",
    "interview_at": "interview_at", "interview": "interview_at", "interview_date": "interview_at",
    "decision_by": "decision_by", "decision_date": "decision_by",
    "channel": "channel", "outcome": "outcome", "do_not_contact": "do_not_contact",
    "company_domain": "company_domain", "domain": "company_domain", "website": "company_domain",
}
STAGE_ALIASES = {
    "following up": "following-up", "follow-up": "following-up", "followup": "following-up",
    "interviewing": "interview", "interviews": "interview", "thank-you sent": "thanked",
    "rejected": "closed", "declined": "closed",
}
REQUIRED_CSV = ("company",)


def export_json(apps: list[Application]) -> str:
    payload = {
        "format": EXPORT_FORMAT,
        "applications": [{"id": app.id, **app.to_dict()} for app in apps],
    }
    return json_safe(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"  # controls escaped


def history_text(app: Application, tz: tzinfo) -> str:
    lines = []
    if app.created:
        lines.append(f"{local_text(app.created, tz)} created")
    for event in sorted(app.events, key=lambda e: e.at):
        lines.append(f"{local_text(event.at, tz)} {event.describe()}")
    return "; ".join(lines)


def export_csv(apps: list[Application], tz: tzinfo) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for app in apps:
        last = app.last_interview()
        contact = app.primary_contact or Contact()
        writer.writerow({key: _cell(value) for key, value in {
            "id": app.id,
            "company": app.company,
            "role": app.role,
            "stage": app.stage,
            "outcome": app.outcome or "",
            "channel": app.channel,
            "do_not_contact": "yes" if app.do_not_contact else "",
            "contact_name": contact.name,
            "contact_email": contact.email,
            "interview_at": local_text(last.at, tz) if last else "",
            "decision_by": app.decision_by.isoformat() if app.decision_by else "",
            "company_domain": app.company_domain,
            "created": format_instant(app.created) if app.created else "",
            "updated": format_instant(app.updated) if app.updated else "",
            "history": history_text(app, tz),
        }.items()})
    return out.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """A spreadsheet would run a cell starting with = + - @ as a formula (CSV
    injection): such text gets a leading apostrophe, which spreadsheets hide."""
    if isinstance(value, str):
        value = printable_multiline(value)  # no control characters in a CSV (stand-ins instead)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


def _normalize_header(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


def _row_error(row: int, message: str) -> ValidationError:
    return ValidationError(f"row {row}", message)


def parse_import(text: str, tz: tzinfo) -> list[Application]:
    """Applications from an exported JSON file or a CSV with a header row.

    All-or-nothing: the first bad row raises ValidationError naming it.
    """
    stripped = text.lstrip("\ufeff").lstrip()
    if stripped.startswith(("{", "[")):
        return _parse_json(stripped)
    return _parse_csv(text.lstrip("\ufeff"), tz)


def _parse_json(text: str) -> list[Application]:
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
    apps = []
    for index, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise _row_error(index, "not an object")
        try:
            check_record(record)  # wrong types are refused, never coerced ("None")
            app = Application.from_dict(record, app_id=None)
            app.id = None
            app.validate()
        except ValidationError as exc:
            raise _row_error(index, str(exc)) from exc
        apps.append(app)
    return apps


def _parse_csv(text: str, tz: tzinfo) -> list[Application]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise ValidationError("csv", "the file is empty; a header row is needed")
    mapping = {}
    for header in reader.fieldnames:
        key = HEADER_ALIASES.get(_normalize_header(header or ""))
        if key and key not in mapping.values():
            mapping[header] = key
    missing = [c for c in REQUIRED_CSV if c not in mapping.values()]
    if missing:
        raise ValidationError(
            "csv header", f"no {', '.join(missing)} column (found: {', '.join(reader.fieldnames)})"
        )
    apps = []
    for row in reader:
        # the file line the row ends on: a spreadsheet's row number, blank lines included
        row_number = reader.line_num
        values = {mapping[h]: (v or "").strip() for h, v in row.items() if h in mapping}
        if not any(values.values()):
            continue  # blank line
        try:
            apps.append(_app_from_row(values, tz))
        except ValidationError as exc:
            raise _row_error(row_number, str(exc)) from exc
    return apps


def _app_from_row(values: dict[str, str], tz: tzinfo) -> Application:
    stage = values.get("stage", "").lower() or "applied"
    outcome = values.get("outcome", "").lower() or None
    if stage in ("rejected", "declined") and not outcome:
        outcome = "rejected"
    stage = STAGE_ALIASES.get(stage, stage)
    if stage not in STAGES:
        raise ValidationError("stage", f"{stage!r} is not one of: {', '.join(STAGES)}")
    app = Application(
        company=values.get("company", ""),
        role=values.get("role", ""),
        stage=stage,
        outcome=outcome if stage == "closed" else None,
        channel=values.get("channel", "").lower() or "email",
        do_not_contact=values.get("do_not_contact", "").lower() in ("yes", "true", "1", "y"),
        company_domain=values.get("company_domain", ""),
    )
    if values.get("contact_email") or values.get("contact_name"):
        app.contacts.append(Contact(name=values.get("contact_name", ""), email=values.get("contact_email", "")))
    if values.get("interview_at"):
        app.interviews.append(Interview(at=parse_when(values["interview_at"], tz, "interview_at")))
    if values.get("decision_by"):
        app.decision_by = parse_date(values["decision_by"], "decision_by")
    app.validate()
    return app
