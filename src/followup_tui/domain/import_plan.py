"""What an import does to the stored applications: which rows are new, which
update an application already there, which change nothing.

A row matches a stored application by its job URL, or else by company and
role (case, spacing and punctuation aside) with applied dates at most a week
apart (an application without one counts from the day it was created),
whichever tool made either of them: what you typed in the form is the same
application as LinkedIn's export of it. Importing the same file twice
therefore updates instead of duplicating. A match is merged field by field:
a value the row gives replaces the stored one (notes are added to, never
replaced), contacts, interview rounds, history and tags are added to, and
the stage only ever moves forward (an export from another tracker never
undoes what was recorded here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from .model import STAGES, Application

# Plain fields a row replaces when it gives a value (notes are added to instead).
_TEXT_FIELDS = ("role", "company_domain", "job_url", "location", "salary", "source", "resume", "priority")
SAME_APPLICATION_DAYS = 7  # applied dates this close apart are the same application


@dataclass
class IncomingRow:
    """One application read from a file."""

    row: int  # the file's row (or record) number, for messages
    app: Application
    stage_given: bool = True  # the file says which stage (LinkedIn's export does not)
    channel_given: bool = True


@dataclass
class ImportPlan:
    added: list[Application] = field(default_factory=list)
    updated: list[tuple[Application, list[str]]] = field(default_factory=list)  # merged, changed keys
    unchanged: list[Application] = field(default_factory=list)
    matched: dict[int, list[int]] = field(default_factory=dict)  # stored id -> the file rows that matched it


def _url_key(url: str) -> str:
    key = url.strip().casefold()
    for prefix in ("https://", "http://"):
        if key.startswith(prefix):
            key = key[len(prefix):]
    if key.startswith("www."):
        key = key[4:]
    return key.rstrip("/")


def _same_words(text: str) -> str:
    """'Brightwave Energy, Inc.' ~ 'brightwave  energy inc': case, spacing and punctuation aside."""
    return " ".join(re.sub(r"[^\w\s]|_", " ", text.casefold()).split())


def _name_key(app: Application) -> tuple[str, str]:
    return (_same_words(app.company), _same_words(app.role))


def _applied_day(app: Application) -> date | None:
    if app.applied_on is not None:
        return app.applied_on
    return app.created.astimezone(timezone.utc).date() if app.created is not None else None


def _close_in_time(a: Application, b: Application) -> bool:
    """Applied at most a week apart; when either date is unknown, the names decide."""
    day_a, day_b = _applied_day(a), _applied_day(b)
    return day_a is None or day_b is None or abs(day_a - day_b) <= timedelta(days=SAME_APPLICATION_DAYS)


class _Index:
    def __init__(self) -> None:
        self.by_url: dict[str, Application] = {}
        self.by_name: dict[tuple[str, str], list[Application]] = {}

    def add(self, app: Application) -> None:
        if app.job_url:
            self.by_url.setdefault(_url_key(app.job_url), app)
        self.by_name.setdefault(_name_key(app), []).append(app)

    def find(self, app: Application) -> Application | None:
        if app.job_url:
            found = self.by_url.get(_url_key(app.job_url))
            if found is not None:
                return found
        candidates = [
            c for c in self.by_name.get(_name_key(app), [])
            # same title, another posting: a different job
            if _close_in_time(c, app) and not (app.job_url and c.job_url and _url_key(c.job_url) != _url_key(app.job_url))
        ]
        day = _applied_day(app)
        # the closest in time, then the oldest
        candidates.sort(key=lambda c: (abs((_applied_day(c) or day or date.min) - (day or date.min)), c.id or 0))
        return candidates[0] if candidates else None


def merge_into(current: Application, row: IncomingRow, now: datetime) -> None:
    """Bring what `row` knows into `current` (see the module docstring)."""
    new = row.app
    for name in _TEXT_FIELDS:
        value = getattr(new, name)
        if value and value != getattr(current, name):
            setattr(current, name, value)
    if new.notes and new.notes.strip() not in current.notes:
        current.notes = f"{current.notes.rstrip()}\n\n{new.notes.strip()}".strip()
    if row.channel_given and new.channel != current.channel:
        current.channel = new.channel
    for name in ("applied_on", "decision_by"):
        if getattr(new, name) is not None:
            setattr(current, name, getattr(new, name))
    if new.do_not_contact:
        current.do_not_contact = True
    known_tags = {t.casefold() for t in current.tags}
    current.tags += [t for t in new.tags if t.casefold() not in known_tags]

    def contact_key(contact) -> str:
        return contact.email.casefold() or _same_words(contact.name)

    known_contacts = {contact_key(c) for c in current.contacts}
    current.contacts += [c for c in new.contacts if contact_key(c) not in known_contacts]
    known_rounds = {i.at for i in current.interviews}
    current.interviews += [i for i in new.interviews if i.at not in known_rounds]

    def event_key(event) -> tuple:
        return (event.at, event.kind, event.message_kind, event.text, event.to_stage)

    known_events = {event_key(e) for e in current.events}
    fresh = [e for e in new.events if event_key(e) not in known_events]
    if fresh:
        current.events = sorted(current.events + fresh, key=lambda e: e.at)
    for kind, draft in new.drafts.items():
        current.drafts.setdefault(kind, draft)
    if new.created and (current.created is None or new.created < current.created):
        current.created = new.created
    if row.stage_given:
        if STAGES.index(new.stage) > STAGES.index(current.stage):
            current.move_to(new.stage, now, new.outcome)
        elif new.stage == current.stage == "closed" and new.outcome and new.outcome != current.outcome:
            current.outcome = new.outcome


def plan_import(existing: list[Application], rows: list[IncomingRow], now: datetime) -> ImportPlan:
    """Sort `rows` into added / updated / unchanged; nothing is stored here.

    Rows that match each other (the same job twice in one file) become one
    application."""
    plan = ImportPlan()
    index = _Index()
    for app in existing:
        index.add(app)
    touched: dict[int, Application] = {}  # id(stored original) -> working copy
    originals: dict[int, dict] = {}
    for row in rows:
        found = index.find(row.app)
        if found is None:
            added = row.app.copy()
            plan.added.append(added)
            index.add(added)
            continue
        if any(found is a for a in plan.added):
            merge_into(found, row, now)
            continue
        if found.id is not None:
            plan.matched.setdefault(found.id, []).append(row.row)
        working = touched.get(id(found))
        if working is None:
            working = found.copy()
            working.rev = found.rev
            touched[id(found)] = working
            originals[id(found)] = found.to_dict()
        merge_into(working, row, now)
    for key, working in touched.items():
        before = originals[key]
        after = working.to_dict()
        changed = [name for name in after if after[name] != before.get(name)]
        if changed:
            plan.updated.append((working, changed))
        else:
            plan.unchanged.append(working)
    return plan
