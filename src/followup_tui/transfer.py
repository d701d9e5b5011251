"""Export and import of applications: JSON (the full, exact copy), CSV
(every field, contact, round, history line and draft in readable columns,
re-importable: see csv_format), ICS (next actions in a calendar); imports
from our exports and from other trackers (see importers)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from .csv_format import CSV_COLUMNS, export_csv, guard_cell
from .domain.model import Application
from .domain.settings import Settings
from .importers import ParsedImport, read_import

EXPORT_FORMAT = "followup-tui"


def export_json(apps: list[Application]) -> str:
    payload = {
        "format": EXPORT_FORMAT,
        "applications": [{"id": app.id, **app.to_dict()} for app in apps],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


_cell = guard_cell  # the formula guard, named as before


def export_ics(apps: list[Application], now: datetime, settings: Settings) -> str:
    """Every open application's next action as a calendar event (RFC 5545),
    so the follow-ups show up in the user's calendar app."""
    from icalendar import Calendar, Event  # only this export needs it

    from .domain.cadence import action_label, next_action

    calendar = Calendar()
    calendar.add("prodid", "-//followup-tui//EN")
    calendar.add("version", "2.0")
    for app in apps:
        action = next_action(app, now, settings)
        if action is None:
            continue
        event = Event()
        event.add("uid", f"followup-{app.id}-{action.kind}-{action.number or 0}@followup-tui")
        event.add("dtstamp", now)
        event.add("dtstart", action.due)
        event.add("duration", timedelta(minutes=15))
        event.add("summary", f"{action_label(action)}: {app.company}" + (f" ({app.role})" if app.role else ""))
        event.add("description", action.reason)
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


__all__ = ["CSV_COLUMNS", "ParsedImport", "export_csv", "export_ics", "export_json", "read_import"]
