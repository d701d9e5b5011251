"""The Textual application: holds the repository, settings and clock, and is
the one place where screens' requests reach the store."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from ..domain.errors import FollowupError, NotFoundError
from ..domain.message_plan import plan_message
from ..domain.model import Application
from ..domain.repository import ApplicationRepository
from ..domain.settings import Settings
from .downloads import DELIVERY_NAME, EXPORT_FORMATS, deliver_export, delivered_text
from .screens.board import BoardScreen
from .screens.dialogs import TextDialog


class FollowupApp(App[None]):
    TITLE = "followup"
    CSS_PATH = "app.tcss"
    BINDINGS = [Binding("ctrl+p", "command_palette", "Commands", show=False, priority=True)]

    def __init__(
        self,
        repo: ApplicationRepository,
        settings: Settings,
        clock: Callable[[], datetime],
        db_path: Path,
        watch_interval: float = 1.0,
    ) -> None:
        super().__init__()
        self.repo = repo
        self.settings = settings
        self.clock = clock
        self.db_path = db_path
        self.watch_interval = watch_interval
        self.sub_title = str(db_path)

    def on_mount(self) -> None:
        self.push_screen(BoardScreen())
        self.warm_up_checks()

    @work(thread=True, exit_on_error=False, group="warm-up")
    def warm_up_checks(self) -> None:
        """Load the checks (and textstat's dictionaries) off the UI thread, so
        the first composer opens without a pause."""
        from ..domain.checks import DraftContext, run_checks

        run_checks("Thanks", "Thank you for your time.", "a@example.com", DraftContext(kind="thank-you"))

    # -- the command palette lists every action of the current screen -----------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        seen = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not active.enabled or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.get_key_display(binding)
            node = active.node
            yield SystemCommand(
                binding.description,
                f"{binding.tooltip or binding.description} ({key})",
                lambda action=binding.action, node=node: self.run_action(action, node),
            )
        for fmt, (title, _) in EXPORT_FORMATS.items():
            yield SystemCommand(
                title,
                "Every application as one file (a download in the browser, else in your downloads folder)",
                lambda fmt=fmt: self.export_all(fmt),
            )
        yield from super().get_system_commands(screen)

    # -- files for the user: downloads in a browser tab, the downloads folder in a terminal

    def export_all(self, fmt: str) -> None:
        try:
            apps = self.repo.list()
        except FollowupError as exc:
            self.report_error(exc, title="Not exported")
            return
        deliver_export(self, fmt, apps, self.clock(), self.settings, self.exports_folder)

    @property
    def exports_folder(self) -> Path:
        """Where a terminal session saves exports: beside the data file."""
        return self.db_path.parent / "exports"

    @on(events.DeliveryComplete)
    def delivered(self, event: events.DeliveryComplete) -> None:
        if event.name == DELIVERY_NAME:
            self.notify(delivered_text(event.path, self.is_web), title="Exported", timeout=6)

    @on(events.DeliveryFailed)
    def not_delivered(self, event: events.DeliveryFailed) -> None:
        if event.name == DELIVERY_NAME:
            self.notify(str(event.exception), title="Not exported", severity="error", timeout=8)

    def notify(self, message: str, *, markup: bool = False, **kwargs) -> None:  # type: ignore[override]
        """Notifications carry company names and other user text: never markup."""
        super().notify(message, markup=False, **kwargs)

    # -- the one place where background work's failures become visible -------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.report_error(event.worker.error, title="Background task failed")

    # -- store access with user-facing errors -----------------------------------------

    def report_error(self, error: BaseException, title: str = "Not saved") -> None:
        self.notify(str(error), title=title, severity="error", timeout=8)

    def save_change(self, app_id: int, change: Callable[[Application], None], done: str = "") -> Application | None:
        try:
            saved = self.repo.modify(app_id, change)
        except FollowupError as exc:
            self.report_error(exc)
            return None
        if done:
            self.notify(f"{saved.company}: {done}", timeout=3)
        self.data_changed(app_id, saved)
        return saved

    def delete_application(self, app_id: int) -> None:
        try:
            self.repo.delete(app_id)
        except FollowupError as exc:
            self.report_error(exc)
        else:
            self.notify("Deleted", timeout=3)
            self.data_changed()

    def load(self, app_id: int) -> Application | None:
        try:
            return self.repo.get(app_id)
        except NotFoundError:
            self.notify("That application was deleted in another session.", severity="warning")
        except FollowupError as exc:
            self.report_error(exc)
        return None

    def data_changed(self, app_id: int | None = None, saved: Application | None = None) -> None:
        """Let every open screen that shows data redraw it (`saved`: the
        application as this session just stored it, when that is all that changed)."""
        for screen in self.screen_stack:
            refresh = getattr(screen, "data_changed", None)
            if refresh is not None:
                refresh(app_id, saved)

    # -- navigation between screens -------------------------------------------------

    def open_detail(self, app_id: int) -> None:
        from .screens.detail import DetailScreen

        if self.load(app_id):
            self.push_screen(DetailScreen(app_id))

    def open_form(self, app_id: int | None) -> None:
        from .screens.form import ApplicationFormScreen

        application = self.load(app_id) if app_id is not None else None
        if app_id is not None and application is None:
            return
        self.push_screen(ApplicationFormScreen(application))

    def open_agenda(self) -> None:
        from .screens.agenda import AgendaScreen

        self.push_screen(AgendaScreen())

    def open_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen(self.screen))

    def open_composer(self, app_id: int, kind: str | None = None, round_at: datetime | None = None) -> None:
        application = self.load(app_id)
        if application is None:
            return
        plan = plan_message(application, self.clock(), self.settings, kind, round_at)
        if plan.refusal:
            self.notify(plan.refusal, title="Not writing this one", severity="warning", timeout=8, markup=False)
            return
        try:
            from .screens.composer import ComposerScreen
        except ImportError:
            self.notify("The composer is not available yet.", severity="warning")
            return
        self.push_screen(ComposerScreen(application, kind, round_at))

    def record_response(self, app_id: int) -> None:
        application = self.load(app_id)
        if application is None:
            return

        def answered(text: str | None) -> None:
            if text is not None:
                now = self.clock()
                self.save_change(app_id, lambda a: a.record_response(text or "response received", now), "response recorded")

        self.push_screen(
            TextDialog(f"What did {application.company} say?", placeholder="e.g. second interview next week"),
            answered,
        )
