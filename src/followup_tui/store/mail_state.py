"""What the mailbox sync keeps beside the data file (`<data>.mailbox.json`):
per folder its UIDVALIDITY and the last UID read, the time of the last sync,
the proposals waiting for a yes, the Message-IDs the person ignored, and the
latest findings recorded (for the mailbox screen). Never a password, never a
message's text (proposals keep headers and a short excerpt).

Written atomically (temp file, fsync, rename) after the data file: a crash
between the two re-reads those messages at the next sync, and the
Message-IDs in the history keep them from being recorded twice.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import StoreError
from .atomic_file import write_atomic

if TYPE_CHECKING:  # (imported where used: the TUI makes this object before its first paint)
    from ..domain.mail_state import MailState

SUFFIX = ".mailbox.json"


def mail_state_path(data_path: Path) -> Path:
    return data_path.with_name(data_path.name + SUFFIX)


class MailStateFile:
    def __init__(self, data_path: Path) -> None:
        self.path = mail_state_path(data_path)

    def load(self) -> MailState:
        """The kept state; a fresh one when there is none. StoreError naming
        the file when it cannot be read (it is never overwritten then)."""
        import json

        from ..domain.mail_state import VERSION, MailState

        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return MailState()
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot read the mailbox state: {exc.strerror or exc}") from exc
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or data.get("version") != VERSION:
                raise ValueError("not a mailbox state of this version")
            return MailState.from_dict(data)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise StoreError(f"{self.path}: the mailbox state is damaged ({exc}); move it away to sync afresh") from exc

    def save(self, state: MailState) -> None:
        import json

        try:
            write_atomic(self.path, json.dumps(state.to_dict(), ensure_ascii=False, indent=1))
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write the mailbox state: {exc.strerror or exc}") from exc

    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")
