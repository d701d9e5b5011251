"""The writer's thread: one queue, one write at a time, in the order the
changes were made, each rev-checked by the repository. It never touches the
screens: each write's outcome goes back to the UI thread through `deliver`.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass

from ...domain.errors import ConflictError, FollowupError, NotFoundError
from ...domain.model import Application
from ...domain.repository import ApplicationRepository
from .messages import Outcome
from .undo import Direction, UndoStep


@dataclass(eq=False)
class Write:
    """One queued write: make the stored state `target` (None: no record),
    provided the stored state is still revision `expected` (None: no record)."""

    ticket: int
    app_id: int | None  # None: a new application (the store gives it an id)
    expected: int | None
    target: Application | None
    label: str
    company: str
    shown_before: Application | None  # as the screens showed it before this change
    shown_after: Application | None  # as the screens show it now (the change applied, the revision predicted)
    step: UndoStep | None = None  # the undo step it made (a change) or took back (undo, redo)
    direction: Direction | None = None  # set for undo and redo
    taken: UndoStep | None = None  # undo / redo: the step taken back (given back when nothing changed)
    cancelled: bool = False  # an earlier write to the same application failed: this one is skipped


@dataclass
class Result:
    write: Write
    outcome: Outcome
    why: str
    stored: Application | None  # saved: as stored; conflict: as stored now; refused: None
    tokens: tuple[object, object] | None  # the store's change tokens around this save


class WriteQueue:
    def __init__(
        self,
        repo: ApplicationRepository,
        deliver: Callable[[Result], None],
        before_first_write: Callable[[], None] = lambda: None,
    ) -> None:
        self.repo = repo
        self._deliver = deliver
        self._before_first_write = before_first_write  # waits for the start-up backup
        self._queue: queue.Queue[Write | None] = queue.Queue()
        self._lock = threading.Lock()
        self._in_flight = 0
        self._idle = threading.Event()
        self._idle.set()
        self._thread: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        """Writes queued or being written."""
        with self._lock:
            return bool(self._in_flight)

    def put(self, write: Write) -> None:
        with self._lock:
            self._in_flight += 1
            self._idle.clear()
        self._queue.put(write)

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="followup-writer", daemon=True)
            self._thread.start()

    @property
    def started(self) -> bool:
        return self._thread is not None

    def stop(self, timeout: float = 30) -> None:
        """Finish the writes already queued (quitting never loses a move), then stop."""
        if self._thread is None:
            self.run_queued()  # no thread ever ran: write them here
            return
        self._idle.wait(timeout)
        self._queue.put(None)

    def run_queued(self) -> None:
        """Write everything queued, on this thread (before the thread starts,
        at quit, and in tests of the writer without an app)."""
        while True:
            try:
                write = self._queue.get_nowait()
            except queue.Empty:
                return
            if write is not None:
                self._run_one(write)

    def _run(self) -> None:
        while (write := self._queue.get()) is not None:
            self._run_one(write)

    def _run_one(self, write: Write) -> None:
        try:
            result = self._store(write)
        except BaseException as exc:  # noqa: BLE001  (every failure is a result; none kills the writer)
            why = str(exc) if isinstance(exc, FollowupError) else f"{type(exc).__name__}: {exc}"
            result = Result(write, "refused", why, None, None)
        with self._lock:
            self._in_flight -= 1
            if not self._in_flight:
                self._idle.set()
        self._deliver(result)

    def _store(self, write: Write) -> Result:
        if write.cancelled:
            return Result(write, "refused", "an earlier change to it was not saved", None, None)
        self._before_first_write()
        repo = self.repo
        try:
            stored = self._apply(write)
        except (ConflictError, NotFoundError) as exc:
            return Result(write, "conflict", str(exc), self._latest(write.app_id), None)
        return Result(write, "saved", "", stored, getattr(repo, "last_write", None))

    def _apply(self, write: Write) -> Application | None:
        repo, target = self.repo, write.target
        if target is None:
            assert write.app_id is not None
            repo.delete(write.app_id, expected_rev=write.expected)
            return None
        if write.expected is None:
            if target.id is None:
                return repo.add(target.copy())
            return repo.restore_deleted(target.copy())  # undoing a delete: under its own id
        replacement = target.copy()
        replacement.id, replacement.rev = write.app_id, write.expected
        return repo.update(replacement)  # raises ConflictError when the stored revision moved on

    def _latest(self, app_id: int | None) -> Application | None:
        """After a conflict: the application as stored now (None: deleted)."""
        if app_id is None:
            return None
        try:
            return self.repo.get(app_id)
        except FollowupError:
            return None
