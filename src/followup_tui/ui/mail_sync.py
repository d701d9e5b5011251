"""Syncing the mailbox while the app runs: `g` on the mailbox screen, and
every `imap.sync_minutes` when set. The reading runs in a worker thread (the
network never holds the screen); the findings are recorded on the UI thread
through mail_writes.py; screens hear of progress and results by a signal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec
from textual.signal import Signal

from ..domain.errors import FollowupError

if TYPE_CHECKING:
    from textual.app import App


class MailNews(msgspec.Struct, frozen=True):
    """What a sync says while it runs and when it ends."""

    kind: str  # "progress", "done" or "failed"
    text: str
    done: int = 0
    total: int = 0


class MailSync:
    SECONDS_PER_MINUTE = 60  # sync_minutes' unit (a test makes it short)

    def __init__(self, app: App, mailbox: Any) -> None:
        self.app = app
        self.mailbox = mailbox  # messaging.mailbox.Mailbox, from the factory
        self.news: Signal[MailNews] = Signal(app, "mail-news")
        self.running = False
        self.last: MailNews | None = None  # the last thing a sync said

    @property
    def configured(self) -> bool:
        return self.mailbox is not None and self.mailbox.configured

    def start_timer(self) -> None:
        """While the app is open, sync every imap.sync_minutes (0: only when asked)."""
        if self.configured and self.mailbox.settings.imap.sync_minutes > 0:
            every = self.mailbox.settings.imap.sync_minutes * self.SECONDS_PER_MINUTE
            self.app.set_interval(every, self.sync_now, name="mail-sync")

    def sync_now(self) -> None:
        if not self.configured or self.running:
            return
        self.running = True
        session = self.app.session
        applications = [entry.application for entry in session.all()]
        now = session.clock()
        self._tell(MailNews("progress", "connecting…"))
        self.app.run_worker(lambda: self._work(applications, now), thread=True, group="mail-sync",
                            exclusive=True, exit_on_error=False, name="mail-sync")

    def _work(self, applications: list, now) -> None:
        """In the worker thread: read, then record on the UI thread, then keep the state."""
        from .mail_writes import record_findings

        try:
            with self.mailbox.lock():
                read = self.mailbox.read(applications, now, progress=self._progress)
                recorded = self.app.call_from_thread(record_findings, self.app.session, read.findings)
                saved = recorded.wait(lambda: self.app.is_running)  # in the worker: the UI thread never waits
                if saved:
                    self.mailbox.keep(read)
        except FollowupError as exc:
            self.app.call_from_thread(self._end, MailNews("failed", str(exc)))
            return
        except Exception as exc:  # noqa: BLE001 - shown, never a crash of the app
            self.app.call_from_thread(self._end, MailNews("failed", f"the mail sync failed: {exc}"))
            return
        recorded, proposed = len(read.findings), sum(1 for p in read.proposals)
        text = (f"{recorded} recorded, {proposed} proposed" if saved
                else "not every finding could be saved: they are read again at the next sync")
        self.app.call_from_thread(self._end, MailNews("done", text))

    def _progress(self, folder: str, done: int, total: int) -> None:
        self.app.call_from_thread(self._tell, MailNews("progress", f"reading {folder}", done, total))

    def _tell(self, news: MailNews) -> None:
        self.last = news
        self.news.publish(news)

    def _end(self, news: MailNews) -> None:
        self.running = False
        self._tell(news)
        severity = "error" if news.kind == "failed" else "information"
        self.app.session.notify(f"Mailbox: {news.text}", title="Mail sync", severity=severity, timeout=6)
