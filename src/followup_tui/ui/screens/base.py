"""What every screen that shows data shares: its workers' failures go to the
session, the one place where errors become a visible message; and it is not
restyled whole when shown unless the app's look changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.screen import Screen
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from textual.app import App


def look_of(app: App) -> tuple:
    """What every screen's styles depend on beyond its own widgets: a screen
    shown again is restyled only when this changed since."""
    return app.theme, app.ansi_color, frozenset(app.classes), frozenset(app.get_pseudo_classes())


class DataScreen(Screen[None]):
    _look: tuple | None = None  # the app's look when this screen's widgets were last styled whole

    def on_mount(self) -> None:
        self._look = look_of(self.app)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual restyles every widget of a screen it shows (ScreenResume).
        # They were styled as they were mounted or when the screen was last
        # shown, and a widget whose classes change is restyled then: again
        # only if the app's look changed since. (The board's first paint,
        # the kept form at each opening: 60% of the calls of a reopening.)
        # Textual calls this after any subclass's own handler.
        look = look_of(self.app)
        if look == self._look:
            event.refresh_styles = False
        self._look = look

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Worker messages do not bubble to the app: each screen hands them on.
        # A subclass that reports a worker's error itself calls prevent_default().
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.app.session.report_error(event.worker.error, title="Background task failed")
