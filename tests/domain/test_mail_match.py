"""The mailbox's one rule set (domain/mail_match.py, mail_record.py), pure."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from followup_tui.domain.mail_match import Matcher, earliest_open_date
from followup_tui.domain.mail_message import INBOX, SENT, CalendarInvite, MailMessage
from followup_tui.domain.mail_record import (
    accept_proposal,
    proposal_from_dict,
    proposal_to_dict,
    proposals_for,
    record_finding,
)
from followup_tui.domain.mail_reply import bounced_addresses
from followup_tui.domain.mail_wording import kind_of_answer
from followup_tui.domain.model import Application, Contact, Event, Interview
from followup_tui.domain.settings import Settings

NOW = datetime(2026, 3, 16, 12, 0, tzinfo=timezone.utc)
ROUND = datetime(2026, 3, 9, 14, 0, tzinfo=timezone.utc)


def acme(**changes) -> Application:
    app = Application(company="Acme", company_domain="acme.com", stage="interview", id=1,
                      contacts=[Contact(name="Jane Doe", email="jane@acme.com")],
                      interviews=[Interview(at=ROUND, with_names=["Jane Doe"])])
    for key, value in changes.items():
        setattr(app, key, value)
    return app


def mail(**fields) -> MailMessage:
    base = dict(folder=INBOX, message_id="<m@x>", date=NOW - timedelta(days=1), sender="someone@else.org")
    return MailMessage(**{**base, **fields})


def test_a_reply_in_a_known_thread_is_sure_even_from_a_free_mail_address() -> None:
    app = acme(events=[Event(at=ROUND, kind="message-sent", message_kind="thank-you", message_id="<ours@x>")])
    finding = Matcher([app]).match(mail(sender="jane.private@gmail.com", refers_to=("<ours@x>",)))
    assert finding is not None and finding.sure and finding.kind == "response"


def test_a_contacts_exact_address_is_sure_and_their_domain_unsure() -> None:
    matcher = Matcher([acme()])
    assert matcher.match(mail(sender="jane@acme.com")).sure
    other = matcher.match(mail(sender="hr@acme.com"))
    assert other is not None and not other.sure and "acme.com" in other.reason
    assert matcher.match(mail(sender="hr@jobs.acme.com")) is not None  # a subdomain of theirs


def test_a_free_mail_domain_never_matches_by_domain() -> None:
    app = acme(company_domain="gmail.com", contacts=[Contact(name="J", email="j@gmail.com")])
    assert Matcher([app]).match(mail(sender="stranger@gmail.com")) is None


@pytest.mark.parametrize("flags", [{"auto_reply": True}, {"bulk": True}])
def test_auto_replies_and_bulk_mail_are_never_responses(flags: dict) -> None:
    assert Matcher([acme()]).match(mail(sender="jane@acme.com", **flags)) is None


def test_an_applicant_tracking_system_must_name_the_company() -> None:
    matcher = Matcher([acme()])
    assert matcher.match(mail(sender="no-reply@greenhouse-mail.io", subject="Your application")) is None
    named = matcher.match(mail(sender="no-reply@greenhouse-mail.io", sender_name="Acme Recruiting"))
    assert named is not None and not named.sure and "Greenhouse" in named.reason
    # a name inside a longer word is not the company's
    assert matcher.match(mail(sender="x@lever.co", subject="Acmeville news")) is None


def test_a_bounce_marks_the_address_and_records_no_response() -> None:
    app = acme()
    finding = Matcher([app]).match(mail(sender="mailer-daemon@mx.org", bounce=True, bounced=("jane@acme.com",)))
    assert finding is not None and finding.kind == "bounce"
    record_finding(app, finding, Settings(), NOW)
    assert bounced_addresses(app) == ["jane@acme.com"] and not app.responses()
    app.contacts[0].email = "jane.doe@acme.com"  # a new address: no longer marked
    assert bounced_addresses(app) == []
    assert Matcher([acme()]).match(mail(bounce=True, bounced=("nobody@else.org",))) is None


def test_sent_mail_records_the_message_the_plan_owes() -> None:
    app = acme()
    sent = mail(folder=SENT, sender="sam@me.org", recipients=("jane@acme.com",), date=ROUND + timedelta(hours=5),
                subject="Thank you")
    finding = Matcher([app]).match(sent)
    assert finding.kind == "sent" and finding.sure
    record_finding(app, finding, Settings(), NOW)
    assert app.messages_sent("thank-you")[0].message_id == "<m@x>" and app.stage == "thanked"
    later = mail(folder=SENT, message_id="<m2@x>", sender="sam@me.org", recipients=("jane@acme.com",),
                 date=ROUND + timedelta(days=10))
    record_finding(app, Matcher([app]).match(later), Settings(), NOW)
    assert app.follow_ups_sent == 1 and app.stage == "following-up"


def test_recording_twice_changes_nothing() -> None:
    app = acme()
    finding = Matcher([app]).match(mail(sender="jane@acme.com", new_text="Thanks, talk soon. " * 40))
    record_finding(app, finding, Settings(), NOW)
    once = app.to_dict()
    record_finding(app, finding, Settings(), NOW)
    assert app.to_dict() == once
    assert len(app.events[-1].excerpt) <= 280  # a glance, never the body


@pytest.mark.parametrize(("subject", "text", "kind"), [
    ("Update", "Unfortunately we have decided to move forward with other candidates.", "rejection"),
    ("Your application", "We regret to inform you that the position has been filled.", "rejection"),
    ("Offer", "We are delighted to extend an offer of employment.", "offer"),
    ("Next steps", "Could you share your availability for a call next week?", "invitation"),
    ("Re: hello", "Thanks, I will get back to you on Friday.", "response"),
])
def test_the_kind_comes_from_their_wording(subject: str, text: str, kind: str) -> None:
    assert kind_of_answer(subject, text, has_invite=False) == kind


def test_an_accepted_invitation_adds_the_round_and_its_people() -> None:
    app = acme(stage="thanked")
    invite = CalendarInvite("REQUEST", NOW + timedelta(days=2), 45, "Final round",
                            (("Bill", "bill@acme.com"), ("Sam", "sam@me.org"), ("Jane Doe", "jane@acme.com")))
    finding = Matcher([app]).match(mail(sender="hr@acme.com", invite=invite, subject="Final round"))
    assert finding.kind == "invitation"
    proposal = proposal_from_dict(proposal_to_dict(proposals_for(finding)))  # through the state file's form
    accept_proposal(app, proposal, Settings(), NOW, own_addresses=("sam@me.org",))
    new = app.interviews_sorted()[-1]
    assert (new.at, new.duration_minutes, new.with_names) == (invite.start, 45, ["Bill", "Jane Doe"])
    assert [c.email for c in app.contacts] == ["jane@acme.com", "bill@acme.com"]
    assert app.stage == "interview" and app.responses()[-1].message_id == "<m@x>"


def test_a_sure_rejection_is_recorded_and_closing_is_only_proposed() -> None:
    app = acme()
    finding = Matcher([app]).match(mail(sender="jane@acme.com", new_text="We will not be moving forward."))
    proposal = proposals_for(finding)
    assert finding.sure and finding.kind == "rejection" and proposal.steps == ("close",)


def test_the_first_sync_reaches_back_to_the_earliest_open_application() -> None:
    opened = acme(applied_on=date(2026, 2, 10), created=datetime(2026, 2, 1, tzinfo=timezone.utc))
    closed = acme(stage="closed", outcome="rejected", applied_on=date(2025, 1, 1))
    events = acme(applied_on=None, events=[Event(at=datetime(2026, 1, 20, tzinfo=timezone.utc), kind="response")])
    assert earliest_open_date([opened, closed]) == date(2026, 2, 1)
    assert earliest_open_date([opened, closed, events]) == date(2026, 1, 20)
    assert earliest_open_date([closed]) is None
