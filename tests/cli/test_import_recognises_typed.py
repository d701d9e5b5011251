"""Imports that recognise what you typed (issue 21 item 7): a row is the
application already there when company and role match (case, spacing and
punctuation aside) and the applied dates are at most a week apart, whichever
tool made it; --dry-run says "matches #N"; nothing is added twice. LinkedIn's
questions and answers go to the notes; the channel comes from the source."""

from __future__ import annotations

import pytest
from cli.cli_runner import make_followup

LINKEDIN_HEADER = ("Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,"
                   "Resume Name,Question And Answers")


@pytest.fixture
def followup(tmp_path, db_file):
    return make_followup(tmp_path, db_file)


def linkedin(tmp_path, *rows: str):
    path = tmp_path / "Job Applications.csv"
    path.write_text("\n".join([LINKEDIN_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def typed(followup) -> None:
    followup("add", "--company", "Brightwave Energy", "--role", "Data Analyst", "--applied", "2026-12-01",
             "--notes", "met Ana at the meetup")


def test_a_linkedin_row_for_what_you_typed_matches_it_and_adds_nothing(followup, tmp_path, db_file):
    typed(followup)
    path = linkedin(tmp_path, '12/1/26,sam@gmail.com,,Brightwave Energy,Data Analyst,'
                    'https://www.linkedin.com/jobs/view/42/,cv.pdf,"Q: Visa? A: none needed"')
    before = db_file.read_bytes()
    dry = followup("import", str(path), "--dry-run").stdout
    assert "would add 0, would update 1, unchanged 0" in dry
    assert "  update: Brightwave Energy | Data Analyst (matches #1: job_url, source, resume, notes)" in dry
    assert db_file.read_bytes() == before
    assert "added 0, updated 1, unchanged 0" in followup("import", str(path)).stdout
    [app] = followup.json("list", "--json")
    assert app["notes"] == "met Ana at the meetup\n\nQuestions and answers when applying (LinkedIn Job Applications):\nQ: Visa? A: none needed"
    assert app["channel"] == "email"  # what you chose is kept
    again = followup("import", str(path), "--dry-run").stdout
    assert "  unchanged: Brightwave Energy | Data Analyst (matches #1)" in again


@pytest.mark.parametrize(("company", "role", "day"), [
    ("BRIGHTWAVE ENERGY", "data analyst", "12/1/26"),  # case
    ("Brightwave  Energy", "Data  Analyst", "12/4/26"),  # spacing, three days later
    ("Brightwave Energy.", "Data-Analyst", "11/24/26"),  # punctuation, a week earlier
])
def test_case_spacing_punctuation_and_a_few_days_aside_it_is_the_same_application(followup, tmp_path, company, role, day):
    typed(followup)
    out = followup("import", str(linkedin(tmp_path, f"{day},,,{company},{role},,,"))).stdout
    assert "added 0" in out
    assert len(followup.json("list", "--json")) == 1


@pytest.mark.parametrize(("company", "role", "day"), [
    ("Brightwave Energy", "Data Engineer", "12/1/26"),  # another role
    ("Brightwave Solar", "Data Analyst", "12/1/26"),  # another company
    ("Brightwave Energy", "Data Analyst", "12/9/26"),  # eight days later: applied again
])
def test_another_role_company_or_time_is_another_application(followup, tmp_path, company, role, day):
    typed(followup)
    out = followup("import", str(linkedin(tmp_path, f"{day},,,{company},{role},,,"))).stdout
    assert "added 1" in out
    assert len(followup.json("list", "--json")) == 2


def test_the_channel_comes_from_the_source(followup, tmp_path):
    followup("import", str(linkedin(tmp_path, "12/1/26,,,Acme,Analyst,,,")))
    generic = tmp_path / "mine.csv"
    generic.write_text("company,role,url\nGreenco,Analyst,https://boards.greenhouse.io/greenco/jobs/1\n"
                       "Plainco,Analyst,https://plainco.example/jobs/1\nMailco,Analyst,\n", encoding="utf-8")
    followup("import", str(generic))
    channels = {a["company"]: a["channel"] for a in followup.json("list", "--json")}
    assert channels == {"Acme": "linkedin", "Greenco": "portal", "Plainco": "other", "Mailco": "other"}
