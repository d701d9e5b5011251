"""How the board and the agenda say that they replied by mail: instead of
"update the stage", "they replied N days ago" (DESIGN §10). Pure."""

from __future__ import annotations

from datetime import datetime

from .cadence import NextAction
from .model import Application, Event

MAIL_MARK = "✉"


def mail_reply(app: Application, action: NextAction | None) -> Event | None:
    """Their answer read from the mailbox that the card's next step waits on."""
    if action is None or action.kind != "update-stage":
        return None
    responses = app.responses()
    if not responses:
        return None
    latest = max(responses, key=lambda e: e.at)
    return latest if latest.message_id else None


def reply_label(app: Application, action: NextAction | None, now: datetime) -> str | None:
    """'✉ they replied 3 days ago', or None when no mail reply is waiting."""
    reply = mail_reply(app, action)
    if reply is None:
        return None
    days = max((now - reply.at).days, 0)
    ago = "today" if days == 0 else ("1 day ago" if days == 1 else f"{days} days ago")
    return f"{MAIL_MARK} they replied {ago}"


def bounced_addresses(app: Application) -> list[str]:
    """The contacts' addresses a bounce in the history marked as not
    delivering (a contact given a new address is no longer marked)."""
    failed = {a.strip().lower() for e in app.events if e.bounced for a in e.bounced.split(",")}
    return [c.email for c in app.contacts if c.email and c.email.strip().lower() in failed]


def bounce_warning(app: Application, to: str) -> str | None:
    """One line when a message would go to an address that bounced."""
    from email.utils import getaddresses

    dead = {a.strip().lower() for a in bounced_addresses(app)}
    hit = sorted({address.strip().lower() for _name, address in getaddresses([to])} & dead)
    if not hit:
        return None
    return f"{', '.join(hit)}: a message to this address bounced (not delivering); find another address"
