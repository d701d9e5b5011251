"""What the board shows for each application: pure view data, built once per
reload so that rendering a column never recomputes the cadence."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from ...domain.cadence import URGENCIES, NextAction, next_actions, step_label
from ...domain.due_words import due_in_words
from ...domain.mail_reply import reply_label
from ...domain.model import STAGES, Application
from ...domain.settings import Settings
from ..text.safe_text import printable

@dataclass(frozen=True, slots=True)  # 10,000 of them at a time: no __dict__ each (1.5 MB)
class Card:
    app_id: int
    company: str
    role: str
    stage: str
    do_not_contact: bool
    action: NextAction | None
    action_text: str  # e.g. "thank-you note" (printable: it names people)
    due_text: str  # e.g. "due in 5 hours"
    search_text: str  # lower-cased company, role, contacts, tags, location and source, for the filter
    rev: int = 0  # the revision shown: a move from this card is checked against it
    priority: str = ""
    location: str = ""
    tags: tuple[str, ...] = ()
    sort_key: tuple = ()  # the column order (card_sort_key), computed once

    @property
    def urgency(self) -> str | None:
        return self.action.urgency if self.action else None

    @property
    def field_lines(self) -> int:
        """Lines its own fields take on a card: location, then priority and tags."""
        return bool(self.location) + bool(self.priority or self.tags)


def build_card(app: Application, now: datetime, settings: Settings, tz: tzinfo) -> Card:
    return card_for(app, next_actions(app, now, settings), now, settings, tz)


def card_for(
    app: Application, actions: Sequence[NextAction], now: datetime, settings: Settings, tz: tzinfo
) -> Card:
    """The card of an application whose actions are already known (the session's)."""
    action = actions[0] if actions else None
    text = step_label(app, actions, now, settings)  # its first action, else what an open card waits for
    if action is None:
        due = ""
    else:
        text = reply_label(app, action, now) or text  # their mail reply: a mark
        more = sum(1 for a in actions[1:] if a.kind == "thank-you")
        if action.kind == "thank-you" and more:
            text += f" (+{more} round{'s' if more > 1 else ''})"  # each round: its own row in the agenda
        due = due_in_words(action.due, now, tz)
    contacts = " ".join(f"{c.name} {c.email}" for c in app.contacts)
    return Card(
        app_id=app.id or 0,
        company=app.company,
        role=app.role,
        stage=app.stage,
        do_not_contact=app.do_not_contact,
        action=action,
        action_text=printable(text),
        due_text=due,
        search_text=f"{app.company} {app.role} {contacts} {' '.join(app.tags)} {app.location} {app.source}".lower(),
        rev=app.rev,
        priority=app.priority,
        location=app.location,
        tags=tuple(app.tags),
        sort_key=order_key(action, app.company, app.id or 0),
    )


_SHORTER = (
    ("overdue by ", "overdue "), ("due in ", "in "), (" minutes", "m"), (" minute", "m"),
    (" hours", "h"), (" hour", "h"), (" days", "d"), (" day", "d"), (" weeks", "w"), (" week", "w"),
)


def compact_due(text: str) -> str:
    """'overdue by 23 hours' -> 'overdue 23h', for narrow columns."""
    for long, short in _SHORTER:
        text = text.replace(long, short)
    return text


def order_key(action: NextAction | None, company: str, app_id: int = 0) -> tuple:
    """A column's order: most urgent first; cards without an action last; then
    by due time, name and id (a total order: a moved card goes back where it was).
    The due time is a POSIX timestamp: the instant, whatever its offset."""
    if action is None:
        return (len(URGENCIES), math.inf, company.lower(), app_id)
    return (URGENCIES.index(action.urgency), action.due.timestamp(), company.lower(), app_id)


def card_sort_key(card: Card) -> tuple:
    return card.sort_key or order_key(card.action, card.company, card.app_id)


def group_by_stage(cards: list[Card], query: str = "") -> dict[str, list[Card]]:
    needle = query.strip().lower()
    columns: dict[str, list[Card]] = {stage: [] for stage in STAGES}
    for card in cards:
        if needle and needle not in card.search_text:
            continue
        columns[card.stage].append(card)
    for stage_cards in columns.values():
        stage_cards.sort(key=card_sort_key)
    return columns
