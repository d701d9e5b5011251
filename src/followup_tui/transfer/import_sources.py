"""The trackers an import reads (LinkedIn's `Job Applications.csv`, Huntr's
and Teal's CSV exports, any spreadsheet's CSV): each one's column names and
words for a stage, and how a header row tells which wrote it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain.model import STAGES

SOURCES = ("linkedin", "huntr", "teal", "csv")

# Every tracker's words for a stage -> (stage, outcome for closed)
STAGE_WORDS: dict[str, tuple[str, str | None]] = {
    **{s: (s, None) for s in STAGES if s != "closed"},
    **{w: ("saved", None) for w in ("wishlist", "wish list", "bookmarked", "bookmark", "interested", "applying",
                                    "to apply", "watching", "found", "saved")},
    **{w: ("applied", None) for w in ("applied", "application sent", "submitted", "application submitted")},
    **{w: ("interview", None) for w in ("interview", "interviewing", "interviews", "interview scheduled",
                                        "phone screen", "screening", "on-site", "onsite", "on site",
                                        "technical interview", "final interview")},
    **{w: ("thanked", None) for w in ("thank-you sent", "thank you sent")},
    **{w: ("following-up", None) for w in ("following up", "follow-up", "follow up", "followup")},
    **{w: ("offer", None) for w in ("offer", "offered", "offer received", "negotiating", "negotiation")},
    **{w: ("closed", "accepted") for w in ("accepted", "hired", "offer accepted")},
    **{w: ("closed", "rejected") for w in ("rejected", "not selected", "declined", "turned down", "rejection")},
    **{w: ("closed", "withdrawn") for w in ("withdrawn", "withdrew", "i withdrew")},
    **{w: ("closed", "ghosted") for w in ("ghosted", "no response", "no answer")},
    **{w: ("closed", "moved-on") for w in ("archived", "moved on", "moved-on")},
    "closed": ("closed", None),
}

# Header (in normalized form) -> our field, for any CSV.
GENERIC_COLUMNS: dict[str, str] = {
    **dict.fromkeys(("company", "company_name", "employer", "employer_name", "organization", "organisation"),
                    "company"),
    **dict.fromkeys(("role", "job_title", "position", "title", "job", "job_position"), "role"),
    **dict.fromkeys(("stage", "status", "list", "list_name", "pipeline_stage"), "stage"),
    **dict.fromkeys(("job_url", "url", "link", "job_link", "posting_url", "job_posting_url", "listing_url"),
                    "job_url"),
    **dict.fromkeys(("location", "city", "job_location"), "location"),
    **dict.fromkeys(("salary", "compensation", "salary_range", "pay"), "salary"),
    **dict.fromkeys(("min_salary", "salary_min"), "salary_min"),
    **dict.fromkeys(("max_salary", "salary_max"), "salary_max"),
    **dict.fromkeys(("applied_on", "applied", "date_applied", "applied_date", "application_date", "applied_at"),
                    "applied_on"),
    **dict.fromkeys(("source", "job_source", "found_on", "found_via"), "source"),
    **dict.fromkeys(("resume", "resume_name", "resume_version", "resume_used", "cv"), "resume"),
    **dict.fromkeys(("tags", "labels", "keywords"), "tags"),
    "priority": "priority",
    "excitement": "excitement",
    **dict.fromkeys(("notes", "note", "comments"), "notes"),
    **dict.fromkeys(("created", "created_at", "date_saved", "saved_date", "date_added", "saved_at"), "created"),
    **dict.fromkeys(("contact_email", "email", "recruiter_email"), "contact_1_email"),
    **dict.fromkeys(("contact_name", "contact", "recruiter"), "contact_1_name"),
    **dict.fromkeys(("contact_phone", "phone", "recruiter_phone"), "contact_1_phone"),
    "contact_title": "contact_1_title",
    **dict.fromkeys(("interview_at", "interview", "interview_date"), "interview_1_at"),
    **dict.fromkeys(("decision_by", "decision_date"), "decision_by"),
    "channel": "channel",
    "outcome": "outcome",
    "do_not_contact": "do_not_contact",
    **dict.fromkeys(("company_domain", "domain", "website"), "company_domain"),
}
IGNORE = ""  # a column we know and deliberately do not keep


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    columns: dict[str, str]  # overrides GENERIC_COLUMNS; IGNORE drops a column
    source_value: str = ""  # the `source` field when the file has none
    channel_value: str = ""  # the employer's first channel when the file has no column for it
    month_first: bool = True  # US trackers write 8/15/26 for 15 August


PRESETS: dict[str, Preset] = {
    # LinkedIn (Settings > Data privacy > Get a copy of your data > Jobs):
    # Contact Email and Contact Phone Number are the applicant's own.
    "linkedin": Preset(
        "linkedin", "LinkedIn Job Applications",
        {"application_date": "applied_on", "company_name": "company", "job_title": "role", "job_url": "job_url",
         "resume_name": "resume", "contact_email": IGNORE, "contact_phone_number": IGNORE,
         "question_and_answers": "questions_and_answers"},
        source_value="LinkedIn",
        channel_value="linkedin",  # applied through LinkedIn: its messages come there first
    ),
    # Huntr: the full-data export (companyName, title, listName, url, location,
    # salary, createdAt...) and the board export (Employer, Job Title, List, URL...).
    "huntr": Preset(
        "huntr", "Huntr",
        {"company_name": "company", "employer": "company", "title": "role", "job_title": "role",
         "list_name": "stage", "list": "stage", "url": "job_url", "created_at": "created", "date_saved": "created",
         "description": IGNORE, "html_description": IGNORE, "employer_description": IGNORE},
    ),
    # Teal's job tracker export (statuses such as Bookmarked, Applying, Applied...).
    "teal": Preset(
        "teal", "Teal",
        {"company_name": "company", "company": "company", "job_title": "role", "job_position": "role",
         "status": "stage", "job_url": "job_url", "url": "job_url", "date_saved": "created",
         "date_applied": "applied_on", "excitement": "excitement", "job_description": IGNORE,
         "description": IGNORE},
    ),
    "csv": Preset("csv", "CSV", {}, month_first=False),
}

IGNORED_REASONS = {
    ("linkedin", "contact_email"): "your own address, not an employer contact",
    ("linkedin", "contact_phone_number"): "your own number",
}


def normalize_header(name: str) -> str:
    """`companyName`, `Company Name`, ` company-name ` -> `company_name`."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", (name or "").strip())
    return re.sub(r"[^a-z0-9]+", "_", spaced.lower()).strip("_")


def detect_source(headers: set[str]) -> str:
    """Which tracker wrote a header row (normalized names)."""
    if "application_date" in headers and "company_name" in headers and (
        headers & {"resume_name", "question_and_answers", "contact_phone_number"}
    ):
        return "linkedin"
    if "list_name" in headers or ("employer" in headers and "list" in headers):
        return "huntr"
    if "excitement" in headers or "job_position" in headers or (
        "status" in headers and "company_name" in headers and "job_title" in headers
    ):
        return "teal"
    return "csv"
