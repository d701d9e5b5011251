"""tone by families of wording (issue 11 item 1): hostility and threats,
sarcasm, profanity, blame for not answering, desperation, deadlines put on
the employer, shouting. A threat, an insult or profanity fails on its own;
milder findings add up. Each family is tested with wordings that differ from
one another, so a rule that matches one sentence only does not pass."""

from __future__ import annotations

import pytest

from followup_tui.domain.checks import DraftContext, run_checks
from followup_tui.domain.settings import Settings

POLITE = (
    "Hi Priya,\n\nThank you again for meeting me about the Support Engineer role. I remain very interested in "
    "joining Northwind Analytics and would be glad to answer any other questions.\n\n{sentence}\n\n"
    "I look forward to hearing from you.\n\nBest regards,\nSam Doe\n"
)
CTX = DraftContext(kind="follow-up", company="Northwind Analytics", role="Support Engineer", settings=Settings(timezone="UTC", user_name="Sam Doe"))


def tone(sentence: str):
    body = POLITE.format(sentence=sentence)
    res = next(r for r in run_checks("Following up", body, "priya@northwind-analytics.com", CTX) if r.id == "tone")
    return res, [body[s:e] for s, e in res.spans]


@pytest.mark.parametrize(
    "sentence",
    [
        # threats: over their head, to a review site, to a lawyer
        "If I don't hear back this week, I will report your slowness to your CEO.",
        "I'm going to escalate this to your director.",
        "I may have to take this further with your HR department.",
        "Otherwise I will be leaving an honest review on Glassdoor.",
        "I will be sharing my experience on LinkedIn.",
        "My lawyer will be in touch.",
        "I will be sure to mention your slowness to my friend, who knows your CEO well.",
        "You will regret not hiring me.",
        # insults
        "Your hiring process is a joke.",
        "Frankly this is unprofessional and rude.",
        "Whoever runs your recruiting is incompetent.",
        "How dare you keep me waiting like this?",
        "This has been a complete waste of my time.",
        # profanity, written out or starred
        "What the hell is taking so long?",
        "This is some BS, honestly.",
        "Your silence is pretty f***ing rude.",
        "I'm pissed off about the delay.",
    ],
)
def test_a_threat_an_insult_or_profanity_fails_on_its_own(sentence):
    res, spans = tone(sentence)
    assert res.status == "fail", res.message
    assert spans, "the finding is underlined"


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        # sarcasm: the employer's words in scare quotes, stock sarcasm, stretched words
        ('Thanks for the "valuable" time you spent on my interview.', '"valuable"'),
        ("I know your 'process' takes a while.", "'process'"),
        ("I'm sure you're very busy.", "I'm sure you're very busy"),
        ("Far be it from me to tell you how to hire.", "Far be it from me"),
        ("I have been waaaiting for news.", "waaaiting"),
        # blame for not answering
        ("You never replied to my last two emails.", "You never replied"),
        ("Nobody had the courtesy to call me back.", "Nobody had the courtesy"),
        ("Could you explain why I haven't heard anything?", "why I haven't heard"),
        ("The lack of communication has been surprising.", "lack of communication"),
        ("You have not shown me the courtesy of a reply.", "not shown me the courtesy"),
        ("I can only assume the position is filled.", "I can only assume"),
        # conditional or pleading desperation
        ("If I don't get this job I will lose my apartment.", "If I don't get this job"),
        ("You are my only hope right now.", "You are my only"),
        ("I would work for less, anything to start.", "I would work for less"),
        # deadlines and pressure put on the employer
        ("I need your decision by Friday.", "I need your decision by"),
        ("Please let me know by Thursday noon.", "let me know by Thursday"),
        ("Otherwise I will accept the other offer.", "Otherwise I will accept"),
        ("Consider this your final notice.", "final notice"),
        ("I look forward to hearing from your team within the next week.", "hearing from your team within the next"),
        ("I expect a decision by Monday.", "I expect a decision by"),
        # shouting
        ("I AM STILL WAITING FOR AN ANSWER.", "STILL WAITING FOR AN ANSWER"),
    ],
)
def test_milder_findings_warn_and_are_underlined(sentence, flagged):
    res, spans = tone(sentence)
    assert res.status in ("warn", "fail"), res.message
    assert any(flagged.lower() in s.lower() or s.lower() in flagged.lower() for s in spans), (spans, res.message)


def test_milder_findings_add_up_to_a_fail():
    res, _ = tone("I'm sure you're very busy. The lack of communication is odd. Please let me know by Friday.")
    assert res.status == "fail"
    one, _ = tone("Please let me know by Friday.")
    assert one.status == "warn"


def test_one_polite_sentence_does_not_rescue_a_threat():
    res, _ = tone("I will report your slowness to your manager. Thank you so much for your time and consideration.")
    assert res.status == "fail"


@pytest.mark.parametrize(
    "sentence",
    [
        # a polite mention of another offer, and a sincere request
        "I have received another offer, and I would be grateful to know your timeline, as Northwind is my first choice.",
        "I have another offer with a deadline of Friday; would it be possible to let me know where things stand?",
        "I need to respond to the other offer by Friday, so any update you can share would help.",
        "They would like an answer by the end of this week; Northwind is still my first choice.",
        "The other company needs a decision by Monday, so I wanted to ask about your timeline.",
        "Please get back to me as soon as you are able.",
        "Please reply at your earliest convenience.",
        # words that only look like the families
        "You never know when our paths will cross again.",
        "I hold a BS in Computer Science.",
        "Thank you so much for your time.",
        "How nice it was to meet the whole team.",
        "I will reach out to your HR team to send my references.",
        "I will tell my references to expect a call from you.",
        "I'll share the portfolio with your design lead this afternoon.",
        "I read on Glassdoor that your team ships every week.",
        "I enjoyed hearing about the \"Data Team\" project.",
        "I was disappointed to miss the team lunch, but I enjoyed the tour.",
        "Clearly your team is doing important work.",
        "I expect to finish my certification next month.",
        "When can I expect to hear about the next steps?",
        "I understand the process takes time, and I'm happy to wait.",
        "I can't wait to hear about next steps.",
        "The III Engineer title and the WWW team both sound great.",
    ],
)
def test_no_false_alarms_on_polite_notes(sentence):
    res, spans = tone(sentence)
    assert res.status == "pass", (res.message, spans)
