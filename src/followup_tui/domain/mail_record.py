"""What a finding does to an application, and the proposals waiting for a yes.

Pure: each function changes the application it is given; the CLI saves the
result through the repository, the TUI through its one write path. A sure
finding is recorded at once (`record_finding`); what needs a person's yes
(an unsure match, closing as rejected, a new interview round from a calendar
invitation) becomes a `Proposal`, settled by `accept_proposal`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .errors import ValidationError
from .mail_match import Finding
from .mail_message import CalendarInvite, MailMessage
from .message_plan import plan_message
from .model import DEFAULT_INTERVIEW_MINUTES, MAX_INTERVIEW_MINUTES, Application, Contact, Event, Interview
from .settings import Settings
from .timeparse import format_instant, parse_instant_iso

ANSWER_WORDS = {"response": "reply", "rejection": "rejection", "invitation": "invitation", "offer": "offer"}
# Steps a proposal holds: record the message itself, close as rejected, add the round.
RECORD, CLOSE, ROUND = "record", "close", "round"


@dataclass
class Proposal:
    """A finding waiting for the person's yes (kept beside the data file)."""

    finding: Finding
    steps: tuple[str, ...] = field(default_factory=tuple)

    @property
    def what(self) -> str:
        """The proposal in a few words, for the review list."""
        parts = []
        if RECORD in self.steps:
            parts.append(f"record the {self.finding.kind}")
        if CLOSE in self.steps:
            parts.append("close as rejected")
        if ROUND in self.steps and self.finding.invite is not None and self.finding.invite.start is not None:
            parts.append(f"add the interview round of {format_instant(self.finding.invite.start)}")
        return ", ".join(parts)


def proposals_for(finding: Finding) -> Proposal | None:
    """What a finding still asks the person: everything when unsure; for a
    sure one, only closing a rejected card or adding an invited round."""
    steps: list[str] = [] if finding.sure else [RECORD]
    if finding.kind == "rejection":
        steps.append(CLOSE)
    if finding.kind == "invitation" and finding.invite is not None and finding.invite.proposes_meeting:
        steps.append(ROUND)
    return Proposal(finding, tuple(steps)) if steps else None


def _when(message: MailMessage, now: datetime) -> datetime:
    # a message dated in the future (a wrong clock) is recorded as read now
    return min(message.date, now) if message.date is not None else now


def record_finding(app: Application, finding: Finding, settings: Settings, now: datetime) -> None:
    """Put the message in the history: a message you sent (the one the plan
    owed), their answer (stops the cadence like a typed-in response), or a
    bounce (the contact's address marked as not delivering)."""
    message = finding.message
    if any(e.message_id == message.message_id for e in app.events if message.message_id):
        return  # already in the history (a rescan, a second accept)
    at = _when(message, now)
    if finding.kind == "bounce":
        known = {c.email.strip().lower() for c in app.contacts}
        failed = ", ".join(a for a in message.bounced if a in known) or ", ".join(message.bounced)
        event = Event(at=at, kind="note", text=f"mail to {failed} bounced: the address does not deliver",
                      bounced=failed)
        app.events.append(event)
    elif finding.kind == "sent":
        plan = plan_message(app, at, settings)
        app.record_sent(plan.kind, at, recipient=", ".join(message.recipients), subject=message.subject)
        event = next(e for e in reversed(app.events) if e.kind == "message-sent")
    else:
        word = ANSWER_WORDS.get(finding.kind, "reply")
        app.record_response(f"{word} by mail: {message.subject}".strip(), at)
        event = app.events[-1]
    event.message_id = message.message_id
    event.sender = _sender_text(message)
    event.subject = message.subject
    event.excerpt = message.excerpt


def _sender_text(message: MailMessage) -> str:
    return f"{message.sender_name} <{message.sender}>" if message.sender_name else message.sender


def accept_proposal(
    app: Application, proposal: Proposal, settings: Settings, now: datetime, own_addresses: tuple[str, ...] = ()
) -> None:
    """Do what the proposal says, in one change of the application."""
    finding = proposal.finding
    if RECORD in proposal.steps:
        record_finding(app, finding, settings, now)
    if ROUND in proposal.steps and finding.invite is not None:
        _add_round(app, finding.invite, own_addresses, now)
    if CLOSE in proposal.steps and app.stage != "closed":
        app.move_to("closed", now, outcome="rejected")


def _add_round(app: Application, invite: CalendarInvite, own_addresses: tuple[str, ...], now: datetime) -> None:
    if invite.start is None:
        raise ValidationError("invitation", "the invitation gives no start time")
    if any(i.at == invite.start for i in app.interviews):
        return
    own = {a.lower() for a in own_addresses}
    met = [(name, address) for name, address in invite.attendees if address.lower() not in own]
    known = {c.email.strip().lower() for c in app.contacts}
    for name, address in met:
        if address.lower() not in known:
            app.contacts.append(Contact(name=name, email=address))
            known.add(address.lower())
    minutes = invite.minutes if 0 < invite.minutes <= MAX_INTERVIEW_MINUTES else DEFAULT_INTERVIEW_MINUTES
    names = [name or address for name, address in met]
    app.interviews.append(Interview(at=invite.start, kind="interview", with_names=names,
                                    notes=invite.summary, duration_minutes=minutes))
    if app.stage in ("saved", "applied", "thanked", "following-up"):
        app.move_to("interview", now)


# -- the JSON form of findings and proposals (the state file, --json) -------------


def finding_json(finding: Finding, status: str) -> dict:
    """Exactly the keys `followup mail sync --json` promises."""
    message = finding.message
    return {
        "application_id": finding.application_id,
        "kind": finding.kind,
        "status": status,
        "message_id": message.message_id,
        "from": _sender_text(message),
        "subject": message.subject,
        "date": format_instant(message.date) if message.date else None,
        "reason": finding.reason,
    }


def _invite_dict(invite: CalendarInvite | None) -> dict | None:
    if invite is None:
        return None
    return {"method": invite.method, "start": format_instant(invite.start) if invite.start else None,
            "minutes": invite.minutes, "summary": invite.summary,
            "attendees": [list(pair) for pair in invite.attendees]}


def _invite_from(data: dict | None) -> CalendarInvite | None:
    if not data:
        return None
    return CalendarInvite(
        method=str(data["method"]), start=parse_instant_iso(data["start"]) if data.get("start") else None,
        minutes=int(data.get("minutes", 0)), summary=str(data.get("summary", "")),
        attendees=tuple((str(n), str(a)) for n, a in data.get("attendees", [])))


def proposal_to_dict(proposal: Proposal) -> dict:
    """What the state file keeps of a proposal: the headers and the excerpt,
    never the message's text."""
    finding, message = proposal.finding, proposal.finding.message
    return {
        "application_id": finding.application_id, "kind": finding.kind, "sure": finding.sure,
        "reason": finding.reason, "steps": list(proposal.steps),
        "folder": message.folder, "message_id": message.message_id,
        "date": format_instant(message.date) if message.date else None,
        "sender": message.sender, "sender_name": message.sender_name,
        "recipients": list(message.recipients), "subject": message.subject,
        "excerpt": message.excerpt, "bounced": list(message.bounced), "invite": _invite_dict(message.invite),
    }


def proposal_from_dict(data: dict) -> Proposal:
    """Raises ValidationError for a record that is not a proposal."""
    try:
        message = MailMessage(
            folder=str(data["folder"]), message_id=str(data["message_id"]),
            date=parse_instant_iso(data["date"]) if data.get("date") else None,
            sender=str(data["sender"]), sender_name=str(data.get("sender_name", "")),
            recipients=tuple(str(a) for a in data.get("recipients", [])), subject=str(data.get("subject", "")),
            new_text=str(data.get("excerpt", "")), bounced=tuple(str(a) for a in data.get("bounced", [])),
            invite=_invite_from(data.get("invite")),
        )
        finding = Finding(int(data["application_id"]), str(data["kind"]), bool(data["sure"]),
                          str(data["reason"]), message)
        return Proposal(finding, tuple(str(s) for s in data["steps"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError("proposal", f"malformed proposal: {exc}") from exc
