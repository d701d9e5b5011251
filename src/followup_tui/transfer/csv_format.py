"""Our own CSV: one row per application, every field, contact, interview
round, history line and draft in columns a person can read in a spreadsheet,
and that `followup import` reads back to the same data.

Contacts and rounds get numbered columns (`contact_2_email`,
`interview_1_at`); each history event is one cell (`event_3`) whose first
line is its time and kind, followed by `key: value` lines; a value that spans
lines continues on lines indented by two spaces. Times carry their offset.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, tzinfo

from ..domain.errors import ValidationError
from ..domain.model import MESSAGE_KINDS, Application, Contact, Draft, Event, Interview
from ..domain.textsafe import printable_multiline
from ..domain.timeparse import format_instant, parse_instant_iso

CSV_COLUMNS = [
    "id", "company", "role", "stage", "outcome", "priority", "tags", "job_url", "location", "salary",
    "applied_on", "source", "resume", "channel", "do_not_contact", "company_domain", "decision_by",
    "notes", "created", "updated",
]
CONTACT_FIELDS = ("name", "title", "email", "phone")
INTERVIEW_FIELDS = ("at", "minutes", "kind", "with", "notes")
EVENT_KEYS = ("from", "to", "message_kind", "recipient", "subject", "until", "text", "body")
DRAFT_KEYS = ("to", "subject", "updated", "body")
TAG_SEPARATOR = ", "
WITH_SEPARATOR = "; "

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBERED_RE = re.compile(r"^(contact|interview)_(\d+)_(\w+)$")
EVENT_RE = re.compile(r"^event_(\d+)$")
DRAFT_RE = re.compile(r"^draft_(\w+)$")


def guard_cell(value: object) -> object:
    """A spreadsheet would run a cell starting with = + - @ as a formula (CSV
    injection): such text gets a leading apostrophe, which spreadsheets hide."""
    if not isinstance(value, str):
        return value
    value = printable_multiline(value)  # no control characters in a CSV (stand-ins instead)
    if value.startswith(_FORMULA_START):
        return "'" + value
    return value


def unguard_cell(value: str) -> str:
    """The reverse of guard_cell, for cells read back in."""
    if value.startswith("'") and value[1:].startswith(_FORMULA_START):
        return value[1:]
    return value


def _local_iso(value: datetime, tz: tzinfo) -> str:
    return value.astimezone(tz).isoformat(timespec="seconds")


def _key_lines(pairs: list[tuple[str, str]]) -> list[str]:
    lines = []
    for key, value in pairs:
        first, *rest = value.split("\n")
        lines.append(f"{key}: {first}")
        lines.extend(f"  {line}" for line in rest)
    return lines


def _parse_key_lines(lines: list[str], where: str) -> dict[str, str]:
    values: dict[str, list[str]] = {}
    current = None
    for line in lines:
        if line.startswith("  ") and current is not None:
            values[current].append(line[2:])
            continue
        key, sep, value = line.partition(": ")
        if not sep and line.endswith(":"):
            key, sep, value = line[:-1], ":", ""
        if not sep or not key or " " in key:
            raise ValidationError(where, f"cannot read the line {line!r} (expected 'key: value')")
        current = key
        values[key] = [value]
    return {key: "\n".join(parts) for key, parts in values.items()}


def event_cell(event: Event, tz: tzinfo) -> str:
    data = event.to_dict()
    pairs = []
    for key in EVENT_KEYS:
        if key in data:
            value = data[key]
            if key == "until":
                value = _local_iso(event.until, tz)
            pairs.append((key, str(value)))
    return "\n".join([f"{_local_iso(event.at, tz)} {event.kind}", *_key_lines(pairs)])


def parse_event_cell(text: str, where: str) -> Event:
    head, *rest = text.split("\n")
    at_text, _, kind = head.strip().partition(" ")
    try:
        data: dict = {"at": format_instant(parse_instant_iso(at_text)), "kind": kind.strip()}
    except ValueError as exc:
        raise ValidationError(where, f"cannot read the time {at_text!r} (expected ISO 8601 with an offset)") from exc
    fields = _parse_key_lines(rest, where)
    unknown = set(fields) - set(EVENT_KEYS)
    if unknown:
        raise ValidationError(where, f"unknown key {sorted(unknown)[0]!r} (known: {', '.join(EVENT_KEYS)})")
    data.update(fields)
    try:
        if "until" in data:
            data["until"] = format_instant(parse_instant_iso(data["until"]))
        return Event.from_dict(data)
    except ValidationError as exc:
        raise ValidationError(where, exc.message) from exc
    except (KeyError, ValueError) as exc:
        raise ValidationError(where, f"cannot read this event: {exc}") from exc


def draft_cell(draft: Draft, tz: tzinfo) -> str:
    pairs = [("to", draft.to), ("subject", draft.subject)]
    if draft.updated:
        pairs.append(("updated", _local_iso(draft.updated, tz)))
    pairs.append(("body", draft.body))
    return "\n".join(_key_lines(pairs))


def parse_draft_cell(kind: str, text: str, where: str) -> Draft:
    fields = _parse_key_lines(text.split("\n"), where)
    unknown = set(fields) - set(DRAFT_KEYS)
    if unknown:
        raise ValidationError(where, f"unknown key {sorted(unknown)[0]!r} (known: {', '.join(DRAFT_KEYS)})")
    try:
        updated = parse_instant_iso(fields["updated"]) if fields.get("updated") else None
    except ValueError as exc:
        raise ValidationError(where, f"cannot read the time {fields['updated']!r}") from exc
    return Draft(kind=kind, to=fields.get("to", ""), subject=fields.get("subject", ""),
                 body=fields.get("body", ""), updated=updated)


def draft_column(kind: str) -> str:
    return "draft_" + kind.replace("-", "_")


def draft_kind(column_suffix: str) -> str | None:
    kind = column_suffix.replace("_", "-")
    return kind if kind in MESSAGE_KINDS else None


def csv_columns(apps: list[Application]) -> list[str]:
    contacts = max((len(a.contacts) for a in apps), default=0)
    rounds = max((len(a.interviews) for a in apps), default=0)
    events = max((len(a.events) for a in apps), default=0)
    columns = list(CSV_COLUMNS)
    for n in range(1, contacts + 1):
        columns += [f"contact_{n}_{f}" for f in CONTACT_FIELDS]
    for n in range(1, rounds + 1):
        columns += [f"interview_{n}_{f}" for f in INTERVIEW_FIELDS]
    columns += [f"event_{n}" for n in range(1, events + 1)]
    columns += [draft_column(k) for k in MESSAGE_KINDS if any(k in a.drafts for a in apps)]
    return columns


def application_row(app: Application, tz: tzinfo) -> dict[str, object]:
    row: dict[str, object] = {
        "id": app.id,
        "company": app.company,
        "role": app.role,
        "stage": app.stage,
        "outcome": app.outcome or "",
        "priority": app.priority,
        "tags": TAG_SEPARATOR.join(app.tags),
        "job_url": app.job_url,
        "location": app.location,
        "salary": app.salary,
        "applied_on": app.applied_on.isoformat() if app.applied_on else "",
        "source": app.source,
        "resume": app.resume,
        "channel": app.channel,
        "do_not_contact": "yes" if app.do_not_contact else "",
        "company_domain": app.company_domain,
        "decision_by": app.decision_by.isoformat() if app.decision_by else "",
        "notes": app.notes,
        "created": format_instant(app.created) if app.created else "",
        "updated": format_instant(app.updated) if app.updated else "",
    }
    for n, contact in enumerate(app.contacts, start=1):
        for name in CONTACT_FIELDS:
            row[f"contact_{n}_{name}"] = getattr(contact, name)
    for n, interview in enumerate(app.interviews, start=1):
        row[f"interview_{n}_at"] = _local_iso(interview.at, tz)
        row[f"interview_{n}_minutes"] = interview.duration_minutes
        row[f"interview_{n}_kind"] = interview.kind
        row[f"interview_{n}_with"] = WITH_SEPARATOR.join(interview.with_names)
        row[f"interview_{n}_notes"] = interview.notes
    for n, event in enumerate(app.events, start=1):
        row[f"event_{n}"] = event_cell(event, tz)
    for kind, draft in app.drafts.items():
        row[draft_column(kind)] = draft_cell(draft, tz)
    return row


def export_csv(apps: list[Application], tz: tzinfo) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=csv_columns(apps), lineterminator="\n")
    writer.writeheader()
    for app in apps:
        writer.writerow({key: guard_cell(value) for key, value in application_row(app, tz).items()})
    return out.getvalue()


def contacts_from(numbered: dict[int, dict[str, str]]) -> list[Contact]:
    contacts = []
    for n in sorted(numbered):
        values = numbered[n]
        if any(values.values()):
            contacts.append(Contact(**{k: values.get(k, "") for k in CONTACT_FIELDS}))
    return contacts


def interview_minutes(text: str, where: str) -> int:
    try:
        minutes = int(text)
    except ValueError:
        raise ValidationError(where, f"{text!r} is not a number of minutes") from None
    return minutes
