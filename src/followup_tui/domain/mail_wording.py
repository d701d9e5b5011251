"""What a message from an employer is: the senders of applicant-tracking
systems, and the wording of rejections, offers and invitations.

Wording is looked for in the message's own new text and subject (the reply
parser has taken the quoted text away), so our own words quoted back never
decide what their answer was.
"""

from __future__ import annotations

import re

# Domains applicant-tracking systems send candidate mail from (their own
# documentation and mail headers of real messages, see tests/mail/corpus/).
ATS_DOMAINS: dict[str, str] = {
    "greenhouse.io": "Greenhouse",
    "greenhouse-mail.io": "Greenhouse",
    "us.greenhouse-mail.io": "Greenhouse",
    "lever.co": "Lever",
    "hire.lever.co": "Lever",
    "myworkday.com": "Workday",
    "myworkdayjobs.com": "Workday",
    "workday.com": "Workday",
    "ashbyhq.com": "Ashby",
    "ashbymail.com": "Ashby",
    "smartrecruiters.com": "SmartRecruiters",
    "smartrecruiters-mail.com": "SmartRecruiters",
    "icims.com": "iCIMS",
    "taleo.net": "Taleo",
    "jobvite.com": "Jobvite",
    "jobvite-mail.com": "Jobvite",
    "workablemail.com": "Workable",
    "workable.com": "Workable",
    "teamtailor.com": "Teamtailor",
    "teamtailor-mail.com": "Teamtailor",
    "bamboohr.com": "BambooHR",
    "recruitee.com": "Recruitee",
    "breezy.hr": "Breezy HR",
    "applytojob.com": "JazzHR",
    "hire.jazz.co": "JazzHR",
    "personio.de": "Personio",
    "personio.com": "Personio",
    "successfactors.com": "SAP SuccessFactors",
    "successfactors.eu": "SAP SuccessFactors",
    "rippling.com": "Rippling",
    "pinpointhq.com": "Pinpoint",
}


def ats_name(domain: str) -> str:
    """The tracking system a sender's domain belongs to, or ""."""
    labels = domain.lower().split(".")
    for start in range(len(labels) - 1):
        name = ATS_DOMAINS.get(".".join(labels[start:]))
        if name:
            return name
    return ""


def _phrases(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b", re.IGNORECASE)


_REJECTION = _phrases(
    r"not (?:to )?(?:be )?(?:moving|move|going|proceed(?:ing)?) forward",
    r"(?:won't|will not|won’t) be (?:moving|proceeding) forward",
    r"decided to (?:move|go) forward with other",
    r"(?:pursue|proceed with|move forward with|moving forward with|proceeding with) other (?:candidates|applicants)",
    r"(?:other|another) candidates? (?:whose|who)",
    r"regret to (?:inform|let you know)",
    r"(?:were|was|have been) not selected",
    r"not been selected",
    r"position has (?:now )?been filled",
    r"no longer (?:being )?considered",
    r"unable to offer you",
    r"not (?:able )?to offer you",
    r"decided not to (?:proceed|move forward|continue)",
    r"will not be (?:progressing|continuing)",
    r"not (?:be )?progress(?:ing)? (?:your application|with your application)",
    r"unsuccessful",
)
_OFFER = _phrases(
    r"pleased to (?:extend|offer)",
    r"(?:happy|delighted|excited|thrilled) to (?:extend|offer you)",
    r"offer of employment",
    r"offer letter",
    r"extend (?:you )?an offer",
    r"(?:formal|verbal|written) offer",
)
_INVITATION = _phrases(
    r"(?:your|share (?:your|some)|send (?:me|us) your) availability",
    r"(?:are|would) you (?:be )?(?:free|available)",
    r"(?:schedule|book|set up|arrange) (?:a|an|the|your) (?:time|call|chat|interview|meeting|conversation)",
    r"(?:time|times|slot|slots) that (?:work|suit)",
    r"invite you (?:to|for)",
    r"next (?:round|step|stage)s? (?:of|in) (?:the|our) (?:process|interviews?)",
    r"calendly\.com",
    r"pick a time",
    r"self-schedul\w*",
)


def kind_of_answer(subject: str, new_text: str, has_invite: bool) -> str:
    """rejection, offer, invitation or response, from their wording (a
    rejection's regrets win over its polite "we'd be happy to...")."""
    words = f"{subject}\n{new_text}"
    if _REJECTION.search(words):
        return "rejection"
    if _OFFER.search(words):
        return "offer"
    if has_invite or _INVITATION.search(words):
        return "invitation"
    return "response"


def names_company(company: str, *texts: str) -> bool:
    """The company's name, as whole words, in any of the texts."""
    name = " ".join(company.split())
    if len(name) < 2:
        return False
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(part) for part in name.split()) + r"(?!\w)", re.IGNORECASE)
    return any(pattern.search(text) for text in texts if text)
