"""What every screen that shows data shares: its workers' failures go to the
session, the one place where errors become a visible message."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from textual.app import App


def look_of(app: App) -> tuple:
    """What every screen's styles depend on beyond its own widgets: a screen
    shown again is restyled only when this changed since."""
    return app.theme, app.ansi_color, frozenset(app.classes), frozenset(app.get_pseudo_classes())


class DataScreen(Screen[None]):
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Worker messages do not bubble to the app: each screen hands them on.
        # A subclass that reports a worker's error itself calls prevent_default().
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.app.session.report_error(event.worker.error, title="Background task failed")
