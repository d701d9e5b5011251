"""The file watcher (toolong's pattern): one small thread that looks at the
data file's change token and, when another process wrote it, posts one
coalesced `FileChanged` message. It reads nothing else; the session decides
what to read again."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from textual.message import Message
from textual.message_pump import MessagePump

from ...domain.repository import ApplicationRepository


class FileWatcher:
    @dataclass
    class FileChanged(Message):
        """The data file is not what the screens show (another process wrote it)."""

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, FileWatcher.FileChanged)  # one pending is enough

    def __init__(
        self,
        repo: ApplicationRepository,
        shown_token: Callable[[], object],
        quiet: Callable[[], bool],
        interval: float = 1.0,
    ) -> None:
        self.repo = repo
        self._shown_token = shown_token  # the change token of the file as the screens show it
        self._quiet = quiet  # False while our own saves are changing the file
        self.interval = interval
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, target: MessagePump) -> None:
        self._thread = threading.Thread(target=self._run, args=(target,), name="followup-watcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def wake(self) -> None:
        """Look now rather than at the next interval."""
        self._wake.set()

    def in_step(self) -> bool:
        """The screens show the file as it is now (no unseen write)."""
        return self.repo.change_token() == self._shown_token()

    def changed_elsewhere(self) -> bool:
        """The file is not what the screens show, and not only by our own save
        being taken in (without this, every save of ours read every
        application again: at 10,000 ~0.5 s and a second copy of the data)."""
        token = self.repo.change_token()
        shown = self._shown_token()
        if token == shown:
            return False
        write = getattr(self.repo, "last_write", None)
        return not (write is not None and write[0] == shown and write[1] == token)

    def _run(self, target: MessagePump) -> None:
        while not self._stop.is_set():
            self._wake.wait(self.interval)
            self._wake.clear()
            if self._stop.is_set():
                return
            if not self._quiet():
                continue  # our own save is changing the file
            try:
                changed = self.changed_elsewhere()
            except OSError:
                changed = True
            if changed:
                target.post_message(self.FileChanged())
