"""A message read from the mailbox, as the matching rules see it.

Plain data, filled by messaging/mail_parse.py from the server's headers and
the first 64 KB of the text part; the domain decides from it alone (no I/O).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

INBOX, SENT = "inbox", "sent"
EXCERPT_CHARS = 280  # what the history keeps of a message: a glance, never the body


@dataclass(frozen=True)
class CalendarInvite:
    """A text/calendar part: METHOD:REQUEST proposes a meeting."""

    method: str  # REQUEST, CANCEL, REPLY... (upper case)
    start: datetime | None  # aware, UTC
    minutes: int  # length; 0 when unknown
    summary: str = ""
    attendees: tuple[tuple[str, str], ...] = ()  # (name, address), the organiser first

    @property
    def proposes_meeting(self) -> bool:
        return self.method == "REQUEST" and self.start is not None


@dataclass(frozen=True)
class MailMessage:
    folder: str  # INBOX or SENT: which folder it was read from
    message_id: str  # "<...>" as the header gives it; "" when missing
    date: datetime | None  # aware, UTC
    sender: str  # address, lower case
    sender_name: str = ""
    recipients: tuple[str, ...] = ()  # To and Cc addresses, lower case
    subject: str = ""
    refers_to: tuple[str, ...] = ()  # In-Reply-To and References message ids
    auto_reply: bool = False  # Auto-Submitted: auto-replied, X-Autoreply, Precedence: auto_reply
    bulk: bool = False  # List-Unsubscribe, Precedence: bulk / list / junk
    bounce: bool = False  # a delivery status notification
    bounced: tuple[str, ...] = ()  # the addresses a bounce says failed, lower case
    new_text: str = ""  # the text part without quoted text or signature (reply parser)
    text: str = ""  # the text part as read (at most 64 KB), to look for a company's name
    invite: CalendarInvite | None = None

    @property
    def excerpt(self) -> str:
        """One short line for the history and the mailbox screen."""
        words = " ".join(self.new_text.split())
        return words if len(words) <= EXCERPT_CHARS else words[: EXCERPT_CHARS - 1].rstrip() + "…"
