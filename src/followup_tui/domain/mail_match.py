"""Which application a message belongs to, and what it is (DESIGN §10).

The one rule set, used by `followup mail sync` and the TUI alike:

- sure: it answers a message the history records (In-Reply-To / References),
  or it comes from (inbox) or goes to (sent) a contact's exact address;
- unsure: from the company's domain (the application's or a contact's, never
  a free-mail one), or from an applicant-tracking system whose sender name,
  subject or text names the company;
- never a response: auto-replies, bulk mail, bounces (a bounce of a message
  you sent marks the contact's address as not delivering);
- anything else: no finding (it is not stored at all).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from .mail_domains import is_free_mail, normal_domain
from .mail_message import INBOX, SENT, CalendarInvite, MailMessage
from .mail_wording import ats_name, kind_of_answer, names_company
from .model import Application

FINDING_KINDS = ("sent", "response", "rejection", "invitation", "offer", "bounce")


@dataclass(frozen=True)
class Finding:
    """One message matched to one application."""

    application_id: int
    kind: str  # one of FINDING_KINDS
    sure: bool  # sure: recorded at once; unsure: a proposal waiting for a yes
    reason: str  # which rule matched, in words
    message: MailMessage

    @property
    def invite(self) -> CalendarInvite | None:
        return self.message.invite


def _domain(address: str) -> str:
    """The domain of an address the parser gave (lower case, trimmed)."""
    return address.rpartition("@")[2].strip(".") if "@" in address else ""


def _business_domains(app: Application) -> set[str]:
    """The company's own domains: its recorded one and its contacts'."""
    domains = {normal_domain(app.company_domain)} if app.company_domain.strip() else set()
    domains |= {_domain(c.email.lower()) for c in app.contacts if c.email}
    return {d for d in domains if d and not is_free_mail(d)}


def known_message_ids(applications: Iterable[Application]) -> dict[str, int]:
    """Message-ID -> application id, for every message the histories record."""
    return {e.message_id: a.id for a in applications for e in a.events if e.message_id and a.id is not None}


class Matcher:
    """The applications indexed once, then every message of a sync matched
    against them (a mailbox of 10,000 messages is matched in one pass)."""

    def __init__(self, applications: Iterable[Application]) -> None:
        # Open applications first: a contact met again for a new role belongs
        # to the card still in play, not to the one closed last year.
        self.applications = sorted(
            (a for a in applications if a.id is not None), key=lambda a: (a.stage == "closed", -(a.id or 0)))
        self.by_id = {a.id: a for a in self.applications}
        self.thread = known_message_ids(self.applications)
        self.by_address: dict[str, Application] = {}
        self.by_domain: dict[str, Application] = {}
        for app in self.applications:
            for contact in app.contacts:
                if contact.email:
                    self.by_address.setdefault(contact.email.strip().lower(), app)
            for domain in sorted(_business_domains(app)):
                self.by_domain.setdefault(domain, app)

    # -- the questions a sync asks before fetching a body --------------------

    def could_match(self, message: MailMessage) -> bool:
        """From the headers alone: might this message be a finding? (Its text
        is fetched only when it might.)"""
        if message.bounce or self._sure(message) is not None:
            return True
        others = self._others(message)
        if any(self._by_domain(_domain(a)) for a in others):
            return True
        return message.folder == INBOX and bool(ats_name(_domain(message.sender)))

    # -- the rule -------------------------------------------------------------

    def match(self, message: MailMessage) -> Finding | None:
        if message.bounce:
            return self._bounce(message)
        if message.folder == INBOX and (message.auto_reply or message.bulk):
            return None  # an out-of-office or a newsletter is never their answer
        sure = self._sure(message)
        if sure is not None:
            app, reason = sure
            return Finding(app.id, self._kind(message), True, reason, message)  # type: ignore[arg-type]
        unsure = self._unsure(message)
        if unsure is not None:
            app, reason = unsure
            return Finding(app.id, self._kind(message), False, reason, message)  # type: ignore[arg-type]
        return None

    def _others(self, message: MailMessage) -> tuple[str, ...]:
        """The other side: who wrote (inbox), or to whom you wrote (sent)."""
        return (message.sender,) if message.folder == INBOX else message.recipients

    def _sure(self, message: MailMessage) -> tuple[Application, str] | None:
        for ref in message.refers_to:
            app_id = self.thread.get(ref)
            if app_id is not None:
                return self.by_id[app_id], f"answers {ref}, recorded in the history"
        for address in self._others(message):
            app = self.by_address.get(address)
            if app is not None:
                word = "from" if message.folder == INBOX else "to"
                return app, f"{word} the contact's address {address}"
        return None

    def _by_domain(self, domain: str) -> Application | None:
        """The company's domain itself or one of its subdomains (mail.acme.com
        for acme.com); looked up label by label, never a scan."""
        if not domain:
            return None
        labels = domain.split(".")
        for start in range(len(labels) - 1):
            app = self.by_domain.get(".".join(labels[start:]))
            if app is not None:
                return None if is_free_mail(domain) else app
        return None

    def _unsure(self, message: MailMessage) -> tuple[Application, str] | None:
        for address in self._others(message):
            domain = _domain(address)
            app = self._by_domain(domain)
            if app is not None:
                word = "from" if message.folder == INBOX else "to"
                return app, f"{word} the company's domain {domain}"
        if message.folder != INBOX:
            return None
        system = ats_name(_domain(message.sender))
        if not system:
            return None
        for app in self.applications:
            if names_company(app.company, message.sender_name, message.subject, message.new_text or message.text):
                return app, f"from {system} (an applicant-tracking system), naming {app.company}"
        return None

    def _bounce(self, message: MailMessage) -> Finding | None:
        for address in message.bounced:
            app = self.by_address.get(address)
            if app is not None:
                return Finding(app.id, "bounce", True, f"a message to {address} bounced: the address does not deliver",  # type: ignore[arg-type]
                               message)
        return None

    @staticmethod
    def _kind(message: MailMessage) -> str:
        if message.folder == SENT:
            return "sent"
        invite = message.invite is not None and message.invite.proposes_meeting
        return kind_of_answer(message.subject, message.new_text, invite)


def earliest_open_date(applications: Iterable[Application]) -> date | None:
    """How far back the first sync reads: the earliest day any open
    application began (applied on, its first round, its first message, or its
    creation, whichever is earliest)."""
    days: list[date] = []
    for app in applications:
        if app.stage == "closed":
            continue
        if app.applied_on is not None:
            days.append(app.applied_on)
        instants: list[datetime] = [i.at for i in app.interviews]
        instants += [e.at for e in app.events if e.kind in ("message-sent", "response")]
        if app.created is not None:
            instants.append(app.created)
        days += [moment.date() for moment in instants]
    return min(days) if days else None
