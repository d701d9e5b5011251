"""The start-up work (checking a big file, the backup, the holiday cache):
run once the board is painted, in a thread of its own, exactly once, and
always before the first write (the backup is of the file as it was before
this session changed anything) and the first background read."""

from __future__ import annotations

import threading
from collections.abc import Callable

from ...domain.errors import FollowupError

StartUp = Callable[[], list[str]]  # returns notices for the user; raises FollowupError when the file is unusable


class StartUpWork:
    def __init__(
        self,
        work: StartUp | None,
        *,
        done: Callable[[list[str]], None],
        refused: Callable[[FollowupError], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        self._work = work
        self._done, self._refused, self._failed = done, refused, failed  # called on the thread that ran it
        self._begun = False
        self._lock = threading.Lock()
        self.finished = threading.Event()
        self.refused = False  # the file is unusable: nothing is read or written

    def start(self) -> None:
        threading.Thread(target=self.run, name="followup-start-up", daemon=True).start()

    def run(self) -> None:
        """Once, on whichever thread comes first: the start-up thread, or the
        writer's thread when a write comes before it began."""
        with self._lock:
            if self._begun:
                return
            self._begun = True
        notices: list[str] = []
        try:
            notices = self._work() if self._work is not None else []
        except FollowupError as exc:
            self.refused = True
            self.finished.set()
            self._refused(exc)
            return
        except BaseException as exc:  # noqa: BLE001  (shown, never lost in a thread)
            self.finished.set()
            self._failed(exc)
            return
        self.finished.set()  # before telling anyone: a write may be waiting for it
        self._done(notices)

    def before_write(self, timeout: float = 60.0) -> None:
        """In the writer's thread: the start-up work first (never on the UI thread)."""
        if self._work is None:
            return
        self.run()
        self.finished.wait(timeout)
