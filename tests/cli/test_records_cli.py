"""`followup add / list / show / edit / move / delete / log` end to end on a
real file: output, JSON, history, exit codes and one-line errors."""

from __future__ import annotations

import json

import pytest
from cli.cli_runner import FIXED_NOW_TEXT, make_followup

EVERY_OPTION = [
    "add", "--company", "Acme", "--role", "Data engineer", "--domain", "acme.com",
    "--stage", "interview", "--contact-name", "Ada Lovelace", "--contact-email", "ada@acme.com",
    "--channel", "linkedin", "--interview-at", "2026-11-26 10:00", "--decision-by", "2026-12-04",
    "--do-not-contact",
]


@pytest.fixture
def followup(tmp_path, db_file):
    return make_followup(tmp_path, db_file)


def stored(followup) -> list[dict]:
    return followup.json("list", "--json")


# -- add ------------------------------------------------------------------------


def test_add_with_every_option_prints_the_id_and_stores_every_field(followup):
    result = followup(*EVERY_OPTION)
    assert result.stdout == "1\n"
    app = followup.json("show", "1", "--json")
    assert app["id"] == 1
    assert (app["company"], app["role"], app["company_domain"]) == ("Acme", "Data engineer", "acme.com")
    assert (app["stage"], app["channel"], app["do_not_contact"]) == ("interview", "linkedin", True)
    assert app["contacts"] == [{"name": "Ada Lovelace", "title": "", "email": "ada@acme.com", "phone": ""}]
    [interview] = app["interviews"]
    assert interview["at"] == "2026-11-26T09:00:00Z"  # 10:00 in Paris, stored as UTC
    assert interview["with"] == ["Ada Lovelace"]
    assert app["decision_by"] == "2026-12-04"
    assert app["created"] == FIXED_NOW_TEXT
    assert app["rev"] == 1


def test_add_json_prints_the_new_application_with_its_id(followup):
    followup("add", "--company", "First")
    app = json.loads(followup("add", "--company", "Beta", "--role", "SRE", "--json").stdout)
    assert (app["id"], app["company"], app["role"], app["stage"]) == (2, "Beta", "SRE", "applied")
    assert app == followup.json("show", "2", "--json")


def test_add_picks_the_stage_from_the_interview_when_none_is_given(followup):
    followup("add", "--company", "A")
    followup("add", "--company", "B", "--interview-at", "2026-11-20")
    assert [a["stage"] for a in stored(followup)] == ["applied", "interview"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--role", "no company"], ["company"]),
        (["--company", "   "], ["company"]),
        (["--company", "A", "--contact-email", "ada@acme"], ["email", "ada@acme"]),
        (["--company", "A", "--interview-at", "tomorrow"], ["--interview-at", "YYYY-MM-DD HH:MM", "ISO 8601"]),
        (["--company", "A", "--interview-at", "26/11/2026 10:00"], ["--interview-at", "YYYY-MM-DD"]),
        (["--company", "A", "--decision-by", "next month"], ["--decision-by", "YYYY-MM-DD", "last friday"]),
        (["--company", "A", "--stage", "ghosted"], ["--stage", "ghosted"]),
        (["--company", "A", "--channel", "fax"], ["--channel", "fax"]),
        (["--company", "A", "--bogus"], ["--bogus"]),
    ],
)
def test_add_refuses_bad_input_with_exit_2_and_stores_nothing(followup, args, words):
    result = followup("add", *args, expect=2)
    for word in words:
        assert word in result.stderr
    assert result.stdout == ""
    assert stored(followup) == []


# -- list / show -------------------------------------------------------------------


def test_list_text_and_json_and_stage_filter(followup):
    followup("add", "--company", "Acme", "--role", "Data engineer")
    followup("add", "--company", "Beta", "--role", "SRE", "--stage", "offer")
    followup("add", "--company", "Gamma", "--stage", "offer")
    text = followup("list").stdout.splitlines()
    assert len(text) == 3
    assert "Acme" in text[0] and "Data engineer" in text[0] and "applied" in text[0]

    everything = stored(followup)
    assert [(a["id"], a["company"], a["role"], a["stage"]) for a in everything] == [
        (1, "Acme", "Data engineer", "applied"), (2, "Beta", "SRE", "offer"), (3, "Gamma", "", "offer")]
    offers = followup.json("list", "--stage", "offer", "--json")
    assert [a["id"] for a in offers] == [2, 3]
    assert followup("list", "--stage", "closed", "--json", expect=1).stdout.strip() == "[]"  # nothing matched: 1
    assert followup("list", "--stage", "closed", expect=1).stdout == ""


def test_show_json_includes_the_events_and_text_shows_the_history(followup):
    followup("add", "--company", "Acme")
    followup("move", "1", "interview")
    app = followup.json("show", "1", "--json")
    assert app["events"] == [{"at": FIXED_NOW_TEXT, "kind": "stage-change", "from": "applied", "to": "interview"}]
    text = followup("show", "1").stdout
    assert "Acme" in text
    assert "2026-11-25 16:00  moved applied -> interview" in text  # 15:00 UTC shown in Paris time


def test_outside_text_is_printed_as_given_never_interpreted(followup):
    name = "[bold]x[/] x\\"
    followup("add", "--company", name, "--role", "[TODO] Q3")
    assert followup.json("show", "1", "--json")["company"] == name
    assert f"{name} | [TODO] Q3" in followup("list").stdout


@pytest.mark.parametrize("command", [["show", "9"], ["show", "9", "--json"], ["move", "9", "offer"],
                                     ["delete", "9"], ["edit", "9", "--role", "x"], ["log", "9", "--note", "x"]])
def test_a_missing_id_exits_1_with_one_line(followup, command):
    result = followup(*command, expect=1)
    assert "no application with id 9" in result.stderr


def test_a_non_numeric_id_is_a_usage_error(followup):
    followup("show", "abc", expect=2)


# -- edit / move / delete -----------------------------------------------------------


def test_edit_changes_only_the_given_fields(followup):
    followup(*EVERY_OPTION)
    result = followup("edit", "1", "--role", "Staff engineer", "--contact-email", "ada.l@acme.com", "--may-contact")
    assert result.stdout == "1\n"
    app = followup.json("show", "1", "--json")
    assert (app["company"], app["role"], app["do_not_contact"]) == ("Acme", "Staff engineer", False)
    assert app["contacts"][0] == {"name": "Ada Lovelace", "title": "", "email": "ada.l@acme.com", "phone": ""}
    assert app["decision_by"] == "2026-12-04"
    assert app["rev"] == 2
    edited = json.loads(followup("edit", "1", "--stage", "offer", "--json").stdout)
    assert edited["stage"] == "offer"
    assert edited["events"][-1] == {"at": FIXED_NOW_TEXT, "kind": "stage-change", "from": "interview", "to": "offer"}


def test_edit_with_a_bad_value_changes_nothing(followup, db_file):
    followup("add", "--company", "Acme", "--contact-email", "ada@acme.com")
    before = db_file.read_bytes()
    for args in (["--contact-email", "not-an-email"], ["--company", ""], ["--decision-by", "soon"]):
        followup("edit", "1", *args, expect=2)
    assert db_file.read_bytes() == before


def test_move_records_a_stage_change_and_closed_takes_an_outcome(followup):
    followup("add", "--company", "Acme", "--stage", "interview")
    assert followup("move", "1", "offer").stdout == "1 -> offer\n"
    followup("move", "1", "closed", "--outcome", "accepted")
    app = followup.json("show", "1", "--json")
    assert (app["stage"], app["outcome"]) == ("closed", "accepted")
    changes = [(e["from"], e["to"]) for e in app["events"] if e["kind"] == "stage-change"]
    assert changes == [("interview", "offer"), ("offer", "closed")]
    followup("move", "1", "hired", expect=2)
    followup("move", "1", "closed", "--outcome", "vanished", expect=2)
    followup("move", "1", "closed", "--outcome", "ghosted")
    assert followup.json("show", "1", "--json")["outcome"] == "ghosted"


def test_delete_removes_the_application_for_good(followup):
    followup("add", "--company", "A")
    followup("add", "--company", "B")
    assert followup("delete", "2").stdout == "deleted 2\n"
    assert [a["id"] for a in stored(followup)] == [1]
    followup("show", "2", expect=1)
    assert followup("add", "--company", "C").stdout == "3\n"  # ids are not reused


# -- log ---------------------------------------------------------------------------------


def test_log_sent_thank_you_moves_the_card_and_records_the_recipient(followup):
    followup("add", "--company", "Acme", "--contact-email", "ada@acme.com", "--interview-at", "2026-11-24 10:00")
    assert followup("log", "1", "--sent", "thank-you").stdout == "1 logged (thanked)\n"
    app = followup.json("show", "1", "--json")
    assert app["stage"] == "thanked"
    sent = [e for e in app["events"] if e["kind"] == "message-sent"]
    assert sent == [{"at": FIXED_NOW_TEXT, "kind": "message-sent", "message_kind": "thank-you",
                     "recipient": "ada@acme.com"}]

    followup("log", "1", "--sent", "follow-up", "--to", "boss@acme.com", "--at", "2026-11-24 09:30")
    app = followup.json("show", "1", "--json")
    assert app["stage"] == "following-up"
    last_sent = [e for e in app["events"] if e["kind"] == "message-sent"][-1]
    assert (last_sent["recipient"], last_sent["at"]) == ("boss@acme.com", "2026-11-24T08:30:00Z")


def test_log_response_and_note_never_move_the_card(followup):
    followup("add", "--company", "Acme", "--stage", "following-up")
    followup("log", "1", "--response", "We decide Friday", "--at", "2026-11-25T09:00:00Z")
    followup("log", "1", "--note", "[bold]ask about remote")
    app = followup.json("show", "1", "--json")
    assert app["stage"] == "following-up"
    assert [(e["kind"], e["text"], e["at"]) for e in app["events"]] == [
        ("response", "We decide Friday", "2026-11-25T09:00:00Z"),
        ("note", "[bold]ask about remote", FIXED_NOW_TEXT),
    ]


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--note", "a", "--response", "b"],
        ["--sent", "thank-you", "--note", "a"],
        ["--sent", "cover-letter"],
        ["--note", "a", "--at", "whenever"],  # a day alone ("yesterday") reads as its start, as for due --at
    ],
)
def test_log_usage_errors_exit_2_and_change_nothing(followup, db_file, args):
    followup("add", "--company", "Acme")
    before = db_file.read_bytes()
    result = followup("log", "1", *args, expect=2)
    if "--at" in args:
        assert "YYYY-MM-DD HH:MM" in result.stderr
    assert db_file.read_bytes() == before


def test_version_and_help_exit_0(followup):
    assert "0.1.0" in followup("--version").stdout
    assert "add" in followup("--help").stdout


def test_an_argument_with_bytes_that_are_not_utf8_exits_2(followup):
    result = followup("add", "--company", "bad \udcff bytes", expect=2)
    assert "not valid text" in result.stderr
    assert stored(followup) == []


def test_control_characters_never_reach_the_terminal_in_text_output(followup):
    hostile = "Acme\x1b[2J\x1b]0;pwned\x07\x9b"
    followup("add", "--company", hostile, "--role", "r\x08", "--contact-name", "Ada\x1b[31m",
             "--interview-at", "2026-11-24 10:00")
    followup("log", "1", "--note", "line\x1b[1Aup")
    for command in (["list"], ["show", "1"]):
        out = followup(*command).stdout
        assert not any(ch in out for ch in "\x1b\x07\x08\x9b"), (command, out)
        assert "Acme\u241b[2J" in out  # shown, as a visible stand-in
    assert "line\u241b[1Aup" in followup("show", "1").stdout
    assert followup.json("show", "1", "--json")["company"] == hostile  # stored as given
