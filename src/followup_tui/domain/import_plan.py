"""What an import does to the stored applications: which rows are new, which
update an application already there, which change nothing.

A row matches a stored application by its job URL, or else by company + role
+ applied date (case and spacing ignored). Importing the same file twice
therefore updates instead of duplicating. A match is merged field by field:
a value the row gives replaces the stored one, contacts, interview rounds,
history and tags are added to, and the stage only ever moves forward (an
export from another tracker never undoes what was recorded here).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from .model import STAGES, Application

# Plain fields a row replaces when it gives a value.
_TEXT_FIELDS = ("role", "company_domain", "job_url", "location", "salary", "source", "resume", "notes", "priority")


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


def _url_key(url: str) -> str:
    key = url.strip().casefold()
    for prefix in ("https://", "http://"):
        if key.startswith(prefix):
            key = key[len(prefix):]
    if key.startswith("www."):
        key = key[4:]
    return key.rstrip("/")


def _same_words(text: str) -> str:
    return " ".join(text.casefold().split())


def _triple_key(app: Application) -> tuple[str, str, date | None]:
    return (_same_words(app.company), _same_words(app.role), app.applied_on)


class _Index:
    def __init__(self) -> None:
        self.by_url: dict[str, Application] = {}
        self.by_triple: dict[tuple[str, str, date | None], Application] = {}

    def add(self, app: Application) -> None:
        if app.job_url:
            self.by_url.setdefault(_url_key(app.job_url), app)
        self.by_triple.setdefault(_triple_key(app), app)

    def find(self, app: Application) -> Application | None:
        if app.job_url:
            found = self.by_url.get(_url_key(app.job_url))
            if found is not None:
                return found
        found = self.by_triple.get(_triple_key(app))
        if found is not None and app.job_url and found.job_url and _url_key(found.job_url) != _url_key(app.job_url):
            return None  # same title, another posting: a different job
        return found


def merge_into(current: Application, row: IncomingRow, now: datetime) -> None:
    """Bring what `row` knows into `current` (see the module docstring)."""
    new = row.app
    for name in _TEXT_FIELDS:
        value = getattr(new, name)
        if value and value != getattr(current, name):
            setattr(current, name, value)
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
