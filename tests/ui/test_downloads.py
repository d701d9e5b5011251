"""Exports from the app go through Textual's delivery API (a download in a
browser tab; in a terminal, the user's downloads folder): from the command
palette, every format, the same text as `followup export`."""

from __future__ import annotations

import json
import pytest
from fixed import FIXED_NOW
from waiting import wait_until
from icalendar import Calendar
from textual.command import CommandPalette

from followup_tui.ui.actions.downloads import export_filename


@pytest.mark.parametrize("fmt", ["json", "csv", "ics"])
async def test_export_from_the_command_palette_is_delivered(demo_db, make_app, private_home, fmt):
    app = make_app(demo_db)
    target = demo_db.parent / "exports" / export_filename(fmt, FIXED_NOW)  # beside the data file
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        title = {"json": "Export all as JSON", "csv": "Export all as CSV", "ics": "Export the calendar (ICS)"}[fmt]
        await pilot.press(*title)
        await wait_until(pilot, lambda: app.screen.query_one("CommandList").option_count > 0)
        await pilot.press("enter")
        await wait_until(pilot, lambda: target.exists() and target.stat().st_size > 0, timeout=20, what="the export written")
    assert target.stat().st_mode & 0o777 == 0o600 and target.parent.stat().st_mode & 0o777 == 0o700
    text = target.read_text(encoding="utf-8")
    if fmt == "json":
        assert len(json.loads(text)["applications"]) == 13  # the demo's applications
    elif fmt == "csv":
        assert text.startswith("id,company,")
        assert "Northwind Analytics" in text
    else:
        assert len(Calendar.from_ical(text).walk("VEVENT")) > 10
