"""The one check of a stored (or imported) application: is this record one we
can trust as it is? Every way in goes through here: the store's whole-file
read, `Application.from_dict`, the import.

The rules are the model's declared types (text is text, a `null` company is an
error and never the string "None", known stages and kinds, real dates, times
with an offset, counters in range), applied by msgspec as it builds the
objects (store/data_file.py decodes a whole file by them in one pass at C
speed), plus `check_dates_and_times` for what a type cannot say. A refusal
is a ValidationError naming the field the way users read it ("event 2 at:
expected a time ..."), worded here from msgspec's error.

Pure: no I/O; used by the store (whole file), the model and the import.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from typing import Any, TypeVar

import msgspec

from .date_range import AFTER_LAST_INSTANT, FIRST_INSTANT, RANGE_TEXT, in_range
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

__all__ = ["MAX_COUNTER", "build", "check_dates_and_times", "check_record"]

T = TypeVar("T")


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
    instant). Each value goes through `_instant` or `_day`: the place for a
    rule on single dates and times (such as a sane range).

    Called for every record of a file (10,000 applications: ~300,000
    times), so nothing is made for a value that passes, not even the name
    of its field."""
    app = application
    if app.created is not None:
        app.created = _instant(app.created, "created")
    if app.updated is not None:
        app.updated = _instant(app.updated, "updated")
    if app.decision_by is not None:
        _day(app.decision_by, "decision_by")
    if app.applied_on is not None:
        _day(app.applied_on, "applied_on")
    for number, interview in enumerate(app.interviews, start=1):
        interview.at = _instant(interview.at, "interview", number, "at")
    for number, event in enumerate(app.events, start=1):
        event.at = _instant(event.at, "event", number, "at")
        if event.until is not None:
            event.until = _instant(event.until, "event", number, "until")
    for key, draft in app.drafts.items():
        if draft.updated is not None:
            draft.updated = _instant(draft.updated, "draft", repr(key), "updated")


def _instant(value: datetime, field: str, number: object = None, part: str = "") -> datetime:
    """`value` in UTC, or ValidationError naming the field ("event", 2,
    "at": "event 2 at")."""
    if value.tzinfo is timezone.utc and FIRST_INSTANT <= value < AFTER_LAST_INSTANT:
        return value  # the usual case (in_range's rule, without a call): nothing to convert
    if value.tzinfo is not timezone.utc:
        try:
            value = value.astimezone(timezone.utc)
        except OverflowError:  # year 1 at +01:00 leaves the calendar in UTC
            raise _unusable(value, "time", field, number, part) from None
    if not in_range(value):
        raise _outside(value, "time", field, number, part)
    return value


def _day(value: date, field: str) -> None:
    """ValidationError naming the field unless the plain date `value` is one
    the app can use: inside the app's range (domain/date_range.py)."""
    if not in_range(value):
        raise _outside(value, "date", field)


def _outside(value: date, kind: str, field: str, number: object = None, part: str = "") -> ValidationError:
    where = " ".join(str(word) for word in (field, number, part) if word not in (None, ""))
    return ValidationError(where, f"expected a {kind} from {RANGE_TEXT}, got {value.isoformat()!r}")


def _unusable(value: date, kind: str, field: str, number: object = None, part: str = "") -> ValidationError:
    where = " ".join(str(word) for word in (field, number, part) if word not in (None, ""))
    return ValidationError(where, f"{value.isoformat()} is not a {kind} the app can use")


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
