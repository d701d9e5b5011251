"""How the composer looks at 80x24 (checks below the body) and 120x35
(checks beside it), with a tone warning underlined in the body.

Update only after looking: `pytest tests/ui/test_composer_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest
from waiting import wait_until

from followup_tui.ui.screens.composer import ComposerScreen

SIZES = [(80, 24), (120, 35)]


def compose_with_a_warning(app):
    async def run_before(pilot) -> None:
        app.sub_title = "demo.json"  # the temp path differs per run
        await pilot.press("l", "l", "c")  # (past Saved and Applied) Cobalt Studio: overdue thank-you, first reached on LinkedIn
        await wait_until(pilot, lambda: isinstance(app.screen, ComposerScreen) and not app.screen.checks_pending,
                         what="the composer")
        app.screen.query_one("#body").cursor_blink = False
        await pilot.press(*"Just checking in!! ")
        await wait_until(pilot, lambda: not app.screen.checks_pending, what="the checks of the typed text")

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_composer(snap_compare, demo_db, make_app, size):
    app = make_app(demo_db)
    assert snap_compare(app, terminal_size=size, run_before=compose_with_a_warning(app))
