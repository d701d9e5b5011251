"""`followup due --mail`: today's digest, sent to yourself (the from_address)
through the configured SMTP server; for cron or a systemd timer."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from ..domain.settings import Settings


def digest_message(lines: list[str], settings: Settings, now: datetime) -> EmailMessage:
    """A plain-text message to you listing what is due today, one line each."""
    address = settings.smtp.from_address
    count = len(lines)
    message = EmailMessage()
    message["From"] = address
    message["To"] = address
    message["Subject"] = f"followup: {count} thing{'s' if count != 1 else ''} due today"
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=address.rpartition("@")[2] or "followup.invalid")
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office answers it
    body = "\n".join(["Due today, overdue first:", "", *lines, "", "Open the board: followup", ""])
    message.set_content(body)
    return message
