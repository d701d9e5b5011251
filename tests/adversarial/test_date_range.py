"""Dates have a range (domain/date_range.py: 1900-01-01 to 2200-12-31): a date
outside it is refused where it enters (CLI, import) and where it is read (a
data file), with one line naming the file, the record and the field; no
command crashes on a date the validator lets through, in any timezone."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from cli.cli_runner import Followup
from fixed import FIXED_NOW
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup_tui.domain.cadence import next_actions
from followup_tui.domain.date_range import AFTER_LAST_INSTANT, EARLIEST, FIRST_INSTANT, LATEST, in_range
from followup_tui.domain.errors import ValidationError
from followup_tui.domain.model import Application
from followup_tui.domain.record_check import check_record
from followup_tui.domain.settings import Settings
from followup_tui.domain.timeparse import absolute_text, local_text, parse_date, parse_when

# the widest offsets there are (+14, -11), a DST zone, a half-hour one
ZONES = ("Europe/Paris", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/St_Johns", "UTC")


def followup_in(tmp_path, zone: str = "Europe/Paris") -> Followup:
    config = tmp_path / "config.toml"
    config.write_text(f'timezone = "{zone}"\n', encoding="utf-8")
    return Followup(db=tmp_path / "data" / "followup.json", config=config)


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "1899-12-31", "2201-01-01"])
def test_a_decision_date_out_of_range_is_refused_at_entry(tmp_path, value):
    followup = followup_in(tmp_path)
    result = followup("add", "--company", "D", "--decision-by", value, expect=2)
    assert "--decision-by" in result.stderr and "1900-01-01 to 2200-12-31" in result.stderr


@pytest.mark.parametrize("text", ["9999-12-31T23:59:59Z", "0001-01-01 00:00", "0001-01-01T00:00+01:00", "2201-01-01"])
def test_a_time_out_of_range_is_refused_by_the_entry_parser(text):
    with pytest.raises(ValidationError, match="outside the dates this app keeps"):
        parse_when(text, ZoneInfo("Europe/Paris"), "--at")


def test_a_json_import_with_a_time_out_of_range_is_refused(tmp_path):
    followup = followup_in(tmp_path)
    source = tmp_path / "in.json"
    source.write_text(json.dumps([{"company": "Far", "interviews": [{"at": "9999-12-31T23:59:59Z"}]}]))
    result = followup("import", str(source), expect=2)
    assert "9999-12-31T23:59:59Z" in result.stderr or "2200-12-31" in result.stderr
    assert followup.json("list", "--json") == []


@pytest.mark.parametrize("cell", ["31/12/9999", "12/31/9999", "9999-12-31", "01/01/0001"])
def test_a_csv_import_with_a_date_out_of_range_is_refused(tmp_path, cell):
    followup = followup_in(tmp_path)
    source = tmp_path / "in.csv"
    source.write_text(f"company,decision date\nFar,{cell}\n", encoding="utf-8")
    result = followup("import", str(source), expect=2)
    assert "row 2" in result.stderr
    assert not followup.db.exists() or followup.json("list", "--json") == []


@pytest.mark.parametrize(("field", "value"), [("decision_by", "9999-12-31"), ("interviews", "0001-01-01T00:00:00Z")])
def test_a_data_file_holding_a_date_out_of_range_is_refused_at_open_naming_it(tmp_path, field, value):
    followup = followup_in(tmp_path)
    followup("add", "--company", "D")
    data = json.loads(followup.db.read_text())
    record = data["applications"]["1"]
    record[field] = value if field == "decision_by" else [{"at": value}]
    followup.db.write_text(json.dumps(data))
    before = followup.db.read_bytes()
    for command in (("due",), ("list",), ("stats",)):
        result = followup(*command, expect=2)
        assert str(followup.db) in result.stderr and "application 1" in result.stderr
        assert ("decision_by" if field == "decision_by" else "interview 1 at") in result.stderr
    assert followup.db.read_bytes() == before


# -- every date the validator lets through is safe ------------------------------------

_NEAR_EDGES = st.one_of(
    st.datetimes(min_value=datetime(1899, 12, 25), max_value=datetime(1900, 1, 10)),
    st.datetimes(min_value=datetime(2200, 12, 20), max_value=datetime(2201, 1, 5)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31)),
)


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(moment=_NEAR_EDGES, zone=st.sampled_from(ZONES), now_at_edge=st.booleans())
def test_no_date_the_validator_accepts_breaks_the_cadence_or_the_display(moment, zone, now_at_edge):
    instant = moment.replace(tzinfo=timezone.utc, microsecond=0).isoformat().replace("+00:00", "Z")
    record = {"company": "Edge", "decision_by": moment.date().isoformat(), "applied_on": moment.date().isoformat(),
              "interviews": [{"at": instant, "duration_minutes": 600}],
              "events": [{"at": instant, "kind": "message-sent", "message_kind": "thank-you"}]}
    try:
        check_record(record)
    except ValidationError:
        assert not EARLIEST <= moment.date() <= LATEST  # refused only outside the range
        return
    assert EARLIEST - timedelta(days=1) <= moment.date() <= LATEST + timedelta(days=1)
    app = Application.from_dict(record, app_id=1)
    tz = ZoneInfo(zone)
    user = Settings(timezone=zone, country="FR")
    for now in (FIXED_NOW, moment.replace(tzinfo=timezone.utc) + timedelta(days=1) if now_at_edge else FIXED_NOW):
        for action in next_actions(app, now, user):
            local_text(action.due, tz)
            absolute_text(action.due, tz)
    local_text(app.interviews[0].at, tz)
    parse_date(moment.date().isoformat())


EDGE_RECORDS = {
    "first": {"company": "First", "decision_by": "1900-01-01", "applied_on": "1900-01-01",
              "interviews": [{"at": "1900-01-01T00:00:00Z", "duration_minutes": 60}]},
    "before the first (a local time in range, in UTC the day before)": {
        "company": "Eve", "interviews": [{"at": "1899-12-31T00:00:00Z"}]},
    "last": {"company": "Last", "decision_by": "2200-12-31", "applied_on": "2200-12-31",
             "interviews": [{"at": "2200-12-31T23:59:59Z", "duration_minutes": 600}],
             "events": [{"at": "2200-12-31T23:59:59Z", "kind": "message-sent", "message_kind": "follow-up"}]},
}


@pytest.mark.parametrize("zone", ZONES[:4])
def test_every_command_runs_on_the_dates_at_the_edges_of_the_range(tmp_path, zone):
    followup = followup_in(tmp_path, zone)
    source = tmp_path / "edges.json"
    source.write_text(json.dumps(list(EDGE_RECORDS.values())))
    followup("import", str(source))
    assert len(followup.json("list", "--json")) == 3
    for command in (("list",), ("show", "1"), ("show", "2"), ("show", "3"), ("due",), ("due", "--within", "3660"),
                    ("stats",), ("export", "--format", "ics"), ("export", "--format", "csv"), ("backups",),
                    ("due", "--at", "2200-12-31 23:00"), ("due", "--at", "1900-01-01")):
        followup(*command)
    assert followup("due", "--at", "2201-01-02", expect=2)


def _in_range_by_utc_day(value: datetime) -> bool:
    """The range's rule for an instant as first written: its UTC day, a day of slack either side."""
    try:
        day = value.astimezone(timezone.utc).date()
    except (OverflowError, ValueError):
        return False
    return EARLIEST - timedelta(days=1) <= day <= LATEST + timedelta(days=1)


_ANY_OFFSET = st.sampled_from([timezone.utc, timezone(timedelta(hours=14)), timezone(timedelta(hours=-11)),
                               timezone(timedelta(hours=-3, minutes=-30)), ZoneInfo("Europe/Paris")])


@settings(max_examples=300, deadline=None, database=None)
@given(moment=st.one_of(_NEAR_EDGES, st.datetimes()), zone=_ANY_OFFSET)
def test_the_instants_bounds_say_what_the_utc_day_says(moment, zone):
    # in_range (and the data file's check) compare with FIRST_INSTANT / AFTER_LAST_INSTANT
    # instead of converting every time: the same answer at every edge and offset
    value = moment.replace(tzinfo=zone)
    assert in_range(value) == _in_range_by_utc_day(value)
    assert in_range(FIRST_INSTANT) and not in_range(FIRST_INSTANT - timedelta(microseconds=1))
    assert not in_range(AFTER_LAST_INSTANT) and in_range(AFTER_LAST_INSTANT - timedelta(microseconds=1))
