"""How the settings, first-run and form (with a typed time) screens look at
80x24 and 120x35. Update only after looking at the SVGs as PNG
(`rsvg-convert FILE.svg -o /tmp/x.png`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup_tui.domain.settings import Settings
from followup_tui.factory import build_app

from fixed import FIXED_NOW
from waiting import wait_until

SIZES = [(80, 24), (120, 35)]
# never written by these tests: a fixed path, so the picture does not change per run
CONFIG = Path("no-such-folder/config.toml")
UTC_SETTINGS = Settings(timezone="UTC", user_name="Sam Rivera")


def fixed_clock():
    return FIXED_NOW


def ready(app, screen_name: str, *keys: str):
    async def run_before(pilot) -> None:
        app.sub_title = "demo.json"  # the temp path differs per run
        await wait_until(pilot, lambda: app.session.loaded, what="the data loaded")
        if keys:
            await wait_until(pilot, lambda: type(app.screen).__name__ == "BoardScreen")
            await pilot.press(*keys)
        await wait_until(pilot, lambda: type(app.screen).__name__ == screen_name, what=screen_name)
        await pilot.wait_for_scheduled_animations()
        steady_cursor(app)

    return run_before


def steady_cursor(app) -> None:
    """The focused field's cursor shown, never caught mid-blink."""
    if hasattr(app.focused, "cursor_blink"):
        app.focused.cursor_blink = False


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_settings(snap_compare, demo_db, size):
    app = build_app(demo_db, UTC_SETTINGS, fixed_clock, backups=False, config_file=CONFIG)
    assert snap_compare(app, terminal_size=size, run_before=ready(app, "SettingsScreen", "S"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_first_run(snap_compare, demo_db, size):
    app = build_app(demo_db, UTC_SETTINGS, fixed_clock, backups=False, config_file=CONFIG, first_run=True)
    assert snap_compare(app, terminal_size=size, run_before=ready(app, "FirstRunScreen"))


def test_form_with_a_typed_time(snap_compare, demo_db):
    """A new round's time typed as people say it, its date shown under it."""
    app = build_app(demo_db, UTC_SETTINGS, fixed_clock, backups=False, config_file=CONFIG)

    async def run_before(pilot) -> None:
        await ready(app, "ApplicationFormScreen", "n")(pilot)
        await pilot.press(*"Acme", "f3")
        await wait_until(pilot, lambda: app.screen.query("#interview-at-0") and app.focused.id == "interview-at-0")
        await pilot.press(*"friday 10:00")
        await wait_until(pilot, lambda: "Fri" in str(app.screen.query_one("#interview-at-0-error").render()))
        await pilot.wait_for_scheduled_animations()
        steady_cursor(app)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
