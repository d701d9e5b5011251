"""The mailbox's one write, made only when the user asks for it
(`imap.save_sent = true`): a copy of a message the app sent by SMTP, appended
to the sent folder so the user's own mail client shows it, marked as read."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from email.message import EmailMessage
from email.policy import SMTP

from ..domain.settings import ImapSettings
from .imap_read import MailboxReader, MailError


def copy_to_sent(message: EmailMessage, imap: ImapSettings, environ: Mapping[str, str] | None = None) -> str:
    """APPEND `message` to the sent folder (the setting's, else the one marked
    \\Sent, else "Sent"); returns the folder. Raises MailError."""
    data = message.as_bytes(policy=SMTP)
    with MailboxReader(imap, environ) as reader:
        folder = reader.sent_folder() or "Sent"
        try:
            reader.client.append(folder, data, flags=(b"\\Seen",), msg_time=datetime.now(timezone.utc))
        except Exception as exc:
            raise MailError(f"could not copy the message to {folder!r} on {reader.where}: {exc}") from exc
    return folder
