"""The composer's keys for the message as written: save it as the
application's draft, copy it, export it as an .eml file, edit its body in
$EDITOR."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported

from ...domain.model import Application, Draft
from ...messaging.editor import EditorError
from ...messaging.outbox import ExportError
from ..widgets.checked_text_area import CheckedTextArea
from .dialogs import ConfirmDialog, TextDialog
from .message_text import MessageTextDialog

if TYPE_CHECKING:
    from .composer import Fields


class DraftActions:
    """Mixed into ComposerScreen: uses its `fields`, `kind`, `clean`,
    `show_verdict`, `run_checks_now` and `tell`."""

    def action_save_draft(self) -> None:
        f, kind, now = self.fields, self.kind, self.app.clock()

        def store(a: Application) -> None:
            a.drafts[kind] = Draft(kind=kind, to=f.to, subject=f.subject, body=f.body, updated=now)

        self.app.session.change(self.app_id, store, "draft saved")
        saved = self.app.session.get(self.app_id)  # as shown: the writer saves it (WriteDone says how it ended)
        if saved is not None:
            self.application = saved
            self.clean = f
            self.show_verdict(f)

    def keep_as_draft(self) -> None:
        """The terminal went away with this message unsaved: saved as the draft."""
        self.action_save_draft()

    def action_copy(self) -> None:
        f = self.fields
        self.app.copy_to_clipboard(f.body)
        self.tell("The body is on the clipboard (OSC 52).", timeout=4)
        note = (
            "The body was sent to your clipboard. If your terminal does not pass OSC 52 copies, "
            "select the text below (often shift + mouse drag)."
        )
        self.app.push_screen(MessageTextDialog(f.to, f.subject, f.body, note))

    def default_export_path(self) -> Path:
        return self.app.outbox.default_export_path(self.application.company, self.kind, self.app.clock())

    def action_export(self) -> None:
        if self.app.is_web:  # a browser tab: the file goes to the browser, not the server's disk
            from ..actions.downloads import deliver_eml

            deliver_eml(self.app, self.build_email(self.fields, draft=True), self.default_export_path().name, self.app.exports_folder)
            return
        default = self.default_export_path()
        self.app.push_screen(
            TextDialog("Export as .eml (RFC 5322) to:", value=str(default)),
            lambda answer: self.export_to(answer, default) if answer else None,
        )

    def export_to(self, answer: str, default: Path) -> None:
        try:
            path = self.app.outbox.export_target(answer, default)
        except (ExportError, OSError) as exc:
            self.tell(str(exc), title="Not exported", severity="error")
            return
        if path.exists():
            self.app.push_screen(
                ConfirmDialog(f"{path} exists. Replace it?", yes_label="Replace"),
                lambda yes: self.write_export(path, replace=True) if yes else None,
            )
            return
        self.write_export(path)

    def write_export(self, path: Path, replace: bool = False) -> None:
        try:
            written = self.app.outbox.export(self.build_email(self.fields, draft=True), path, replace=replace)
        except ExportError as exc:
            self.tell(str(exc), title="Not exported", severity="error", timeout=8)
            return
        self.tell(f"Exported to {written}", title="Exported", timeout=6)

    def build_email(self, f: Fields, draft: bool):
        return self.app.outbox.build(f.to, f.subject, f.body, self.app.clock(), draft=draft)

    def action_edit_in_editor(self) -> None:
        area = self.query_one("#body", CheckedTextArea)
        before = area.text
        try:
            command = self.app.outbox.editor()
            with self._terminal_handed_over():
                edited = self.app.outbox.edit(before, command)
        except SuspendNotSupported:
            self.tell("This terminal cannot hand over to an editor.", severity="warning")
            return
        except EditorError as exc:
            self.tell(str(exc), title="Editor", severity="error", timeout=8)
            return
        if edited != before:
            area.replace(edited, area.document.start, area.document.end)  # one undo step
            self.run_checks_now()
            self.tell("Body updated from the editor.", timeout=3)

    @contextmanager
    def _terminal_handed_over(self) -> Iterator[None]:
        """Suspend the app around the editor; in headless runs (tests) there
        is no terminal to hand over, so the editor just runs."""
        try:
            with self.app.suspend():
                yield
        except SuspendNotSupported:
            if not self.app.is_headless:
                raise
            yield
