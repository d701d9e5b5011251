"""The Textual application: it is handed the session (the loaded data, the
writer, the watcher: ui/data/) and the outbox (getting a message out), and
moves between screens. It never reads or writes the store itself."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from ..domain.settings import Settings
from .glyphs import Glyphs, glyphs_for, use_console_scroll_bars
from .keys.held_keys import OneKeyAtATime, ScreenOfEachKey
from .mail_sync import MailSync
from .text.safe_text import printable, printable_multiline
from .screens.board import BoardScreen
from .data.messages import Notice, WriteDone
from .data.session import Session
from .data.watcher import FileWatcher
from .textual_private.textual_compat import drop_watchers_of_removed, forget_render_caches_of_removed
from .data.settings_store import SettingsStore

if TYPE_CHECKING:
    from ..domain.model import Application
    from ..messaging.mailbox import Mailbox
    from ..messaging.outbox import Outbox
    from .screens.form import ApplicationFormScreen

# Only what the board needs is imported before the first paint; every other
# screen, the dialogs, the message plan, the checks and the downloads load
# when first used.


class ShownNotice(msgspec.Struct, frozen=True):
    """A notice as it was shown (the app keeps the last ones: `notices`)."""

    message: str
    title: str
    severity: str
    markup: bool = False  # user text: never markup


PAINTED_AT_LATEST = 0.5  # seconds: the start-up work begins by then, painted or not


class FollowupApp(App[None]):
    TITLE = "followup"
    CSS_PATH = "app.tcss"
    BINDINGS = [Binding("ctrl+p", "command_palette", "Commands", show=False, priority=True)]

    def __init__(
        self, session: Session, outbox: Outbox, settings_store: SettingsStore, *, first_run: bool = False,
        mailbox: Mailbox | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.outbox = outbox
        self.mail_sync = MailSync(self, mailbox)  # reading the mailbox (None: not wired, as in some tests)
        self.settings_store = settings_store
        self.first_run = first_run  # no config file yet: ask who signs, where you are
        self.refused: str | None = None  # why the data file could not be used (see refuse)
        self.notices: deque[ShownNotice] = deque(maxlen=100)  # the last notices shown, oldest first
        self.startup_steps: list[str] = []  # in order: what happened at start (tests read it)
        self._after_first_paint: list[Callable[[], None]] = []
        self._screen_of_each_key = ScreenOfEachKey()
        self._responses_saving: dict[int, str] = {}  # a response being stored (ticket: its text)
        self._one_key_at_a_time = OneKeyAtATime(self, self._take_typed_key)
        self._screens_open = 0  # the screen stack's depth at the last change
        self._letting_go = 0  # screens closed whose remains are still being looked for
        self._form: ApplicationFormScreen | None = None  # the application form, once built (open_form)
        self.sub_title = printable(str(session.db_path))

    # Settings live in the session and the outbox; one assignment updates both.
    @property
    def settings(self) -> Settings:
        return self.session.settings

    @settings.setter
    def settings(self, value: Settings) -> None:
        self.session.settings = value
        self.outbox.settings = value
        if self.mail_sync.mailbox is not None:
            self.mail_sync.mailbox.settings = value

    @property
    def glyphs(self) -> Glyphs:
        """The characters to draw with: a Linux console's own where it has no others."""
        return glyphs_for(self.settings.glyphs)

    def apply_settings(self, settings: Settings) -> None:
        """Settings saved from a screen: used from now on (templates sign with
        the new name, due times in the new timezone once recomputed)."""
        self.settings = settings
        self.session.reread()

    def clock(self) -> datetime:
        return self.session.clock()

    def update_styles(self, node, animate: bool = True) -> None:
        # A widget not mounted yet gets its styles when it is mounted. Textual
        # would also run the whole stylesheet over it for every class its
        # constructor sets (compact, -valid, a Select's -has-value...): in
        # the form, some 120 passes that count for nothing.
        if node is not self and not node.is_attached:
            return
        super().update_styles(node, animate)

    def on_mount(self) -> None:
        console = not self.glyphs.partial_blocks
        use_console_scroll_bars(console)
        self.set_class(console, "-console-glyphs")  # app.tcss: edges a console font has
        # In a browser tab, the page's font (Roboto Mono) has no glyph for the
        # header's icon (U+2B58) or the palette's magnifier (U+1F50E): they
        # showed as empty boxes, so there they are not shown (app.tcss, -web).
        self.set_class(self.is_web, "-web")
        self.session.start(self)
        self.push_screen(BoardScreen())
        if self.first_run:
            self.open_first_run()
        self.call_after_refresh(self._painted)
        # The callback above waits for a refresh of the screen that is current
        # when it is queued; a screen pushed at once (a key typed at start) can
        # leave it waiting: the watcher and the saves start in any case.
        self.set_timer(PAINTED_AT_LATEST, self._painted)
        self.screen_change_signal.subscribe(self, self._screen_changed)

    def _screen_changed(self, _screen: Screen) -> None:
        # A closed screen's widgets are removed just after the change: once
        # they are gone, let go of what they watched and of their rendered
        # lines (textual_compat: Textual would keep both). On a loaded
        # machine their removal can take longer than the first look: look
        # again, each time twice as long after (0.5, then 1, 2 and 4 s).
        closed = len(self.screen_stack) < self._screens_open
        self._screens_open = len(self.screen_stack)
        if closed:
            self._letting_go += 1
        self._drop_watchers_later(0.5, closed)

    def _drop_watchers_later(self, delay: float, closed: bool) -> None:
        def drop() -> None:
            drop_watchers_of_removed(self)
            if self.screen_stack:  # (none left once the app is closing)
                forget_render_caches_of_removed(self.screen)
            if delay < 4:
                self._drop_watchers_later(delay * 2, closed)
            elif closed:
                self._letting_go -= 1

        self.set_timer(delay, drop, name="drop-watchers")

    @property
    def letting_go(self) -> bool:
        """A screen closed less than 7.5 s ago: what Textual keeps of it may
        not be let go yet (the loader does not freeze it with the data)."""
        return self._letting_go > 0

    def after_first_paint(self, callback: Callable[[], None]) -> None:
        """Call `callback` once the board is first painted (before the
        start-up work begins)."""
        self._after_first_paint.append(callback)

    def _painted(self) -> None:
        """Nothing slow before the first paint: the start-up work (a big file's
        load and check, the backup) and the watcher start once the board is on
        screen; the checks warm up once it shows every card. Once."""
        if "board painted" in self.startup_steps:
            return
        self.startup_steps.append("board painted")
        for callback in self._after_first_paint:
            callback()
        self.session.watch()
        self.mail_sync.start_timer()
        self._warm_up_once_loaded()

    def _warm_up_once_loaded(self, tries: int = 0) -> None:
        # A big file loads in a worker first: a warm-up beside it would slow it
        # down. After 10 s it starts whatever happened.
        if self.session.loaded or tries >= 100:
            self.startup_steps.append("warm-up")
            self.warm_up_checks()
        else:
            self.set_timer(0.1, lambda: self._warm_up_once_loaded(tries + 1))

    def refuse(self, message: str) -> None:
        """The data file turned out unusable before it was ever shown (a big
        file is checked after the first paint): stop, and let the command
        print the one-line message with exit code 2."""
        self.refused = message
        self.exit(return_code=2)

    async def on_event(self, event: events.Event) -> None:
        # Keys typed before the current screen can take them (a big file still
        # loading, a screen still opening) are held by that screen and handed
        # on in order (ui/keys/held_keys.py); asked here, where keys arrive in order.
        if isinstance(event, events.Key) and not event.is_forwarded:
            await self._one_key_at_a_time.arrived(event)
            return
        await super().on_event(event)

    async def _take_typed_key(self, event: events.Key) -> None:
        """A typed key, in its turn (OneKeyAtATime): held by the current screen
        or forwarded to the focused widget."""
        self._screen_of_each_key.arrived(event, self.screen)
        hold = getattr(self.screen, "hold_key", None)
        if hold is not None and hold(event):
            return
        await super().on_event(event)

    @on(OneKeyAtATime.KeyHandled)
    async def _typed_key_handled(self) -> None:
        await self._one_key_at_a_time.handled()

    def on_key(self, event: events.Key) -> None:
        # Runs before the bindings (App._on_key): see ScreenOfEachKey.
        self._screen_of_each_key.pass_on(self, event)

    def on_unmount(self) -> None:
        self.session.stop()

    @work(thread=True, exit_on_error=False, group="warm-up")
    def warm_up_checks(self) -> None:
        """Load the checks and the modules of the screens a key opens off the
        UI thread, so that the first composer or form opens without a pause
        (pyphen's dictionary, for the reading grade, loads with the first
        draft long enough to grade)."""
        from .screens import agenda, composer, detail, form  # noqa: F401  (imported: cached for the first opening)
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
        from .actions.downloads import EXPORT_FORMATS

        for fmt, (title, _) in EXPORT_FORMATS.items():
            yield SystemCommand(
                title,
                "Every application as one file (a download in the browser, else in your downloads folder)",
                lambda fmt=fmt: self.export_all(fmt),
            )
        yield from super().get_system_commands(screen)

    # -- files for the user: downloads in a browser tab, the downloads folder in a terminal

    def export_all(self, fmt: str) -> None:
        from .actions.downloads import deliver_export

        apps = [entry.application for entry in self.session.all()]
        deliver_export(self, fmt, apps, self.clock(), self.settings, self.exports_folder)

    @property
    def exports_folder(self) -> Path:
        """Where a terminal session saves exports: beside the data file."""
        return self.outbox.exports_dir

    @on(events.DeliveryComplete)
    def delivered(self, event: events.DeliveryComplete) -> None:
        from .actions.downloads import DELIVERY_NAME, delivered_text

        if event.name == DELIVERY_NAME:
            self.notify(delivered_text(event.path, self.is_web), title="Exported", timeout=6)

    @on(events.DeliveryFailed)
    def not_delivered(self, event: events.DeliveryFailed) -> None:
        from .actions.downloads import DELIVERY_NAME

        if event.name == DELIVERY_NAME:
            self.notify(str(event.exception), title="Not exported", severity="error", timeout=8)

    def notify(self, message: str, *, markup: bool = False, **kwargs) -> None:  # type: ignore[override]
        """Notifications carry company names and other user text: never markup,
        never a control character (every notice of every screen passes here)."""
        if kwargs.get("title"):
            kwargs["title"] = printable(kwargs["title"])
        notice = ShownNotice(printable_multiline(message), kwargs.get("title", ""), kwargs.get("severity", "information"))
        self.notices.append(notice)
        super().notify(notice.message, markup=notice.markup, **kwargs)

    # -- what the session's parts say ------------------------------------------------

    def on_notice(self, notice: Notice) -> None:
        """A notice no screen showed on its status line: a toast."""
        self.notify(notice.text, title=notice.title, severity=notice.severity, timeout=notice.timeout)  # type: ignore[arg-type]

    def on_file_watcher_file_changed(self, _message: FileWatcher.FileChanged) -> None:
        self.session.on_file_changed()

    # -- the one place where background work's failures become visible -------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.session.report_error(event.worker.error, title="Background task failed")

    # -- quitting never loses typing --------------------------------------------------

    def unsaved_screens(self) -> list[Screen]:
        return [s for s in self.screen_stack if getattr(s, "dirty", False)]

    async def action_quit(self) -> None:
        unsaved = self.unsaved_screens()
        if not unsaved:
            self.exit()
            return
        from .screens.dialogs import ConfirmDialog

        if isinstance(self.screen, ConfirmDialog):
            return  # already asking
        names = ", ".join(getattr(s, "unsaved_name", "a form") for s in unsaved)

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(
            ConfirmDialog(f"Unsaved changes in {names}. Quit and lose them?", yes_label="Quit"), answered
        )

    def terminal_lost(self, exit_code: int) -> None:
        """The terminal went away (ui/terminal_watch.py): what is being typed
        is kept as drafts where a screen can keep it, then the app exits."""
        for screen in self.unsaved_screens():
            keep = getattr(screen, "keep_as_draft", None)
            if keep is not None:
                try:
                    keep()
                except Exception as error:  # one screen failing must not keep the app running
                    self.session.report_error(error, title="Draft not kept")
        self.exit(return_code=exit_code)

    def action_help_quit(self) -> None:
        """ctrl+c outside a text field: say how to quit, in plain words."""
        self.notify("Press ctrl+q to quit (q on the board).", title="Do you want to quit?")

    # -- navigation between screens -------------------------------------------------

    def open_detail(self, app_id: int) -> None:
        from .screens.detail import DetailScreen

        if self._exists(app_id):
            self.push_screen(DetailScreen(app_id))

    def open_form(self, app_id: int | None) -> None:
        """The form, on a new application (None) or on `app_id`. The app
        builds it once and shows it again after (ApplicationFormScreen.show):
        building its widgets was most of the time an opening took."""
        from .screens.form import ApplicationFormScreen

        if app_id is not None and not self._exists(app_id):
            return
        application = None if app_id is None else self.session.editable(app_id)
        form = self._form
        if form is not None and form in self.screen_stack:
            self.notify("The application form is already open.", timeout=4)
            return
        if form is None:
            self._form = form = ApplicationFormScreen(application)
            self.install_screen(form, name="application-form")
        else:
            form.show(application)
        self.push_screen(form)

    def open_agenda(self) -> None:
        from .screens.agenda import AgendaScreen

        self.push_screen(AgendaScreen())

    def open_stats(self) -> None:
        from .screens.stats import StatsScreen

        self.push_screen(StatsScreen())

    def open_mailbox(self) -> None:
        from .screens.mailbox import MailboxScreen

        self.push_screen(MailboxScreen())

    def open_settings(self) -> None:
        from .screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())

    def action_open_settings(self) -> None:
        self.open_settings()

    def open_first_run(self) -> None:
        from .screens.settings import FirstRunScreen

        self.push_screen(FirstRunScreen())

    def open_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen(self.screen))

    def open_composer(self, app_id: int, kind: str | None = None, round_at: datetime | None = None) -> None:
        application = self.session.get(app_id) if self._exists(app_id) else None
        if application is None:
            return
        from ..domain.message_plan import plan_message

        plan = plan_message(application, self.clock(), self.settings, kind, round_at)
        if plan.refusal:
            self.notify(plan.refusal, title="Not writing this one", severity="warning", timeout=8, markup=False)
            return
        from ..domain.mail_reply import bounce_warning
        from .screens.composer import ComposerScreen

        self.push_screen(ComposerScreen(application.copy(), kind, round_at))
        if (bounced := bounce_warning(application, plan.to)) is not None:  # the mailbox saw it bounce
            self.notify(printable(bounced), title="Not delivering", severity="warning", timeout=10, markup=False)

    def _exists(self, app_id: int) -> bool:
        if self.session.get(app_id) is None:
            self.notify("That application was deleted in another session.", severity="warning")
            return False
        return True

    def record_response(self, app_id: int) -> None:
        application = self.session.get(app_id)
        if application is None:
            return
        seen = application.rev
        from .screens.dialogs import TextDialog

        def answered(text: str | None) -> None:
            if text is not None:
                now = self.clock()
                ticket = self.session.change(
                    app_id, lambda a: a.record_response(text or "response received", now), "response recorded", seen_rev=seen
                )
                self._responses_saving[ticket] = text  # once stored: does it read as an offer?

        self.push_screen(
            TextDialog(f"What did {application.company} say?", placeholder="e.g. second interview next week"),
            answered,
        )

    @on(WriteDone)
    def _response_stored(self, done: WriteDone) -> None:
        # WriteDone reaches the app from every screen of the stack: taken once
        text = self._responses_saving.pop(done.ticket, None)
        if text is not None and done.saved and done.application is not None:
            self.propose_offer(done.application, text)

    def propose_offer(self, application: Application, text: str) -> None:
        """A response that reads as an offer: ask to move the card to Offer
        (recorded as its own undoable move)."""
        from ..domain.stage_rules import offer_proposal

        question = offer_proposal(application, text)
        if not question:
            return
        app_id, seen = application.id or 0, application.rev
        from .screens.dialogs import ConfirmDialog

        def chosen(yes: bool | None) -> None:
            if yes:
                now = self.clock()
                self.session.change(app_id, lambda a: a.move_to("offer", now), "moved to Offer (their offer)", seen_rev=seen)

        self.push_screen(ConfirmDialog(question, yes_label="Move to Offer"), chosen)

    def action_undo(self) -> None:
        self.session.undo()

    def action_redo(self) -> None:
        self.session.redo()
