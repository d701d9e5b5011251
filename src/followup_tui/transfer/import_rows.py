"""One CSV row (cells already under our column names) to the application it
describes: stage and outcome from a tracker's words, priority from stars,
the channel from the job's address, contacts, rounds, history and drafts."""

from __future__ import annotations

import re
from datetime import tzinfo

from ..domain.errors import ValidationError
from ..domain.import_plan import IncomingRow
from ..domain.model import (
    CHANNELS,
    OUTCOMES,
    STAGES,
    Application,
    Interview,
    normalize_tags,
)
from ..domain.timeparse import parse_when
from .csv_format import (
    CONTACT_FIELDS,
    DRAFT_RE,
    EVENT_RE,
    NUMBERED_RE,
    WITH_SEPARATOR,
    contacts_from,
    draft_kind,
    interview_minutes,
    parse_draft_cell,
    parse_event_cell,
)
from .import_dates import read_day, read_instant
from .import_sources import STAGE_WORDS, Preset


def _stage_of(values: dict[str, str]) -> tuple[str, str | None, bool]:
    text = " ".join(re.sub(r"[^\w\s'-]", " ", values.get("stage", "")).lower().split())
    outcome = values.get("outcome", "").strip().lower() or None
    if not text:
        return "applied", None, False
    if text not in STAGE_WORDS:
        raise ValidationError("stage", f"{values['stage']!r} is not a stage we know (ours: {', '.join(STAGES)})")
    stage, implied = STAGE_WORDS[text]
    if stage != "closed":
        return stage, None, True
    outcome = outcome or implied or "moved-on"
    if outcome not in OUTCOMES:
        raise ValidationError("outcome", f"{outcome!r} is not one of: {', '.join(OUTCOMES)}")
    return stage, outcome, True


def _priority(values: dict[str, str]) -> str:
    text = values.get("priority", "").strip().lower()
    if text:
        named = {"low": "low", "medium": "medium", "med": "medium", "normal": "medium", "high": "high"}
        if text not in named:
            raise ValidationError("priority", f"{values['priority']!r} is not one of: low, medium, high")
        return named[text]
    excitement = values.get("excitement", "").strip()
    if excitement:
        try:
            stars = float(excitement)
        except ValueError:
            raise ValidationError("excitement", f"{excitement!r} is not a number of stars") from None
        return "high" if stars >= 4 else "medium" if stars >= 3 else "low" if stars > 0 else ""
    return ""


def incoming_row(values: dict[str, str], tz: tzinfo, preset: Preset, row_number: int) -> IncomingRow:
    def get(key: str) -> str:
        return values.get(key, "").strip()

    stage, outcome, stage_given = _stage_of(values)
    salary = get("salary")
    if not salary and (get("salary_min") or get("salary_max")):
        salary = "-".join(v for v in (get("salary_min"), get("salary_max")) if v)
    url = get("job_url")
    if url and not url.lower().startswith(("http://", "https://")) and "." in url.split("/")[0]:
        url = "https://" + url  # www.acme.com/jobs/1
    channel = get("channel").lower()
    if channel and channel not in CHANNELS:
        raise ValidationError("channel", f"{channel!r} is not one of: {', '.join(CHANNELS)}")
    channel_given = bool(channel)
    channel = channel or preset.channel_value or channel_of_url(url)
    notes = values.get("notes", "")
    answers = get("questions_and_answers")
    if answers:  # what you told them when applying: worth having before an interview
        notes = f"{notes.rstrip()}\n\nQuestions and answers when applying ({preset.title}):\n{answers}".strip()
    app = Application(
        company=get("company"),
        role=get("role"),
        stage=stage,
        outcome=outcome,
        channel=channel,
        do_not_contact=get("do_not_contact").lower() in ("yes", "true", "1", "y"),
        company_domain=get("company_domain"),
        job_url=url,
        location=get("location"),
        salary=salary,
        source=get("source") or preset.source_value,
        resume=get("resume"),
        tags=normalize_tags(get("tags").replace(";", ",")),
        priority=_priority(values),
        notes=notes,
    )
    if get("applied_on"):
        app.applied_on = read_day(get("applied_on"), tz, preset.month_first, "applied date")
    if get("decision_by"):
        app.decision_by = read_day(get("decision_by"), tz, preset.month_first, "decision_by")
    if get("created"):
        app.created = read_instant(get("created"), tz, preset.month_first, "created")
    contacts: dict[int, dict[str, str]] = {}
    rounds: dict[int, dict[str, str]] = {}
    events: dict[int, str] = {}
    for key, value in values.items():
        numbered = NUMBERED_RE.match(key)
        if numbered:
            kind, n, name = numbered.group(1), int(numbered.group(2)), numbered.group(3)
            (contacts if kind == "contact" else rounds).setdefault(n, {})[name] = value.strip()
            continue
        event = EVENT_RE.match(key)
        if event and value.strip():
            events[int(event.group(1))] = value
            continue
        draft = DRAFT_RE.match(key)
        if draft and value.strip():
            kind = draft_kind(draft.group(1))
            if kind:
                app.drafts[kind] = parse_draft_cell(kind, value, key)
    for values_of in contacts.values():
        unknown = set(values_of) - set(CONTACT_FIELDS)
        if unknown:
            raise ValidationError("contact", f"unknown column part {sorted(unknown)[0]!r}")
    app.contacts = contacts_from(contacts)
    for n in sorted(rounds):
        parts = rounds[n]
        if not any(parts.values()):
            continue
        where = f"interview_{n}_at"
        if not parts.get("at"):
            raise ValidationError(where, "an interview round needs its time")
        interview = Interview(at=parse_when(parts["at"], tz, where))
        if parts.get("minutes"):
            interview.duration_minutes = interview_minutes(parts["minutes"], f"interview_{n}_minutes")
        interview.kind = parts.get("kind", "")
        interview.with_names = [w.strip() for w in parts.get("with", "").split(WITH_SEPARATOR.strip()) if w.strip()]
        interview.notes = parts.get("notes", "")
        app.interviews.append(interview)
    app.events = [parse_event_cell(events[n], f"event_{n}") for n in sorted(events)]
    if not stage_given and app.interviews:
        app.stage = "interview"
    app.validate()
    return IncomingRow(row_number, app, stage_given=stage_given, channel_given=channel_given)


# Applicant-tracking systems whose job pages mean "applied through a portal".
_PORTAL_HOSTS = ("greenhouse.io", "lever.co", "myworkdayjobs.com", "workday.com", "ashbyhq.com", "smartrecruiters.com",
                 "icims.com", "jobvite.com", "bamboohr.com", "recruitee.com", "workable.com", "taleo.net", "personio")


def channel_of_url(url: str) -> str:
    """The channel a job's address suggests: LinkedIn, an applicant-tracking
    portal, else "other" (the file does not say)."""
    host = url.lower().split("://", 1)[-1].split("/", 1)[0]
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        return "linkedin"
    if any(part in host for part in _PORTAL_HOSTS):
        return "portal"
    return "other"
