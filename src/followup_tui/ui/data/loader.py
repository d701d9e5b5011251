"""Reading the data file into the loaded data: at start (a small file), in
the background (a big file after the first paint; the file again after
another process wrote it), and the next actions again as the clock moves.
A read that began before a change shown here is stale: it is done again."""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from ...domain.errors import FollowupError
from ...domain.repeated_values import share_repeated_values
from ...domain.repository import ApplicationRepository
from .loaded import Entry, LoadedData, entries_for

if TYPE_CHECKING:
    from textual.app import App

BOARD_ALONE = 2  # screens in the stack when only the board is open (over Textual's default screen)


class Told(Protocol):
    """Who hears what a read brought (the session)."""

    def took_in(self, origin: str) -> None: ...

    def unreadable(self, error: FollowupError) -> None: ...

    def report_error(self, error: BaseException, title: str = "Not saved") -> None: ...


class Loader:
    def __init__(
        self,
        repo: ApplicationRepository,
        data: LoadedData,
        told: Told,
        call: Callable,  # runs a callback on the UI thread
        may_read: Callable[[], bool],  # the start-up work is done and did not refuse the file
        writing: Callable[[], bool],  # our own saves are on their way
    ) -> None:
        self.repo = repo
        self.data = data
        self._told = told
        self._call = call
        self._may_read = may_read
        self._writing = writing
        self.app: App | None = None
        self._reading = False

    def load_now(self) -> None:
        """Read every application on this thread (a small file, at start)."""
        try:
            token, entries = self.read_all()
        except FollowupError as exc:
            self._told.report_error(exc, title="Cannot read the data file")
            return
        self._take_in(token, entries, self.data.changes, origin="load")

    def read_all(self) -> tuple[object, dict[int, Entry]]:
        token = self.repo.change_token()
        applications = self.repo.list()
        share_repeated_values(applications)  # kept as long as the app runs: repeated texts and times once
        return token, entries_for(applications, self.data.clock(), self.data.settings)

    def file_changed(self) -> None:
        """Another process wrote the file (the watcher said so)."""
        if not self._writing():
            self.read_in_background()

    def read_in_background(self) -> None:
        if self._reading or self.app is None or not self._may_read():
            return
        self._reading = True
        changes, loaded = self.data.changes, self.data.loaded

        def read() -> None:
            try:
                token, entries = self.read_all()
            except FollowupError as exc:
                self._call(self._unreadable, exc)
                return
            self._call(self._take_in, token, entries, changes, "elsewhere" if loaded else "load")

        self.app.run_worker(read, name="session-read", group="session-read", thread=True, exit_on_error=False)

    def _unreadable(self, error: FollowupError) -> None:
        self._reading = False
        self.data.token = self.repo.change_token()  # say it once, not every second
        self._told.unreadable(error)

    def _take_in(self, token: object, entries: dict[int, Entry], changes: int, origin: str) -> None:
        self._reading = False
        if changes != self.data.changes or self._writing():
            # A change was shown while this was read: it may predate it. Read again.
            self.data.token = None
            if self.app is not None:
                self.app.set_timer(0.05, self.file_changed)
            return
        self.data.replace_all(token, entries)
        self._told.took_in(origin)
        self._out_of_collections()

    def _out_of_collections(self) -> None:
        """Freeze what was just loaded (and the cards the screens make of it)
        out of the cyclic collector's sweeps once the screens have taken it in:
        left in, every full collection walked it (at 10,000 applications
        100-180 ms of GC in each form opening). The data holds no cycles, so
        reference counting still frees it when the next load replaces it; the
        young generations are collected first so that little garbage is frozen
        with it, and the session unfreezes at stop (many apps run in one test process)."""
        if self.app is not None:
            self.app.call_after_refresh(self._freeze_once_alone)

    def _freeze_once_alone(self, waited: bool = False) -> None:
        """Freeze once the board is the only screen: gc.freeze() takes every
        object there is, and a form or dialog open at that moment would be
        frozen too and its widgets (cycles, all of them) never collected once
        it closed (a form opened right after the load: some 1.5 MB each).
        Nor while a closed screen's remains are still held (the app lets go
        of them up to 7.5 s after it closed, `letting_go`): frozen while
        held, they could never be collected once let go. After such a wait
        the closed screens' garbage may have reached the oldest generation:
        a full collection then, not to freeze it."""
        app = self.app
        if app is None or not app.is_running:
            return
        if len(app.screen_stack) > BOARD_ALONE or getattr(app, "letting_go", False):
            app.set_timer(1.0, lambda: self._freeze_once_alone(waited=True), name="freeze-loaded")
            return
        gc.collect(2 if waited else 1)
        gc.freeze()

    # -- the clock ----------------------------------------------------------------------

    def tick(self) -> None:
        """The clock moved on: recompute the next actions (in a thread) when
        the minute changed, so due words and urgencies stay true."""
        computed, now = self.data.computed_at, self.data.clock()
        if not self.data.loaded or computed is None or self.app is None:
            return
        if now.replace(second=0, microsecond=0) == computed.replace(second=0, microsecond=0):
            return
        changes = self.data.changes
        applications = [e.application for e in self.data.all()]
        settings = self.data.settings

        def recompute() -> None:
            self._call(self._recomputed, entries_for(applications, now, settings), changes, now)

        self.app.run_worker(recompute, name="session-clock", group="session-clock", thread=True, exclusive=True, exit_on_error=False)

    def _recomputed(self, entries: dict[int, Entry], changes: int, now: datetime) -> None:
        if changes != self.data.changes:
            return  # a change came meanwhile: the next tick does it again
        self.data.entries = entries
        self.data.computed_at = now
        self._told.took_in("clock")
