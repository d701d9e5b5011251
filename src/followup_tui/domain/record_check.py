"""The one check of a stored (or imported) application: is this record one we
can trust as it is? Every way in goes through here: the store's whole-file
read, `Application.from_dict`, the import.

The rules are the model's declared types (text is text, a `null` company is an
error and never the string "None", known stages and kinds, real dates, times
with an offset, counters in range), applied by msgspec as it builds the
objects, plus `check_dates_and_times` for what a type cannot say. A refusal
is a ValidationError naming the field the way users read it ("event 2 at:
expected a time ..."), worded here from msgspec's error.

Pure: no I/O; used by the store (whole file), the model and the import.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from typing import Any, TypeVar

import msgspec

from .errors import ValidationError
from .model import (
    CHANNELS,
    EVENT_KINDS,
    MAX_COUNTER,
    MESSAGE_KINDS,
    OUTCOMES,
    STAGES,
    Application,
    Draft,
)
from .strict_json import loads_strict

__all__ = ["MAX_COUNTER", "BadRecord", "build", "check_dates_and_times", "check_record", "decode_records"]

T = TypeVar("T")

# The applications table of a data file, decoded and checked in one pass at C
# speed (10,000 applications: ~0.2 s on a quiet machine).
_RECORDS = msgspec.json.Decoder(dict[str, Application])


class BadRecord(ValidationError):
    """A record of a table is wrong: `key` says which one."""

    def __init__(self, key: str, problem: ValidationError) -> None:
        super().__init__(problem.field, problem.message)
        self.key = key


def decode_records(raw: bytes | memoryview) -> dict[str, Application]:
    """A table's JSON (`{"1": {...}, ...}`) as checked applications by key.

    Raises BadRecord naming the first bad record, or ValueError when `raw` is
    not JSON followup-tui reads (strict_json's reasons). msgspec does not say
    which key failed, and refuses some text Python's reader takes (lone
    surrogates): then the table is read by the strict reader and each record
    checked on its own, by the same rules (`check_record`)."""
    try:
        records = _RECORDS.decode(raw)
    except (msgspec.DecodeError, RecursionError):
        return _decode_one_by_one(raw)
    try:
        for key, application in records.items():
            check_dates_and_times(application)
    except ValidationError as exc:
        raise BadRecord(key, exc) from None
    return records


def _decode_one_by_one(raw: bytes | memoryview) -> dict[str, Application]:
    try:
        table = loads_strict(bytes(raw).decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"invalid UTF-8 at byte {exc.start}") from None
    if not isinstance(table, dict):
        raise ValueError("the applications table is not an object")
    records = {}
    for key, record in table.items():
        try:
            records[key] = check_record(record)
        except ValidationError as exc:
            raise BadRecord(key, exc) from None
    return records


def check_record(record: Any, app_id: int | None = None) -> Application:
    """The application `record` (a dict from JSON) stands for, checked; raises
    ValidationError naming the first field that is wrong."""
    application = build(Application, record)
    check_dates_and_times(application)
    if app_id is not None:
        application.id = app_id
    return application


def build(kind: type[T], data: Any) -> T:
    """`data` (a dict from JSON) as a `kind` (a model class), by the model's types."""
    try:
        return msgspec.convert(data, kind)
    except msgspec.ValidationError as exc:
        raise _explain(str(exc), data) from None


def check_dates_and_times(application: Application) -> None:
    """The rules on a record's dates and times that their types cannot say;
    every time is also made UTC (a hand-edited `+02:00` is read as the same
    instant). Each field goes through `_checked_instant` or `_checked_day`,
    the place for a rule on single values (such as a sane range)."""
    app = application
    app.created = _instant("created", app.created)
    app.updated = _instant("updated", app.updated)
    _day("decision_by", app.decision_by)
    _day("applied_on", app.applied_on)
    for number, interview in enumerate(app.interviews, start=1):
        interview.at = _instant(f"interview {number} at", interview.at)
    for number, event in enumerate(app.events, start=1):
        event.at = _instant(f"event {number} at", event.at)
        if event.until is not None:
            event.until = _instant(f"event {number} until", event.until)
    for key, draft in app.drafts.items():
        if draft.updated is not None:
            draft.updated = _instant(f"draft {key!r} updated", draft.updated)


def _checked_instant(value: datetime) -> datetime | None:
    """`value` in UTC, or None when it is not a time the app can use."""
    if value.tzinfo is not timezone.utc:
        try:
            value = value.astimezone(timezone.utc)
        except OverflowError:  # year 1 at +01:00 leaves the calendar in UTC
            return None
    return value


def _checked_day(value: date) -> bool:
    """Whether the plain date `value` is one the app can use."""
    return True


def _instant(where: str, value: datetime | None) -> datetime | None:
    # (`where` is an f-string at the call: made for every time, but cheaper
    # than a second walk; the walk is ~5% of a whole-file read)
    if value is None:
        return None
    checked = _checked_instant(value)
    if checked is None:
        raise ValidationError(where, f"{value.isoformat()} is not a time the app can use")
    return checked


def _day(where: str, value: date | None) -> None:
    if value is not None and not _checked_day(value):
        raise ValidationError(where, f"{value.isoformat()} is not a date the app can use")


# -- msgspec's error, in the words users see ------------------------------------

_ERROR = re.compile(r"^(?P<what>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.DOTALL)
_STEP = re.compile(r"\.(?P<name>[A-Za-z_][\w-]*)|\[(?P<index>\d+)\]|\[\.\.\.\]")
_ONE = {"contacts": "contact", "interviews": "interview", "events": "event", "drafts": "draft"}
_TYPE_WORDS = {"str": "text", "bool": "true or false", "int": "a whole number", "float": "a number",
               "array": "a list", "object": "an object", "null": "null", "datetime": "a time (ISO 8601 with an offset)",
               "date": "a date (YYYY-MM-DD)"}
_CHOICES = {"stage": STAGES, "from": STAGES, "to": STAGES, "outcome": OUTCOMES, "channel": CHANNELS,
            "message_kind": MESSAGE_KINDS}


def _explain(error: str, data: Any) -> ValidationError:
    """msgspec's `error` about `data` as "field: expected ..., got ..."."""
    match = _ERROR.match(error)
    what, path = match["what"], match["path"] or ""
    words, value, table = _walk(path, data)
    missing = re.match(r"Object missing required field `(.+)`", what)
    if missing:
        return ValidationError(" ".join([*words, missing[1]]) or "record", "is missing")
    where = " ".join(words) or "record"
    last = words[-1] if words else ""
    if what.startswith("Invalid enum value"):
        allowed = MESSAGE_KINDS if last == "kind" and table != "events" else _CHOICES.get(last, EVENT_KINDS)
        return ValidationError(where, f"expected one of {', '.join(allowed)}, got {_shown(value)}")
    if "RFC3339 encoded date" in what or "timezone component" in what:
        kind = "date" if what.endswith("date") else "datetime"
        return ValidationError(where, f"expected {_TYPE_WORDS[kind]}, got {_shown(value)}")
    bound = re.match(r"Expected `int` (?P<bound>[<>]=? -?\d+)", what)
    if bound or what.startswith("Integer value out of range"):
        limit = f" (expected {bound['bound']})" if bound else f" (at most {MAX_COUNTER})"
        return ValidationError(where, f"{_shown(value)} is out of range{limit}")
    expected = re.match(r"Expected `(?P<type>[^`]+)`", what)
    if expected:
        wanted = " or ".join(_TYPE_WORDS.get(t.strip(), t.strip()) for t in expected["type"].split("|"))
        return ValidationError(where, f"expected {wanted}, got {_shown(value)}")
    return ValidationError(where, what.replace("`", "").lower())


def _walk(path: str, data: Any) -> tuple[list[str], Any, str]:
    """For msgspec's `path` (".events[0].at"): the words users read
    (["event 1", "at"]), the value found there (None if not found) and the
    list or table the record part is in ("events")."""
    steps = list(_STEP.finditer(path))
    words: list[str] = []
    value, table = data, ""
    for number, step in enumerate(steps):
        name, index = step["name"], step["index"]
        if name is not None:
            value = value.get(name) if isinstance(value, dict) else None
            following = steps[number + 1] if number + 1 < len(steps) else None
            if number == 0 and following is not None and following["name"] is None:
                table = name  # a part of a list or table: worded with the next step
            else:
                words.append(name)
            continue
        if index is not None:
            position = int(index)
            value = value[position] if isinstance(value, list) and position < len(value) else None
        else:  # `[...]`: a key msgspec does not name (a draft's): the first one it refuses
            key, value = _first_refused(value)
        if number == 1 and table:
            if table == "tags":
                words.append("tags item")
            elif index is not None:
                words.append(f"{_ONE.get(table, table)} {position + 1}")
            else:
                words.append(f"{_ONE.get(table, table)} {key!r}")
    return words, value, table


def _first_refused(table: Any) -> tuple[str, Any]:
    for key, draft in table.items() if isinstance(table, dict) else ():
        try:
            msgspec.convert(draft, Draft)
        except msgspec.ValidationError:
            return key, draft
    return "", None


def _shown(value: Any) -> str:
    if isinstance(value, str) and len(value) <= 40:
        return repr(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return str(value) if abs(value) < 10**18 else f"a number of {len(str(abs(value)))} digits"
    if isinstance(value, float):
        return "a number" if value == value and abs(value) != float("inf") else "a non-finite number"
    return {str: "text", list: "a list", dict: "an object"}.get(type(value), type(value).__name__)
