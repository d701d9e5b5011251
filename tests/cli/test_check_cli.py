"""`followup check` and `followup draft` end to end: real data file, fixed clock."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from followup_tui.cli import main
from followup_tui.domain.checks import CHECK_IDS
from followup_tui.domain.model import Application, Contact, Event, Interview
from followup_tui.store import TinyDBRepository

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)  # Wednesday
GOOD = """Hi Priya,

Thank you for taking the time to speak with me yesterday about the support engineer position. I really enjoyed hearing how your team handles escalations across EMEA.

Our conversation confirmed my interest in the role, and I'm excited about the chance to help build the support playbooks you described.

I look forward to hearing from you.

Best regards,
Sam
"""
BAD = "Hi,\n\nJust checking in ASAP!!! I haven't heard back.\n"
CONTEXT = ["--to", "priya.raman@northwind-analytics.com", "--subject", "Thank you", "--company", "Northwind Analytics",
           "--role", "Senior Support Engineer (EMEA)", "--interview-at", "2026-11-24 14:00"]


@pytest.fixture
def run(tmp_path: Path):
    config = tmp_path / "config.toml"
    config.write_text('timezone = "UTC"\nuser_name = "Sam Doe"\n', encoding="utf-8")
    db = tmp_path / "data" / "followup.json"

    def invoke(*args: str, expect: int = 0, input: str | bytes | None = None) -> Result:
        argv = ["--db", str(db), "--config", str(config), *args]
        result = CliRunner().invoke(main, argv, input=input, env={"FOLLOWUP_NOW": "2026-11-25T15:00:00Z"})
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert result.exit_code == expect, (argv, result.exit_code, result.stdout, result.stderr)
        if expect == 2 or (expect == 1 and args[0] == "draft"):
            assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("followup: ")
        return result

    invoke.db = db
    return invoke


def store(db: Path, **changes) -> int:
    app = Application(
        company="Northwind Analytics",
        role="Senior Support Engineer (EMEA)",
        company_domain="northwind-analytics.com",
        stage="interview",
        contacts=[Contact("Tom Becker", "Recruiter", "tom.becker@northwind-analytics.com"),
                  Contact("Priya Raman", "Support Lead", "priya.raman@northwind-analytics.com")],
        interviews=[Interview(at=NOW - timedelta(hours=25), with_names=["Priya Raman"])],
        created=NOW - timedelta(days=20),
    )
    for key, value in changes.items():
        setattr(app, key, value)
    return TinyDBRepository.open(db).add(app).id


# -- check ------------------------------------------------------------------------


def test_a_good_note_passes_every_check(run, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(GOOD, encoding="utf-8")
    result = run("check", str(draft), "--kind", "thank-you", *CONTEXT)
    lines = result.stdout.splitlines()
    assert [line.split()[1] for line in lines] == [*CHECK_IDS[:10], "signature"]
    assert all(line.startswith("PASS  ") for line in lines), result.stdout
    assert "\x1b" not in result.stdout  # readable without colour


def test_json_has_exactly_the_promised_shape(run):
    data = json.loads(run("check", "-", "--kind", "thank-you", "--json", *CONTEXT, input=GOOD).stdout)
    assert set(data) == {"ok", "checks"}
    assert data["ok"] is True
    assert [c["id"] for c in data["checks"]] == [*CHECK_IDS[:10], "signature"]
    assert all(set(c) == {"id", "status", "message"} and c["status"] == "pass" for c in data["checks"])


def test_a_bad_note_from_stdin_exits_1_with_the_failures(run):
    result = run("check", "--kind", "follow-up", "--to", "priya@gmail.com", "--json", input=BAD, expect=1)
    statuses = {c["id"]: c["status"] for c in json.loads(result.stdout)["checks"]}
    assert statuses == {
        "brevity": "fail", "business-address": "fail", "restated-interest": "fail", "gratitude": "warn",
        "closing": "warn", "tone": "fail", "placeholders": "pass", "readability": "pass", "signature": "fail",
    }
    human = run("check", "--kind", "follow-up", input=BAD, expect=1).stdout
    assert "FAIL  tone" in human and "Just checking in" in human


def test_warnings_alone_exit_0(run):
    late = run("check", "--kind", "thank-you", *CONTEXT, "--at", "2026-11-27 09:00", input=GOOD)
    assert "WARN  timing" in late.stdout


def test_the_application_gives_the_context(run):
    app_id = store(run.db)
    data = json.loads(run("check", "--kind", "thank-you", "--application", str(app_id), "--subject", "Thank you", "--json", input=GOOD).stdout)
    assert [c["id"] for c in data["checks"]] == list(CHECK_IDS)
    assert data["ok"] is True
    address = next(c for c in data["checks"] if c["id"] == "business-address")
    assert "priya.raman@northwind-analytics.com" in address["message"]  # the interviewer, not the recruiter


def test_explicit_options_override_the_application(run):
    app_id = store(run.db)
    result = run("check", "--kind", "thank-you", "--application", str(app_id), "--to", "priya@gmail.com",
                 "--role", "Data Scientist", "--company", "Contoso", "--json", input=GOOD, expect=1)
    statuses = {c["id"]: c["status"] for c in json.loads(result.stdout)["checks"]}
    assert statuses["business-address"] == "fail"
    # interest shown in "the role": the job both sides know, whatever its title
    assert statuses["restated-interest"] == "pass"


def test_do_not_contact_and_a_third_follow_up_fail(run):
    blocked = store(run.db, do_not_contact=True)
    statuses = {c["id"]: c["status"] for c in json.loads(
        run("check", "--kind", "thank-you", "--application", str(blocked), "--json", input=GOOD, expect=1).stdout)["checks"]}
    assert statuses["do-not-contact"] == "fail"
    sent = [Event(at=NOW - timedelta(days=d), kind="message-sent", message_kind="follow-up") for d in (20, 10)]
    pestered = store(run.db, interviews=[Interview(at=NOW - timedelta(days=30))], events=sent, channel="linkedin")
    statuses = {c["id"]: c["status"] for c in json.loads(
        run("check", "--kind", "follow-up", "--application", str(pestered), "--json", input=GOOD, expect=1).stdout)["checks"]}
    assert statuses["follow-up-count"] == "fail"
    assert statuses["channel"] == "warn"


def test_decision_date_option_makes_a_follow_up_early(run):
    args = ["check", "--kind", "follow-up", "--interview-at", "2026-11-18 10:00", "--json"]
    on_time = json.loads(run(*args, input=GOOD).stdout)["checks"]
    early = json.loads(run(*args, "--decision-by", "2026-11-27", input=GOOD).stdout)["checks"]
    assert [c["status"] for c in on_time if c["id"] == "timing"] == ["warn"]  # 7 business days not yet up
    timing = next(c for c in early if c["id"] == "timing")
    assert timing["status"] == "warn" and "Friday 27 November" in timing["message"]


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--role", "x"],  # --kind is required
        ["check", "--kind", "cover-letter"],
        ["check", "--kind", "thank-you", "--at", "next tuesday"],
        ["check", "--kind", "thank-you", "--interview-at", "2026-13-01"],
        ["check", "--kind", "thank-you", "--decision-by", "27/11/2026"],
        ["check", "--kind", "thank-you", "--application", "99"],
        ["check", "/no/such/draft.txt", "--kind", "thank-you"],
    ],
)
def test_usage_errors_exit_2_with_one_line(run, args):
    run(*args, expect=2, input=GOOD)


def test_unreadable_input_exits_2(run):
    result = run("check", "--kind", "thank-you", input=b"\xff\xfe not text", expect=2)
    assert "stdin" in result.stderr


def test_draft_text_never_reaches_the_terminal_as_control_sequences(run):
    result = run("check", "--kind", "thank-you", input="Thanks {comp\x1b[31many} for the interview.", expect=1)
    assert "\x1b" not in result.stdout
    assert "\u241b" in result.stdout  # shown as a visible stand-in


# -- draft ------------------------------------------------------------------------


def test_draft_prints_the_thank_you_note_due(run):
    app_id = store(run.db)
    text = run("draft", str(app_id)).stdout
    assert text.startswith("To: priya.raman@northwind-analytics.com\nSubject: Thank you: Senior Support Engineer (EMEA) interview\n\nHi Priya,\n")
    assert text.rstrip().endswith("Best regards,\nSam Doe")
    data = json.loads(run("draft", str(app_id), "--json").stdout)
    assert set(data) == {"kind", "number", "to", "to_name", "subject", "body", "note"}
    assert (data["kind"], data["to_name"]) == ("thank-you", "Priya Raman")
    assert data["body"] in text


def test_a_drafted_template_passes_its_own_checks_end_to_end(run):
    app_id = store(run.db)
    data = json.loads(run("draft", str(app_id), "--json").stdout)
    result = run("check", "--kind", "thank-you", "--application", str(app_id), "--subject", data["subject"], "--to", data["to"], input=data["body"])
    assert all(line.startswith("PASS") for line in result.stdout.splitlines())


def test_draft_moves_on_to_the_follow_ups(run):
    thanked = [Event(at=NOW - timedelta(days=14), kind="message-sent", message_kind="thank-you")]
    app_id = store(run.db, stage="thanked", interviews=[Interview(at=NOW - timedelta(days=15), with_names=["Priya Raman"])],
                   events=thanked, decision_by=date(2026, 11, 17))
    first = json.loads(run("draft", str(app_id), "--json").stdout)
    assert "I am writing to follow up on my interview" in first["body"]
    TinyDBRepository.open(run.db).modify(app_id, lambda a: a.record_sent("follow-up", NOW - timedelta(days=8)))
    second = json.loads(run("draft", str(app_id), "--json").stdout)
    assert "follow up once more" in second["body"]
    forced = json.loads(run("draft", str(app_id), "--kind", "thank-you", "--json").stdout)
    assert forced["body"].startswith("Hi Priya,\n\nThank you for taking the time")


def test_draft_refuses_do_not_contact_and_unknown_ids(run):
    app_id = store(run.db, do_not_contact=True)
    assert "not to be contacted" in run("draft", str(app_id), expect=1).stderr
    run("draft", "99", expect=1)


# -- one rule for the next message: draft, composer and agenda agree ----------------


def test_draft_with_no_interview_says_nothing_is_due_and_writes_a_follow_up_only_when_asked(run):
    app_id = store(run.db, stage="applied", interviews=[])
    refused = run("draft", str(app_id), expect=1).stderr
    assert refused.strip() == f"followup: application {app_id}: nothing to write, next: waiting to hear"
    data = json.loads(run("draft", str(app_id), "--kind", "follow-up", "--json").stdout)
    assert (data["kind"], data["number"]) == ("follow-up", 1)
    assert "my application for the Senior Support Engineer (EMEA) role" in data["body"]
    refused = run("draft", str(app_id), "--kind", "thank-you", expect=1).stderr
    assert "no interview yet" in refused


def test_draft_refuses_a_third_follow_up(run):
    sent = [Event(at=NOW - timedelta(days=d), kind="message-sent", message_kind="follow-up") for d in (9, 2)]
    app_id = store(run.db, stage="following-up", interviews=[Interview(at=NOW - timedelta(days=20), with_names=["Priya Raman"])],
                   events=sent)
    stderr = run("draft", str(app_id), expect=1).stderr
    assert "already sent 2 follow-ups" in stderr and "let go" in stderr
    assert "already sent 2" in run("draft", str(app_id), "--kind", "follow-up", expect=1).stderr


def test_draft_thanks_each_round_for_itself(run):
    """A phone screen a week ago and an onsite yesterday, neither thanked:
    the note due first is the phone screen's, to its person, about last week."""
    rounds = [Interview(at=datetime(2026, 11, 18, 10, 0, tzinfo=timezone.utc), kind="phone screen", with_names=["Tom Becker"]),
              Interview(at=datetime(2026, 11, 24, 14, 0, tzinfo=timezone.utc), kind="onsite", with_names=["Priya Raman"])]
    app_id = store(run.db, interviews=rounds)
    data = json.loads(run("draft", str(app_id), "--json").stdout)
    assert (data["to"], data["to_name"]) == ("tom.becker@northwind-analytics.com", "Tom Becker")
    assert "speak with me last week" in data["body"]
    due = json.loads(run("due", "--json").stdout)
    assert [(d["who"], d["due"]) for d in due] == [
        (["Tom Becker"], "2026-11-19T11:00:00Z"),
        (["Priya Raman"], "2026-11-25T15:00:00Z"),
    ]
    TinyDBRepository.open(run.db).modify(app_id, lambda a: a.record_sent("thank-you", NOW, recipient=data["to"]))
    second = json.loads(run("draft", str(app_id), "--json").stdout)
    assert (second["to_name"], second["kind"]) == ("Priya Raman", "thank-you")
    assert "meet with me yesterday" in second["body"]


@pytest.mark.parametrize(
    ("to", "status"),
    [
        ('"Raman, Priya" <priya.raman@northwind-analytics.com>', "PASS"),  # Outlook's form: a comma in the name
        ("Raman, Priya <priya.raman@northwind-analytics.com>", "PASS"),
        ('"Raman, Priya" <priya.raman@northwind-analytics.com>; tom.becker@northwind-analytics.com', "PASS"),
        ("jose@bücher.de", "PASS"),  # an internationalised domain is valid
        ("priya@gmail.com", "FAIL"),
        ("not an address", "FAIL"),
    ],
)
def test_check_reads_recipients_with_the_standard_parser(run, to, status):
    args = [a if a != "priya.raman@northwind-analytics.com" else to for a in CONTEXT]
    result = run("check", "--kind", "thank-you", "--json", *args, input=GOOD, expect=0 if status != "FAIL" else 1)
    check = next(c for c in json.loads(result.stdout)["checks"] if c["id"] == "business-address")
    assert check["status"] == status.lower(), check


def test_draft_signs_with_the_configured_name_or_says_how_to_set_it(run, tmp_path):
    app_id = store(run.db)
    signed = run("draft", str(app_id))
    assert signed.stdout.rstrip().endswith("Best regards,\nSam Doe") and signed.stderr == ""
    (tmp_path / "config.toml").write_text('timezone = "UTC"\nsignature = "Sam Doe\\n+33 6 12 34 56 78"\n', encoding="utf-8")
    assert run("draft", str(app_id)).stdout.rstrip().endswith("Best regards,\nSam Doe\n+33 6 12 34 56 78")
    (tmp_path / "config.toml").write_text('timezone = "UTC"\n', encoding="utf-8")
    unsigned = run("draft", str(app_id))
    assert unsigned.stdout.rstrip().endswith("Best regards,")
    assert 'user_name = "Your Name"' in unsigned.stderr and "followup config --path" in unsigned.stderr


def test_check_timing_skips_the_configured_country_s_holidays(run, tmp_path):
    """Without an application: interview Wed 16 Dec, follow-up planned Tue 29 Dec.
    Weekends only, it is due Fri 25 Dec; in GB (Christmas, Boxing Day on Mon 28) on the 29th."""
    args = ["check", "--kind", "follow-up", "--json", "--to", "priya.raman@northwind-analytics.com", "--subject", "Following up",
            "--company", "Northwind Analytics", "--interview-at", "2026-12-16 10:00", "--at", "2026-12-28 12:00"]
    body = GOOD.replace("Thank you for taking the time to speak with me yesterday", "I am following up on my interview")

    def timing() -> dict:
        result = CliRunner().invoke(main, ["--db", str(run.db), "--config", str(tmp_path / "config.toml"), *args], input=body)
        return next(c for c in json.loads(result.stdout)["checks"] if c["id"] == "timing")

    assert timing()["status"] == "pass"
    (tmp_path / "config.toml").write_text('timezone = "UTC"\nuser_name = "Sam Doe"\ncountry = "GB"\n', encoding="utf-8")
    late = timing()
    assert late["status"] == "warn" and "Tuesday 29 December" in late["message"]
