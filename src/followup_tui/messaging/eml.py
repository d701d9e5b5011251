"""RFC 5322 messages built with the standard library's email package, and
written as .eml files any mail client can open.

Addresses are parsed with the standard library's parser (display names with
commas, several recipients). An internationalised domain goes into the
headers in its IDNA form (plain ASCII, readable by every client and server);
a non-ASCII local part (jösé@...) can only travel as UTF-8 (RFC 6532 / SMTPUTF8),
so such a message is written with UTF-8 headers. A recipient that is not an
address is an AddressError naming it, never a crash."""

from __future__ import annotations

import os
import re
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP, SMTPUTF8, default
from email.utils import format_datetime, make_msgid
from pathlib import Path

from ..domain.addresses import AddressProblem, CheckedAddress, Recipient, check_address, parse_recipients
from ..domain.errors import FollowupError

_SLUG_RE = re.compile(r"[^a-z0-9]+")
_LINE_BREAKS_RE = re.compile(r"[\r\n]+")


class ExportError(FollowupError):
    """The .eml file could not be written; the message says where and why."""


class AddressError(ExportError, ValueError):
    """An address that cannot go into the message; the message names it."""


def _header_addresses(checked: list[CheckedAddress]) -> list[Address]:
    return [
        Address(display_name=_one_line(c.name), username=c.local_part, domain=c.ascii_domain) for c in checked
    ]


def _checked(text: str, what: str) -> list[CheckedAddress]:
    try:
        return [check_address(r) for r in parse_recipients(_one_line(text))]
    except AddressProblem as exc:
        raise AddressError(f"{what}: {exc}") from None


def build_message(
    *,
    to: str,
    subject: str,
    body: str,
    now: datetime,
    from_address: str = "",
    from_name: str = "",
    draft: bool = False,
) -> EmailMessage:
    """A plain-text message. `draft` adds `X-Unsent: 1`, which tells mail
    clients (Outlook, Thunderbird, Apple Mail) to open it ready to send."""
    recipients = _checked(to, "To") if to.strip() else []
    senders = _checked(from_address, "From (smtp.from_address)") if from_address.strip() else []
    if len(senders) > 1:
        raise AddressError(f"From (smtp.from_address): one address, not {len(senders)}")
    if senders and from_name.strip() and not senders[0].name:
        senders = [CheckedAddress(_one_line(from_name), *_fields(senders[0])[1:])]
    utf8 = any(a.needs_smtputf8 for a in recipients + senders)
    message = EmailMessage(policy=default.clone(utf8=True) if utf8 else default)
    if senders:
        message["From"] = _header_addresses(senders)
    if recipients:
        message["To"] = _header_addresses(recipients)
    message["Subject"] = _one_line(subject)
    message["Date"] = format_datetime(now)
    # An explicit domain: make_msgid's default asks DNS for the host name.
    domain = senders[0].ascii_domain if senders else "followup.invalid"
    message["Message-ID"] = make_msgid(domain=domain)
    if draft:
        message["X-Unsent"] = "1"
    message.set_content(body if body.endswith("\n") else body + "\n")
    return message


def _one_line(value: str) -> str:
    """Header values cannot hold line breaks (header injection)."""
    return _LINE_BREAKS_RE.sub(" ", value).strip()


def _fields(address: CheckedAddress) -> tuple:
    return (address.name, address.local_part, address.domain, address.ascii_domain, address.normalized)


def message_bytes(message: EmailMessage) -> bytes:
    """The wire form: CRLF line endings, long lines folded; UTF-8 headers
    only when an address needs them."""
    return message.as_bytes(policy=SMTPUTF8 if message.policy.utf8 else SMTP)


def slug(text: str) -> str:
    return _SLUG_RE.sub("-", text.lower()).strip("-")[:40] or "message"


def default_eml_name(company: str, kind: str, now: datetime) -> str:
    """'2026-11-25-orbital-robotics-thank-you.eml'."""
    return f"{now.date().isoformat()}-{slug(company)}-{kind}.eml"


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) private to the user: 0700."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)  # mkdir's mode is filtered by the umask
    return path


def unused_path(path: Path) -> Path:
    """`path`, or `name-2.eml`, `name-3.eml`... when it is taken."""
    if not path.exists():
        return path
    number = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        if not candidate.exists():
            return candidate
        number += 1


def write_eml(message: EmailMessage, path: Path, *, replace: bool = False) -> Path:
    """Write the message to `path` (0600). Refuses to overwrite unless
    `replace`; raises ExportError naming the file."""
    data = message_bytes(message)
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if replace else os.O_EXCL)
    try:
        fd = os.open(path, flags, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except FileExistsError as exc:
        raise ExportError(f"{path} already exists") from exc
    except OSError as exc:
        raise ExportError(f"could not write {path}: {exc.strerror or exc}") from exc
    return path
