"""Imports from the trackers people leave (files built from their documented
headers), any spreadsheet's CSV (delimiter and encoding found for it), our
own CSV (the same data back), re-imports that update instead of duplicating,
and --dry-run."""

from __future__ import annotations

import json

import pytest
from cli.cli_runner import make_followup

LINKEDIN_HEADER = ("Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,"
                   "Resume Name,Question And Answers")


@pytest.fixture
def followup(tmp_path, db_file):
    return make_followup(tmp_path, db_file)


def write(tmp_path, name: str, data: str | bytes):
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def apps_of(followup) -> list[dict]:
    return followup.json("list", "--json")


def pick(app: dict, *keys: str) -> tuple:
    return tuple(app[k] for k in keys)


# -- LinkedIn ----------------------------------------------------------------------


def linkedin_file(tmp_path):
    return write(tmp_path, "Job Applications.csv", LINKEDIN_HEADER + "\n"
                 "\"9/29/26, 10:05 AM\",sam.doe@gmail.com,+33 6 12 34 56 78,Examplecorp,Senior Backend Engineer,"
                 "https://www.linkedin.com/jobs/view/4000000002/,Sam_Doe_CV.pdf,\"Q: Salary? A: 60k\"\n"
                 "8/15/26,sam.doe@gmail.com,,Dataco,Data Engineer,https://www.linkedin.com/jobs/view/4000000001/,"
                 "Sam_Doe_CV_data.pdf,\n")


def test_linkedin_keeps_dates_urls_and_resumes_and_never_takes_your_address_as_a_contact(followup, tmp_path):
    result = followup("import", str(linkedin_file(tmp_path)))
    assert "LinkedIn Job Applications (recognised from the header row" in result.stdout
    assert "added 2, updated 0, unchanged 0" in result.stdout
    assert ("ignored: Contact Email (your own address, not an employer contact), "
            "Contact Phone Number (your own number)\n") in result.stdout
    examplecorp, dataco = apps_of(followup)
    assert pick(examplecorp, "company", "role", "stage", "applied_on", "job_url", "resume", "source") == (
        "Examplecorp", "Senior Backend Engineer", "applied", "2026-09-29",
        "https://www.linkedin.com/jobs/view/4000000002/", "Sam_Doe_CV.pdf", "LinkedIn")
    assert examplecorp["contacts"] == [] and dataco["contacts"] == []
    assert pick(dataco, "applied_on", "resume") == ("2026-08-15", "Sam_Doe_CV_data.pdf")


def test_importing_the_same_file_again_updates_instead_of_duplicating(followup, tmp_path):
    path = linkedin_file(tmp_path)
    followup("import", str(path))
    followup("move", "1", "interview")  # progress recorded here is not undone by the re-import
    again = followup("import", str(path)).stdout
    assert "added 0, updated 0, unchanged 2" in again
    assert [a["company"] for a in apps_of(followup)] == ["Examplecorp", "Dataco"]
    assert apps_of(followup)[0]["stage"] == "interview"


def test_a_later_export_from_another_tracker_updates_the_matching_application(followup, tmp_path):
    followup("import", str(linkedin_file(tmp_path)))
    huntr = write(tmp_path, "huntr.csv", "Employer,Job Title,List,URL,Location,Salary,Date Saved,Notes\n"
                  "Examplecorp,Senior Backend Engineer,Interview,https://linkedin.com/jobs/view/4000000002,"
                  "Lyon,65k EUR,2026-09-28,phone screen done\n")
    out = followup("import", str(huntr)).stdout
    assert "added 0, updated 1" in out  # matched on the URL (scheme, www and the last / ignored)
    app = apps_of(followup)[0]
    assert pick(app, "stage", "location", "salary", "notes", "resume") == (
        "interview", "Lyon", "65k EUR",
        "Questions and answers when applying (LinkedIn Job Applications):\nQ: Salary? A: 60k\n\nphone screen done",
        "Sam_Doe_CV.pdf")
    assert app["events"][-1]["to"] == "interview"


# -- Huntr ----------------------------------------------------------------------------


def test_huntr_full_data_export_in_camel_case(followup, tmp_path):
    path = write(tmp_path, "huntr-jobs.csv",
                 "id,companyName,title,listName,url,location,salary,createdAt,description,boardName\n"
                 "a1,Acme,Platform Engineer,Wishlist,https://acme.example/jobs/1,Remote,$120k,"
                 "2026-10-01T09:30:00.000Z,long text,Search 2026\n"
                 "a2,Beta,SRE,Interviewing,https://beta.example/j/2,Berlin,,2026-10-02T10:00:00.000Z,,Search 2026\n"
                 "a3,Gamma,Analyst,Rejected,,,,2026-10-03T10:00:00.000Z,,Search 2026\n"
                 "a4,Delta,Dev,Offer,,,,2026-10-04T10:00:00.000Z,,Search 2026\n")
    out = followup("import", str(path)).stdout
    assert "as Huntr (recognised from the header row" in out
    assert "ignored: id, description, boardName" in out
    acme, beta, gamma, delta = apps_of(followup)
    assert pick(acme, "company", "role", "stage", "job_url", "location", "salary", "created") == (
        "Acme", "Platform Engineer", "saved", "https://acme.example/jobs/1", "Remote", "$120k",
        "2026-10-01T09:30:00Z")
    assert (beta["stage"], gamma["stage"], gamma["outcome"], delta["stage"]) == (
        "interview", "closed", "rejected", "offer")


def test_huntr_board_export_maps_each_list(followup, tmp_path):
    path = write(tmp_path, "huntr.csv", "Employer,Job Title,List,URL,Location,Salary,Date Saved,Notes\n"
                 "Acme Corp,Senior Dev,Applied,https://acme.example/jobs/1,London,£80k,2026-01-15,Great fit\n"
                 "BigCo,Junior Dev,Interview,https://bigco.example/jobs/2,Remote,$60k,2026-01-20,Phone screen done\n"
                 "StartupX,Full Stack,Wishlist,https://startupx.example/jobs/3,NYC,$120k,2026-02-01,\n")
    followup("import", str(path))
    apps = apps_of(followup)
    assert [a["stage"] for a in apps] == ["applied", "interview", "saved"]
    assert pick(apps[0], "salary", "location", "notes", "created") == (
        "£80k", "London", "Great fit", "2026-01-14T23:00:00Z")  # a plain date: midnight in Paris


# -- Teal ------------------------------------------------------------------------------


def test_teal_export_with_bookmarked_and_other_statuses(followup, tmp_path):
    path = write(tmp_path, "teal.csv",
                 "Company Name,Job Title,Status,Job URL,Location,Min Salary,Max Salary,Date Saved,Date Applied,"
                 "Excitement,Notes\n"
                 "TealCo,Product Manager,Bookmarked,https://tealco.example/pm,SF,130000,150000,2026-10-01,,5,\n"
                 "AnotherCo,Designer,Applied,https://another.example/d,Remote,,,2026-10-02,2026-10-03,2,\n"
                 "ThirdCo,Writer,Interviewing,,,,,,,3,\n"
                 "FourthCo,Analyst,Not Selected,,,,,,,,\n"
                 "FifthCo,Tester,I Withdrew,,,,,,,,\n"
                 "SixthCo,Dev,No Response 🔕,,,,,,,,\n")
    out = followup("import", str(path)).stdout
    assert "as Teal (recognised" in out
    apps = apps_of(followup)
    assert [(a["stage"], a["outcome"]) for a in apps] == [
        ("saved", None), ("applied", None), ("interview", None), ("closed", "rejected"),
        ("closed", "withdrawn"), ("closed", "ghosted")]
    assert pick(apps[0], "salary", "priority", "job_url") == ("130000-150000", "high", "https://tealco.example/pm")
    assert pick(apps[1], "applied_on", "priority") == ("2026-10-03", "low")


def test_from_overrides_the_detection(followup, tmp_path):
    path = write(tmp_path, "x.csv", "Company Name,Job Title,Status\nAcme,Dev,Bookmarked\n")
    assert "as CSV (as chosen with --from" in followup("import", str(path), "--from", "csv").stdout
    assert apps_of(followup)[0]["stage"] == "saved"


# -- any CSV: delimiter and encoding --------------------------------------------------


def test_a_european_spreadsheet_csv_semicolons_and_cp1252(followup, tmp_path):
    text = ("Entreprise;Poste;Statut;Lieu;Salaire;Date de candidature\n"
            "Société Générale;Ingénieur données;Entretien;Paris;55 000 €;\n"
            "Müller & Söhne;Straßenbau „Leiter“;Applied;Köln;;\n")
    path = write(tmp_path, "europe.csv", text.replace("Entreprise", "Company").replace("Poste", "Role")
                 .replace("Statut", "Status").replace("Lieu", "Location").replace("Salaire", "Salary")
                 .replace("Entretien", "Interview").encode("cp1252"))
    out = followup("import", str(path)).stdout
    assert "cp1252, delimiter ';'" in out
    assert "ignored: Date de candidature" in out
    apps = apps_of(followup)
    assert pick(apps[0], "company", "role", "stage", "location", "salary") == (
        "Société Générale", "Ingénieur données", "interview", "Paris", "55 000 €")
    assert pick(apps[1], "company", "role") == ("Müller & Söhne", "Straßenbau „Leiter“")


def test_tab_separated_utf8_with_bom_and_latin1(followup, tmp_path):
    followup("import", str(write(tmp_path, "a.tsv", "\ufeffCompany\tRole\tTags\nAcme\tDev\tremote; python\n")))
    followup("import", str(write(tmp_path, "b.csv", "Company,Role\nCafé Lumière,Barista\n".encode("latin-1"))))
    acme, cafe = apps_of(followup)
    assert (acme["role"], acme["tags"]) == ("Dev", ["remote", "python"])
    assert cafe["company"] == "Café Lumière"


def test_ambiguous_slashed_dates_in_a_plain_csv_name_the_row(followup, tmp_path):
    path = write(tmp_path, "d.csv", "Company,Applied\nAcme,25/11/2026\nBeta,03/04/2026\n")
    result = followup("import", str(path), expect=2)
    assert "row 3" in result.stderr and "cannot be told apart" in result.stderr
    assert apps_of(followup) == []


# -- --dry-run -------------------------------------------------------------------------


def test_dry_run_shows_added_updated_and_ignored_and_saves_nothing(followup, tmp_path, db_file):
    followup("add", "--company", "Examplecorp", "--role", "Senior Backend Engineer",
             "--url", "https://www.linkedin.com/jobs/view/4000000002/")
    before = db_file.read_bytes()
    out = followup("import", str(linkedin_file(tmp_path)), "--dry-run").stdout
    assert "would add 1, would update 1, unchanged 0" in out
    assert "  add: Dataco | Data Engineer" in out
    assert "  update: Examplecorp | Senior Backend Engineer (matches #1: applied_on, source, resume, notes)" in out
    assert "ignored: Contact Email" in out
    assert out.endswith("dry run: nothing was saved\n")
    assert db_file.read_bytes() == before


# -- our own CSV, back to the same data -------------------------------------------------


def rich_data(followup, tmp_path) -> None:
    document = {"applications": [
        {
            "company": "=Acme", "role": "Data engineer", "company_domain": "acme.com", "stage": "following-up",
            "channel": "linkedin", "do_not_contact": True, "decision_by": "2026-12-04",
            "job_url": "https://acme.example/jobs/42", "location": "Lyon, FR", "salary": "-55k (gross)",
            "applied_on": "2026-11-01", "source": "referral", "resume": "cv v3.pdf", "tags": ["remote", "data eng"],
            "priority": "high", "notes": "line one\nline two: with a colon\n  indented line\n",
            "contacts": [{"name": "Ada", "title": "Lead", "email": "ada@acme.com", "phone": "+33 1"},
                         {"name": "Bob", "title": "", "email": "", "phone": ""}],
            "interviews": [
                {"at": "2026-11-20T09:00:00Z", "kind": "phone", "with": ["Ada"], "notes": "", "duration_minutes": 30},
                {"at": "2026-11-23T13:30:15Z", "kind": "onsite", "with": ["Ada", "Bob"], "notes": "whiteboard\nlong",
                 "duration_minutes": 180}],
            "events": [
                {"at": "2026-11-01T08:00:00Z", "kind": "stage-change", "from": "saved", "to": "applied"},
                {"at": "2026-11-24T17:00:00Z", "kind": "message-sent", "message_kind": "thank-you",
                 "recipient": "ada@acme.com", "subject": "Thank you", "body": "Dear Ada,\n\nThanks!\n-- \nSam"},
                {"at": "2026-11-25T10:00:00Z", "kind": "response", "text": "next week"},
                {"at": "2026-11-25T11:00:00Z", "kind": "note", "text": "@call back"},
                {"at": "2026-11-25T12:00:00Z", "kind": "snooze", "until": "2026-11-27T08:00:00Z"}],
            "drafts": {"follow-up": {"kind": "follow-up", "to": "ada@acme.com", "subject": "Checking in",
                                     "body": "Hello Ada,\nkey: not a key", "updated": "2026-11-25T12:00:00Z"}},
            "created": "2026-10-30T08:00:00Z",
        },
        {"company": "Beta", "stage": "closed", "outcome": "ghosted", "created": "2026-10-01T08:00:00Z"},
    ]}
    followup("import", str(write(tmp_path, "seed.json", json.dumps(document))))


def comparable(followup, db=None) -> list[dict]:
    return [{k: v for k, v in a.items() if k not in ("id", "rev", "updated")}
            for a in followup.json("export", db=db)["applications"]]


def test_our_csv_export_imports_back_to_the_same_data(followup, tmp_path):
    rich_data(followup, tmp_path)
    exported = tmp_path / "export.csv"
    followup("export", "--format", "csv", "-o", str(exported))
    assert "'=Acme" in exported.read_text(encoding="utf-8")  # the formula guard is in the file...
    other = tmp_path / "other.json"
    out = followup("import", str(exported), db=other).stdout
    assert "added 2" in out and "ignored: id, updated" in out
    assert comparable(followup, other) == comparable(followup)  # ...and gone again after the import


def test_our_csv_export_imported_again_changes_nothing(followup, tmp_path, db_file):
    rich_data(followup, tmp_path)
    exported = tmp_path / "export.csv"
    followup("export", "--format", "csv", "-o", str(exported))
    assert "added 0, updated 0, unchanged 2" in followup("import", str(exported)).stdout


def test_a_broken_event_cell_names_its_row_and_column(followup, tmp_path):
    path = write(tmp_path, "e.csv", "company,event_1\nAcme,2026-11-25T10:00:00+01:00 note\nBeta,yesterday note\n")
    result = followup("import", str(path), expect=2)
    assert "row 3" in result.stderr and "event_1" in result.stderr
