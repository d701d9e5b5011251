"""Getting a message out: an .eml file, SMTP, or the user's $EDITOR.

One object, built by the factory with the settings and folders it needs, so
that the UI imports neither `paths` nor `config` and its hints name the
config file actually in use (`--config` included).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.settings import Settings, SmtpSettings

if TYPE_CHECKING:
    from email.message import EmailMessage

    from .eml import ExportError

__all__ = ["ExportError", "Outbox"]

# The app builds an Outbox at start; what it uses (the email package, smtplib,
# the editor) is imported when a message first goes out, not before the board.


def __getattr__(name: str):
    if name == "ExportError":
        from .eml import ExportError

        return ExportError
    raise AttributeError(name)


class Outbox:
    """(A plain class: the factory makes it before the first paint, where a
    dataclass costs ~1 ms to make.)"""

    def __init__(self, settings: Settings, exports_dir: Path, config_file: Path) -> None:
        self.settings = settings
        self.exports_dir = exports_dir  # beside the data file
        self.config_file = config_file  # where [smtp] is set: named in the "not set up" hint

    @property
    def smtp(self) -> SmtpSettings:
        return self.settings.smtp

    @property
    def can_send(self) -> bool:
        return self.smtp.configured

    def send_hint(self) -> str:
        from .smtp_send import configure_hint

        return configure_hint(str(self.config_file))

    def build(self, to: str, subject: str, body: str, now: datetime, *, draft: bool) -> EmailMessage:
        """Raises ValueError / TypeError for a header the email package refuses."""
        from .eml import build_message

        return build_message(
            to=to,
            subject=subject,
            body=body,
            now=now,
            from_address=self.smtp.from_address,
            from_name=self.settings.user_name,
            draft=draft,
        )

    # -- .eml ------------------------------------------------------------------

    def default_export_path(self, company: str, kind: str, now: datetime) -> Path:
        from .eml import default_eml_name, unused_path

        return unused_path(self.exports_dir / default_eml_name(company, kind, now))

    def export_target(self, answer: str, default: Path) -> Path:
        """Where an answer to "export to:" points; creates our own exports
        folder (0700); raises ExportError for a missing folder elsewhere."""
        from .eml import ExportError, private_dir

        path = Path(answer).expanduser()
        if path.is_dir():
            path = path / default.name
        if path.parent == default.parent:
            private_dir(path.parent)
        elif not path.parent.is_dir():
            raise ExportError(f"No such folder: {path.parent}")
        return path

    def export(self, message: EmailMessage, path: Path, *, replace: bool = False) -> Path:
        from .eml import write_eml

        return write_eml(message, path, replace=replace)

    # -- SMTP (blocking: run it in a worker) -------------------------------------

    copy_problem = ""  # why the last message sent could not be copied to the sent folder

    def send(self, message: EmailMessage, environ: Mapping[str, str] | None = None) -> list[str]:
        """Send by SMTP; with imap.save_sent, then put a copy in the sent
        folder (the mailbox's one write, only when asked). A copy that fails
        leaves the message sent: `copy_problem` says why."""
        from .smtp_send import send_message

        accepted = send_message(message, self.smtp, environ)
        self.copy_problem = ""
        if self.settings.imap.save_sent and self.settings.imap.configured:
            from .imap_append import copy_to_sent

            try:
                copy_to_sent(message, self.settings.imap, environ)
            except Exception as exc:  # noqa: BLE001 - sent is sent: the copy is a courtesy
                self.copy_problem = f"sent, but not copied to the sent folder: {exc}"
        return accepted

    # -- $EDITOR (blocking: the caller hands the terminal over) ----------------------

    def editor(self) -> list[str]:
        """Raises EditorError when there is none."""
        from .editor import editor_command

        return editor_command()

    def edit(self, text: str, command: list[str]) -> str:
        from .editor import edit_text

        return edit_text(text, command)
