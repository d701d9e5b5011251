"""The mailbox as the CLI and the TUI use it: read what is new, match it
(the domain's one rule set), and keep the sync's state beside the data file.

`Mailbox.read` only reads (the network, then matching): it returns a
`SyncRead` holding the sure findings to record, the new proposals and the
state to keep. The caller records the findings through its own write path
(the CLI: one all-or-none write through the repository; the TUI: its session)
and then calls `keep`, so a sync interrupted anywhere records nothing half
way: the next one reads the same messages again, and the Message-IDs in the
history keep anything already recorded from being recorded twice.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from ..domain.errors import FollowupError
from ..domain.settings import Settings

# The app builds a Mailbox at start; the rules, the parser, the IMAP client
# and the sync's state load with the first sync, not before the board's first paint.
if TYPE_CHECKING:
    from ..domain.mail_state import MailState
    from ..domain.mail_match import Finding, Matcher
    from ..domain.mail_message import MailMessage
    from ..domain.mail_record import Proposal
    from ..domain.model import Application

Progress = Callable[[str, int, int], None]  # folder, done, total


def configure_hint(config_file: str = "config.toml") -> str:
    return (
        f"Reading the mailbox is not set up. Add to {config_file}:\n"
        '[imap]\nhost = "imap.example.com"\nuser = "you@example.com"\n'
        'password_command = "pass show mail"  # or export FOLLOWUP_IMAP_PASSWORD'
    )


class SyncRead(NamedTuple):
    """What one sync found, not yet recorded."""

    findings: list[Finding]  # sure: to record now
    proposals: list[Proposal]  # new ones, waiting for a yes
    state: MailState  # to keep once the findings are recorded

    def json(self) -> list[dict]:
        if not self.findings and not self.proposals:
            return []
        from ..domain.mail_record import finding_json

        recorded = [finding_json(f, "recorded") for f in self.findings]
        return recorded + [finding_json(p.finding, "proposed") for p in self.proposals if not p.finding.sure]

    @property
    def by_application(self) -> dict[int, list[Finding]]:
        grouped: dict[int, list[Finding]] = {}
        for finding in self.findings:
            grouped.setdefault(finding.application_id, []).append(finding)
        return grouped


class _Lazy:
    """The applications, their index and how far back to read, made when
    first needed."""

    def __init__(self, applications, now: datetime) -> None:
        self._source = applications
        self._now = now
        self._applications: list[Application] | None = None
        self._matcher: Matcher | None = None

    def applications(self) -> list[Application]:
        if self._applications is None:
            source = self._source() if callable(self._source) else self._source
            self._applications = list(source)
        return self._applications

    def matcher(self) -> Matcher:
        if self._matcher is None:
            from ..domain.mail_match import Matcher

            self._matcher = Matcher(self.applications())
        return self._matcher

    def since(self) -> date:
        """A first read reaches back to the earliest open application (a day's
        margin for time zones); with none open, today."""
        from ..domain.mail_match import earliest_open_date

        start = earliest_open_date(self.applications())
        return (start - timedelta(days=1)) if start is not None else self._now.date()


class StateFile(Protocol):
    """Where the sync's state is kept (store/mail_state.py: beside the data file)."""

    def load(self) -> MailState: ...

    def save(self, state: MailState) -> None: ...

    def lock_path(self) -> Path: ...


class Mailbox:
    """The mailbox of `settings.imap`, with the sync's state kept in `state_file`.
    (Made by the factory before the first paint: a plain class, where a
    dataclass costs ~1 ms to make; so is SyncRead a NamedTuple.)"""

    def __init__(self, settings: Settings, state_file: StateFile, config_file: Path | None = None,
                 environ: Mapping[str, str] | None = None) -> None:
        self.settings = settings
        self.state_file = state_file
        self.config_file = config_file
        self.environ = environ

    @property
    def configured(self) -> bool:
        return self.settings.imap.configured

    def hint(self) -> str:
        return configure_hint(str(self.config_file or "config.toml"))

    @property
    def account(self) -> str:
        imap = self.settings.imap
        return f"{imap.user}@{imap.host}:{imap.port}"

    @property
    def own_addresses(self) -> tuple[str, ...]:
        found = [self.settings.smtp.from_address, self.settings.imap.user]
        return tuple(a.strip().lower() for a in found if "@" in a)

    # -- state -----------------------------------------------------------------------

    def state(self) -> MailState:
        state = self.state_file.load()
        if state.account != self.account:  # another account: its marks mean nothing here
            state.account, state.folders = self.account, {}
        return state

    def proposals(self) -> list[Proposal]:
        from ..domain.mail_record import proposal_from_dict

        return [proposal_from_dict(data) for data in self.state().proposals]

    @contextmanager
    def lock(self) -> Iterator[None]:
        """One sync or review at a time (the TUI's timer and a cron job).
        An OS lock (flock) on the state's lock file, not taken but tried:
        fcntl rather than filelock, whose import costs a sync with nothing
        new ~20 ms of its 0.5 s (issue 20); filelock where there is no fcntl."""
        try:
            import fcntl
        except ImportError:  # not a POSIX system
            yield from self._filelock()
            return
        path = self.state_file.lock_path()
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise self._busy() from None
            yield
        finally:
            os.close(fd)  # closing the file releases the lock

    def _filelock(self) -> Iterator[None]:
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.state_file.lock_path()), timeout=0)
        try:
            lock.acquire()
        except Timeout:
            raise self._busy() from None
        try:
            yield
        finally:
            lock.release()

    @staticmethod
    def _busy() -> Exception:
        from .imap_read import MailError

        return MailError("another mail sync is running; try again when it is done")

    # -- reading ---------------------------------------------------------------------

    def read(
        self,
        applications: Iterable[Application] | Callable[[], Iterable[Application]],
        now: datetime,
        progress: Progress | None = None,
    ) -> SyncRead:
        """Read what is new in the inbox and the sent folder and match it.
        `applications`: a list, or a function giving it (called only when
        there is mail to match or a folder to read afresh: a sync with nothing
        new never loads the data). Raises MailError (nothing found is kept then)."""
        from ..domain.mail_message import INBOX, SENT
        from ..domain.mail_state import FolderMark
        from ..domain.timeparse import format_instant
        from .imap_read import MailboxReader, MailError

        if not self.configured:
            raise MailError(self.hint().splitlines()[0])
        state = self.state()
        lazy = _Lazy(applications, now)
        messages: list[MailMessage] = []
        imap = self.settings.imap
        with MailboxReader(imap, self.environ) as reader:
            folders = [(imap.inbox, INBOX)]
            sent = reader.sent_folder()
            if sent and sent != imap.inbox:
                folders.append((sent, SENT))
            for name, kind in folders:
                mark = state.folders.get(name)
                read = reader.read_folder(
                    name, kind, (mark.uidvalidity, mark.last_uid) if mark else None, lazy.since,
                    lambda message: lazy.matcher().could_match(message),
                    (lambda done, total, name=name: progress(name, done, total)) if progress else None,
                )
                state.folders[name] = FolderMark(read.uidvalidity, read.last_uid)
                messages += read.messages
        state.last_sync = format_instant(now)
        if not messages:
            return SyncRead([], [], state)  # nothing new: what a finding does need not even load
        from ..domain.mail_record import finding_json, proposal_to_dict

        matcher = lazy.matcher()
        known = set(matcher.thread) | set(state.ignored) | {p.get("message_id", "") for p in state.proposals}
        findings, proposals = self._match(matcher, messages, known)
        state.proposals += [proposal_to_dict(p) for p in proposals]
        state.recorded += [finding_json(f, "recorded") for f in findings]
        return SyncRead(findings, proposals, state)

    @staticmethod
    def _match(matcher: Matcher, messages: list[MailMessage], known: set[str]) -> tuple[list[Finding], list[Proposal]]:
        from ..domain.mail_record import proposals_for

        findings: list[Finding] = []
        proposals: list[Proposal] = []
        # oldest first: a note you sent is known before the reply to it is matched
        for message in sorted(messages, key=lambda m: (m.date is None, m.date or datetime.min)):
            if message.message_id in known:
                continue
            finding = matcher.match(message)
            if finding is None:
                continue
            known.add(message.message_id)
            if finding.sure:
                findings.append(finding)
                matcher.thread[message.message_id] = finding.application_id
            proposal = proposals_for(finding)
            if proposal is not None:
                proposals.append(proposal)
        return findings, proposals

    def keep(self, read: SyncRead) -> None:
        """Keep the state of a sync whose findings are recorded."""
        self.state_file.save(read.state)

    # -- settling proposals ------------------------------------------------------------

    def settle(self, numbers: Iterable[int], accepted: bool) -> list[Proposal]:
        """Take proposals (numbered from 1, as `review` lists them) out of the
        state; ignored ones are remembered so no sync proposes them again.
        Call after the accepted ones are recorded. Raises MailError for a
        number not in the list."""
        from ..domain.mail_record import proposal_from_dict

        state = self.state()
        chosen = self.chosen(numbers, state)
        settled = [proposal_from_dict(state.proposals[n - 1]) for n in chosen]
        self.settle_messages([p.finding.message.message_id for p in settled], accepted)
        return settled

    def settle_messages(self, message_ids: Iterable[str], accepted: bool) -> None:
        """Settle proposals by their message (the TUI's way: a sync that ran
        meanwhile may have renumbered the list, never the messages)."""
        ids = set(message_ids)
        state = self.state()
        state.proposals = [p for p in state.proposals if p.get("message_id") not in ids]
        if not accepted:
            state.ignored += sorted(ids - set(state.ignored))
        self.state_file.save(state)

    def chosen(self, numbers: Iterable[int], state: MailState | None = None) -> list[int]:
        state = state or self.state()
        wanted = sorted(set(numbers))
        bad = [n for n in wanted if not 1 <= n <= len(state.proposals)]
        if bad:
            count = len(state.proposals)
            raise FollowupError(f"no proposal {bad[0]}: there {'is' if count == 1 else 'are'} {count} (see followup mail review)")
        return wanted
