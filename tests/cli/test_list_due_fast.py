"""`list --json` and `due --json` print exactly what they printed before
they were made fast (issue 10): the same bytes as the record-by-record read,
`to_dict` and the standard encoder, on demo data, on a generated search and
on a hand-edited file; and `followup list` loads none of the heavy modules
it does not need."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import orjson
import pytest
from cli.cli_runner import FIXED_NOW_TEXT, make_followup
from fixed import FIXED_NOW

from followup_tui.cli.due import action_json, later_by_days
from followup_tui.cli.records import app_json
from followup_tui.domain.cadence import next_actions, sort_key
from followup_tui.domain.demo import demo_applications
from followup_tui.domain.model import Application, Event
from followup_tui.domain.settings import Settings
from followup_tui.domain.textsafe import json_safe
from followup_tui.domain.timeparse import parse_instant_iso
from followup_tui.store import data_file
from followup_tui.store.tinydb_store import TinyDBRepository

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent / "benchmarks"))
from datagen import generate  # noqa: E402


def slow_read(db: Path) -> list[Application]:
    table = data_file.parse_document(db, db.read_bytes())["applications"]
    return [Application.from_dict(table[k], app_id=int(k)) for k in sorted(table, key=int)]


def list_as_before(apps: list[Application]) -> str:
    text = orjson.dumps([app_json(a) for a in apps], option=orjson.OPT_INDENT_2).decode("utf-8")
    return json_safe(text) + "\n"


def due_as_before(apps: list[Application]) -> str:
    settings = Settings(timezone="Europe/Paris")
    now = parse_instant_iso(FIXED_NOW_TEXT)
    until = later_by_days(now, 1, settings.tz)
    found = [(a, x) for a in apps for x in next_actions(a, now, settings) if x.due <= until]
    found.sort(key=lambda pair: (sort_key(pair[1]), pair[0].id or 0))
    text = orjson.dumps([action_json(a, x) for a, x in found], option=orjson.OPT_INDENT_2).decode("utf-8")
    return json_safe(text) + "\n"


def stored(tmp_path: Path, apps: list[Application]) -> Path:
    db = tmp_path / "data" / "apps.json"
    TinyDBRepository.open(db, clock=lambda: FIXED_NOW).add_many(apps)
    return db


@pytest.mark.parametrize("source", ["demo", "generated 1,000"])
def test_list_and_due_json_print_what_they_printed_before(tmp_path, source):
    apps = demo_applications(FIXED_NOW) if source == "demo" else generate(1000, FIXED_NOW)
    apps[0].notes = "C1 \x9b, DEL \x7f, bidi \u202e, zero-width \u200b, ESC \x1b[31m, 😀"  # escaped the same way
    db = stored(tmp_path, apps)
    assert data_file._check_quickly(db, db.read_bytes()) is not None  # noqa: SLF001  (the one pass is what runs)
    followup = make_followup(tmp_path, db)
    before = slow_read(db)
    assert followup("list", "--json").stdout == list_as_before(before)
    due = followup("due", "--json").stdout
    assert due == due_as_before(before)
    assert len(json.loads(due)) > (0 if source == "demo" else 20)


def test_a_hand_edited_file_prints_what_it_printed_before(tmp_path):
    """Times with offsets and fractions: read as the same instants, printed
    through to_dict (UTC, whole seconds), exactly as before."""
    db = stored(tmp_path, demo_applications(FIXED_NOW))
    document = json.loads(db.read_text(encoding="utf-8"))
    record = document["applications"]["2"]
    record["created"] = "2026-11-01T10:00:00.123456+02:00"
    record["events"].append({"at": "2026-11-02T09:30:00-05:00", "kind": "note", "text": "by hand"})
    db.write_text(json.dumps(document), encoding="utf-8")
    followup = make_followup(tmp_path, db)
    before = slow_read(db)
    printed = followup("list", "--json").stdout
    assert printed == list_as_before(before)
    assert json.loads(printed)[1]["created"] == "2026-11-01T08:00:00Z"
    assert followup("due", "--json").stdout == due_as_before(before)


def test_an_application_changed_in_memory_is_printed_through_to_dict():
    """Times straight from a clock (microseconds) are printed as to_dict writes them."""
    from followup_tui.cli.records import applications_json

    app = Application(company="Acme", id=3, created=datetime(2026, 11, 1, 10, 0, 0, 500, tzinfo=timezone.utc))
    app.events.append(Event(at=datetime(2026, 11, 1, 10, 0, 1, 7, tzinfo=timezone.utc), kind="note", text="x"))
    expected = orjson.dumps([app_json(app)], option=orjson.OPT_INDENT_2)
    assert applications_json([app]) == expected
    assert applications_json([]) == orjson.dumps([], option=orjson.OPT_INDENT_2)


HEAVY = ("pydantic", "holidays", "charset_normalizer", "email_validator", "textual", "icalendar", "textstat")


@pytest.mark.parametrize("command", [["list", "--json"], ["due", "--json"], ["list"]])
def test_list_and_due_load_no_heavy_module(tmp_path, command):
    db = stored(tmp_path, demo_applications(FIXED_NOW))
    code = (
        "import sys; from followup_tui.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        f"print('LOADED', sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, "--db", str(db), *command],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "LOADED []" in done.stderr, done.stderr
