"""The one place where the TUI writes what the mailbox found.

Every finding of a sync and every accepted proposal goes through the writer
(ui/data/writer.py: rev-checked, one undo step per application, one
`WriteDone` each); the rule of what is written is the domain's
(mail_record.py), the same as `followup mail`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..domain.mail_record import Proposal, accept_proposal, record_finding
from .data.messages import WriteDone
from .data.writer import Change, mutation

if TYPE_CHECKING:
    from ..domain.mail_match import Finding
    from .data.session import Session

KIND_WORDS = {"sent": "sent by mail", "bounce": "address bounced"}


class Recorded:
    """The saves of one sync's findings, waited for in the sync's worker
    thread (the UI thread never waits): the sync keeps its place in the
    mailbox only once every one was saved, so nothing is lost or doubled."""

    def __init__(self) -> None:
        self._left = 0
        self._all_saved = True
        self._ended = threading.Event()
        self._lock = threading.Lock()

    def expect(self) -> Callable[[WriteDone], None]:
        with self._lock:
            self._left += 1
        return self._one_done

    def _one_done(self, done: WriteDone) -> None:
        with self._lock:
            self._all_saved &= done.saved
            self._left -= 1
            if self._left == 0:
                self._ended.set()

    def close(self) -> None:
        """Every save is submitted: the wait ends once they have all ended."""
        with self._lock:
            if self._left == 0:
                self._ended.set()

    def wait(self, app_running: Callable[[], bool], timeout: float = 120.0) -> bool:
        """True once every finding was saved; False when one was not, or the
        app stopped first (its results are then never delivered: the next
        sync reads those messages again, deduplicated by Message-ID)."""
        deadline = time.monotonic() + timeout
        while not self._ended.wait(0.1):
            if not app_running() or time.monotonic() > deadline:
                return False
        return self._all_saved


def record_findings(session: Session, findings: list[Finding]) -> Recorded:
    """Record the sure findings of a sync, one undoable change per
    application (on the UI thread); wait on the result in the worker."""
    by_app: dict[int, list[Finding]] = {}
    for finding in findings:
        by_app.setdefault(finding.application_id, []).append(finding)
    settings, now = session.settings, session.clock()
    recorded = Recorded()
    for app_id, found in by_app.items():
        if session.get(app_id) is None:
            continue  # deleted meanwhile: its findings have nowhere to go
        kinds = ", ".join(dict.fromkeys(KIND_WORDS.get(f.kind, f.kind) for f in found))

        def change(app, found=found) -> None:
            for finding in found:
                record_finding(app, finding, settings, now)

        session.writer.submit(Change(app_id, mutation(change), None, f"mail: {kinds}"), on_done=recorded.expect())
    recorded.close()
    return recorded


def accept(session: Session, proposal: Proposal, own_addresses: tuple[str, ...],
           on_saved: Callable[[], None]) -> None:
    """Do what a proposal says, as one undoable change; `on_saved` once it is stored."""
    settings, now = session.settings, session.clock()
    app_id = proposal.finding.application_id
    if session.get(app_id) is None:
        session.notify("That application no longer exists: ignore the proposal (x).", severity="warning")
        return

    def change(app) -> None:
        accept_proposal(app, proposal, settings, now, own_addresses)

    def done(result: WriteDone) -> None:
        if result.saved:
            on_saved()

    session.writer.submit(Change(app_id, mutation(change), None, f"mail: {proposal.what}"), on_done=done)
