"""The shape of one stored (or imported) application, checked before it is used.

`Application.from_dict` builds objects; this says, without building anything,
whether a raw record is one we can trust as it is: right types (a `null`
company is an error, never the string "None"), known stages and kinds, real
dates, numbers in range. Cheap enough to run over 10,000 records at every
change of the file. Pure; used by the store (whole file) and the import.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from .errors import ValidationError
from .model import (  # noqa: F401 - MAX_COUNTER is read from here by the store
    CHANNELS,
    EVENT_KINDS,
    MAX_COUNTER,
    MAX_INTERVIEW_MINUTES,
    MESSAGE_KINDS,
    OUTCOMES,
    STAGES,
    Application,
)

_TYPE_WORDS = {str: "text", bool: "true or false", int: "a whole number", list: "a list", dict: "an object"}


def _kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, float):
        return "a number" if value == value and abs(value) != float("inf") else "a non-finite number"
    for kind, word in _TYPE_WORDS.items():
        if isinstance(value, kind):
            return word
    return type(value).__name__


def _fail(where: str, expected: str, value: Any) -> ValidationError:
    shown = repr(value) if isinstance(value, str) and len(value) <= 40 else _kind_of(value)
    return ValidationError(where, f"expected {expected}, got {shown}")


def _typed(where: str, value: Any, kind: type) -> Any:
    # bool is an int in Python; never accept it where a number is meant (or the reverse)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _fail(where, _TYPE_WORDS[kind], value)
    return value


def _text(record: dict, key: str, where: str) -> None:
    if key in record:
        _typed(where, record[key], str)


def _choice(where: str, value: Any, allowed: tuple[str, ...], optional: bool = False) -> None:
    if value is None and optional:
        return
    if not isinstance(value, str) or value not in allowed:
        raise _fail(where, "one of " + ", ".join(allowed), value)


def _instant(where: str, value: Any, optional: bool = False) -> None:
    if value is None and optional:
        return
    if not isinstance(value, str) or len(value) > 40:
        raise _fail(where, "a time (ISO 8601 with an offset)", value)
    try:
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            raise ValueError
        parsed.utcoffset()
    except (ValueError, OverflowError):
        raise _fail(where, "a time (ISO 8601 with an offset)", value) from None


def _day(where: str, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, str) or len(value) != 10:
        raise _fail(where, "a date (YYYY-MM-DD)", value)
    try:
        date.fromisoformat(value)
    except ValueError:
        raise _fail(where, "a date (YYYY-MM-DD)", value) from None


def _counter(where: str, value: Any, low: int, high: int = MAX_COUNTER) -> int:
    _typed(where, value, int)
    if not low <= value <= high:
        shown = str(value) if abs(value) < 10**18 else "a number of " + str(len(str(abs(value)))) + " digits"
        raise ValidationError(where, f"{shown} is out of range ({low} to {high})")
    return value


def _objects(where: str, value: Any) -> list[dict]:
    _typed(where, value, list)
    for index, item in enumerate(value, start=1):
        _typed(f"{where} {index}", item, dict)
    return value


# Plain fields (text, flags, lists) are checked by the type of their default, so
# a field added to the model later is checked without touching this module.
_DEFAULTS = Application(company="").to_dict()
_SPECIAL = {"stage", "outcome", "channel", "decision_by", "applied_on", "contacts", "interviews", "events", "drafts",
            "created", "updated", "rev", "id"}
_PLAIN = {key: type(value) for key, value in _DEFAULTS.items()
          if key not in _SPECIAL and type(value) in (str, bool, int, list, dict)}


def check_record(record: Any) -> None:
    """Raise ValidationError naming the first field of `record` that is wrong."""
    _typed("record", record, dict)
    for key, kind in _PLAIN.items():
        if key in record:
            value = _typed(key, record[key], kind)
            if kind is list:
                for item in value:
                    _typed(f"{key} item", item, str)
    if "stage" in record:
        _choice("stage", record["stage"], STAGES)
    if "outcome" in record:
        _choice("outcome", record["outcome"], OUTCOMES, optional=True)
    if "channel" in record:
        _choice("channel", record["channel"], CHANNELS)
    _day("decision_by", record.get("decision_by"))
    _day("applied_on", record.get("applied_on"))
    _instant("created", record.get("created"), optional=True)
    _instant("updated", record.get("updated"), optional=True)
    if "rev" in record:
        _counter("rev", record["rev"], 0)
    for index, contact in enumerate(_objects("contacts", record.get("contacts", [])), start=1):
        for key in ("name", "title", "email", "phone"):
            _text(contact, key, f"contact {index} {key}")
    for index, interview in enumerate(_objects("interviews", record.get("interviews", [])), start=1):
        where = f"interview {index}"
        if "at" not in interview:
            raise ValidationError(f"{where} at", "the time is missing")
        _instant(f"{where} at", interview["at"])
        for key in ("kind", "notes"):
            _text(interview, key, f"{where} {key}")
        for name in _typed(f"{where} with", interview.get("with", []), list):
            _typed(f"{where} with", name, str)
        if "duration_minutes" in interview:
            _counter(f"{where} duration_minutes", interview["duration_minutes"], 1, MAX_INTERVIEW_MINUTES)
    for index, event in enumerate(_objects("events", record.get("events", [])), start=1):
        where = f"event {index}"
        if "at" not in event:
            raise ValidationError(f"{where} at", "the time is missing")
        _instant(f"{where} at", event["at"])
        _choice(f"{where} kind", event.get("kind"), EVENT_KINDS)
        for key in ("text", "recipient", "subject", "body", "message_id", "sender", "excerpt", "bounced"):
            _text(event, key, f"{where} {key}")
        for key in ("from", "to"):
            if key in event:
                _choice(f"{where} {key}", event[key], STAGES, optional=True)
        if "message_kind" in event:
            _choice(f"{where} message_kind", event["message_kind"], MESSAGE_KINDS, optional=True)
        _instant(f"{where} until", event.get("until"), optional=True)
    drafts = _typed("drafts", record.get("drafts") or {}, dict)
    for key, draft in drafts.items():
        where = f"draft {key!r}"
        _typed(where, draft, dict)
        _choice(f"{where} kind", draft.get("kind"), MESSAGE_KINDS)
        for field_name in ("to", "subject", "body"):
            _text(draft, field_name, f"{where} {field_name}")
        _instant(f"{where} updated", draft.get("updated"), optional=True)
