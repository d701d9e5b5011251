"""Recipients as people write them: `"Doe, Jane" <jane@acme.com>`,
`Ann <ann@x.com>; bo@y.com`, `jose@bücher.de`.

Parsed with the standard library's address parser (`email.utils`), checked
with email-validator (syntax only, offline), which also gives the domain in
its ASCII (IDNA) form for headers and SMTP. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import getaddresses

from email_validator import EmailNotValidError, validate_email


@dataclass(frozen=True)
class Recipient:
    name: str  # display name, "" when none
    address: str  # as written (Unicode domain kept)


@dataclass(frozen=True)
class CheckedAddress:
    name: str
    local_part: str
    domain: str  # as written, lower-cased (Unicode for an internationalised domain)
    ascii_domain: str  # IDNA form: what goes into headers and the SMTP envelope
    normalized: str  # local@domain for messages to the user

    @property
    def needs_smtputf8(self) -> bool:
        """A non-ASCII local part (jösé@...) needs SMTPUTF8; a non-ASCII
        domain alone does not (its IDNA form is ASCII)."""
        return not self.local_part.isascii()

    @property
    def ascii_address(self) -> str:
        return f"{self.local_part}@{self.ascii_domain}"


class AddressProblem(ValueError):
    """One recipient is not a valid address; the message says which and why."""


def _commas_for_semicolons(text: str) -> str:
    """Outlook separates recipients with ';': read it as ',' outside quotes
    and angle brackets."""
    out, quoted, angle = [], False, False
    previous = ""
    for char in text:
        if char == '"' and previous != "\\":
            quoted = not quoted
        elif char == "<" and not quoted:
            angle = True
        elif char == ">" and not quoted:
            angle = False
        out.append("," if char == ";" and not quoted and not angle else char)
        previous = char
    return "".join(out)


def parse_recipients(text: str) -> list[Recipient]:
    """Every recipient in `text`, in order; never raises (an unparsable part
    comes back as written, for the validator to explain)."""
    pairs = [(name.strip(), address.strip()) for name, address in getaddresses([_commas_for_semicolons(text)])]
    found: list[Recipient] = []
    index = 0
    while index < len(pairs):
        name, address = pairs[index]
        following = pairs[index + 1] if index + 1 < len(pairs) else None
        # `Doe, Jane <jane@acme.com>` without quotes: "Doe" then "Jane <...>".
        if not name and address and "@" not in address and following and following[0] and "@" in following[1]:
            found.append(Recipient(f"{address}, {following[0]}", following[1]))
            index += 2
            continue
        if address or name:
            found.append(Recipient(name, address or name))
        index += 1
    if not found and text.strip():
        found.append(Recipient("", text.strip()))
    return found


def check_address(recipient: Recipient) -> CheckedAddress:
    """The recipient checked; AddressProblem naming it when it is not valid."""
    try:
        valid = validate_email(recipient.address, check_deliverability=False)
    except EmailNotValidError as exc:
        raise AddressProblem(f'"{recipient.address}" is not a valid email address: {exc}') from None
    domain = valid.domain.lower()
    return CheckedAddress(
        name=recipient.name,
        local_part=valid.local_part,
        domain=domain,
        ascii_domain=(valid.ascii_domain or domain).lower(),
        normalized=valid.normalized,
    )


def check_recipients(text: str) -> list[CheckedAddress]:
    """Every recipient of `text` checked; AddressProblem on the first bad one."""
    return [check_address(r) for r in parse_recipients(text)]
