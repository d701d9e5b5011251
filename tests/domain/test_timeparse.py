"""User times are read only in explicit forms, in the user's timezone; stored
instants are UTC ISO 8601."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from followup_tui.domain.errors import ValidationError
from followup_tui.domain.timeparse import (
    ACCEPTED_DATE_FORMS,
    ACCEPTED_NATURAL_WHEN_FORMS,
    ACCEPTED_WHEN_FORMS,
    absolute_text,
    format_instant,
    local_text,
    parse_date,
    parse_day,
    parse_instant_iso,
    parse_when,
    resolve_timezone,
)

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("text", "tz", "expected"),
    [
        ("2026-11-25", PARIS, utc(2026, 11, 24, 23, 0)),  # a bare date: start of the local day
        ("2026-11-25 14:30", PARIS, utc(2026, 11, 25, 13, 30)),  # winter, +01:00
        ("2026-07-01 14:30", PARIS, utc(2026, 7, 1, 12, 30)),  # summer, +02:00
        ("2026-11-25 14:30", NEW_YORK, utc(2026, 11, 25, 19, 30)),
        ("2026-11-25T14:30", PARIS, utc(2026, 11, 25, 13, 30)),
        ("  2026-11-25 14:30:15 ", timezone.utc, utc(2026, 11, 25, 14, 30, 15)),
        ("2026-11-25T14:30+01:00", NEW_YORK, utc(2026, 11, 25, 13, 30)),  # offset wins over the zone
        ("2026-11-25T14:30:00Z", PARIS, utc(2026, 11, 25, 14, 30)),
        ("2026-11-25T14:30:00.5-05:00", PARIS, datetime(2026, 11, 25, 19, 30, 0, 500000, tzinfo=timezone.utc)),
    ],
)
def test_accepted_forms(text, tz, expected):
    value = parse_when(text, tz)
    assert value == expected
    assert value.utcoffset().total_seconds() == 0


@pytest.mark.parametrize(
    "text",
    [
        "", "tomorrow", "next friday", "25/11/2026", "11/25/2026", "25.11.2026", "Nov 25 2026",
        "2026-11-25 2pm", "2026-13-01", "2026-02-30", "2026-11-25 24:00", "2026-11-25 14:60",
        "1764079200", "2026-11-25T14:30+1", "20261125",
    ],
)
def test_anything_else_is_refused_and_the_message_names_the_accepted_forms(text):
    with pytest.raises(ValidationError) as caught:
        parse_when(text, PARIS, field="--interview-at")
    assert caught.value.field == "--interview-at"
    assert repr(text) in caught.value.message
    assert ACCEPTED_WHEN_FORMS in caught.value.message
    assert "YYYY-MM-DD HH:MM" in ACCEPTED_WHEN_FORMS and "ISO 8601" in ACCEPTED_WHEN_FORMS


def test_dates():
    assert parse_date(" 2026-12-01 ") == date(2026, 12, 1)
    for text in ["2026-12-01 10:00", "01/12/2026", "2026-02-30", "next week", ""]:
        with pytest.raises(ValidationError) as caught:
            parse_date(text, field="--decision-by")
        assert caught.value.field == "--decision-by"
        assert ACCEPTED_DATE_FORMS in caught.value.message


def test_stored_instants_round_trip_as_utc():
    value = datetime(2026, 11, 25, 14, 30, tzinfo=PARIS)
    text = format_instant(value)
    assert text == "2026-11-25T13:30:00Z"
    assert parse_instant_iso(text) == value
    with pytest.raises(ValueError):
        parse_instant_iso("2026-11-25T13:30:00")  # a stored instant must carry its offset


def test_local_text_is_the_form_users_type_back():
    value = utc(2026, 11, 25, 13, 30)
    assert local_text(value, PARIS) == "2026-11-25 14:30"
    assert parse_when(local_text(value, PARIS), PARIS) == value


def test_timezones():
    assert resolve_timezone("Europe/Paris") == PARIS
    assert resolve_timezone(None) is not None
    with pytest.raises(ValidationError, match="Europe/Paris"):
        resolve_timezone("Mars/Olympus")


# -- as people type them (with `now`; read with arrow) ------------------------------

WEDNESDAY = utc(2026, 11, 25, 15, 0)  # 16:00 in Paris


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today 14:00", utc(2026, 11, 25, 13, 0)),
        ("Tomorrow  9:30", utc(2026, 11, 26, 8, 30)),
        ("tomorrow at 9:30am", utc(2026, 11, 26, 8, 30)),
        ("friday 10:00", utc(2026, 11, 27, 9, 0)),
        ("fri 2pm", utc(2026, 11, 27, 13, 0)),
        ("wednesday 10:00", utc(2026, 12, 2, 9, 0)),  # the coming one, never today
        ("this wednesday 10:00", utc(2026, 11, 25, 9, 0)),
        ("last friday 12pm", utc(2026, 11, 20, 11, 0)),
        ("in 3 days", utc(2026, 11, 28, 15, 0)),
        ("in 2 hours", utc(2026, 11, 25, 17, 0)),
        ("2 days ago", utc(2026, 11, 23, 15, 0)),
        ("2026-11-25 14:30", utc(2026, 11, 25, 13, 30)),  # the explicit forms still work
    ],
)
def test_natural_forms_with_now(text, expected):
    assert parse_when(text, PARIS, "when", now=WEDNESDAY) == expected


def test_a_natural_time_across_a_dst_change_keeps_the_wall_clock():
    saturday = utc(2026, 3, 28, 12, 0)  # Paris switches to summer time on Sunday 29 March
    assert parse_when("monday 9:00", PARIS, now=saturday) == utc(2026, 3, 30, 7, 0)


@pytest.mark.parametrize("text", ["tomorrow", "friday", "tomorrow 9", "03/04/2026 10:00", "next month",
                                  "friday 13pm", "soon", "in a while", "tomorrow 24:00"])
def test_ambiguous_natural_forms_are_refused_listing_every_form(text):
    with pytest.raises(ValidationError) as caught:
        parse_when(text, PARIS, "when", now=WEDNESDAY)
    assert ACCEPTED_WHEN_FORMS in caught.value.message
    assert ACCEPTED_NATURAL_WHEN_FORMS in caught.value.message


def test_days_as_people_say_them():
    assert parse_day("yesterday", WEDNESDAY, PARIS) == date(2026, 11, 24)
    assert parse_day("last friday", WEDNESDAY, PARIS) == date(2026, 11, 20)
    assert parse_day("3 days ago", WEDNESDAY, PARIS) == date(2026, 11, 22)
    assert parse_day("2026-11-01", WEDNESDAY, PARIS) == date(2026, 11, 1)
    late = utc(2026, 11, 25, 23, 30)  # already Thursday in Paris
    assert parse_day("today", late, PARIS) == date(2026, 11, 26)
    with pytest.raises(ValidationError, match="last friday"):
        parse_day("01/02/2026", WEDNESDAY, PARIS)


def test_absolute_text_names_the_weekday():
    assert absolute_text(utc(2026, 11, 27, 9, 0), PARIS) == "Fri 2026-11-27 10:00"


def test_the_system_timezone_is_the_named_zone_when_it_has_a_name(monkeypatch):
    summer = utc(2026, 7, 1, 12, 0)
    monkeypatch.setenv("TZ", "Europe/Paris")
    assert resolve_timezone(None) == PARIS  # a ZoneInfo: fast conversions, real DST rules
    assert summer.astimezone(resolve_timezone(None)).utcoffset().total_seconds() == 7200
    monkeypatch.setenv("TZ", "CET-1CEST")  # a POSIX rule, no IANA name: the system's own reading
    from dateutil.tz import tzlocal

    assert isinstance(resolve_timezone(None), tzlocal)
