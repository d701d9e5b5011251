"""restated-interest, placeholders, closing and signature as issue 11 asks
(items 2, 3 and 5), each with wordings from real published drafts and
variations of them."""

from __future__ import annotations

import pytest

from followup_tui.domain.checks import DraftContext, run_checks
from followup_tui.domain.settings import Settings

CTX = DraftContext(
    kind="thank-you", company="Northwind Analytics", role="Data Analyst", settings=Settings(timezone="UTC", user_name="Sam Lee")
)


def check(check_id: str, body: str, to: str | None = "dana@northwind.com", ctx: DraftContext = CTX):
    return next(r for r in run_checks("Thank you", body, to, ctx) if r.id == check_id)


def note(middle: str, sign: str = "Best regards,\nSam Lee") -> str:
    return f"Hi Dana,\n\nThank you for meeting with me yesterday.\n\n{middle}\n\nI look forward to hearing from you.\n\n{sign}\n"


# -- item 2: restated interest ---------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The job is exciting, and I believe I am the best candidate for the role.",
        "I really want this job.",
        "I would love to work with your team on the forecasting models.",
        "The position sounds like a perfect fit for me.",
        "Northwind seems like a wonderful place to work.",
        "I'm thrilled at the thought of joining the analytics team.",
        "I look forward to the opportunity to help your team ship the new dashboards.",
        "I'm very excited about the possibility of joining your team.",
        "I am the right person for this position.",
    ],
)
def test_enthusiasm_in_everyday_words_with_the_job_named_passes(sentence):
    res = check("restated-interest", note(sentence))
    assert res.status == "pass", res.message


@pytest.mark.parametrize(
    "sentence",
    [
        "I enjoyed learning more about the role.",  # the job named, no interest said
        "I am confident my skills in SQL would benefit the team.",
        "I am confident that my experience has prepared me well.",  # only implied, not even the job
    ],
)
def test_implicit_interest_warns_rather_than_fails(sentence):
    res = check("restated-interest", note(sentence))
    assert res.status == "warn", res.message


def test_no_interest_and_no_job_at_all_fails():
    res = check("restated-interest", "Hi Dana,\n\nThanks for your time today. Have a good weekend.\n\nBest,\nSam Lee\n")
    assert res.status == "fail"


# -- item 3: placeholders and closing ---------------------------------------------------


@pytest.mark.parametrize(
    ("body", "slot"),
    [
        ("Dear …,\n\nThank you for the interview.\n\nBest,\nSam Lee", "…"),
        ("Dear ....,\n\nThank you for the interview on .... about the role.\n\nBest,\nSam Lee", "...."),
        ("Hi Dana,\n\nThank you for the interview on (insert date).\n\nBest,\nSam Lee", "(insert date)"),
        ("Hi Dana,\n\nI enjoyed learning about the ___________ (position).\n\nBest,\nSam Lee", "___________"),
        ("Hi Dana,\n\nI enjoyed learning more about Company Name.\n\nBest,\nSam Lee", "Company Name"),
        ("Hi Dana,\n\nThank you for your time.\n\nSincerely,\nYour Name", "Your Name"),
        ("Dear Mr./Ms. Reyes,\n\nThank you for your time.\n\nBest,\nSam Lee", "Mr./Ms."),
        ("Hi Dana,\n\nThank you for meeting me about the (job title) role.\n\nBest,\nSam Lee", "(job title)"),
        # whose name goes in the slot (issue 21 item 5, tune split: jobsearchadvice-1)
        ("Dear (interviewer\u2019s name),\n\nThank you for your time.\n\nBest,\nSam Lee", "(interviewer\u2019s name)"),
        ("Dear (interviewer's name),\n\nThank you for your time.\n\nBest,\nSam Lee", "(interviewer's name)"),
        ("Dear (Hiring Manager's Name),\n\nThank you for your time.\n\nBest,\nSam Lee", "(Hiring Manager's Name)"),
        ("Hello (recruiter's first name),\n\nThank you for your time.\n\nBest,\nSam Lee", "(recruiter's first name)"),
        ("Hi (recipient name),\n\nThank you for your time.\n\nBest,\nSam Lee", "(recipient name)"),
    ],
)
def test_placeholders_catch_the_slot_styles_templates_use(body, slot):
    res = check("placeholders", body)
    assert res.status == "fail", res.message
    assert slot in [body[s:e] for s, e in res.spans]


@pytest.mark.parametrize(
    "body",
    [
        "Hi Dana,\n\nFor the…account position I hope to hear soon. The more we talked, the more I liked the job…\n\nBest,\nSam Lee",
        "Hi Dana,\n\nI waited... and then I wrote. I met your name-sake at the event (a fun coincidence).\n\nBest,\nSam Lee",
        "Hi Dana,\n\nThank you for your time. Your name came up when I spoke to Jon.\n\nBest,\nSam Lee",
        "Hi Dana,\n\nI met Jon (the recruiter) and learned the company's name (Northwind) has a story.\n\nBest,\nSam Lee",
    ],
)
def test_placeholders_leave_ordinary_ellipses_and_words_alone(body):
    assert check("placeholders", body).status == "pass"


@pytest.mark.parametrize(
    "ending",
    [
        "Do you anticipate making a decision soon?",
        "Is there any particular time frame that you have in mind for a decision to be made?",
        "When can I expect to hear back from you about the position?",
        "I wanted to see if there were any updates on your end.",
        "Please let me know if you have made a decision.",
    ],
)
def test_closing_counts_a_question_about_the_decision_or_timeline(ending):
    body = f"Hi Dana,\n\nThank you again for meeting me about the Data Analyst role; I remain very interested.\n\n{ending}\n\nBest,\nSam Lee\n"
    res = check("closing", body)
    assert res.status == "pass", res.message


@pytest.mark.parametrize(
    "ending",
    [
        "Please let me know if you need anything else from me.",
        "Please let me know if there's anything else I can provide.",
        "If you have any other questions, please do not hesitate to contact me.",
    ],
)
def test_closing_does_not_take_an_offer_of_help_for_a_wish_to_hear_back(ending):
    body = f"Hi Dana,\n\nThank you again for meeting me about the Data Analyst role; I remain very interested.\n\n{ending}\n\nBest,\nSam Lee\n"
    assert check("closing", body).status == "warn"


# -- item 5: signature ------------------------------------------------------------------


@pytest.mark.parametrize(
    "sign",
    [
        "Best regards,\nSam Lee",
        "Best,\nSam",
        "Thanks,\nsam lee",
        "Best, Sam",
        "Sam Lee\nsam.lee@example.com\n555-0134",
        "Sincerely,\nSam Lee\nData Analyst\nsam.lee@example.com",
        "-- \nSam Lee",
    ],
)
def test_a_sign_off_with_a_name_is_signed(sign):
    res = check("signature", note("I remain very interested in the role.", sign))
    assert res.status == "pass", res.message


@pytest.mark.parametrize(
    "sign",
    ["Best regards,", "Thank you,\n[Your Name]", "Sincerely,\nYour Name", "Kind regards,\n\n"],
)
def test_a_sign_off_without_a_name_is_not_ready(sign):
    res = check("signature", note("I remain very interested in the role.", sign))
    assert res.status == "fail", res.message
    assert "name" in res.message


def test_a_note_that_just_stops_is_not_signed():
    res = check("signature", "Hi Dana, I'm just following up to see if you received my last email? Would love to hear your feedback!")
    assert res.status == "fail"


def test_the_message_says_how_to_set_the_name_when_none_is_configured():
    bare = DraftContext(kind="thank-you", company="Northwind Analytics", role="Data Analyst", settings=Settings(timezone="UTC"))
    res = check("signature", note("I remain very interested.", "Best regards,"), ctx=bare)
    assert res.status == "fail"
    assert "user_name" in res.message and "settings" in res.message
    named = check("signature", note("I remain very interested.", "Best regards,"))
    assert "Sam Lee" in named.message


def test_no_recipient_is_not_ready_and_an_unknown_one_is_not_checked():
    body = note("I remain very interested in the role.")
    res = check("signature", body, to="  ")
    assert res.status == "fail" and "recipient" in res.message
    assert check("signature", body, to=None).status == "pass"


def test_a_draft_without_a_signature_is_not_ok():
    from followup_tui.domain.checks import is_ok

    body = note("I remain very interested in the Data Analyst role at Northwind Analytics.", "Best regards,")
    results = run_checks("Thank you", body, "dana@northwind.com", CTX)
    assert not is_ok(results)
    signed = run_checks("Thank you", note("I remain very interested in the Data Analyst role at Northwind Analytics."), "dana@northwind.com", CTX)
    assert is_ok(signed), [(r.id, r.status, r.message) for r in signed if r.status == "fail"]


def test_looking_forward_to_working_together_is_interest_not_a_wish_to_hear_back():
    body = "Hi Dana,\n\nThank you for meeting me about the Data Analyst role.\n\nI look forward to working with your team.\n\nBest,\nSam Lee\n"
    assert check("closing", body).status == "warn"
    assert check("restated-interest", body).status == "pass"
    hearing = body.replace("working with your team", "hearing from you")
    assert check("closing", hearing).status == "pass"


def test_a_sign_off_run_into_the_last_paragraph_is_signed():
    body = "Dear Dana, thank you for meeting me. I remain very interested. I hope to hear from you soon. Best regards, Sam Lee"
    assert check("signature", body).status == "pass"
    assert check("signature", body.replace(" Best regards, Sam Lee", " Best regards,")).status == "fail"
