"""`followup stats`: the hand-built search (tests/domain/stats_data.py) stored
in a real data file, read back by the command, as JSON and as text charts."""

from __future__ import annotations

import pytest
from cli.cli_runner import make_followup
from domain.stats_data import hand_built

from followup_tui.store import TinyDBRepository


@pytest.fixture
def followup(tmp_path, db_file):
    repo = TinyDBRepository.open(db_file)
    repo.add_many(hand_built())
    return make_followup(tmp_path, db_file)


def test_json_carries_the_hand_worked_figures(followup):
    data = followup.json("stats", "--json")
    assert data["applications"] == 6
    funnel = {row["stage"]: row["reached"] for row in data["funnel"]}
    assert funnel["applied"] == 6 and funnel["interview"] == 3 and funnel["offer"] == 1
    assert data["response_rate"] == {"part": 4, "whole": 6, "share": 0.6667, "answer_means": "a response, an interview, an offer or a decision"}
    assert funnel["saved"] == 0 and data["funnel"][0]["label"] == "saved first"  # none was saved first
    assert data["days_to_first_response"]["median"] == 5.0
    assert data["days_last_interview_to_decision"] == {"median": 7.5, "count": 2, "days": [4, 11]}
    assert data["thank_you_on_time"] == {"part": 1, "whole": 2, "share": 0.5, "hours": 24}
    assert data["follow_ups"]["sent"] == 3
    assert data["follow_ups"]["answered"] == {"part": 1, "whole": 3, "share": 0.3333}
    assert data["outcomes"] == {"accepted": 0, "rejected": 2, "withdrawn": 1, "moved-on": 0, "ghosted": 0}
    assert data["by_channel"]["email"]["applications"] == 3
    assert list(data["by_source"]) == ["linkedin", "referral", "unknown"]
    assert data["by_source"]["referral"]["closed"] == {"rejected": 1}
    assert [w["applications"] for w in data["per_week"]] == [1, 0, 3, 0, 1, 1]
    assert data["per_week"][0]["week"] == "2026-10-19"


def test_since_narrows_the_figures(followup):
    data = followup.json("stats", "--since", "2026-11-03", "--json")
    assert data["since"] == "2026-11-03"
    assert data["applications"] == 4
    assert [w["applications"] for w in data["per_week"]] == [2, 0, 1, 1]


def test_text_report_has_charts_with_numbers_and_fits_80_columns(followup):
    out = followup("stats").stdout
    lines = out.splitlines()
    assert lines[0] == "Job search: 6 applications"
    assert "  applied          6 " + "█" * 40 in lines
    assert "  interviewed      3 " + "█" * 20 in lines
    assert any(line.startswith("Response rate         67% (4 of 6") for line in lines)
    assert any("median 5 days after applying" in line for line in lines)
    assert any("median 7.5 days after the last round" in line for line in lines)
    assert any(line.startswith("Thank-you notes       50% sent within 24 hours (1 of 2)") for line in lines)
    assert any(line.startswith("Follow-ups answered   33% (1 of 3)") for line in lines)
    assert "  2026-11-02    3 " + "█" * 40 in lines
    assert max(len(line) for line in lines) <= 80


def test_a_bad_since_is_a_usage_error(followup):
    result = followup("stats", "--since", "last week", expect=2)
    assert "--since" in result.stderr


def test_an_empty_file_says_so(tmp_path):
    followup = make_followup(tmp_path, tmp_path / "empty" / "db.json")
    out = followup("stats").stdout
    assert "Job search: 0 applications" in out
    assert "Response rate         n/a" in out
    assert "Applications per week: none yet" in out
