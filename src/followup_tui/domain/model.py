"""The job-search data: applications with contacts, interviews and history.

Pure Python. Times are timezone-aware UTC datetimes; plain dates stay dates.
`to_dict` / `from_dict` give the JSON form the store keeps.

The classes are msgspec Structs (dataclass-like: same constructor, fields,
equality, mutable) rather than dataclasses: their type annotations are also
the stored form's schema: domain/record_check.py checks a record by them as
it builds the objects (a whole file at C speed), and each takes about a
third of a dataclass's memory.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Annotated, Literal, get_args

import msgspec
from msgspec import field
from msgspec.structs import replace

from .errors import ValidationError
from .timeparse import format_instant

Stage = Literal["saved", "applied", "interview", "thanked", "following-up", "offer", "closed"]
Outcome = Literal["accepted", "rejected", "withdrawn", "moved-on", "ghosted"]
Channel = Literal["email", "phone", "linkedin", "portal", "other"]
MessageKind = Literal["thank-you", "follow-up"]
EventKind = Literal["created", "stage-change", "message-sent", "response", "note", "snooze"]

STAGES: tuple[str, ...] = get_args(Stage)
STAGE_TITLES: dict[str, str] = {
    "saved": "Saved",
    "applied": "Applied",
    "interview": "Interview",
    "thanked": "Thanked",
    "following-up": "Following up",
    "offer": "Offer",
    "closed": "Closed",
}
OUTCOMES: tuple[str, ...] = get_args(Outcome)
PRIORITIES: tuple[str, ...] = ("", "low", "medium", "high")
CHANNELS: tuple[str, ...] = get_args(Channel)
MESSAGE_KINDS: tuple[str, ...] = get_args(MessageKind)
EVENT_KINDS: tuple[str, ...] = get_args(EventKind)

# Sending a message moves the card on by itself (DESIGN §4).
STAGE_AFTER_SENDING: dict[str, str] = {"thank-you": "thanked", "follow-up": "following-up"}

DEFAULT_INTERVIEW_MINUTES = 60
# Counters and revisions stay exact in every JSON reader (2**53).
MAX_COUNTER = 2**53
MAX_INTERVIEW_MINUTES = 7 * 24 * 60
_MINUTE = timedelta(minutes=1)  # (a product of it is ~5x quicker to make than timedelta(minutes=n))

# What a stored field may hold; enforced when a record is read (record_check.py),
# not when an object is built in code (like a dataclass, a Struct's
# constructor trusts it).
Instant = Annotated[datetime, msgspec.Meta(tz=True)]
Revision = Annotated[int, msgspec.Meta(ge=0, le=MAX_COUNTER)]
Minutes = Annotated[int, msgspec.Meta(ge=1, le=MAX_INTERVIEW_MINUTES)]

# A key the model does not know (a hand edit, a newer field) is ignored when a
# record is read, never an error. The records hold no cycles (nothing refers
# back to what holds it), so the cyclic collector need not track them:
# 16 bytes less per object (~100,000 at 10,000 applications) and fewer
# objects for every collection to walk. Their lists and dicts stay tracked.
_STRUCT: dict = {"gc": False}


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("naive datetime: times must carry a timezone")
    return value.astimezone(timezone.utc)


def default_stage(app: "Application") -> str:
    """The column a new application starts in when none is chosen."""
    return "interview" if app.interviews else "applied"


def normalize_tags(tags: str | list[str] | tuple[str, ...]) -> list[str]:
    """Tags from a list or from comma-separated text: trimmed, no empties, no
    duplicates (case-insensitive; the first spelling wins), order kept."""
    items = tags.split(",") if isinstance(tags, str) else [t for tag in tags for t in str(tag).split(",")]
    seen: set[str] = set()
    result = []
    for item in items:
        tag = " ".join(item.split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            result.append(tag)
    return result


def check_job_url(value: str, field_name: str = "job_url") -> str:
    """A web address: http(s)://... with no spaces (so it can be opened)."""
    url = value.strip()
    if url and (not url.lower().startswith(("http://", "https://")) or any(c.isspace() for c in url)):
        raise ValidationError(field_name, f"{value!r} is not a web address (http:// or https://...)")
    return url


def _choice(field_name: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValidationError(field_name, f"{value!r} is not one of: {', '.join(allowed)}")
    return value


class Contact(msgspec.Struct, **_STRUCT):
    name: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""

    def to_dict(self) -> dict:
        return {"name": self.name, "title": self.title, "email": self.email, "phone": self.phone}

    @classmethod
    def from_dict(cls, data: dict) -> Contact:
        from .record_check import build  # (record_check imports this module)

        return build(cls, data)


class Interview(msgspec.Struct, **_STRUCT):
    at: Instant
    kind: str = ""  # phone screen, technical, onsite...
    with_names: list[str] = field(default_factory=list, name="with")
    notes: str = ""
    duration_minutes: Minutes = DEFAULT_INTERVIEW_MINUTES

    @property
    def ends_at(self) -> datetime:
        return self.at + _MINUTE * self.duration_minutes

    def to_dict(self) -> dict:
        return {
            "at": format_instant(self.at),
            "kind": self.kind,
            "with": list(self.with_names),
            "notes": self.notes,
            "duration_minutes": self.duration_minutes,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Interview:
        from .record_check import build  # (record_check imports this module)

        return build(cls, data)


class Event(msgspec.Struct, omit_defaults=True, **_STRUCT):
    """One line of an application's history. (Encoded without its empty
    fields, exactly as `to_dict` writes it.)"""

    at: Instant
    kind: EventKind
    text: str = ""  # note / response text, or a human summary
    from_stage: Stage | None = field(default=None, name="from")
    to_stage: Stage | None = field(default=None, name="to")
    message_kind: MessageKind | None = None  # thank-you / follow-up, for message-sent
    recipient: str = ""
    subject: str = ""
    body: str = ""
    until: Instant | None = None  # for snooze
    # mailbox (§10): the message this event is, so a reply to it is sure and
    # a second sync never records it twice; who wrote it; a short excerpt
    # without quoted text (never the whole body)
    message_id: str = ""
    sender: str = ""
    excerpt: str = ""
    bounced: str = ""  # a bounce: the address(es) that do not deliver, comma-separated

    def to_dict(self) -> dict:
        data: dict = {"at": format_instant(self.at), "kind": self.kind}
        if self.text:
            data["text"] = self.text
        if self.from_stage is not None:
            data["from"] = self.from_stage
        if self.to_stage is not None:
            data["to"] = self.to_stage
        if self.message_kind is not None:
            data["message_kind"] = self.message_kind
        for key in ("recipient", "subject", "body"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        if self.until is not None:
            data["until"] = format_instant(self.until)
        for key in ("message_id", "sender", "excerpt", "bounced"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Event:
        from .record_check import build  # (record_check imports this module)

        return build(cls, data)

    def describe(self) -> str:
        """A one-line, human summary for timelines and CSV export."""
        if self.kind == "stage-change":
            moved = f"moved {self.from_stage} -> {self.to_stage}"
            outcome = self.text.removeprefix("outcome: ") if self.text.startswith("outcome: ") else ""
            return f"{moved} ({outcome.replace('-', ' ')})" if self.to_stage == "closed" and outcome else moved
        if self.kind == "message-sent":
            to = f" to {self.recipient}" if self.recipient else ""
            return f"sent {self.message_kind}{to}"
        if self.kind == "response":
            return f"response: {self.text}" if self.text else "response received"
        if self.kind == "note":
            return f"note: {self.text}"
        if self.kind == "snooze":
            return f"snoozed until {format_instant(self.until)}" if self.until else "snoozed"
        return self.text or self.kind


class Draft(msgspec.Struct, **_STRUCT):
    kind: MessageKind
    to: str = ""
    subject: str = ""
    body: str = ""
    updated: Instant | None = None

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "to": self.to,
            "subject": self.subject,
            "body": self.body,
            "updated": format_instant(self.updated) if self.updated else None,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Draft:
        from .record_check import build  # (record_check imports this module)

        return build(cls, data)


class Application(msgspec.Struct, **_STRUCT):
    # The order is `to_dict`'s (the stored form); `id` is last because it is
    # the key of the stored record, not a field in it.
    company: str
    role: str = ""
    company_domain: str = ""
    stage: Stage = "applied"
    outcome: Outcome | None = None
    channel: Channel = "email"
    do_not_contact: bool = False
    decision_by: date | None = None
    job_url: str = ""
    location: str = ""
    salary: str = ""  # free text: "55-65k EUR", "$120k + equity"
    applied_on: date | None = None
    source: str = ""  # where the job was found: LinkedIn, a referral...
    resume: str = ""  # which resume version was sent
    tags: list[str] = field(default_factory=list)
    priority: str = ""  # one of PRIORITIES ("" = not set)
    contacts: list[Contact] = field(default_factory=list)
    interviews: list[Interview] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    drafts: dict[str, Draft] = field(default_factory=dict)
    notes: str = ""
    created: Instant | None = None
    updated: Instant | None = None
    rev: Revision = 0
    id: int | None = None

    # -- validation -----------------------------------------------------

    def validate(self) -> None:
        """Raise ValidationError naming the first bad field."""
        if not self.company.strip():
            raise ValidationError("company", "company is required")
        _choice("stage", self.stage, STAGES)
        _choice("channel", self.channel, CHANNELS)
        if self.outcome is not None:
            _choice("outcome", self.outcome, OUTCOMES)
            if self.stage != "closed":
                raise ValidationError("outcome", "only a closed application has an outcome")
        _choice("priority", self.priority, PRIORITIES)
        check_job_url(self.job_url)
        if self.tags != normalize_tags(self.tags):
            raise ValidationError("tags", "tags must be non-empty, without commas, and not repeated")
        from .validation import check_email  # local: keeps import cheap

        for index, contact in enumerate(self.contacts, start=1):
            if contact.email:
                check_email(contact.email, field_name=f"contact {index} email")
        for interview in self.interviews:
            if interview.duration_minutes <= 0:
                raise ValidationError("interview duration", "must be a positive number of minutes")
        from .record_check import check_dates_and_times  # the same rule as a stored record's

        check_dates_and_times(self)

    # -- derived facts ----------------------------------------------------

    @property
    def primary_contact(self) -> Contact | None:
        return self.contacts[0] if self.contacts else None

    @property
    def primary_email(self) -> str:
        for contact in self.contacts:
            if contact.email:
                return contact.email
        return ""

    def interviews_sorted(self) -> list[Interview]:
        return sorted(self.interviews, key=lambda i: i.at)

    def last_interview(self, before: datetime | None = None) -> Interview | None:
        done = [i for i in self.interviews_sorted() if before is None or i.at <= before]
        return done[-1] if done else None

    def messages_sent(self, kind: str) -> list[Event]:
        return [e for e in self.events if e.kind == "message-sent" and e.message_kind == kind]

    @property
    def follow_ups_sent(self) -> int:
        return len(self.messages_sent("follow-up"))

    def responses(self) -> list[Event]:
        return [e for e in self.events if e.kind == "response"]

    # -- changes (each one leaves a trace in the history) -----------------

    def move_to(self, stage: str, now: datetime, outcome: str | None = None) -> None:
        _choice("stage", stage, STAGES)
        if stage == "closed":
            self.outcome = _choice("outcome", outcome, OUTCOMES) if outcome else (self.outcome or "moved-on")
        else:
            self.outcome = None
        if stage == self.stage:
            return
        text = f"outcome: {self.outcome}" if stage == "closed" else ""
        self.events.append(
            Event(at=_utc(now), kind="stage-change", from_stage=self.stage, to_stage=stage, text=text)
        )
        self.stage = stage

    def stage_before_closing(self) -> str:
        """Where the card was before it was last closed (the history says);
        `interview` when the history does not say."""
        for event in reversed(self.events):
            if event.kind == "stage-change" and event.to_stage == "closed" and event.from_stage in STAGES:
                if event.from_stage != "closed":
                    return event.from_stage
        return "interview" if self.interviews else "applied"

    def reopen(self, now: datetime) -> str:
        """Put a closed card back where it was before it was closed; returns the stage."""
        if self.stage != "closed":
            raise ValidationError("stage", "only a closed application can be reopened")
        stage = self.stage_before_closing()
        self.move_to(stage, now)
        return stage

    def remove_event(self, index: int) -> Event:
        """Take a mistaken event out of the history (e.g. a "sent" recorded by
        mistake), so it no longer bends the cadence. Removing the latest stage
        change puts the card back in the stage it came from; removing a sent
        message also removes the stage change it caused at the same instant."""
        if not 0 <= index < len(self.events):
            raise ValidationError("event", "no such event in the history")
        event = self.events.pop(index)
        if event.kind == "message-sent":
            caused = [
                i for i, e in enumerate(self.events)
                if e.kind == "stage-change" and e.at == event.at and e.to_stage == STAGE_AFTER_SENDING.get(event.message_kind or "")
            ]
            for i in reversed(caused):
                self._undo_stage_change(i)
        elif event.kind == "stage-change":
            self.events.insert(index, event)
            self._undo_stage_change(index)
        return event

    def _undo_stage_change(self, index: int) -> None:
        event = self.events.pop(index)
        later = any(e.kind == "stage-change" for e in self.events[index:])
        if not later and event.to_stage == self.stage and event.from_stage in STAGES:
            self.stage = event.from_stage
            if self.stage != "closed":
                self.outcome = None

    def correct_event(self, index: int, *, at: datetime | None = None, text: str | None = None, recipient: str | None = None) -> Event:
        """Correct when an event happened, or what it says / to whom it went."""
        if not 0 <= index < len(self.events):
            raise ValidationError("event", "no such event in the history")
        event = self.events[index]
        if at is not None:
            event.at = _utc(at)
        if text is not None:
            event.text = text
        if recipient is not None:
            event.recipient = recipient
        return event

    def record_sent(
        self, kind: str, now: datetime, recipient: str = "", subject: str = "", body: str = "", message_id: str = ""
    ) -> None:
        """Record a sent message and move the card on (DESIGN §4). `message_id`:
        the Message-ID it went out with, so a reply to it is sure (§10)."""
        _choice("message kind", kind, MESSAGE_KINDS)
        self.events.append(
            Event(
                at=_utc(now),
                kind="message-sent",
                message_kind=kind,
                recipient=recipient,
                subject=subject,
                body=body,
                message_id=message_id,
            )
        )
        self.drafts.pop(kind, None)
        target = STAGE_AFTER_SENDING[kind]
        if STAGES.index(self.stage) < STAGES.index(target):
            self.move_to(target, now)

    def record_response(self, text: str, now: datetime) -> None:
        self.events.append(Event(at=_utc(now), kind="response", text=text))

    def add_note(self, text: str, now: datetime) -> None:
        self.events.append(Event(at=_utc(now), kind="note", text=text))

    def snooze(self, until: datetime, now: datetime) -> None:
        self.events.append(Event(at=_utc(now), kind="snooze", until=_utc(until)))

    @property
    def snoozed_until(self) -> datetime | None:
        snoozes = [e.until for e in self.events if e.kind == "snooze" and e.until]
        return max(snoozes) if snoozes else None

    def copy(self) -> Application:
        return Application.from_dict(self.to_dict(), app_id=self.id)

    def with_changes(self, **changes) -> Application:
        return replace(self.copy(), **changes)

    # -- JSON form ---------------------------------------------------------

    def to_dict(self) -> dict:
        return {
            "company": self.company,
            "role": self.role,
            "company_domain": self.company_domain,
            "stage": self.stage,
            "outcome": self.outcome,
            "channel": self.channel,
            "do_not_contact": self.do_not_contact,
            "decision_by": self.decision_by.isoformat() if self.decision_by else None,
            "job_url": self.job_url,
            "location": self.location,
            "salary": self.salary,
            "applied_on": self.applied_on.isoformat() if self.applied_on else None,
            "source": self.source,
            "resume": self.resume,
            "tags": list(self.tags),
            "priority": self.priority,
            "contacts": [c.to_dict() for c in self.contacts],
            "interviews": [i.to_dict() for i in self.interviews],
            "events": [e.to_dict() for e in self.events],
            "drafts": {k: d.to_dict() for k, d in self.drafts.items()},
            "notes": self.notes,
            "created": format_instant(self.created) if self.created else None,
            "updated": format_instant(self.updated) if self.updated else None,
            "rev": self.rev,
        }

    @classmethod
    def from_dict(cls, data: dict, app_id: int | None = None) -> Application:
        """Build from the stored/exported JSON form, checked by the one set of
        rules (domain/record_check.py); raises ValidationError."""
        from .record_check import check_record  # (record_check imports this module)

        return check_record(data, app_id)
