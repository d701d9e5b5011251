"""Steps that several UI test files take the same way."""

from __future__ import annotations

from followup_tui.ui.screens.agenda import AgendaScreen
from followup_tui.ui.screens.board import BoardScreen


async def open_agenda(pilot, wait_until, wait_for_screen) -> AgendaScreen:
    """From the board (once its cards are there), `a`, until the agenda shows its rows."""
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, BoardScreen) and pilot.app.screen.focused_list)
    await pilot.press("a")
    screen = await wait_for_screen(pilot, AgendaScreen)
    await wait_until(pilot, lambda: screen.current is not None, what="agenda rows")
    return screen
