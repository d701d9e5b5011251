"""`followup export` and `followup import`: JSON re-imports to the same data,
CSV carries the history, spreadsheet headers are understood, and a bad row
stops the whole import."""

from __future__ import annotations

import csv
import io
import json

import pytest
from cli.cli_runner import make_followup

from followup_tui.transfer import CSV_COLUMNS


@pytest.fixture
def followup(tmp_path, db_file):
    return make_followup(tmp_path, db_file)


def fill(followup) -> None:
    followup("add", "--company", "Acme", "--role", "Data engineer", "--domain", "acme.com",
             "--contact-name", "Ada", "--contact-email", "ada@acme.com", "--channel", "linkedin",
             "--interview-at", "2026-11-24 10:00", "--decision-by", "2026-12-04", "--do-not-contact")
    followup("log", "1", "--sent", "thank-you", "--at", "2026-11-24 18:00")
    followup("log", "1", "--note", "[bold]x x\\ ; with a semicolon, and a comma")
    followup("add", "--company", "Beta", "--role", "SRE")
    followup("add", "--company", "Gone")
    followup("move", "2", "closed", "--outcome", "rejected")
    followup("delete", "3")  # ids in the export are then not contiguous


def without_rev(apps: list[dict]) -> list[dict]:
    return [{k: v for k, v in app.items() if k not in ("id", "rev")} for app in apps]


# -- JSON ------------------------------------------------------------------------


def test_json_export_reimports_into_an_empty_db_to_the_same_data(followup, tmp_path):
    fill(followup)
    exported = followup("export", "--format", "json").stdout
    document = json.loads(exported)
    assert [a["company"] for a in document["applications"]] == ["Acme", "Beta"]
    assert document["applications"][0]["events"]  # the full data, history included

    export_file = tmp_path / "export.json"
    export_file.write_text(exported, encoding="utf-8")
    other_db = tmp_path / "other" / "followup.json"
    assert "added 2, updated 0, unchanged 0" in followup("import", str(export_file), db=other_db).stdout

    again = json.loads(followup("export", "--format", "json", db=other_db).stdout)
    assert without_rev(again["applications"]) == without_rev(document["applications"])
    assert followup.json("list", "--json", db=other_db) == again["applications"]


def test_export_to_a_file(followup, tmp_path):
    fill(followup)
    target = tmp_path / "out.json"
    result = followup("export", "--format", "json", "-o", str(target))
    assert result.stdout == ""
    assert "exported 2 applications" in result.stderr
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(followup("export").stdout)


def test_a_bad_json_record_is_reported_and_nothing_imported(followup, tmp_path, db_file):
    followup("add", "--company", "Existing")
    before = db_file.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"applications": [{"company": "Good"}, {"company": "Bad", "stage": "nope"}]}))
    result = followup("import", str(bad), expect=2)
    assert "row 2" in result.stderr and "nothing was imported" in result.stderr
    assert db_file.read_bytes() == before


# -- CSV export ---------------------------------------------------------------------


def test_csv_export_has_readable_columns_for_every_contact_round_and_event(followup):
    fill(followup)
    followup("edit", "1", "--contact-name", "Ada")  # keeps one contact; add a second through JSON below
    text = followup("export", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    columns = list(rows[0])
    assert columns[: len(CSV_COLUMNS)] == CSV_COLUMNS
    assert "contact_1_email" in columns and "interview_1_at" in columns and "event_3" in columns
    assert [(r["id"], r["company"], r["stage"], r["outcome"]) for r in rows] == [
        ("1", "Acme", "thanked", ""), ("2", "Beta", "closed", "rejected")]
    acme = rows[0]
    assert (acme["contact_1_email"], acme["interview_1_at"], acme["decision_by"]) == (
        "ada@acme.com", "2026-11-24T10:00:00+01:00", "2026-12-04")  # times in the user's timezone, with offset
    assert acme["event_1"] == "2026-11-24T18:00:00+01:00 message-sent\nmessage_kind: thank-you\nrecipient: ada@acme.com"
    assert acme["event_3"] == "2026-11-25T16:00:00+01:00 note\ntext: [bold]x x\\ ; with a semicolon, and a comma"
    assert rows[1]["event_1"].startswith("2026-11-25T16:00:00+01:00 stage-change\nfrom: applied\nto: closed")


# -- CSV import ---------------------------------------------------------------------


def write_csv(tmp_path, text: str, bom: bool = False):
    path = tmp_path / "in.csv"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def test_csv_import_understands_spreadsheet_headers_and_a_bom(followup, tmp_path):  # noqa: D103
    path = write_csv(
        tmp_path,
        "Company,Job Title,Status,Contact Email,Interview Date,Decision Date\n"
        "Acme,Data engineer,Interviewing,ada@acme.com,2026-11-26 10:00,2026-12-04\n"
        "Beta,SRE,Rejected,,,\n"
        "Gamma,,Following up,,,\n",
        bom=True,
    )
    assert "added 3, updated 0" in followup("import", str(path)).stdout
    apps = followup.json("list", "--json")
    assert [(a["company"], a["role"], a["stage"], a["outcome"]) for a in apps] == [
        ("Acme", "Data engineer", "interview", None),
        ("Beta", "SRE", "closed", "rejected"),
        ("Gamma", "", "following-up", None),
    ]
    assert apps[0]["contacts"][0]["email"] == "ada@acme.com"
    assert apps[0]["interviews"][0]["at"] == "2026-11-26T09:00:00Z"  # read in the user's timezone
    assert apps[0]["decision_by"] == "2026-12-04"


def test_csv_import_with_position_and_plain_names(followup, tmp_path):
    path = write_csv(tmp_path, "company,position,stage,contact_email,interview_at,decision_by\n"
                               "Delta,Analyst,offer,bo@delta.io,,\n")
    followup("import", str(path))
    [app] = followup.json("list", "--json")
    assert (app["company"], app["role"], app["stage"]) == ("Delta", "Analyst", "offer")


def test_csv_import_from_stdin(followup):
    followup("import", "-", input="Company,Role\nAcme,SRE\n")
    assert [a["company"] for a in followup.json("list", "--json")] == ["Acme"]


@pytest.mark.parametrize(
    ("rows", "bad_row", "word"),
    [
        ("Acme,A,applied,ada@acme.com,,\nBeta,B,applied,not-an-email,,\n", 3, "email"),
        ("Acme,A,hired-ish,,,\n", 2, "stage"),
        ("Acme,A,,,tomorrow,\n", 2, "YYYY-MM-DD HH:MM"),
        ("Acme,A,,,,soon\n", 2, "YYYY-MM-DD"),
        ("Acme,A,,,,\n,no company,applied,,,\n", 3, "company"),
        ("Acme,A,,,,\n\nBeta,B,bogus,,,\n", 4, "stage"),  # a blank line still counts as a row
    ],
)
def test_a_bad_csv_row_is_reported_by_number_and_nothing_is_imported(followup, tmp_path, db_file, rows, bad_row, word):
    followup("add", "--company", "Existing")
    before = db_file.read_bytes()
    path = write_csv(tmp_path, "company,role,stage,contact_email,interview_at,decision_by\n" + rows)
    result = followup("import", str(path), expect=2)
    assert f"row {bad_row}:" in result.stderr
    assert word in result.stderr
    assert "nothing was imported" in result.stderr
    assert str(path) in result.stderr
    assert db_file.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "word"),
    [
        (b"", "empty"),
        (b"name,title\nAcme,SRE\n", "no company column"),
        (b"{not json", "JSON"),
        (b"\xff\xfe\x00bad", "no company column"),  # valid UTF-16, but no header we know
        (b"\x00\x01\x02\x03bad\xff", "cannot read"),
    ],
)
def test_unusable_import_files_exit_2(followup, tmp_path, content, word):
    path = tmp_path / "in.txt"
    path.write_bytes(content)
    result = followup("import", str(path), expect=2)
    assert word in result.stderr
    assert followup.json("list", "--json") == []


def test_import_of_a_missing_file_exits_2(followup, tmp_path):
    result = followup("import", str(tmp_path / "nope.csv"), expect=2)
    assert "nope.csv" in result.stderr


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_defused(followup):
    followup("add", "--company", '=HYPERLINK("http://x","click")', "--role", "-1+2", "--contact-name", "@ann")
    rows = list(csv.DictReader(io.StringIO(followup("export", "--format", "csv").stdout)))
    assert rows[0]["company"] == "'=HYPERLINK(\"http://x\",\"click\")"
    assert rows[0]["role"] == "'-1+2"
    assert rows[0]["contact_1_name"] == "'@ann"
    # JSON, the re-importable export, keeps the text exactly as stored
    assert json.loads(followup("export").stdout)["applications"][0]["company"] == '=HYPERLINK("http://x","click")'
