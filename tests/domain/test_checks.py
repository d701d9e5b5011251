"""Each draft check on its own: thresholds, phrasings, spans, edge cases."""

from __future__ import annotations

import dataclasses
import sys
from datetime import date, datetime, timedelta, timezone

import pytest

from followup_tui.domain.checks import CHECK_IDS, CheckResult, DraftContext, is_ok, run_checks
from followup_tui.domain.checks.interest import company_mentions, role_mentions
from followup_tui.domain.checks.text import read_body
from followup_tui.domain.errors import ValidationError
from followup_tui.domain.model import Application, Contact, Event, Interview
from followup_tui.domain.settings import CheckSettings, Settings

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)  # Wednesday
UTC = Settings(timezone="UTC")
GOOD = """Hi Priya,

Thank you for taking the time to speak with me yesterday about the Senior Support Engineer role. I enjoyed hearing how your team handles escalations and meeting Jon.

I remain very interested in the position and would love to join Northwind Analytics.

I look forward to hearing from you.

Best regards,
Sam
"""


def ctx(kind: str = "thank-you", **changes) -> DraftContext:
    base = dict(company="Northwind Analytics", role="Senior Support Engineer (EMEA)", company_domain="northwind-analytics.com", settings=UTC)
    return DraftContext(kind=kind, **(base | changes))


def result(check_id: str, body: str = GOOD, subject: str | None = "Thank you", to: str | None = None, context=None) -> CheckResult:
    found = [r for r in run_checks(subject, body, to, context or ctx()) if r.id == check_id]
    assert found, f"{check_id} did not run"
    return found[0]


def spans_text(res: CheckResult, body: str) -> list[str]:
    return [body[s:e] for s, e in res.spans]


# -- the API --------------------------------------------------------------------


def test_check_ids_are_the_design_ones_in_order():
    assert CHECK_IDS == (
        "brevity", "subject", "business-address", "restated-interest", "gratitude", "closing", "tone",
        "timing", "placeholders", "readability", "channel", "do-not-contact", "follow-up-count", "signature",
    )


def test_only_the_checks_that_apply_run():
    ids = [r.id for r in run_checks(None, GOOD, None, ctx())]
    assert ids == ["brevity", "restated-interest", "gratitude", "closing", "tone", "placeholders", "readability", "signature"]
    with_all = ctx(interview_at=NOW - timedelta(hours=20), send_at=NOW, application=Application(company="Northwind Analytics"))
    assert [r.id for r in run_checks("Thanks", GOOD, "priya@northwind-analytics.com", with_all)] == list(CHECK_IDS)


def test_empty_subject_and_recipient_are_checked_as_empty():
    assert result("subject", subject="").status == "warn"
    assert result("business-address", to="  ").status == "warn"


def test_result_and_context_are_frozen_and_validated():
    res = CheckResult("tone", "pass", "Calm.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.status = "fail"  # type: ignore[misc]
    with pytest.raises(ValueError):
        CheckResult("tone", "ok", "no such status")
    with pytest.raises(ValidationError):
        DraftContext(kind="cover-letter")
    assert is_ok([CheckResult("a", "pass", ""), CheckResult("b", "warn", "")])
    assert not is_ok([CheckResult("a", "pass", ""), CheckResult("b", "fail", "")])


def test_from_application_takes_the_last_interview_before_sending():
    first = Interview(at=NOW - timedelta(days=9))
    second = Interview(at=NOW - timedelta(days=2), duration_minutes=90)
    later = Interview(at=NOW + timedelta(days=3))
    app = Application(company="Acme", role="Analyst", company_domain="acme.com", decision_by=date(2026, 12, 1),
                      interviews=[later, first, second])
    c = DraftContext.from_application(app, "follow-up", NOW, UTC)
    assert (c.company, c.role, c.company_domain, c.decision_by) == ("Acme", "Analyst", "acme.com", date(2026, 12, 1))
    assert c.interview_at == second.at and c.interview_end == second.ends_at
    assert c.application is app and c.send_at == NOW
    upcoming = DraftContext.from_application(Application(company="Acme", interviews=[later]), "thank-you", NOW, UTC)
    assert upcoming.interview_at == later.at


# -- brevity and subject ------------------------------------------------------------


def words(n: int) -> str:
    return " ".join(["word"] * n)


@pytest.mark.parametrize(
    ("kind", "count", "status"),
    [
        ("thank-you", 9, "fail"), ("thank-you", 10, "warn"), ("thank-you", 24, "warn"), ("thank-you", 25, "warn"),
        ("thank-you", 49, "warn"), ("thank-you", 50, "pass"), ("thank-you", 150, "pass"), ("thank-you", 151, "warn"),
        ("thank-you", 200, "warn"), ("thank-you", 201, "fail"),
        ("follow-up", 50, "pass"), ("follow-up", 125, "pass"), ("follow-up", 126, "warn"), ("follow-up", 201, "fail"),
    ],
)
def test_brevity_thresholds(kind, count, status):
    res = result("brevity", body=words(count), context=ctx(kind))
    assert res.status == status
    assert res.message.startswith(f"{count} word")


def test_brevity_ignores_the_sign_off_and_marks_what_runs_long():
    body = words(60) + "\n\nBest regards,\nSam Doe\nSenior Support Engineer\n+44 7700 900123\n"
    assert result("brevity", body=body).message.startswith("60 words")
    long_body = words(160) + " tail"
    res = result("brevity", body=long_body)
    assert res.status == "warn"
    assert spans_text(res, long_body)[0].split() == ["word"] * 10 + ["tail"]  # words 151-161


def test_brevity_thresholds_come_from_settings():
    tight = Settings(timezone="UTC", checks=CheckSettings(thank_you_words=(20, 40)))
    assert result("brevity", body=words(45), context=ctx(settings=tight)).status == "warn"
    assert result("brevity", body=words(30), context=ctx(settings=tight)).status == "pass"


@pytest.mark.parametrize(
    ("subject", "status"),
    [
        ("Thank you", "pass"),
        ("Re: Re: Fwd: Thank you - Support Engineer interview", "pass"),
        ("", "warn"),
        ("   ", "warn"),
        ("Thank you so much for the interview yesterday for the Senior Support Engineer position", "warn"),
    ],
)
def test_subject(subject, status):
    assert result("subject", subject=subject).status == status


# -- business-address ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("to", "company_domain", "status"),
    [
        ("priya.raman@northwind-analytics.com", "northwind-analytics.com", "pass"),
        ("Priya Raman <priya.raman@northwind-analytics.com>", "northwind-analytics.com", "pass"),
        ("priya@eu.northwind-analytics.com", "northwind-analytics.com", "pass"),  # a subdomain is theirs
        ("priya@northwind-analytics.com", "https://www.Northwind-Analytics.com/careers", "pass"),
        ("priya@northwind-analytics.com", "", "pass"),
        ("tom@talentbridge.io", "northwind-analytics.com", "warn"),
        ("priya.raman@gmail.com", "northwind-analytics.com", "fail"),
        ("priya.raman@gmail.com", "", "fail"),
        ("maya_l@yahoo.co.uk", "", "fail"),
        ("jo@hotmail.fr", "", "fail"),
        ("jo@web.de", "", "fail"),
        ("hr@zoho.com", "zoho.com", "pass"),  # listed as free mail, but it is the company's own domain
        ("priya.raman@northwind", "", "fail"),
        ("priya raman@northwind.com", "", "fail"),
        ("priya@@northwind.com", "", "fail"),
        ("a@northwind-analytics.com, b@gmail.com", "northwind-analytics.com", "fail"),
        ("a@northwind-analytics.com; b@eu.northwind-analytics.com", "northwind-analytics.com", "pass"),
    ],
)
def test_business_address(to, company_domain, status):
    res = result("business-address", to=to, context=ctx(company_domain=company_domain))
    assert res.status == status, res.message


def test_business_address_messages_name_the_problem():
    assert "personal address (gmail.com)" in result("business-address", to="x@gmail.com").message
    assert "not a valid email address" in result("business-address", to="x@y").message
    assert "northwind-analytics.com" in result("business-address", to="x@other.com").message


# -- restated-interest --------------------------------------------------------------

ROLE_NAMED = "Thank you for meeting me about the Senior Support Engineer role. "


@pytest.mark.parametrize(
    "phrase",
    [
        "I remain very interested in the position.",
        "I'm still very much interested in joining.",
        "I am excited about the opportunity.",
        "I'm really excited by what the team is doing.",
        "I am keen to join the team.",
        "I am enthusiastic about the role.",
        "I'm eager to contribute.",
        "I would love to join you.",
        "I\u2019d love the chance to help.",  # curly apostrophe from a mail client
        "I would welcome the opportunity to contribute.",
        "It confirmed my interest in the role.",
        "Our talk strengthened my enthusiasm for the work.",
        "I look forward to the possibility of joining you.",
        "I hope to join your team soon.",
        "The role sounds like a great fit.",
        "It feels like a perfect match for my skills.",
        "I can't wait to get started.",
        "I feel I truly belong there.",
        "I'm more motivated than ever.",
        "I am confident I would be a strong addition.",
        "It is exactly what I've been looking for.",
        "It would be a privilege to join such a team.",
        "I hope you will consider me for the position.",
        "The role aligns well with my experience.",
        "I'd be thrilled to work with you.",
        "I left our talk more enthusiastic than ever about it.",
        "I'm thrilled at the prospect of joining.",
        "I want to be part of what you are building.",
        "Your mission really appeals to me.",
    ],
)
def test_restated_interest_recognises_many_phrasings(phrase):
    body = ROLE_NAMED + phrase
    res = result("restated-interest", body=body)
    assert res.status == "pass", res.message


@pytest.mark.parametrize(
    "phrase",
    ["I wanted to ask about the status.", "Could you tell me where things stand?", "The office was lovely."],
)
def test_no_interest_expressed_warns_when_the_role_is_named(phrase):
    res = result("restated-interest", body=ROLE_NAMED + phrase)
    assert res.status == "warn"
    assert "still interested" in res.message


def test_interest_without_naming_the_job_warns_and_neither_fails():
    # "the opportunity", "your team" name the job both sides know (issue 11 item 2)
    assert result("restated-interest", body="I'm really excited about the opportunity and would love to be part of your team.").status == "pass"
    res = result("restated-interest", body="I'm really excited and would love to hear more soon.")
    assert res.status == "warn"
    assert '"Senior Support Engineer (EMEA)" or "Northwind Analytics"' in res.message
    assert result("restated-interest", body="Thanks for your time today. Have a good weekend.").status == "fail"


def test_without_a_company_or_role_a_generic_mention_is_enough():
    bare = DraftContext(kind="thank-you", settings=UTC)
    assert result("restated-interest", body="I remain very interested in the position.", context=bare).status == "pass"
    assert result("restated-interest", body="I remain very interested.", context=bare).status == "warn"


@pytest.mark.parametrize(
    ("role", "text", "named"),
    [
        ("Senior Support Engineer (EMEA)", "the support engineer position", True),
        ("Senior Support Engineer (EMEA)", "the Support Engineering role", True),
        ("Senior Support Engineer (EMEA)", "your support team", False),
        ("Senior Support Engineer (EMEA)", "an engineer", False),
        ("Site Reliability Engineer", "the SRE role", True),
        ("Site Reliability Engineer", "the reliability engineering job", True),
        ("Frontend Engineer", "the front-end engineer role", True),
        ("Engineering Manager, Platform", "the engineering manager role", True),
        ("Senior Data Engineer", "a data engineering position", True),
        ("Data Analyst", "the data analytics role", True),
        ("Data Analyst", "your data team", False),
        ("Product Designer", "the product design role", True),
        ("Staff Software Engineer", "the software engineer opening", True),
        ("Paralegal", "the paralegal position", True),
        ("Registered Nurse (Cardiac Unit)", "the registered nurse position", True),
        ("Registered Nurse (Cardiac Unit)", "a nurse", False),
    ],
)
def test_role_is_matched_loosely(role, text, named):
    assert bool(role_mentions(role, text.lower())) is named


@pytest.mark.parametrize(
    ("company", "text", "named"),
    [
        ("Northwind Analytics", "joining Northwind", True),
        ("Northwind Analytics", "joining northwind analytics", True),
        ("Harbor & Pine LLP", "at Harbor & Pine", True),
        ("The Home Depot", "at Home Depot", True),
        ("Square", "a square meal", False),
        ("Square", "joining Square", True),
        ("IBM", "working at IBM", True),
        ("HP", "working at HP", True),
        ("HP", "a 300 hp engine", False),
    ],
)
def test_company_is_matched_as_a_name(company, text, named):
    assert bool(company_mentions(company, text, text.lower())) is named


# -- gratitude and closing --------------------------------------------------------


def test_gratitude_fails_a_thank_you_note_and_advises_a_follow_up():
    body = "I enjoyed our talk about the Senior Support Engineer role. I remain very interested."
    assert result("gratitude", body=body).status == "fail"
    assert result("gratitude", body=body, context=ctx("follow-up")).status == "warn"
    asking = "I'd appreciate an update on the Support Engineer role."  # asking is not thanking
    assert result("gratitude", body=asking).status == "fail"


@pytest.mark.parametrize(
    "phrase", ["Thank you for your time.", "Thanks again!", "Many thanks for meeting me.", "I'm grateful for the chance.",
               "I really appreciated the tour.", "I appreciate your time."],
)
def test_gratitude_phrasings(phrase):
    res = result("gratitude", body="It was good to talk yesterday. " + phrase)
    assert res.status == "pass"


@pytest.mark.parametrize(
    "ending",
    ["I look forward to hearing from you.", "Looking forward to the next steps!", "Hope to hear from you soon.",
     "Please keep me posted.", "Whatever you decide, I'd be grateful to hear from you.", "Do let me know how things progress.",
     "I'd appreciate any update you can share."],
)
def test_closing_recognises_a_wish_to_hear_back(ending):
    body = f"Thank you for meeting me yesterday. I enjoyed it a lot and learned plenty about the team. {ending}\n\nBest,\nSam\n"
    assert result("closing", body=body).status == "pass"


def test_closing_warns_when_missing_or_buried():
    missing = "Thank you for meeting me yesterday. I enjoyed it.\n\nBest,\nSam"
    assert result("closing", body=missing).status == "warn"
    impatient = "Thank you for meeting me. It has been two weeks. I didn't hear back."
    assert result("closing", body=impatient).status == "warn"
    buried = (
        "Thank you for meeting me yesterday. I look forward to hearing from you. "
        "Here is my portfolio with the case studies. It has three projects. "
        "The first is a checkout redesign. The second is a banking app. The third is a set of icons for a museum guide."
    )
    res = result("closing", body=buried)
    assert res.status == "warn"
    assert spans_text(res, buried) == ["hearing from you"]


# -- tone ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("Just checking in on my application.", "Just checking in"),
        ("I still haven't heard back since we spoke.", "still haven't heard"),
        ("You have not replied to my email.", "You have not replied"),
        ("Please reply ASAP.", "ASAP"),
        ("I need an answer about the role.", "I need an answer"),
        ("Why haven't you replied?", "Why haven't you"),
        ("I'm getting desperate.", "desperate"),
        ("I really need this job.", "I really need this job"),
        ("Sorry to bother you again.", "Sorry to bother"),
        ("As I said in my last email, I am available.", "As I said in my last email"),
        ("I assume you've already filled the position.", "I assume you've already filled"),
        ("You need to let me know by tomorrow.", "You need to let me know"),
        ("Please let me know as soon as possible.", "let me know as soon as possible"),
        ("I'm still waiting for a reply.", "I'm still waiting"),
        ("I'm REALLY interested in the role.", "REALLY"),
        ("PLEASE LET ME KNOW what you decide.", "PLEASE LET ME KNOW"),
        ("I'd love to hear back!!!", "!!!"),
        ("Any update??", "??"),
        ("It's been two weeks and still nothing.", "weeks and still nothing"),
        ("I'm starting to think you forgot about me.", "forgot about me"),
        ("This is my third email.", "my third email"),
        ("I'm getting impatient.", "I'm getting impatient"),
        ("I deserve an answer.", "I deserve an answer"),
        ("Why is nobody answering my emails?", "Why is nobody"),
        ("You said you would decide by Friday and you didn't.", "You said you would decide by Friday and you didn't"),
        ("Please don't ignore this email.", "don't ignore"),
        ("Is anyone even reading these?", "anyone even reading"),
        ("Please respond immediately.", "respond immediately"),
        ("Can you at least tell me if I got it?", "at least tell me"),
    ],
)
def test_tone_flags_phrases_with_their_spans(sentence, flagged):
    body = f"Thank you for meeting me about the Support Engineer role. {sentence}"
    res = result("tone", body=body)
    assert res.status == "warn", res.message
    assert flagged in spans_text(res, body)


@pytest.mark.parametrize(
    "sentence",
    [
        "I have five years of SQL, AWS and GCP across EMEA and the US.",
        "I built REST APIs on ARM servers and kept the code SOLID and DRY.",
        "I could start immediately.",
        "Let me know if I can help; I can start as soon as possible.",
        "I know you're still waiting on feedback from the panel.",
        "Please let me know either way.",
        "I handled urgent tickets for our biggest customers.",
        "I wanted to follow up on my interview.",
        "Thanks again!",
        "I enjoyed meeting the QA and UX leads, and I think I can help.",
        "The new CI/CD pipeline on AWS EKS sounds great.",
        "Please reply at your earliest convenience.",
        "I solved a frustrating bug in the billing service last year.",
        "We spent two days on it and nothing broke.",
        "This is my second follow-up, so I will keep it short.",
        "I know these decisions take time.",
    ],
)
def test_tone_does_not_flag_ordinary_writing(sentence):
    body = f"Thank you for meeting me about the Support Engineer role. {sentence}"
    res = result("tone", body=body)
    assert res.status == "pass", res.message


def test_own_names_in_capitals_are_not_shouting():
    context = ctx(company="IKEA GROUP", settings=Settings(timezone="UTC", user_name="SAM DOE"))
    res = result("tone", body="I would love to join IKEA GROUP. Best, SAM DOE", context=context)
    assert res.status == "pass", res.message


def test_tone_piles_up_to_a_fail_and_the_threshold_is_a_setting():
    body = "Just checking in. You haven't called back. I need an answer ASAP!!!"
    res = result("tone", body=body)
    assert res.status == "fail"
    assert spans_text(res, body) == ["Just checking in", "You haven't called", "I need an answer", "ASAP", "!!!"]
    lenient = Settings(timezone="UTC", checks=CheckSettings(tone_fail_findings=10))
    assert result("tone", body=body, context=ctx(settings=lenient)).status == "warn"


def test_many_single_exclamation_marks_count_as_one_finding():
    body = "Thank you! I loved it! The team is great! See you soon!"
    res = result("tone", body=body)
    assert res.status == "warn"
    assert "4 exclamation marks" in res.message
    assert len(res.spans) == 4
    assert result("tone", body="Thank you! I loved it.").status == "pass"


def test_tone_reads_the_subject_too():
    res = result("tone", subject="URGENT: ANY UPDATE???")
    assert res.status == "fail"
    assert "(subject)" in res.message
    assert res.spans == ()  # spans are offsets into the body only


# -- placeholders -------------------------------------------------------------------


@pytest.mark.parametrize("bit", ["{company}", "{{ first_name }}", "[Name]", "[Hiring Manager's name]", "<role>", "TODO", "XXX", "____"])
def test_placeholders_fail_with_spans(bit):
    body = f"Thank you for meeting me about the {bit} role."
    res = result("placeholders", body=body)
    assert res.status == "fail"
    assert spans_text(res, body) == [bit]


@pytest.mark.parametrize(
    "text",
    [
        "Write to Priya Raman <priya@northwind-analytics.com>.",
        "My portfolio: <https://sam.example/work>.",
        "See [my portfolio](https://sam.example) for more.",
        "It was a 2-3 [1] hour interview.",
        "I wrote it in a to-do list.",
    ],
)
def test_placeholders_ignore_addresses_links_and_notes(text):
    assert result("placeholders", body=f"Thank you for meeting me. {text}").status == "pass"


def test_placeholders_in_the_subject_fail_and_mail_tags_do_not():
    res = result("placeholders", subject="Thank you: {role} interview")
    assert res.status == "fail" and "(subject)" in res.message and res.spans == ()
    assert result("placeholders", subject="[EXTERNAL] Re: interview").status == "pass"


# -- readability ----------------------------------------------------------------------

DENSE = (
    "Notwithstanding the considerable organisational complexity inherent in multinational customer escalation "
    "management, I would characterise my professional specialisation as encompassing comprehensive operational "
    "responsibility for institutionalising sophisticated prioritisation methodologies, systematically "
    "incorporating quantitative performance indicators alongside qualitative stakeholder considerations. "
) * 2


def test_readability_warns_on_dense_text_and_never_fails():
    res = result("readability", body=DENSE)
    assert res.status == "warn"
    assert res.message.startswith("Reading grade")
    assert result("readability", body=DENSE, context=ctx(settings=Settings(checks=CheckSettings(readability_max_grade=99.0)))).status == "pass"


def test_readability_leaves_short_notes_alone():
    assert result("readability", body="Thanks for today.").status == "pass"


# -- timing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours_after_start", "status"),
    [(-5, "warn"), (0.5, "pass"), (2, "pass"), (24, "pass"), (25, "pass"), (25.5, "warn"), (72, "warn")],
)
def test_thank_you_timing(hours_after_start, status):
    start = NOW - timedelta(hours=hours_after_start)  # default length: one hour
    res = result("timing", context=ctx(interview_at=start, send_at=NOW))
    assert res.status == status, res.message


def test_thank_you_timing_uses_the_interviews_own_length():
    start = NOW - timedelta(hours=26)
    app = Application(company="Northwind Analytics", interviews=[Interview(at=start, duration_minutes=180)])
    assert result("timing", context=DraftContext.from_application(app, "thank-you", NOW, UTC)).status == "pass"
    assert result("timing", context=ctx(interview_at=start, send_at=NOW)).status == "warn"


def test_timing_needs_a_send_time_and_something_to_measure_from():
    ids = [r.id for r in run_checks("x", GOOD, None, ctx(interview_at=NOW))]
    assert "timing" not in ids
    ids = [r.id for r in run_checks("x", GOOD, None, ctx("follow-up", send_at=NOW))]
    assert "timing" not in ids


@pytest.mark.parametrize(
    ("send_at", "status", "words"),
    [
        (datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc), "warn", "decide by Friday 20 November"),  # the day itself
        (datetime(2026, 11, 24, 12, 0, tzinfo=timezone.utc), "warn", "Wait until tomorrow (Wednesday 25 November)"),
        (datetime(2026, 11, 25, 8, 0, tzinfo=timezone.utc), "warn", "09:00 today"),
        (datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc), "pass", "3 business days after their decision date"),
    ],
)
def test_follow_up_waits_for_the_decision_date_plus_three_business_days(send_at, status, words):
    context = ctx("follow-up", interview_at=datetime(2026, 11, 12, 14, 0, tzinfo=timezone.utc),
                  decision_by=date(2026, 11, 20), send_at=send_at)
    res = result("timing", context=context)
    assert res.status == status
    assert words in res.message


def test_follow_up_without_a_decision_date_waits_seven_business_days():
    interview = datetime(2026, 11, 13, 14, 0, tzinfo=timezone.utc)  # a Friday; ends 15:00
    early = ctx("follow-up", interview_at=interview, send_at=datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc))
    on_time = ctx("follow-up", interview_at=interview, send_at=datetime(2026, 11, 24, 15, 0, tzinfo=timezone.utc))
    assert result("timing", context=early).status == "warn"
    assert result("timing", context=on_time).status == "pass"


def _second_round_app(first_follow_up_days_ago: int) -> Application:
    interview = Interview(at=NOW - timedelta(days=30), with_names=["Priya Raman"])
    sent = NOW - timedelta(days=first_follow_up_days_ago)
    return Application(
        company="Northwind Analytics", role="Senior Support Engineer (EMEA)", company_domain="northwind-analytics.com",
        stage="following-up", decision_by=(NOW - timedelta(days=25)).date(), interviews=[interview],
        contacts=[Contact("Priya Raman", email="priya.raman@northwind-analytics.com")],
        events=[
            Event(at=interview.ends_at + timedelta(hours=3), kind="message-sent", message_kind="thank-you", recipient="priya.raman@northwind-analytics.com"),
            Event(at=sent, kind="message-sent", message_kind="follow-up", recipient="priya.raman@northwind-analytics.com"),
        ],
    )


@pytest.mark.parametrize(("days_ago", "status"), [(2, "warn"), (9, "pass")])
def test_second_follow_up_waits_five_business_days(days_ago, status):
    app = _second_round_app(days_ago)
    assert result("timing", context=DraftContext.from_application(app, "follow-up", NOW, UTC)).status == status


@pytest.mark.parametrize(("days_ago", "status"), [(2, "warn"), (9, "pass")])
def test_timing_rules_hold_without_the_cadence_engine(monkeypatch, days_ago, status):
    monkeypatch.setitem(sys.modules, "followup_tui.domain.cadence", None)  # import now raises ImportError
    app = _second_round_app(days_ago)
    assert result("timing", context=DraftContext.from_application(app, "follow-up", NOW, UTC)).status == status


# -- with an application ---------------------------------------------------------------


@pytest.mark.parametrize(("channel", "status"), [("email", "pass"), ("linkedin", "warn"), ("phone", "warn"), ("portal", "warn"), ("other", "warn")])
def test_channel(channel, status):
    app = Application(company="Northwind Analytics", channel=channel)
    res = result("channel", context=DraftContext.from_application(app, "thank-you", NOW, UTC))
    assert res.status == status


def test_do_not_contact_fails():
    app = Application(company="Northwind Analytics", do_not_contact=True)
    res = result("do-not-contact", context=DraftContext.from_application(app, "follow-up", NOW, UTC))
    assert res.status == "fail"
    app.do_not_contact = False
    assert result("do-not-contact", context=DraftContext.from_application(app, "follow-up", NOW, UTC)).status == "pass"


def test_a_third_follow_up_fails_and_a_new_round_starts_the_count_again():
    interview = Interview(at=NOW - timedelta(days=30))
    sent = [Event(at=NOW - timedelta(days=d), kind="message-sent", message_kind="follow-up") for d in (20, 10)]
    app = Application(company="Northwind Analytics", interviews=[interview], events=sent)
    res = result("follow-up-count", context=DraftContext.from_application(app, "follow-up", NOW, UTC))
    assert res.status == "fail" and "follow-up 3" in res.message
    thanks = result("follow-up-count", context=DraftContext.from_application(app, "thank-you", NOW, UTC))
    assert thanks.status == "pass"
    app.interviews.append(Interview(at=NOW - timedelta(days=5)))
    again = result("follow-up-count", context=DraftContext.from_application(app, "follow-up", NOW, UTC))
    assert again.status == "pass" and "follow-up 1" in again.message


# -- the writer's own text ------------------------------------------------------------

REPLY = """Hi Bill,

Thanks again for your time on the QA Analyst role. I'm still very excited about it.

Best,
Morgan

On Tue, Nov 10, 2026 at 4:12 PM Bill Lumbergh <
bill.l@initech.com> wrote:
> Thanks for coming in! Send your references ASAP.
> [cid:image001.png@01D9] TODO
"""


@pytest.mark.parametrize(
    "quoted",
    [
        REPLY,
        REPLY.replace("On Tue, Nov 10, 2026 at 4:12 PM Bill Lumbergh <\nbill.l@initech.com> wrote:\n", ""),
        REPLY.replace("On Tue, Nov 10, 2026 at 4:12 PM Bill Lumbergh <\nbill.l@initech.com> wrote:",
                      "From: Bill Lumbergh <bill.l@initech.com>\nSent: Tuesday, November 10, 2026 4:12 PM"),
    ],
)
def test_a_quoted_message_below_a_reply_is_not_checked(quoted):
    body = read_body(quoted)
    assert body.text[: body.own_end].rstrip().endswith("Morgan")
    assert body.text[body.main_start : body.main_end].strip().endswith("excited about it.")
    context = ctx(company="Initech", role="QA Analyst")
    statuses = {r.id: r.status for r in run_checks(None, quoted, None, context)}
    assert statuses["tone"] == "pass" and statuses["placeholders"] == "pass"
    assert result("brevity", body=quoted, context=context).message.startswith("18 words")


def test_greeting_and_sign_off_are_found():
    body = read_body(GOOD)
    assert body.text[: body.main_start].strip() == "Hi Priya,"
    assert body.text[body.main_end :].strip() == "Best regards,\nSam"
    bare = read_body("Thanks for today.\n\nSam Doe")
    assert bare.text[bare.main_end :] == "Sam Doe"
