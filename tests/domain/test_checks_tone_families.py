"""Tone and interest by families of wording, not phrases (issue 21 item 4):
each family is tried with wordings beyond the issue's examples; sincere
wanting and a neutral "no reply came" raise nothing."""

from __future__ import annotations

import pytest

from followup_tui.domain.checks import DraftContext, run_checks
from followup_tui.domain.settings import Settings

CTX = DraftContext(kind="follow-up", company="Northwind", role="Data Analyst", settings=Settings(user_name="Sam Lee"))
OPEN = "I remain very interested in the Data Analyst role at Northwind and enjoyed meeting the team."


def verdict(sentence: str, check: str = "tone", kind: str = "follow-up") -> tuple[str, str]:
    context = CTX if kind == "follow-up" else DraftContext(kind=kind, company="Northwind", role="Data Analyst",
                                                           settings=Settings(user_name="Sam Lee"))
    body = f"Hi Dana,\n\n{OPEN} {sentence}\n\nI look forward to hearing from you.\n\nBest,\nSam Lee"
    result = next(r for r in run_checks("Following up", body, "dana@northwind.com", context) if r.id == check)
    return result.status, result.message


BLAME = [  # blame stated as a fact about them
    "You still have not gotten back to me.",
    "You haven't replied to either of my emails.",
    "Your team has not responded to my last two messages.",
    "The recruiter never called me back.",
    "Nobody has answered my email.",
    "No one from your office has contacted me since the interview.",
    "You said you would call on Monday and it is now Wednesday.",
    "Your recruiter promised a decision last week, but here we are.",
    "It has been ten days since you told me I would hear back.",
    "They said I would have an answer by Friday, and it is now Tuesday.",
]
GUILT = [
    "I'm sure you can understand how stressful it is to be kept waiting.",
    "You can surely imagine how frustrating this silence is.",
    "I thought you would at least have the courtesy to reply.",
    "I would appreciate the basic courtesy of a response.",
    "After all the time I put into preparing, I expected better.",
    "I turned down two other interviews while waiting for your decision.",
    "It is only fair to let me know where I stand.",
]
PER_MY_LAST = [
    "Per my last email, I am available next week.",
    "As per my previous message, my references are attached.",
    "As I previously stated, I can start in March.",
    "Resending my previous email below.",
    "Bringing this back to the top of your inbox.",
    "This is the second time I have asked about the timeline.",
]
DEADLINES = [  # implied deadlines
    "I hope you will get back to me before I accept another offer.",
    "I'll assume you have gone with someone else if I don't hear back.",
    "If I don't hear from you by Friday, I will accept the other position.",
    "Hopefully I will hear from you this week.",
    "I expect to hear back by the end of this week.",
]
BROKEN_PROMISE = [  # their promise recalled as already broken (issue 21 item 5, tune split: wetfeet-2)
    "You told me I should have known two days ago.",
    "you told me I should've known two days ago",
    "You said I would have heard back by now.",
    "The recruiter promised me I'd have had an answer last week.",
    "Your team told me I would hear something by now.",
    "You assured me that I would know a week ago.",
]
WHERE_ARE_YOU = [  # a bare question about their whereabouts or the answer (tune split: destinyconnect-3)
    "Where are you?",
    "Hello? Where are you?",
    "Where is my answer?",
    "Where's the offer letter?",
    "So where is my feedback?",
]
SCARE_QUOTED = [  # their words in scare quotes, the stop inside the quotes (tune split: frannyoxford-1)
    'Thank you for your "careful consideration."',
    "Your courteous letter said my application had been given \u201ccareful consideration.\u201d",
    'I enjoyed your "process."',
    'Thanks for the "feedback," if that is what it was.',
    'Clearly my application was a "priority."',
]
CALM = [  # sincere wanting, a neutral "no reply came", their own timeline quoted
    "Talking with the team showed me how much I want to contribute to this work.",
    "I didn't receive a response to my last message, so I wanted to check in.",
    "I haven't heard back since we spoke and wanted to ask whether the timeline has changed.",
    "I have not yet received an update, and I understand these decisions take time.",
    "When we spoke, you mentioned that you expected to make a decision by Friday.",
    "You mentioned the team would decide this week, so I wanted to ask whether you need anything else from me.",
    "Thank you for getting back to me so quickly last time.",
    "If you have not reached a decision yet, I understand.",
    "I know you have not made a final decision.",
    "I appreciated the courtesy and care your team showed every candidate.",
    "You told me I would hear back after the second round, so I wanted to check in.",
    "You mentioned I should have heard by the end of the month, so I wanted to ask about the timeline.",
    "You said I would know more after the board meets next month.",
    "Where are you in the hiring process?",
    "Could you tell me where you are in your decision?",
    "Where is the best place to send my references?",
    'You said the team prizes "clear writing." I have attached a sample.',
]


@pytest.mark.parametrize("sentence", BLAME)
def test_blame_stated_as_a_fact_about_them_is_flagged(sentence):
    status, message = verdict(sentence)
    assert status != "pass", sentence
    assert "blames them" in message.lower() or "impatient" in message or "deadline" in message


@pytest.mark.parametrize("sentence", GUILT)
def test_guilt_tripping_is_flagged(sentence):
    status, message = verdict(sentence)
    assert status != "pass", sentence


@pytest.mark.parametrize("sentence", PER_MY_LAST)
def test_per_my_last_email_and_its_family_is_flagged(sentence):
    status, message = verdict(sentence)
    assert status != "pass" and "impatient" in message, (sentence, message)


@pytest.mark.parametrize("sentence", DEADLINES)
def test_implied_deadlines_are_flagged(sentence):
    status, message = verdict(sentence)
    assert status != "pass", sentence


@pytest.mark.parametrize("sentence", BROKEN_PROMISE)
def test_their_promise_recalled_as_already_broken_is_flagged(sentence):
    status, message = verdict(sentence)
    assert status != "pass" and "blames them" in message.lower(), (sentence, message)


@pytest.mark.parametrize("sentence", WHERE_ARE_YOU)
def test_a_bare_where_are_you_is_flagged(sentence):
    status, message = verdict(sentence)
    assert status != "pass" and "impatient" in message, (sentence, message)


@pytest.mark.parametrize("sentence", SCARE_QUOTED)
def test_scare_quotes_with_the_stop_inside_are_sarcastic(sentence):
    status, message = verdict(sentence)
    assert status != "pass" and "sarcastic" in message.lower(), (sentence, message)


@pytest.mark.parametrize("sentence", CALM)
def test_sincere_wanting_and_a_neutral_no_reply_raise_nothing(sentence):
    status, message = verdict(sentence)
    assert status == "pass", (sentence, message)


def test_the_new_families_name_themselves():
    assert "Guilt-trips them" in verdict("I'm sure you can understand how hard it is to be kept waiting.")[1]
    assert "Blames them for not answering" in verdict("You said you would call on Monday and it is now Wednesday.")[1]


# -- restated interest ---------------------------------------------------------------


@pytest.mark.parametrize("note", [
    "Thanks for the interview, it was great to meet you.\n\nSent from my iPhone",
    "Thanks so much for your time today, I really appreciated it. Have a great weekend!",
    "Thank you for the interview. I'm interested in hearing your thoughts.",
])
def test_a_generic_note_with_no_wish_for_the_job_does_not_pass(note):
    result = next(r for r in run_checks("Thanks", f"Hi Dana,\n\n{note}\n\nBest,\nSam Lee", "dana@northwind.com",
                                        DraftContext(kind="thank-you", company="Northwind", role="Data Analyst",
                                                     settings=Settings(user_name="Sam Lee")))
                  if r.id == "restated-interest")
    assert result.status != "pass", note


@pytest.mark.parametrize("stand_in", ["said job", "said position", "the aforementioned position", "the above-mentioned role"])
def test_a_form_letter_s_stand_in_for_the_job_fails(stand_in):
    body = f"Hi Dana,\n\nThank you for meeting me. I am very interested in {stand_in} and would love to contribute.\n\nBest,\nSam Lee"
    ctx = DraftContext(kind="thank-you", company="Acme", role="Data Analyst", settings=Settings(user_name="Sam Lee"))
    result = next(r for r in run_checks("Thanks", body, "dana@acme.com", ctx) if r.id == "restated-interest")
    assert result.status == "fail" and "names no job" in result.message, result.message
    named = body.replace(stand_in, "the Data Analyst role")
    assert next(r for r in run_checks("Thanks", named, "dana@acme.com", ctx) if r.id == "restated-interest").status == "pass"
