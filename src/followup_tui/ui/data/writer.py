"""The writer: the one write path for every change the TUI makes (a key, a
form's save, a merge, undo and redo, findings from the mailbox).

A change is shown at once (the screens redraw from the loaded data), queued,
and saved in the writer's thread (write_queue.py), rev-checked against the
revision it was made from. Every write ends in one `WriteDone` message
(saved / conflict / refused, with why); the UI thread never waits for the
disk; a write that fails puts the application back as it is stored, says why,
and leaves every key working.

The public entry point, for every screen and for anything later that
records something (the mailbox):

    ticket = session.writer.submit(Change(app_id, apply, seen_rev, "label"))

`apply` is a pure function from the application as shown (a copy: None for a
new one) to the application as it should be (None deletes it). `seen_rev` is
the revision the user (or the finding) saw; a change made from an older one is
refused as a conflict, never applied to something else. The change is
undoable with `u`; the `WriteDone` with that ticket says how it ended, and
`on_done` (if given) is called with it on the UI thread, for a caller that
is not a screen (the mailbox's sync, waiting in its worker thread).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from ...domain.model import Application
from ...domain.repository import ApplicationRepository
from .loaded import LoadedData
from .messages import WriteDone
from .undo import WAYS, Direction, UndoHistory, UndoStep
from .write_queue import Result, Write, WriteQueue


@dataclass(frozen=True)
class Change:
    """One change of one application, for `Writer.submit`."""

    app_id: int | None  # None: a new application
    apply: Callable[[Application | None], Application | None]  # pure: as shown -> as it should be (None: delete)
    seen_rev: int | None  # the revision it was made from (None: as loaded now)
    label: str  # "moved to Interview": said in notices and by undo


def mutation(change: Callable[[Application], None]) -> Callable[[Application | None], Application | None]:
    """A pure `apply` from a function that changes an application in place."""

    def apply(application: Application | None) -> Application | None:
        assert application is not None
        changed = application.copy()
        change(changed)
        return changed

    return apply


class Screens(Protocol):
    """How the writer tells the screens (the session, which owns the app)."""

    def data_changed(self, app_ids: list[int], origin: str) -> None: ...

    def notify(self, message: str, *, title: str = "", severity: str = "information", timeout: float = 4) -> None: ...

    def write_done(self, done: WriteDone) -> None: ...

    def took_in_own_write(self, tokens: tuple[object, object] | None) -> None: ...

    def reread(self) -> None:
        """Read the whole file again soon (in the background)."""


class Writer:
    def __init__(
        self,
        repo: ApplicationRepository,
        data: LoadedData,
        history: UndoHistory,
        screens: Screens,
        call_on_ui_thread: Callable[[Callable[[Result], None], Result], None],
        before_first_write: Callable[[], None] = lambda: None,
    ) -> None:
        self.data = data
        self.history = history
        self._screens = screens
        self._tickets = itertools.count(1)
        self._pending: dict[int, list[Write]] = {}  # per application, in order: shown, not yet stored
        self._results_due = 0  # writes whose result the UI thread has not taken in yet
        self._on_done: dict[int, Callable[[WriteDone], None]] = {}  # ticket: who else waits for its result
        self.queue = WriteQueue(repo, lambda result: call_on_ui_thread(self.take_result, result), before_first_write)

    @property
    def writing(self) -> bool:
        """Writes shown but not yet taken in (queued, being written, or their result unread)."""
        return bool(self._results_due)

    # -- submitting (UI thread) ------------------------------------------------------

    def submit(self, change: Change, on_done: Callable[[WriteDone], None] | None = None) -> int:
        """Show `change` at once and queue its save; returns the ticket its
        `WriteDone` will carry (also handed to `on_done`)."""
        ticket = next(self._tickets)
        if on_done is not None:
            self._on_done[ticket] = on_done
        shown = self.data.get(change.app_id) if change.app_id is not None else None
        if change.app_id is not None and shown is None:
            self._refuse_now(ticket, change, "that application no longer exists (deleted in another session?)")
            return ticket
        try:
            target = change.apply(shown.copy() if shown is not None else None)
        except Exception as exc:  # noqa: BLE001  (a rule of the domain said no: shown, nothing queued)
            self._refuse_now(ticket, change, str(exc))
            return ticket
        expected = None if shown is None else (shown.rev if change.seen_rev is None else change.seen_rev)
        company = (target or shown).company if (target or shown) is not None else ""
        if change.app_id is None:  # a new application: shown once the store gave it an id
            self._queue(Write(ticket, None, None, target, change.label, company, None, None))
            return ticket
        after = self._predicted(shown, target, expected)
        step = UndoStep(change.label, company, shown, after)
        self.history.record(step)
        self._queue(Write(ticket, change.app_id, expected, target, change.label, company, shown, after, step))
        self._screens.notify(f"{company}: {change.label}. {'u undoes it.' if target else 'u brings it back (until you quit).'}")
        self._show(change.app_id, after)
        return ticket

    def take_back(self, direction: Direction) -> bool:
        """Undo or redo the last step: rev-checked like every write."""
        way = WAYS[direction]
        step = self.history.take(direction)
        if step is None:
            self._screens.notify(f"Nothing to {way.verb}.", timeout=3)
            return False
        app_id = step.app_id
        assert app_id is not None
        current, target = step.after, step.before
        expected = current.rev if current is not None else None
        after = self._predicted(current, target, expected)
        inverse = self.history.taken_back(direction, step, after)
        self._queue(
            Write(next(self._tickets), app_id, expected, target, step.label, step.company, current, after, inverse, direction, step)
        )
        self._screens.notify(f"{way.done.capitalize()}: {step.company} {step.label}. {way.then}", timeout=5)
        self._show(app_id, after)
        return True

    @staticmethod
    def _predicted(current: Application | None, target: Application | None, expected: int | None) -> Application | None:
        """`target` as the store will hold it: the next revision (see the repository)."""
        if target is None:
            return None
        after = target.copy()
        after.id = target.id if target.id is not None else (current.id if current is not None else None)
        after.rev = (expected if expected is not None else target.rev) + 1
        return after

    def _queue(self, write: Write) -> None:
        if write.app_id is not None:
            self._pending.setdefault(write.app_id, []).append(write)
        self._results_due += 1
        self.queue.put(write)

    def _show(self, app_id: int, application: Application | None) -> None:
        self.data.show(app_id, application)
        self._screens.data_changed([app_id], "here")

    def _done(self, done: WriteDone) -> None:
        """Every write ends here: its one result, to whoever waits for it and the screens."""
        waiting = self._on_done.pop(done.ticket, None)
        if waiting is not None:
            waiting(done)
        self._screens.write_done(done)

    def _refuse_now(self, ticket: int, change: Change, why: str) -> None:
        self._screens.notify(f"Not saved: {change.label}: {why}", title="Not saved", severity="warning", timeout=8)
        self._done(WriteDone(ticket, change.app_id, change.label, "refused", why, self.data.get(change.app_id)))

    # -- results (UI thread) -----------------------------------------------------------

    def take_result(self, result: Result) -> None:
        write = result.write
        self._results_due -= 1
        pending = self._pending.get(write.app_id, []) if write.app_id is not None else []
        if write in pending:
            pending.remove(write)
            if not pending:
                self._pending.pop(write.app_id, None)
        if write.cancelled:  # an earlier write failed: already put back and said
            self._done(WriteDone(write.ticket, write.app_id, write.label, "refused", result.why, None))
            return
        if result.outcome == "saved":
            self._saved(write, result)
        else:
            self._failed(write, result, pending)

    def _saved(self, write: Write, result: Result) -> None:
        stored = result.stored
        self._screens.took_in_own_write(result.tokens)
        if write.app_id is None:  # a new application: now it has an id, shown and undoable
            assert stored is not None and stored.id is not None
            self.history.record(UndoStep(write.label, stored.company, None, stored))
            self.data.show(stored.id, stored)
            self._screens.notify(f"{stored.company}: {write.label}. u undoes it.")
            self._screens.data_changed([stored.id], "here")
        elif stored is not None and write.shown_after is not None:
            self.data.restamp(write.app_id, write.shown_after, stored)
            self.history.replace(write.shown_after, stored)
            for later in self._pending.get(write.app_id, []):
                if later.shown_before is write.shown_after:
                    later.shown_before = stored
        self._done(WriteDone(write.ticket, write.app_id, write.label, "saved", "", stored))

    def _failed(self, write: Write, result: Result, pending: list[Write]) -> None:
        """Nothing was stored: this change and those made after it on the same
        application are taken off the screens and out of the history."""
        for later in pending:
            later.cancelled = True
            if later.step is not None:
                self.history.forget(later.step)
        if write.app_id is not None:
            self._pending.pop(write.app_id, None)
        if write.step is not None:
            self.history.forget(write.step)  # a change, or an undo's inverse: never stored
        if write.taken is not None and write.direction is not None and result.outcome == "refused":
            self.history.give_back(write.direction, write.taken)  # nothing changed: it can be tried again
        if result.outcome == "conflict":
            shown = result.stored  # as stored now (None: deleted elsewhere)
            self._screens.notify(self._conflict_text(write, shown), title="Changed elsewhere", severity="warning", timeout=10)
            origin = "elsewhere"
        else:
            shown = write.shown_before  # nothing got to the file
            way = f"Not {WAYS[write.direction].done}" if write.direction else f"Not saved: {write.label}"
            self._screens.notify(result.why, title=way, severity="error", timeout=10)
            origin = "put back"
        if write.app_id is not None:
            self.data.show(write.app_id, shown)
            self._screens.data_changed([write.app_id], origin)
        if result.outcome == "conflict":
            self._screens.reread()  # the file changed elsewhere: everything else may have too
        self._done(WriteDone(write.ticket, write.app_id, write.label, result.outcome, result.why, shown))

    @staticmethod
    def _conflict_text(write: Write, latest: Application | None) -> str:
        if write.direction is not None:
            return (
                f"Not {WAYS[write.direction].done}: {write.company} was changed in another session since "
                f"\"{write.label}\"; nothing was overwritten."
            )
        if latest is None:
            return f"{write.company} was deleted in another session: {write.label} not done."
        return (
            f"{write.company} was changed in another session since this screen showed it: {write.label} not done, "
            "nothing was overwritten. The screens now show the latest version; try again."
        )
