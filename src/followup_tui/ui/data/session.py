"""The UI's one owner of loaded data.

The session holds every application with its next action (computed once per
change, shared by every screen), watches the data file for other sessions'
writes (one watcher, in a worker), ticks a clock so that due words and
urgencies stay true while the app stays open, makes every write rev-checked
and undoable, and is the one place where store errors become a visible
message. Screens ask it and listen for one message, `DataChanged`; no screen
calls the repository or reads change tokens itself (DESIGN §2).

Data flow of a change: key -> screen action -> session (rev-checked save
through the repository, pushed on the undo stack) -> `DataChanged` posted to
every screen -> screens redraw what changed.
"""

from __future__ import annotations

import gc
import queue
import threading
from functools import partial
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from textual.message import Message
from textual.worker import get_current_worker

from ...domain.cadence import NextAction, next_actions
from ...domain.errors import ConflictError, FollowupError, NotFoundError
from ...domain.merge import MergeResult, merge_form_changes
from ...domain.model import Application, share_repeated_text
from ...domain.repository import ApplicationRepository
from ...domain.settings import Settings
from .board_preview import Preview, preview_of, read_preview
from ..text.safe_text import printable

if TYPE_CHECKING:
    from textual.app import App

Clock = Callable[[], datetime]

BACKGROUND_LOAD_BYTES = 1_000_000  # about 1,300 applications: read those in the watcher
PREVIEW_DELAY = 2.0  # seconds of quiet after a change before the board preview is written
UNDO_LEVELS = 50
WRITE_DELAY = 0.05  # seconds between showing a change and starting its save


def big_file(path: Path) -> bool:
    try:
        return path.stat().st_size > BACKGROUND_LOAD_BYTES
    except OSError:
        return False


class PreviewStore(Protocol):
    """Where the board preview is kept (store/preview.py, given by the factory)."""

    def load(self, token: object) -> dict | None: ...

    def save(self, token: object, preview: dict) -> None: ...


@dataclass(frozen=True)
class Entry:
    """One application as loaded, with what is owed at the session's `now`
    (soonest first; one thank-you per owed round)."""

    application: Application
    actions: tuple[NextAction, ...]

    @property
    def action(self) -> NextAction | None:
        return self.actions[0] if self.actions else None


def entry_for(application: Application, now: datetime, settings: Settings) -> Entry:
    return Entry(application, tuple(next_actions(application, now, settings)))


@dataclass
class DataChanged(Message):
    """The loaded data (or the time) changed: redraw what it touches.

    `app_ids` names the applications that changed, or is None when anything
    may have (a reload after another session's write, a clock tick)."""

    app_ids: frozenset[int] | None
    origin: str  # "here" (this session), "elsewhere" (another session), "clock", "load", "put back" (a save failed)

    def touches(self, app_id: int | None) -> bool:
        return self.app_ids is None or app_id in self.app_ids


@dataclass
class PendingWrite:
    """A change already shown (optimistically) and queued for the writer thread."""

    app_id: int
    before: Application  # as shown before the change
    after: Application  # as shown now: the change applied, the revision the save will give it
    change: Callable[[Application], None]
    expected: int  # the stored revision the save is checked against
    label: str
    step: UndoStep


@dataclass
class UndoStep:
    """One change of one application: taking it back stores `before` where
    `after` is stored now (None: no record). The undo stack holds changes as
    made; taking one back pushes its inverse (after, now stored) on the redo
    stack, and the same operation takes that back (redo)."""

    label: str
    company: str
    before: Application | None
    after: Application | None


@dataclass(frozen=True)
class Way:
    """The words for one direction of taking a step back."""

    verb: str  # "undo"
    done: str  # "undone"
    then: str  # how to go the other way


UNDO = Way("undo", "undone", "U redoes it.")
REDO = Way("redo", "redone", "u undoes it.")


class Session:
    """Loaded applications, their next actions, and every write of the TUI."""

    def __init__(
        self,
        repo: ApplicationRepository,
        settings: Settings,
        clock: Clock,
        db_path: Path,
        *,
        watch_interval: float = 1.0,
        tick_interval: float = 30.0,
        start_up: Callable[[], list[str]] | None = None,
        big: bool | None = None,
        preview: PreviewStore | None = None,
    ) -> None:
        self.repo = repo
        # Thousands of applications: loaded in the background, after the first paint.
        self.big = big_file(db_path) if big is None else big
        # Work that waits until the board is painted (a start-up thread, before
        # the watcher's first read): checking a big file, the backup. It returns
        # notices for the user and raises FollowupError when the file is unusable.
        self._start_up = start_up
        self._started = threading.Event()
        self._start_failed = False
        self._start_begun = False
        self._start_lock = threading.Lock()
        self._ui_thread: int | None = None
        # A big file's board as it was last shown, painted while the file loads
        # (ui/data/board_preview.py); None once loaded, or when there is none.
        self._preview_store = preview
        self.provisional: Preview | None = None
        self._preview_timer = None
        self.settings = settings
        self.clock = clock
        self.db_path = db_path
        self.watch_interval = watch_interval
        self.tick_interval = tick_interval
        self.entries: dict[int, Entry] = {}
        self.loaded = False
        self.computed_at: datetime | None = None  # the `now` of the next actions
        self.undo_steps: list[UndoStep] = []
        self.redo_steps: list[UndoStep] = []
        self._app: App | None = None
        self._token: object = None  # the file as the entries show it
        self._writes = 0  # our own saves, so a slower background read never undoes one
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._recompute = False
        self._problem: str | None = None  # the store error last shown (once, not every second)
        # Saves in the writer thread, one at a time, in order (change_soon).
        self._lock = threading.Lock()
        self._queue: queue.Queue[PendingWrite | None] = queue.Queue()
        self._unqueued: list[PendingWrite] = []  # shown, to be queued once the screen has painted
        self._pending: dict[int, list[PendingWrite]] = {}  # per application, in order
        self._in_flight = 0  # queued or being written (guarded by _lock)
        self._idle = threading.Event()
        self._idle.set()
        self._results: list[tuple[PendingWrite, Application | None, object, BaseException | None]] = []
        self._writer_started = False  # the writer starts with the watcher, once the board is painted

    # -- lifecycle -------------------------------------------------------------

    def start(self, app: App) -> None:
        """Load a small file now; a big one loads in the watcher (`watch`)."""
        self._app = app
        self._ui_thread = threading.get_ident()
        if not self.big:
            self.load_now()
        elif self._preview_store is not None:
            try:
                kept = self._preview_store.load(self.repo.change_token())
            except OSError:
                kept = None
            if kept is not None:
                self.provisional = read_preview(kept, self.clock(), self.settings)

    def watch(self) -> None:
        """Once the board is painted: the start-up work (in a thread started
        now, so that a write waiting for it never waits on the event loop), the
        background load of a big file, then the watcher and the clock."""
        app = self._app
        assert app is not None
        threading.Thread(target=self._run_start_up, name="followup-start-up", daemon=True).start()
        app.run_worker(self._watch, name="session-watcher", group="session", thread=True, exit_on_error=False)
        app.run_worker(self._write_loop, name="session-writer", group="session", thread=True, exit_on_error=False)
        self._writer_started = True
        app.set_interval(self.tick_interval, self.tick, name="session-clock")

    def _run_start_up(self) -> None:
        """The start-up work, once, on whichever thread comes first: the
        start-up thread, or a write that cannot wait for it."""
        with self._start_lock:
            if self._start_begun:
                return
            self._start_begun = True
        try:
            notices = self._start_up() if self._start_up is not None else []
        except FollowupError as exc:
            self._start_failed = True
            self._started.set()
            self._deliver(self._refuse, exc)
            return
        except BaseException as exc:  # noqa: BLE001  (shown, never lost in a thread)
            self._started.set()
            self._deliver(self.report_error, exc, "Start-up failed")
            return
        self._started.set()  # before telling the app: a write may be waiting for it
        for notice in notices:
            self._deliver(partial(self.notify, notice, title="No backup", severity="warning", timeout=30))

    def _deliver(self, callback, *args) -> None:
        if threading.get_ident() == self._ui_thread:
            callback(*args)
        else:
            self._call(callback, *args)

    def _refuse(self, error: FollowupError) -> None:
        if self.loaded:  # damaged since it was read: say so, keep running
            self._store_problem(error)
        elif self._app is not None:  # never read: the app cannot start on it
            refuse = getattr(self._app, "refuse", None)
            if refuse is not None:
                refuse(str(error))
            else:
                self._store_problem(error)

    def ready_to_write(self, timeout: float = 60.0) -> None:
        """Writes wait for the start-up work (the backup is of the file as it
        was before this session changed anything); a write that comes before
        it began does it first, here."""
        if self._start_up is None or self._app is None:
            return
        self._run_start_up()
        self._started.wait(timeout)

    def stop(self) -> None:
        """Finish the saves already shown (quitting never loses a move), then stop."""
        self._release()
        self._stop.set()  # from here the writer tells nobody: the app is closing
        gc.unfreeze()  # see _out_of_collections
        if self._writer_started:
            self._idle.wait(timeout=30)
        self._queue.put(None)
        self._wake.set()
        if self._preview_timer is not None:  # a change not yet in the preview
            self._preview_timer.stop()
            self._save_preview(in_worker=False)

    # -- the board preview ---------------------------------------------------------

    def _preview_later(self) -> None:
        """Write the preview once changes have been quiet for PREVIEW_DELAY."""
        if self._preview_store is None or self._app is None or not self.loaded:
            return
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self._app.set_timer(PREVIEW_DELAY, self._save_preview, name="board-preview")

    def _save_preview(self, in_worker: bool = True) -> None:
        self._preview_timer = None
        store, token = self._preview_store, self._token
        if store is None or token is None or not self.loaded or not big_file(self.db_path):
            return
        entries = list(self.entries.values())  # the entries as of `token`

        def save() -> None:
            store.save(token, preview_of(entries))

        if in_worker and self._app is not None:
            self._app.run_worker(save, name="board-preview", group="preview", thread=True, exit_on_error=False)
        else:
            save()

    def load_now(self) -> None:
        """Read every application on the UI thread (small files)."""
        try:
            token, entries = self._read_all()
        except FollowupError as exc:
            self.report_error(exc, title="Cannot read the data file")
            return
        self._apply_loaded(token, entries, self._writes, origin="load")

    # -- reading ---------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock()

    def get(self, app_id: int | None) -> Application | None:
        """The application as loaded (do not change it: screens work on copies)."""
        entry = self.entries.get(app_id) if app_id is not None else None
        return entry.application if entry else None

    def editable(self, app_id: int) -> Application | None:
        """A copy to edit in a form."""
        application = self.get(app_id)
        return application.copy() if application else None

    def action(self, app_id: int) -> NextAction | None:
        entry = self.entries.get(app_id)
        return entry.action if entry else None

    def actions(self, app_id: int) -> tuple[NextAction, ...]:
        entry = self.entries.get(app_id)
        return entry.actions if entry else ()

    def all(self) -> Iterable[Entry]:
        return self.entries.values()

    def in_step_with_file(self) -> bool:
        """The loaded data is the file as it is now (no unseen write)."""
        return self.repo.change_token() == self._token

    def find(self, company: str) -> Application | None:
        """The first application of that company (tests, the command palette)."""
        return next((e.application for e in self.entries.values() if e.application.company == company), None)

    # -- the watcher and the clock (one worker thread) --------------------------

    def _watch(self) -> None:
        worker = get_current_worker()
        while not self._started.wait(0.1):  # the start-up thread: check, then back up, before any read
            if worker.is_cancelled or self._stop.is_set():
                return
        if self._start_failed:
            return
        if not self.loaded:
            self._background_read()
        while not (worker.is_cancelled or self._stop.is_set()):
            self._wake.wait(self.watch_interval)
            self._wake.clear()
            if worker.is_cancelled or self._stop.is_set():
                return
            if self.writing:
                continue  # our own save is changing the file: not another session's write
            try:
                changed = self._changed_elsewhere()
            except OSError:
                changed = True
            if changed:
                self._background_read()
            elif self._recompute:
                self._recompute = False
                self._background_recompute()

    def _changed_elsewhere(self) -> bool:
        """The file is not what the entries show, and not only by our own
        save that the UI thread is taking in (`_stored` moves `_token` on
        just after it): without this, the watcher polling between the two
        read every application again after a save (at 10,000: ~0.5 s of work
        and a second copy of the data, for nothing)."""
        token = self.repo.change_token()
        if token == self._token:
            return False
        write = getattr(self.repo, "last_write", None)
        ours = write is not None and write[0] == self._token and write[1] == token
        return not ours

    def _read_all(self) -> tuple[object, dict[int, Entry]]:
        token = self.repo.change_token()
        applications = self.repo.list()
        share_repeated_text(applications)  # kept as long as the app runs: repeated texts once
        now = self.clock()
        return token, self._entries_for(applications, now)

    def _entries_for(self, applications: Iterable[Application], now: datetime) -> dict[int, Entry]:
        settings = self.settings
        return {a.id or 0: entry_for(a, now, settings) for a in applications}

    def _background_read(self) -> None:
        writes = self._writes
        try:
            token, entries = self._read_all()
        except FollowupError as exc:
            self._token = self.repo.change_token()  # say it once, not every second
            self._call(self._store_problem, exc)
            return
        self._call(self._apply_loaded, token, entries, writes, "elsewhere" if self.loaded else "load")

    def _background_recompute(self) -> None:
        writes = self._writes
        now = self.clock()
        entries = self._entries_for((e.application for e in list(self.entries.values())), now)
        self._call(self._apply_recomputed, entries, writes, now)

    def _call(self, callback, *args) -> None:
        app = self._app
        if app is None or self._stop.is_set():
            return
        try:
            app.call_from_thread(callback, *args)
        except RuntimeError:  # the app is closing
            pass

    def _apply_loaded(self, token: object, entries: dict[int, Entry], writes: int, origin: str) -> None:
        if writes != self._writes or self.writing:
            # We saved while this was being read: it may predate our save. Read again.
            self._token = None
            self._wake.set()
            return
        self.entries = entries
        self._token = token
        self.computed_at = self.clock()
        self.loaded = True
        self.provisional = None
        if self._problem is not None:
            self._problem = None
            self.notify(f"{self.db_path} is readable again.", title="Data file", timeout=5)
        self.broadcast(None, origin)
        self._out_of_collections()

    def _out_of_collections(self) -> None:
        """Freeze what was just loaded (and the cards the screens make of it)
        out of the cyclic collector's sweeps once the screens have taken it in:
        left in, every full collection walked it (at 10,000 applications
        100-180 ms of GC in each form opening). The data holds no cycles, so
        reference counting still frees it when the next load replaces it; the
        young generations are collected first so that little garbage is frozen
        with it, and `stop` unfreezes (many apps run in one test process)."""
        if self._app is not None:
            self._app.call_after_refresh(self._freeze)

    @staticmethod
    def _freeze() -> None:
        gc.collect(1)
        gc.freeze()

    def _apply_recomputed(self, entries: dict[int, Entry], writes: int, now: datetime) -> None:
        if writes != self._writes:
            self._recompute = True
            return
        self.entries = entries
        self.computed_at = now
        self.broadcast(None, "clock")

    def tick(self) -> None:
        """The clock moved on: recompute next actions (in the watcher thread)
        when the minute changed, so due words and urgencies stay true."""
        now = self.clock()
        if not self.loaded or self.computed_at is None:
            return
        if now.replace(second=0, microsecond=0) != self.computed_at.replace(second=0, microsecond=0):
            self._recompute = True
            self._wake.set()

    def refresh_from_store(self) -> None:
        """Read the file again soon (after a conflict or another session's write)."""
        self._token = None
        self._wake.set()

    # -- telling the screens -----------------------------------------------------

    def broadcast(self, app_ids: Iterable[int] | None, origin: str) -> None:
        app = self._app
        if app is None:
            return
        ids = frozenset(app_ids) if app_ids is not None else None
        for screen in app.screen_stack:
            screen.post_message(DataChanged(ids, origin))
        if origin != "clock":
            self._preview_later()

    def notify(self, message: str, *, title: str = "", severity: str = "information", timeout: float = 4) -> None:
        """A plain word on what just happened (moved, undone, nothing to undo)
        goes on the screen's status line where it has one, like the move it
        answers; anything titled or worse than information is a toast."""
        if self._app is None:
            return
        show_hint = getattr(self._app.screen, "show_hint", None)
        if show_hint is not None and not title and severity == "information":
            show_hint(message)
        else:
            self._app.notify(printable(message), title=title, severity=severity, timeout=timeout)  # type: ignore[arg-type]

    def report_error(self, error: BaseException, title: str = "Not saved") -> None:
        """The one place where a store error (from any screen or worker) becomes
        a message: it names the file and the problem; the app keeps running."""
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

    # -- writing -------------------------------------------------------------------

    def _stored(self, saved: Application | None, app_id: int, origin: str = "here") -> None:
        """Take in one of our own saves (or deletes) and tell the screens."""
        self._writes += 1
        if saved is None:
            self.entries.pop(app_id, None)
        else:
            self.entries[app_id] = entry_for(saved, self.clock(), self.settings)
        write = getattr(self.repo, "last_write", None)
        if write is not None and write[0] == self._token:
            self._token = write[1]  # only our save changed the file
        else:
            self.refresh_from_store()  # someone else wrote too: read it all (in the watcher)
        self.broadcast([app_id], origin)

    def _conflict(self, app_id: int, exc: ConflictError, what: str) -> None:
        company = self.get(app_id).company if self.get(app_id) else f"application {app_id}"
        if exc.actual_rev is None:
            text = f"{company} was deleted in another session: {what} not done."
        else:
            text = (
                f"{company} was changed in another session since this screen showed it: {what} not done, "
                "nothing was overwritten. The screens now show the latest version; try again."
            )
        self.notify(text, title="Changed elsewhere", severity="warning", timeout=10)
        self._reload_one(app_id)

    def _reload_one(self, app_id: int) -> None:
        try:
            fresh = self.repo.get(app_id)
        except NotFoundError:
            fresh = None
        except FollowupError as exc:
            self.report_error(exc, title="Cannot read the data file")
            return
        if fresh is None:
            self.entries.pop(app_id, None)
        else:
            self.entries[app_id] = entry_for(fresh, self.clock(), self.settings)
        self.refresh_from_store()
        self.broadcast([app_id], "elsewhere")

    def _remember(self, step: UndoStep) -> None:
        self.undo_steps.append(step)
        del self.undo_steps[:-UNDO_LEVELS]
        self.redo_steps.clear()

    def change(
        self,
        app_id: int,
        change: Callable[[Application], None],
        label: str,
        *,
        seen_rev: int | None = None,
        quiet: bool = False,
    ) -> Application | None:
        """Apply `change` to the stored application, rev-checked against the
        revision the screen showed (`seen_rev`, else the loaded one): a change
        made in another session meanwhile refuses the write instead of
        silently applying it to something else. Undoable."""
        self.flush_writes()
        before = self.get(app_id)
        if before is None:
            self.notify("That application no longer exists (deleted in another session?).", severity="warning")
            return None
        expected = before.rev if seen_rev is None else seen_rev
        self.ready_to_write()

        def checked(application: Application) -> None:
            if application.rev != expected:
                raise ConflictError(app_id, expected, application.rev)
            change(application)

        try:
            saved = self.repo.modify(app_id, checked)
        except ConflictError as exc:
            self._conflict(app_id, exc, label)
            return None
        except NotFoundError as exc:
            self._conflict(app_id, ConflictError(app_id, expected, None), label)
            return None
        except FollowupError as exc:
            self.report_error(exc)
            return None
        self._remember(UndoStep(label, saved.company, before, saved))
        self._stored(saved, app_id)
        if not quiet:
            self.notify(f"{saved.company}: {label}. u undoes it.", timeout=4)
        return saved

    # -- saves in the writer thread, shown at once -----------------------------------

    @property
    def writing(self) -> bool:
        """Saves shown but not yet taken in (queued, being written, or their result unread)."""
        with self._lock:
            return bool(self._in_flight or self._results or self._unqueued)

    def change_soon(
        self, app_id: int, change: Callable[[Application], None], label: str, *, seen_rev: int | None = None
    ) -> Application | None:
        """Like `change`, but the screens show the change at once and the save
        (rev-checked the same way) runs in the writer thread, after the screen
        has painted: a move answers in milliseconds whatever the file's size.
        A save that fails puts the application back as it is stored and says
        why. Undoable at once (undo waits for the save)."""
        if self._app is None or not self._writer_started:  # no writer thread yet: save here
            return self.change(app_id, change, label, seen_rev=seen_rev, quiet=True)
        entry = self.entries.get(app_id)
        if entry is None:
            self.notify("That application no longer exists (deleted in another session?).", severity="warning")
            return None
        before = entry.application
        if seen_rev is not None and seen_rev != before.rev:
            return self.change(app_id, change, label, seen_rev=seen_rev, quiet=True)  # the store says what happened
        after = before.copy()
        try:
            change(after)
        except FollowupError as exc:
            self.report_error(exc)
            return None
        after.rev = before.rev + 1  # what the store's save gives it
        after.updated = self.clock()
        step = UndoStep(label, after.company, before, after)
        self._remember(step)
        write = PendingWrite(app_id, before, after, change, before.rev, label, step)
        self._pending.setdefault(app_id, []).append(write)
        self.entries[app_id] = entry_for(after, self.clock(), self.settings)
        self._writes += 1  # a read that began before this save must not undo it on screen
        with self._lock:
            self._in_flight += 1
            self._idle.clear()
            self._unqueued.append(write)
        # Paint first, then write: encoding a big file holds the interpreter
        # for tens of milliseconds, and the screen (its output thread too)
        # would wait for it. Undo, forms and quitting do not wait for this.
        self._app.set_timer(WRITE_DELAY, self._release, name="session-write")
        self.broadcast([app_id], "here")
        return after

    def _release(self) -> None:
        with self._lock:
            writes, self._unqueued = self._unqueued, []
        for write in writes:
            self._queue.put(write)

    def _write_loop(self) -> None:
        """The writer thread: one save at a time, in the order they were shown."""
        while True:
            write = self._queue.get()
            if write is None:
                return

            def checked(application: Application, write: PendingWrite = write) -> None:
                if application.rev != write.expected:
                    raise ConflictError(write.app_id, write.expected, application.rev)
                write.change(application)

            saved, tokens, error = None, None, None
            try:
                self.ready_to_write()  # after the start-up backup, as every write
                saved = self.repo.modify(write.app_id, checked)
                tokens = getattr(self.repo, "last_write", None)
            except BaseException as exc:  # noqa: BLE001 - every failure is shown and reverted, none kills the writer
                error = exc
            with self._lock:
                self._results.append((write, saved, tokens, error))
                self._in_flight -= 1
                if not self._in_flight:
                    self._idle.set()
            self._call(self.take_results)

    def flush_writes(self, timeout: float = 30) -> None:
        """Wait for the saves shown so far, and take in their results (before
        any write made on this thread: undo, a form's save, a delete)."""
        if not self._writer_started:
            return
        self._release()
        self._idle.wait(timeout)
        self.take_results()

    def take_results(self) -> None:
        """Take in the writer's results: a save becomes the loaded version; a
        failed one puts the application back as stored and says why."""
        with self._lock:
            results, self._results = self._results, []
        for write, saved, tokens, error in results:
            self._writes += 1  # a read that began while this was being written may predate it
            pending = self._pending.get(write.app_id, [])
            if write not in pending:
                continue  # queued behind a save that failed: already put back
            if error is None and saved is not None:
                pending.remove(write)
                entry = self.entries.get(write.app_id)
                if entry is not None and entry.application is write.after:
                    self.entries[write.app_id] = Entry(saved, entry.actions)  # same content, the stored stamp
                if write.step.after is write.after:
                    write.step.after = saved
                if tokens is not None and tokens[0] == self._token:
                    self._token = tokens[1]  # only our save changed the file
                else:
                    self.refresh_from_store()
            else:
                self._put_back(write, pending, error)
            if not pending:
                self._pending.pop(write.app_id, None)

    def _put_back(self, write: PendingWrite, pending: list[PendingWrite], error: BaseException | None) -> None:
        """A save failed: this change and the ones shown after it on the same
        application are undone on screen (not on the file: they never got there)."""
        doomed = pending[pending.index(write) :]
        del pending[pending.index(write) :]
        self.undo_steps = [step for step in self.undo_steps if all(step is not w.step for w in doomed)]
        self.entries[write.app_id] = entry_for(write.before, self.clock(), self.settings)
        if isinstance(error, ConflictError):
            self._conflict(write.app_id, error, write.label)  # shows where it really is now
            return
        if isinstance(error, NotFoundError):
            self._conflict(write.app_id, ConflictError(write.app_id, write.expected, None), write.label)
            return
        self.report_error(error or RuntimeError("the save failed"), title=f"Not saved: {write.label}")
        self.broadcast([write.app_id], "put back")

    def add(self, application: Application, label: str = "added") -> Application | None:
        self.flush_writes()
        self.ready_to_write()
        try:
            saved = self.repo.add(application)
        except FollowupError as exc:
            self.report_error(exc)
            return None
        assert saved.id is not None
        self._remember(UndoStep(label, saved.company, None, saved))
        self._stored(saved, saved.id)
        self.notify(f"{saved.company}: {label}. u undoes it.", timeout=4)
        return saved

    def update(self, application: Application, label: str = "saved") -> Application:
        """Store a form's version, rev-checked. Raises ConflictError (the form
        handles it: it shows what changed where) or FollowupError."""
        self.flush_writes()
        assert application.id is not None
        before = self.get(application.id)
        self.ready_to_write()
        saved = self.repo.update(application)
        self._remember(UndoStep(label, saved.company, before, saved))
        self._stored(saved, application.id)
        self.notify(f"{saved.company}: {label}. u undoes it.", timeout=4)
        return saved

    def latest(self, app_id: int) -> Application:
        """Read one application from the file now (after a conflict). Raises."""
        self.flush_writes()
        fresh = self.repo.get(app_id)
        self.entries[app_id] = entry_for(fresh, self.clock(), self.settings)
        self.refresh_from_store()
        self.broadcast([app_id], "elsewhere")
        return fresh

    def merge(self, base: Application, edited: Application) -> MergeResult:
        """The form's changes (from `base`) over the latest stored version."""
        assert edited.id is not None
        latest = self.latest(edited.id)
        return merge_form_changes(base, edited, latest, self.clock())

    def delete(self, app_id: int, *, seen_rev: int | None = None) -> bool:
        self.flush_writes()
        before = self.get(app_id)
        if before is None:
            return False
        self.ready_to_write()
        try:
            self.repo.delete(app_id, expected_rev=before.rev if seen_rev is None else seen_rev)
        except ConflictError as exc:
            self._conflict(app_id, exc, "delete")
            return False
        except NotFoundError:
            self._conflict(app_id, ConflictError(app_id, before.rev, None), "delete")
            return False
        except FollowupError as exc:
            self.report_error(exc)
            return False
        self._remember(UndoStep("deleted", before.company, before, None))
        self._stored(None, app_id)
        self.notify(f"{before.company}: deleted. u brings it back (until you quit).", timeout=6)
        return True

    # -- undo / redo ---------------------------------------------------------------

    def undo(self) -> bool:
        self.flush_writes()
        return self._take_back(self.undo_steps, self.redo_steps, UNDO)

    def redo(self) -> bool:
        self.flush_writes()
        return self._take_back(self.redo_steps, self.undo_steps, REDO)

    def _take_back(self, steps: list[UndoStep], opposite: list[UndoStep], way: Way) -> bool:
        """Undo and redo are one operation: take back the last step of
        `steps` and push its inverse on `opposite`, so that taking that back
        in turn (redo after undo, undo after redo) restores the state again."""
        if not steps:
            self.notify(f"Nothing to {way.verb}.", timeout=3)
            return False
        step = steps.pop()
        try:
            stored = self._put(step.after, step.before)
        except (ConflictError, NotFoundError):
            self.notify(
                f"Not {way.done}: {step.company} was changed in another session since \"{step.label}\"; "
                "nothing was overwritten.",
                title="Changed elsewhere",
                severity="warning",
                timeout=10,
            )
            self.refresh_from_store()
            return False
        except FollowupError as exc:
            steps.append(step)  # nothing changed: it can be tried again
            self.report_error(exc, title=f"Not {way.done}")
            return False
        opposite.append(UndoStep(step.label, step.company, before=step.after, after=stored))
        self._restamp(steps, step.before, stored)
        self.notify(f"{way.done.capitalize()}: {step.company} {step.label}. {way.then}", timeout=5)
        return True

    def _put(self, current: Application | None, target: Application | None) -> Application | None:
        """Make the stored state `target`, provided it is still `current`
        (rev-checked like any save). Returns the stored state. Raises."""
        self.ready_to_write()
        if current is None and target is not None:  # bring back a deleted / un-added one, same id
            saved = self.repo.restore_deleted(target)
            assert saved.id is not None
            self._stored(saved, saved.id, origin="here")
            return saved
        if current is not None and target is None:  # remove again
            assert current.id is not None
            self.repo.delete(current.id, expected_rev=current.rev)
            self._stored(None, current.id, origin="here")
            return None
        assert current is not None and target is not None and current.id is not None
        restored = target.copy()
        restored.id, restored.rev = current.id, current.rev
        saved = self.repo.update(restored)
        self._stored(saved, current.id, origin="here")
        return saved

    @staticmethod
    def _restamp(steps: list[UndoStep], old: Application | None, new: Application | None) -> None:
        """The latest step on this application in `steps` ended at `old`, just
        stored again as `new` (a new revision): it now starts from `new`, so
        taking it back is rev-checked against what is really stored."""
        ref = old or new
        if ref is None:
            return
        for step in reversed(steps):
            state = step.after or step.before
            if state is not None and state.id == ref.id:
                if step.after is old or (step.after is not None and old is not None and step.after.rev == old.rev):
                    step.after = new
                return
