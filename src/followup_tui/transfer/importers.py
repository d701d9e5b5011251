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
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone, tzinfo

from ..domain.errors import ValidationError
from ..domain.import_plan import IncomingRow
from ..domain.model import (
    CHANNELS,
    OUTCOMES,
    STAGES,
    Application,
    Interview,
    normalize_tags,
)
from ..domain.record_check import check_record
from ..domain.strict_json import loads_strict
from ..domain.timeparse import parse_date, parse_when
from .csv_format import (
    CONTACT_FIELDS,
    DRAFT_RE,
    EVENT_RE,
    NUMBERED_RE,
    WITH_SEPARATOR,
    contacts_from,
    draft_kind,
    interview_minutes,
    parse_draft_cell,
    parse_event_cell,
    unguard_cell,
)

SOURCES = ("linkedin", "huntr", "teal", "csv")

# Every tracker's words for a stage -> (stage, outcome for closed)
STAGE_WORDS: dict[str, tuple[str, str | None]] = {
    **{s: (s, None) for s in STAGES if s != "closed"},
    **{w: ("saved", None) for w in ("wishlist", "wish list", "bookmarked", "bookmark", "interested", "applying",
                                    "to apply", "watching", "found", "saved")},
    **{w: ("applied", None) for w in ("applied", "application sent", "submitted", "application submitted")},
    **{w: ("interview", None) for w in ("interview", "interviewing", "interviews", "interview scheduled",
                                        "phone screen", "screening", "on-site", "onsite", "on site",
                                        "technical interview", "final interview")},
    **{w: ("thanked", None) for w in ("thank-you sent", "thank you sent")},
    **{w: ("following-up", None) for w in ("following up", "follow-up", "follow up", "followup")},
    **{w: ("offer", None) for w in ("offer", "offered", "offer received", "negotiating", "negotiation")},
    **{w: ("closed", "accepted") for w in ("accepted", "hired", "offer accepted")},
    **{w: ("closed", "rejected") for w in ("rejected", "not selected", "declined", "turned down", "rejection")},
    **{w: ("closed", "withdrawn") for w in ("withdrawn", "withdrew", "i withdrew")},
    **{w: ("closed", "ghosted") for w in ("ghosted", "no response", "no answer")},
    **{w: ("closed", "moved-on") for w in ("archived", "moved on", "moved-on")},
    "closed": ("closed", None),
}

# Header (in normalized form) -> our field, for any CSV.
GENERIC_COLUMNS: dict[str, str] = {
    **dict.fromkeys(("company", "company_name", "employer", "employer_name", "organization", "organisation"),
                    "company"),
    **dict.fromkeys(("role", "job_title", "position", "title", "job", "job_position"), "role"),
    **dict.fromkeys(("stage", "status", "list", "list_name", "pipeline_stage"), "stage"),
    **dict.fromkeys(("job_url", "url", "link", "job_link", "posting_url", "job_posting_url", "listing_url"),
                    "job_url"),
    **dict.fromkeys(("location", "city", "job_location"), "location"),
    **dict.fromkeys(("salary", "compensation", "salary_range", "pay"), "salary"),
    **dict.fromkeys(("min_salary", "salary_min"), "salary_min"),
    **dict.fromkeys(("max_salary", "salary_max"), "salary_max"),
    **dict.fromkeys(("applied_on", "applied", "date_applied", "applied_date", "application_date", "applied_at"),
                    "applied_on"),
    **dict.fromkeys(("source", "job_source", "found_on", "found_via"), "source"),
    **dict.fromkeys(("resume", "resume_name", "resume_version", "resume_used", "cv"), "resume"),
    **dict.fromkeys(("tags", "labels", "keywords"), "tags"),
    "priority": "priority",
    "excitement": "excitement",
    **dict.fromkeys(("notes", "note", "comments"), "notes"),
    **dict.fromkeys(("created", "created_at", "date_saved", "saved_date", "date_added", "saved_at"), "created"),
    **dict.fromkeys(("contact_email", "email", "recruiter_email"), "contact_1_email"),
    **dict.fromkeys(("contact_name", "contact", "recruiter"), "contact_1_name"),
    **dict.fromkeys(("contact_phone", "phone", "recruiter_phone"), "contact_1_phone"),
    "contact_title": "contact_1_title",
    **dict.fromkeys(("interview_at", "interview", "interview_date"), "interview_1_at"),
    **dict.fromkeys(("decision_by", "decision_date"), "decision_by"),
    "channel": "channel",
    "outcome": "outcome",
    "do_not_contact": "do_not_contact",
    **dict.fromkeys(("company_domain", "domain", "website"), "company_domain"),
}
IGNORE = ""  # a column we know and deliberately do not keep


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    columns: dict[str, str]  # overrides GENERIC_COLUMNS; IGNORE drops a column
    source_value: str = ""  # the `source` field when the file has none
    channel_value: str = ""  # the employer's first channel when the file has no column for it
    month_first: bool = True  # US trackers write 8/15/26 for 15 August


PRESETS: dict[str, Preset] = {
    # LinkedIn (Settings > Data privacy > Get a copy of your data > Jobs):
    # Contact Email and Contact Phone Number are the applicant's own.
    "linkedin": Preset(
        "linkedin", "LinkedIn Job Applications",
        {"application_date": "applied_on", "company_name": "company", "job_title": "role", "job_url": "job_url",
         "resume_name": "resume", "contact_email": IGNORE, "contact_phone_number": IGNORE,
         "question_and_answers": "questions_and_answers"},
        source_value="LinkedIn",
        channel_value="linkedin",  # applied through LinkedIn: its messages come there first
    ),
    # Huntr: the full-data export (companyName, title, listName, url, location,
    # salary, createdAt...) and the board export (Employer, Job Title, List, URL...).
    "huntr": Preset(
        "huntr", "Huntr",
        {"company_name": "company", "employer": "company", "title": "role", "job_title": "role",
         "list_name": "stage", "list": "stage", "url": "job_url", "created_at": "created", "date_saved": "created",
         "description": IGNORE, "html_description": IGNORE, "employer_description": IGNORE},
    ),
    # Teal's job tracker export (statuses such as Bookmarked, Applying, Applied...).
    "teal": Preset(
        "teal", "Teal",
        {"company_name": "company", "company": "company", "job_title": "role", "job_position": "role",
         "status": "stage", "job_url": "job_url", "url": "job_url", "date_saved": "created",
         "date_applied": "applied_on", "excitement": "excitement", "job_description": IGNORE,
         "description": IGNORE},
    ),
    "csv": Preset("csv", "CSV", {}, month_first=False),
}

IGNORED_REASONS = {
    ("linkedin", "contact_email"): "your own address, not an employer contact",
    ("linkedin", "contact_phone_number"): "your own number",
}


def normalize_header(name: str) -> str:
    """`companyName`, `Company Name`, ` company-name ` -> `company_name`."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", (name or "").strip())
    return re.sub(r"[^a-z0-9]+", "_", spaced.lower()).strip("_")


def detect_source(headers: set[str]) -> str:
    """Which tracker wrote a header row (normalized names)."""
    if "application_date" in headers and "company_name" in headers and (
        headers & {"resume_name", "question_and_answers", "contact_phone_number"}
    ):
        return "linkedin"
    if "list_name" in headers or ("employer" in headers and "list" in headers):
        return "huntr"
    if "excitement" in headers or "job_position" in headers or (
        "status" in headers and "company_name" in headers and "job_title" in headers
    ):
        return "teal"
    return "csv"


# -- bytes to text ------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was in; ValidationError when
    it is not text."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name).lstrip("\ufeff"), name
            except UnicodeDecodeError as exc:
                raise ValidationError("file", f"cannot read: it starts as {name} but is not ({exc.reason})") from exc
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes  # only for files that are not UTF-8

        # UTF-16/32 without a byte order mark is not what spreadsheets write;
        # reading junk that way gives CJK "text" rather than a clear refusal.
        matches = [m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
        if not matches or min(m.chaos for m in matches) > 0.3:
            raise ValidationError("file", "cannot read: not text in any encoding we know") from None
        # Among equally plausible readings, prefer cp1252, what spreadsheet
        # programs write in Western Europe (cp1250 would read most such files
        # the same, but not the euro sign or curly quotes).
        least = min(m.chaos for m in matches)
        chosen = next((m for m in matches if m.chaos == least and "cp1252" in m.could_be_from_charset), matches[0])
        encoding = "cp1252" if "cp1252" in chosen.could_be_from_charset else chosen.encoding
        text = data.decode(encoding)
    if "\x00" in text:
        raise ValidationError("file", "cannot read: binary data (NUL bytes), not a CSV or JSON file")
    return text, encoding


SNIFF_CHARS = 1 << 16  # the start of a file that the delimiter is found from
# A field longer than this is refused with one line (Python's csv stops at
# 131,072 characters with an error; notes pasted from a long email fit).
MAX_FIELD_CHARS = 1_000_000


def sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        header = text.splitlines()[0] if text else ""
        counts = {d: header.count(d) for d in (",", ";", "\t")}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


# -- dates as other trackers write them -------------------------------------------

_SLASH_RE = re.compile(
    r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$"
)


def read_instant(text: str, tz: tzinfo, month_first: bool, where: str) -> datetime:
    """ISO 8601 (an offset, or the user's timezone), or a slashed date as the
    source writes it (8/15/26, 10:05 AM); a day-month order that cannot be
    told apart is refused."""
    raw = text.strip()
    try:
        value = datetime.fromisoformat(raw.replace(" ", "T", 1) if len(raw) > 10 else raw)
        if value.tzinfo is None:
            value = value.replace(tzinfo=tz)
        return value.astimezone(timezone.utc)
    except (ValueError, OverflowError):
        pass
    match = _SLASH_RE.match(raw)
    if match:
        a, b, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        year += 2000 if len(match.group(3)) == 2 else 0  # "26" is 2026; "0001" stays year 1 (then refused)
        dotted = "." in raw
        if dotted or not month_first:
            if a <= 12 and b <= 12 and a != b and not dotted:
                raise ValidationError(where, f"{text!r}: day and month cannot be told apart; use YYYY-MM-DD")
            day, month = (a, b) if (dotted or a > 12 or not month_first) else (b, a)
        else:
            month, day = a, b
        hour, minute, second = int(match.group(4) or 0), int(match.group(5) or 0), int(match.group(6) or 0)
        ampm = match.group(7)
        if ampm:
            hour = hour % 12 + (12 if ampm.lower() == "pm" else 0)
        try:
            return datetime(year, month, day, hour, minute, second, tzinfo=tz).astimezone(timezone.utc)
        except (ValueError, OverflowError):  # year 1 east of UTC leaves what datetime holds
            pass
    raise ValidationError(where, f"cannot read {text!r} as a date; use YYYY-MM-DD or ISO 8601")


def read_day(text: str, tz: tzinfo, month_first: bool, where: str) -> date:
    raw = text.strip()
    try:
        return parse_date(raw, where)
    except ValidationError:
        return read_instant(raw, tz, month_first, where).astimezone(tz).date()


# -- the result ---------------------------------------------------------------------


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
            incoming = _row(values, tz, preset, row_number)
            check_record(incoming.app.to_dict())  # the one record rule (dates in range...), as for JSON
            parsed.rows.append(incoming)
        except ValidationError as exc:
            raise ValidationError(f"row {row_number}", str(exc)) from exc
    return parsed


MAX_EXTRA_CELLS = 1000


def _kept_exactly(key: str) -> bool:
    """Multi-line text keeps its spacing; other cells are trimmed."""
    return key.startswith(("event_", "draft_")) or key.endswith("notes")


def _stage_of(values: dict[str, str]) -> tuple[str, str | None, bool]:
    text = " ".join(re.sub(r"[^\w\s'-]", " ", values.get("stage", "")).lower().split())
    outcome = values.get("outcome", "").strip().lower() or None
    if not text:
        return "applied", None, False
    if text not in STAGE_WORDS:
        raise ValidationError("stage", f"{values['stage']!r} is not a stage we know (ours: {', '.join(STAGES)})")
    stage, implied = STAGE_WORDS[text]
    if stage != "closed":
        return stage, None, True
    outcome = outcome or implied or "moved-on"
    if outcome not in OUTCOMES:
        raise ValidationError("outcome", f"{outcome!r} is not one of: {', '.join(OUTCOMES)}")
    return stage, outcome, True


def _priority(values: dict[str, str]) -> str:
    text = values.get("priority", "").strip().lower()
    if text:
        named = {"low": "low", "medium": "medium", "med": "medium", "normal": "medium", "high": "high"}
        if text not in named:
            raise ValidationError("priority", f"{values['priority']!r} is not one of: low, medium, high")
        return named[text]
    excitement = values.get("excitement", "").strip()
    if excitement:
        try:
            stars = float(excitement)
        except ValueError:
            raise ValidationError("excitement", f"{excitement!r} is not a number of stars") from None
        return "high" if stars >= 4 else "medium" if stars >= 3 else "low" if stars > 0 else ""
    return ""


def _row(values: dict[str, str], tz: tzinfo, preset: Preset, row_number: int) -> IncomingRow:
    def get(key: str) -> str:
        return values.get(key, "").strip()

    stage, outcome, stage_given = _stage_of(values)
    salary = get("salary")
    if not salary and (get("salary_min") or get("salary_max")):
        salary = "-".join(v for v in (get("salary_min"), get("salary_max")) if v)
    url = get("job_url")
    if url and not url.lower().startswith(("http://", "https://")) and "." in url.split("/")[0]:
        url = "https://" + url  # www.acme.com/jobs/1
    channel = get("channel").lower()
    if channel and channel not in CHANNELS:
        raise ValidationError("channel", f"{channel!r} is not one of: {', '.join(CHANNELS)}")
    channel_given = bool(channel)
    channel = channel or preset.channel_value or channel_of_url(url)
    notes = values.get("notes", "")
    answers = get("questions_and_answers")
    if answers:  # what you told them when applying: worth having before an interview
        notes = f"{notes.rstrip()}\n\nQuestions and answers when applying ({preset.title}):\n{answers}".strip()
    app = Application(
        company=get("company"),
        role=get("role"),
        stage=stage,
        outcome=outcome,
        channel=channel,
        do_not_contact=get("do_not_contact").lower() in ("yes", "true", "1", "y"),
        company_domain=get("company_domain"),
        job_url=url,
        location=get("location"),
        salary=salary,
        source=get("source") or preset.source_value,
        resume=get("resume"),
        tags=normalize_tags(get("tags").replace(";", ",")),
        priority=_priority(values),
        notes=notes,
    )
    if get("applied_on"):
        app.applied_on = read_day(get("applied_on"), tz, preset.month_first, "applied date")
    if get("decision_by"):
        app.decision_by = read_day(get("decision_by"), tz, preset.month_first, "decision_by")
    if get("created"):
        app.created = read_instant(get("created"), tz, preset.month_first, "created")
    contacts: dict[int, dict[str, str]] = {}
    rounds: dict[int, dict[str, str]] = {}
    events: dict[int, str] = {}
    for key, value in values.items():
        numbered = NUMBERED_RE.match(key)
        if numbered:
            kind, n, name = numbered.group(1), int(numbered.group(2)), numbered.group(3)
            (contacts if kind == "contact" else rounds).setdefault(n, {})[name] = value.strip()
            continue
        event = EVENT_RE.match(key)
        if event and value.strip():
            events[int(event.group(1))] = value
            continue
        draft = DRAFT_RE.match(key)
        if draft and value.strip():
            kind = draft_kind(draft.group(1))
            if kind:
                app.drafts[kind] = parse_draft_cell(kind, value, key)
    for values_of in contacts.values():
        unknown = set(values_of) - set(CONTACT_FIELDS)
        if unknown:
            raise ValidationError("contact", f"unknown column part {sorted(unknown)[0]!r}")
    app.contacts = contacts_from(contacts)
    for n in sorted(rounds):
        parts = rounds[n]
        if not any(parts.values()):
            continue
        where = f"interview_{n}_at"
        if not parts.get("at"):
            raise ValidationError(where, "an interview round needs its time")
        interview = Interview(at=parse_when(parts["at"], tz, where))
        if parts.get("minutes"):
            interview.duration_minutes = interview_minutes(parts["minutes"], f"interview_{n}_minutes")
        interview.kind = parts.get("kind", "")
        interview.with_names = [w.strip() for w in parts.get("with", "").split(WITH_SEPARATOR.strip()) if w.strip()]
        interview.notes = parts.get("notes", "")
        app.interviews.append(interview)
    app.events = [parse_event_cell(events[n], f"event_{n}") for n in sorted(events)]
    if not stage_given and app.interviews:
        app.stage = "interview"
    app.validate()
    return IncomingRow(row_number, app, stage_given=stage_given, channel_given=channel_given)


# Applicant-tracking systems whose job pages mean "applied through a portal".
_PORTAL_HOSTS = ("greenhouse.io", "lever.co", "myworkdayjobs.com", "workday.com", "ashbyhq.com", "smartrecruiters.com",
                 "icims.com", "jobvite.com", "bamboohr.com", "recruitee.com", "workable.com", "taleo.net", "personio")


def channel_of_url(url: str) -> str:
    """The channel a job's address suggests: LinkedIn, an applicant-tracking
    portal, else "other" (the file does not say)."""
    host = url.lower().split("://", 1)[-1].split("/", 1)[0]
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        return "linkedin"
    if any(part in host for part in _PORTAL_HOSTS):
        return "portal"
    return "other"


__all__ = ["PRESETS", "SOURCES", "ParsedImport", "detect_source", "normalize_header", "read_import"]
