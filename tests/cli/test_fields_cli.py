"""The fields trackers have (URL, location, salary, applied date, source,
resume, tags, priority, multi-line notes) through add / edit / show / list,
the saved stage, and times typed as people say them."""

from __future__ import annotations

import pytest
from cli.cli_runner import make_followup

from followup_tui.domain.timeparse import ACCEPTED_NATURAL_WHEN_FORMS


@pytest.fixture
def followup(tmp_path, db_file):
    return make_followup(tmp_path, db_file)


def test_add_stores_every_new_field_and_show_prints_them(followup):
    followup(
        "add", "--company", "Acme", "--role", "Data engineer", "--url", "https://acme.example/jobs/42",
        "--location", "Lyon (hybrid)", "--salary", "55-65k EUR", "--applied", "2026-11-20",
        "--source", "LinkedIn", "--resume", "cv-data-v3.pdf", "--tags", "remote, python,Remote",
        "--priority", "high", "--notes", "first line\nsecond line", "--stage", "saved",
    )
    app = followup.json("show", "1", "--json")
    assert {k: app[k] for k in ("job_url", "location", "salary", "applied_on", "source", "resume", "tags",
                                "priority", "notes", "stage")} == {
        "job_url": "https://acme.example/jobs/42", "location": "Lyon (hybrid)", "salary": "55-65k EUR",
        "applied_on": "2026-11-20", "source": "LinkedIn", "resume": "cv-data-v3.pdf", "tags": ["remote", "python"],
        "priority": "high", "notes": "first line\nsecond line", "stage": "saved",
    }
    text = followup("show", "1").stdout
    for line in ("job url: https://acme.example/jobs/42", "location: Lyon (hybrid)", "salary: 55-65k EUR",
                 "applied: 2026-11-20", "source: LinkedIn", "resume: cv-data-v3.pdf", "tags: remote, python",
                 "priority: high", "notes:\n  first line\n  second line"):
        assert line in text


def test_edit_changes_and_clears_fields(followup):
    followup("add", "--company", "Acme", "--tags", "a,b", "--priority", "low", "--location", "Paris")
    followup("edit", "1", "--tags", "", "--priority", "none", "--location", "Remote", "--applied", "yesterday")
    app = followup.json("show", "1", "--json")
    assert (app["tags"], app["priority"], app["location"]) == ([], "", "Remote")
    assert app["applied_on"] == "2026-11-24"  # the fixed clock says 2026-11-25


@pytest.mark.parametrize(
    ("args", "word"),
    [
        (["--url", "acme.example/jobs"], "--url"),
        (["--priority", "urgent"], "--priority"),
        (["--applied", "03/04/2026"], "--applied"),
    ],
)
def test_bad_field_values_exit_2_naming_the_option(followup, args, word):
    result = followup("add", "--company", "Acme", *args, expect=2)
    assert word in result.stderr
    assert followup.json("list", "--json") == []


def test_list_filters_by_tag_and_stage(followup):
    followup("add", "--company", "A", "--tags", "remote,python")
    followup("add", "--company", "B", "--tags", "Remote", "--stage", "saved")
    followup("add", "--company", "C", "--stage", "saved")
    names = lambda *args: [a["company"] for a in followup.json("list", "--json", *args)]  # noqa: E731
    assert names("--tag", "remote") == ["A", "B"]  # case does not matter
    assert names("--tag", "remote", "--tag", "python") == ["A"]
    assert names("--stage", "saved") == ["B", "C"]
    assert names("--stage", "saved", "--tag", "REMOTE") == ["B"]
    assert names("--stage", "saved", "--stage", "applied") == ["A", "B", "C"]
    assert "[remote, python]" in followup("list").stdout


def test_the_saved_stage_comes_before_applied_and_ghosted_closes(followup):
    followup("add", "--company", "A", "--stage", "saved")
    followup("move", "1", "applied")
    followup("move", "1", "closed", "--outcome", "ghosted")
    app = followup.json("show", "1", "--json")
    assert [(e["from"], e["to"]) for e in app["events"] if e["kind"] == "stage-change"] == [
        ("saved", "applied"), ("applied", "closed")]
    assert app["outcome"] == "ghosted"


# -- times as people type them (fixed clock: Wed 2026-11-25 16:00 in Paris) --------


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("tomorrow 9:30", "2026-11-26T08:30:00Z", "Thu 2026-11-26 09:30"),
        ("today 14:00", "2026-11-25T13:00:00Z", "Wed 2026-11-25 14:00"),
        ("friday 10:00", "2026-11-27T09:00:00Z", "Fri 2026-11-27 10:00"),
        ("in 3 days", "2026-11-28T15:00:00Z", "Sat 2026-11-28 16:00"),
    ],
)
def test_interview_time_as_people_type_it_is_shown_back_absolute(followup, typed, stored, shown):
    result = followup("add", "--company", "Acme", "--interview-at", typed)
    assert shown in result.stderr
    assert followup.json("show", "1", "--json")["interviews"][0]["at"] == stored


@pytest.mark.parametrize("typed", ["tomorrow", "03/04 10:00", "next month", "friday 9", "tomorrow 25:00"])
def test_ambiguous_times_are_refused_with_the_accepted_forms(followup, typed):
    result = followup("add", "--company", "Acme", "--interview-at", typed, expect=2)
    assert "--interview-at" in result.stderr
    assert ACCEPTED_NATURAL_WHEN_FORMS in result.stderr
    assert followup.json("list", "--json") == []


def test_log_at_accepts_a_typed_time(followup):
    followup("add", "--company", "Acme")
    followup("log", "1", "--note", "called", "--at", "yesterday 17:00")
    [event] = followup.json("show", "1", "--json")["events"]
    assert event["at"] == "2026-11-24T16:00:00Z"
