"""The one check of a record (domain/record_check.py): what it refuses, in
the words users read, and what it makes of a hand-edited time."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from followup_tui.domain.errors import ValidationError
from followup_tui.domain.model import Application
from followup_tui.domain.record_check import check_dates_and_times, check_record

GOOD = {"company": "Acme", "rev": 1, "created": "2026-11-01T10:00:00Z"}

# record -> the message, as the bad-file messages have always said it
REFUSED = {
    "company null": ({"company": None}, "company: expected text, got null"),
    "company missing": ({"company": ...}, "company: is missing"),
    "stage limbo": ({"stage": "limbo"}, "stage: expected one of saved, applied, interview, thanked, "
                    "following-up, offer, closed, got 'limbo'"),
    "event without time": ({"events": [{"kind": "note"}]}, "event 1 at: is missing"),
    "event kind": ({"events": [{"at": "2026-11-01T10:00:00Z", "kind": "hack"}]}, "event 1 kind: expected one of"),
    "naive time": ({"events": [{"at": "2026-11-01T10:00:00", "kind": "note"}]},
                   "event 1 at: expected a time (ISO 8601 with an offset), got '2026-11-01T10:00:00'"),
    "bad date": ({"decision_by": "2026-13-45"}, "decision_by: expected a date (YYYY-MM-DD), got '2026-13-45'"),
    "negative rev": ({"rev": -1}, "rev: -1 is out of range"),
    "4000-digit rev": ({"rev": int("9" * 4000)}, "rev: a number of 4000 digits is out of range"),
    "rev true": ({"rev": True}, "rev: expected a whole number, got true/false"),
    "contact name": ({"contacts": [{"name": 7}]}, "contact 1 name: expected text, got 7"),
    "interview names": ({"interviews": [{"at": "2026-11-02T10:00:00Z", "with": ["Ann", 3]}]},
                        "interview 1 with: expected text, got 3"),
    "zero minutes": ({"interviews": [{"at": "2026-11-02T10:00:00Z", "duration_minutes": 0}]},
                     "interview 1 duration_minutes: 0 is out of range"),
    "draft kind": ({"drafts": {"thank-you": {"kind": "poem"}}}, "draft 'thank-you' kind: expected one of thank-you, follow-up"),
    "drafts a list": ({"drafts": ["x"]}, "drafts: expected an object, got a list"),
    "tag": ({"tags": ["ok", 3]}, "tags item: expected text, got 3"),
    "year 1 at +01:00": ({"events": [{"at": "2026-11-01T10:00:00Z", "kind": "note"},
                                     {"at": "0001-01-01T00:00:00+01:00", "kind": "note"}]},
                         "event 2 at: 0001-01-01T00:00:00+01:00 is not a time the app can use"),
}


@pytest.mark.parametrize("name", REFUSED)
def test_a_bad_record_is_refused_naming_the_field(name):
    fields, message = REFUSED[name]
    with pytest.raises(ValidationError) as caught:
        check_record({key: value for key, value in {**GOOD, **fields}.items() if value is not ...})
    assert str(caught.value).startswith(message)


def test_a_record_that_is_not_an_object_is_refused():
    for record in ("Acme", None, []):
        with pytest.raises(ValidationError, match="^record: expected an object"):
            check_record(record)


def test_a_time_with_an_offset_is_the_same_instant_in_utc_and_unknown_keys_are_ignored():
    app = check_record({**GOOD, "updated": "2026-11-01T12:30:00+02:00", "x-hand-made": [1]}, app_id=4)
    assert app.updated == datetime(2026, 11, 1, 10, 30, tzinfo=timezone.utc)
    assert app.updated.tzinfo is timezone.utc and app.id == 4


def test_the_same_rule_holds_at_entry():
    """validate() (before every save) applies the dates-and-times rule too."""
    app = Application(company="Acme")
    app.created = datetime(1900, 1, 1, tzinfo=timezone.utc)
    check_dates_and_times(app)
    app.created = datetime.fromisoformat("1899-12-01T00:00:00+01:00")  # outside the app's range
    with pytest.raises(ValidationError, match="^created: "):
        app.validate()
