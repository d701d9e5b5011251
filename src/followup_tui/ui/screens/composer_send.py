"""The composer's keys that finish a message: send it by SMTP (in a
worker, whose outcome shows here) or mark it as sent; either records it
and closes the composer."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.worker import Worker, WorkerState

from ...domain.errors import FollowupError
from ...domain.model import Application
from .dialogs import ConfirmDialog

if TYPE_CHECKING:
    from .composer import Fields


class SendActions:
    """Mixed into ComposerScreen: uses its `fields`, `plan`, `sending`,
    `failing`, `confirm_if_failing`, `build_email`, `show_verdict` and `tell`."""

    def action_mark_sent(self) -> None:
        self.confirm_if_failing("Mark as sent", self.mark_sent)

    def mark_sent(self, f: Fields | None = None, how: str = "marked as sent", message_id: str = "") -> bool:
        f = f or self.fields
        kind, now = self.kind, self.app.clock()

        def record(a: Application) -> None:
            a.record_sent(kind, now, recipient=f.to, subject=f.subject, body=f.body, message_id=message_id)

        self.app.session.change(self.app_id, record, f"{self.plan.title.lower()} {how}")
        saved = self.app.session.get(self.app_id)  # as shown: the writer saves it (WriteDone says how it ended)
        if saved is None:
            return False
        self.application = saved
        self.clean = f
        self.dismiss(None)
        return True

    def action_send(self) -> None:
        outbox = self.app.outbox
        smtp = outbox.smtp
        if not outbox.can_send:
            self.tell(
                "Sending by email is not set up: the settings (S on the board) have the SMTP fields. "
                "Save this draft first (ctrl+s) to find it here when you come back.",
                title="Sending is not set up",
                severity="warning",
                timeout=20,
            )
            return
        self.run_checks_now()
        f = self.fields
        question = f"Send this {self.plan.title.lower()} to {f.to} through {smtp.host}:{smtp.port} now?"
        if self.failing:
            count = len(self.failing)
            question = f"{count} check{'s' if count > 1 else ''} failed: {', '.join(self.failing)}. " + question
        self.app.push_screen(ConfirmDialog(question, yes_label="Send"), lambda yes: self.start_send(f) if yes else None)

    def start_send(self, f: Fields) -> None:
        smtp = self.app.outbox.smtp
        try:
            message = self.build_email(f, draft=False)
        except (ValueError, TypeError) as exc:  # a header the email package refuses
            self.tell(f"Cannot build the message: {exc}", title="Not sent", severity="error")
            return
        self._sending = f
        self._sent_id = str(message["Message-ID"] or "")  # recorded: a reply to it is sure (mailbox)
        self.sending = True
        self._progress = f"{self.app.glyphs.busy} sending to {f.to} through {smtp.host}:{smtp.port}"
        self.show_verdict(f)
        self.run_worker(
            partial(self.app.outbox.send, message),
            name="send",
            group="send",
            thread=True,
            exclusive=True,
            exit_on_error=False,  # on_worker_state_changed reports it
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place where the send worker's outcome becomes visible."""
        if event.worker.name != "send":
            return
        event.prevent_default()  # reported here, not again by DataScreen
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        f, self._sending = self._sending, None
        self.sending = False
        self._progress = ""
        if event.state == WorkerState.ERROR or f is None:
            error = event.worker.error
            text = str(error) if isinstance(error, FollowupError) else f"{type(error).__name__}: {error}"
            self.tell(text, title="Not sent", severity="error", timeout=12)
            self.show_verdict(busy=f"not sent: {text}")
            return
        if self.app.outbox.copy_problem:
            self.tell(self.app.outbox.copy_problem, title="Sent, not copied to Sent", severity="warning", timeout=10)
        if not self.mark_sent(f, how=f"sent to {f.to}", message_id=getattr(self, "_sent_id", "")):
            self.tell(
                "The message was sent but not recorded: press ctrl+n to mark it as sent.",
                severity="error",
                timeout=15,
            )
            self.show_verdict(f, busy="sent, not recorded")
