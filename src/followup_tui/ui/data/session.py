"""The session: the parts that own the TUI's data, wired together.

- `LoadedData` (loaded.py): every application with its next actions, read by
  the screens;
- `FileWatcher` (watcher.py): posts `FileChanged` when another process wrote
  the file;
- `Writer` (writer.py, write_queue.py): the one write path, one queue, one
  `WriteDone` per write;
- `UndoHistory` (undo.py): plain Python;
- `StartUpWork` (start_up.py): the checks and the backup after the first paint.

The session itself starts them, reads the file (now for a small file, in the
background for a big one, again when another process wrote it), recomputes
the next actions as the clock moves, and tells the screens: `DataChanged` to
every screen, `Notice` to the current one, `WriteDone` to every screen
(messages.py). Screens read `session.data` and hand changes to
`session.writer`; none calls the repository (DESIGN §2).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterable
from functools import cached_property
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ...domain.errors import FollowupError
from ...domain.model import Application
from ...domain.repository import ApplicationRepository
from ...domain.settings import Settings
from ..text.safe_text import printable
from .preview_keeper import PreviewKeeper, PreviewStore
from .loaded import Entry, LoadedData, entry_for
from .loader import Loader
from .messages import DataChanged, Notice, WriteDone
from .start_up import StartUp, StartUpWork
from .watcher import FileWatcher

if TYPE_CHECKING:
    from textual.app import App

    from .undo import UndoHistory
    from .writer import Writer

__all__ = ["Change", "DataChanged", "Entry", "Session", "big_file", "entry_for"]

Clock = Callable[[], datetime]

BACKGROUND_LOAD_BYTES = 1_000_000  # about 1,300 applications: read those after the first paint


def __getattr__(name: str):
    if name == "Change":  # (re-exported; the writer's module loads when first used)
        from .writer import Change

        return Change
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def big_file(path: Path) -> bool:
    try:
        return path.stat().st_size > BACKGROUND_LOAD_BYTES
    except OSError:
        return False


class Session:
    """The data's parts, started, fed from the file and heard by the screens."""

    def __init__(
        self,
        repo: ApplicationRepository,
        settings: Settings,
        clock: Clock,
        db_path: Path,
        *,
        watch_interval: float = 1.0,
        tick_interval: float = 30.0,
        start_up: StartUp | None = None,
        big: bool | None = None,
        preview: PreviewStore | None = None,
    ) -> None:
        self.repo = repo
        self.db_path = db_path
        self.clock = clock
        self.big = big_file(db_path) if big is None else big  # read after the first paint
        self.tick_interval = tick_interval
        self.data = LoadedData(settings, clock)
        self.start_up = StartUpWork(start_up, done=self._started, refused=self._refused, failed=self._start_failed)
        self.watcher = FileWatcher(repo, lambda: self.data.token, lambda: not self.writer.writing, watch_interval)
        self.previews = PreviewKeeper(preview, self.data, db_path, big_file)
        self.loader = Loader(
            repo, self.data, self, self._call,
            may_read=lambda: self.start_up.finished.is_set() and not self.start_up.refused,
            writing=lambda: self.writer.writing,
        )
        self._app: App | None = None
        self._ui_thread: int | None = None
        self._stopped = False
        self._problem: str | None = None  # the store error last shown (once, not every second)

    # The write path (writer, write queue, undo history) is made when first
    # used: at the first paint (`watch` starts its thread) or at a write
    # before it; its modules are not imported before the board is painted.
    @cached_property
    def history(self) -> UndoHistory:
        from .undo import UndoHistory

        return UndoHistory()

    @cached_property
    def writer(self) -> Writer:
        from .writer import Writer

        return Writer(self.repo, self.data, self.history, self, self._call, self.start_up.before_write)

    # -- the loaded data, for the screens ----------------------------------------------

    @property
    def settings(self) -> Settings:
        return self.data.settings

    @settings.setter
    def settings(self, value: Settings) -> None:
        self.data.settings = value

    @property
    def loaded(self) -> bool:
        return self.data.loaded

    @property
    def provisional(self):
        return self.data.provisional

    def now(self) -> datetime:
        return self.clock()

    def get(self, app_id: int | None) -> Application | None:
        return self.data.get(app_id)

    def editable(self, app_id: int) -> Application | None:
        return self.data.editable(app_id)

    def action(self, app_id: int):
        return self.data.action(app_id)

    def actions(self, app_id: int):
        return self.data.actions(app_id)

    def all(self) -> Iterable[Entry]:
        return self.data.all()

    def find(self, company: str) -> Application | None:
        return self.data.find(company)

    # -- changes: every one through the writer ------------------------------------------

    def change(self, app_id: int, change: Callable[[Application], None], label: str, *, seen_rev: int | None = None) -> int:
        """Change one application in place (a copy), rev-checked: the writer's entry point for screens."""
        from .writer import Change, mutation

        return self.writer.submit(Change(app_id, mutation(change), seen_rev, label))

    def add(self, application: Application, label: str = "added") -> int:
        from .writer import Change

        return self.writer.submit(Change(None, lambda _none: application.copy(), None, label))

    def delete(self, app_id: int, *, seen_rev: int | None = None) -> int:
        from .writer import Change

        return self.writer.submit(Change(app_id, lambda _shown: None, seen_rev, "deleted"))

    def undo(self) -> bool:
        return self.writer.take_back("undo")

    def redo(self) -> bool:
        return self.writer.take_back("redo")

    @property
    def writing(self) -> bool:
        return self.writer.writing

    # -- lifecycle ---------------------------------------------------------------------

    def start(self, app: App) -> None:
        """Read a small file now; a big one is painted from its preview and read after the first paint."""
        self._app = self.loader.app = app
        self._ui_thread = threading.get_ident()
        if not self.big:
            self.load_now()
        else:
            try:
                token = self.repo.change_token()
            except OSError:
                return
            self.data.provisional, self.data.provisional_is_stale = self.previews.kept(token)

    def watch(self) -> None:
        """Once the board is painted: the start-up work, then the background
        read of a big file, the watcher, the writer's thread and the clock."""
        app = self._app
        assert app is not None
        self.start_up.start()
        self.writer.queue.start()
        app.set_interval(self.tick_interval, self.loader.tick, name="session-clock")

    def stop(self) -> None:
        """Finish the saves already shown (quitting never loses a move), then stop."""
        self._stopped = True  # from here nobody is told anything: the app is closing
        gc.unfreeze()  # see Loader._out_of_collections
        self.watcher.stop()
        self.writer.queue.stop()
        self.previews.save_now()

    def _started(self, notices: list[str]) -> None:
        """In the start-up thread: read a big file, then watch."""
        for notice in notices:
            self._call(lambda text=notice: self.notify(text, title="No backup", severity="warning", timeout=30))
        if not self.data.loaded:
            self._call(self.loader.read_in_background)
        if self._app is not None and not self._stopped:
            self.watcher.start(self._app)

    def _refused(self, error: FollowupError) -> None:
        def refuse() -> None:
            if self.data.loaded or self._app is None or not hasattr(self._app, "refuse"):
                self._store_problem(error)  # damaged since it was read: say so, keep running
            else:
                self._app.refuse(str(error))  # never read: the app cannot start on it

        self._call(refuse)

    def _start_failed(self, error: BaseException) -> None:
        self._call(lambda: self.report_error(error, "Start-up failed"))

    def _call(self, callback, *args) -> None:
        """Run `callback` on the UI thread (at once when already on it)."""
        app = self._app
        if app is None:
            callback(*args)
            return
        if self._stopped:
            return
        if threading.get_ident() == self._ui_thread:
            callback(*args)
            return
        try:
            app.call_from_thread(callback, *args)
        except RuntimeError:  # the app is closing
            pass

    # -- telling the screens (the writer's `Screens`) --------------------------------------

    def load_now(self) -> None:
        self.loader.load_now()

    def on_file_changed(self) -> None:
        """The watcher saw another process's write (the app hands its message here)."""
        self.loader.file_changed()

    def reread(self) -> None:
        """Read the whole file again soon (after a conflict, new settings)."""
        self.data.token = None
        self.watcher.wake()
        if self.data.loaded:
            self.loader.read_in_background()

    def took_in(self, origin: str) -> None:
        """A read (or the clock's recomputation) was taken in."""
        if origin != "clock" and self._problem is not None:
            self._problem = None
            self.notify(f"{self.db_path} is readable again.", title="Data file", timeout=5)
        self._tell(None, origin)

    def unreadable(self, error: FollowupError) -> None:
        self._store_problem(error)

    def data_changed(self, app_ids: list[int], origin: str) -> None:
        self.data.changes += 1
        self._tell(app_ids, origin)

    def _tell(self, app_ids: Iterable[int] | None, origin: str) -> None:
        app = self._app
        if app is None:
            return
        ids = frozenset(app_ids) if app_ids is not None else None
        for screen in app.screen_stack:
            screen.post_message(DataChanged(ids, origin))
        if origin != "clock" and self.data.loaded:
            self.previews.later(app)

    def write_done(self, done: WriteDone) -> None:
        if self._app is not None:
            for screen in self._app.screen_stack:
                screen.post_message(WriteDone(done.ticket, done.app_id, done.label, done.outcome, done.why, done.application))

    def took_in_own_write(self, tokens: tuple[object, object] | None) -> None:
        self.data.changes += 1
        if tokens is not None and tokens[0] == self.data.token:
            self.data.token = tokens[1]  # only our save changed the file
        else:
            self.reread()  # someone else wrote too: read it all

    def notify(self, message: str, *, title: str = "", severity: str = "information", timeout: float = 4) -> None:
        """A word for the user, posted to the current screen: one with a status
        line shows a plain one there; anything else reaches the app as a toast."""
        if self._app is not None:
            self._app.screen.post_message(Notice(printable(message), title, severity, timeout))

    def report_error(self, error: BaseException, title: str = "Not saved") -> None:
        """The one place where an error of the data's parts or a screen's worker
        becomes a message: it names the file and the problem; the app keeps running."""
        text = str(error) if isinstance(error, FollowupError) else f"{type(error).__name__}: {error}"
        self.notify(text, title=title, severity="error", timeout=10)

    def _store_problem(self, error: FollowupError) -> None:
        text = str(error)
        if text == self._problem:
            return
        self._problem = text
        self.notify(
            f"{text}. The screens keep showing what was last read; nothing is saved until the file is fixed "
            "or restored.",
            title="Data file problem",
            severity="error",
            timeout=20,
        )
