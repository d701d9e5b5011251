"""What every screen that shows data shares: its workers' failures go to the
session, the one place where errors become a visible message."""

from __future__ import annotations

from textual.screen import Screen
from textual.worker import Worker, WorkerState


class DataScreen(Screen[None]):
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Worker messages do not bubble to the app: each screen hands them on.
        # A subclass that reports a worker's error itself calls prevent_default().
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.app.session.report_error(event.worker.error, title="Background task failed")
