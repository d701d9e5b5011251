"""The composer: write the card's next message, check it live, then save,
copy, export, edit in $EDITOR, send by SMTP or mark it as sent."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Label, Static, TextArea
from textual.worker import Worker, WorkerState

from ...domain.checks import CheckResult, run_checks
from ...domain.checks.text import read_body
from ...domain.due_words import due_in_words
from ...domain.errors import FollowupError
from ...domain.model import Application, Draft
from ...domain.timeparse import local_text
from ...domain.message_plan import KIND_TITLES, MessagePlan, draft_context, fill, plan_message
from ...domain.templates import NO_NAME_HINT, signing_name
from ...messaging.editor import EditorError
from ...messaging.outbox import ExportError
from ..text.safe_text import printable, printable_multiline
from ..data.session import DataChanged
from ..keys.held_keys import OpeningScreen
from .base import DataScreen
from ..widgets.check_panel import CheckPanel
from ..widgets.checked_text_area import CheckedTextArea
from ..widgets.footer_line import FooterLine
from ..widgets.plain_text import PlainInput
from ..widgets.app_header import AppHeader
from .dialogs import ChoiceDialog, ConfirmDialog, TextDialog
from .message_text import MessageTextDialog

CHECK_DELAY = 0.15  # seconds of quiet typing before the checks run again
COMPACT_WIDTH = 100  # below this the checks go under the body
COMPACT_HEIGHT = 30  # below this the reason line is hidden
# Everything but help waits while a message is being sent.
BUSY_ACTIONS = {"forgot", "save_draft", "copy", "export", "edit_in_editor", "send", "mark_sent", "pick_kind", "close"}


@dataclass(frozen=True)
class Fields:
    to: str
    subject: str
    body: str


class ComposerScreen(OpeningScreen, DataScreen):
    CSS_PATH = "composer.tcss"

    BINDINGS = [
        # Most important first: where the footer is narrow the last keys give
        # way (widgets/footer_line.py), never Help, which lists them all.
        # Close, Switch kind and One more thing stay out of the footer; f1 and
        # ctrl+p list them.
        Binding("escape", "close", "Close", show=False, tooltip="Close the composer (asks about unsaved changes)"),
        Binding("ctrl+n", "mark_sent", "Mark sent", tooltip="Record the message as sent and move the card on"),
        Binding("ctrl+g", "send", "Send", tooltip="Send the message by SMTP (settings [smtp])"),
        Binding("ctrl+s", "save_draft", "Save", tooltip="Save the draft with the application"),
        Binding("ctrl+t", "copy", "Copy", tooltip="Copy the body to the clipboard and show the message"),
        Binding("ctrl+o", "edit_in_editor", "Editor", tooltip="Edit the body in $EDITOR"),
        Binding("ctrl+f", "export", "Export .eml", tooltip="Write the message as an .eml file for any mail client"),
        Binding("ctrl+r", "pick_kind", "Switch kind", show=False, tooltip="Write a thank-you note or a follow-up instead"),
        Binding("f2", "forgot", "One more thing", show=False, tooltip="Add something you forgot to say in the interview"),
        Binding("ctrl+a", "select_body", "Select all", show=False, tooltip="Select the whole body (home: the line start)"),
        Binding("f1", "help", "Help"),
    ]

    sending: reactive[bool] = reactive(False, bindings=True)
    unsaved_name = "the message you are writing"
    AUTO_FOCUS = "#body"  # keys typed while the composer opens go to the body

    def __init__(self, application: Application, kind: str | None = None, round_at: datetime | None = None) -> None:
        super().__init__()
        self.application = application
        self.app_id = application.id or 0
        self.requested_kind = kind
        self.requested_round = round_at  # for a thank-you: which round (an agenda row)
        self.plan: MessagePlan | None = None
        self.results: list[CheckResult] = []
        self.clean: Fields = Fields("", "", "")  # as last loaded or saved
        self._check_timer: Timer | None = None
        self._sending: Fields | None = None  # what is being sent, recorded once it is
        self._progress = ""  # shown in the verdict line while sending

    # -- layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield Static(id="composer-title")
        yield Static(id="composer-note")
        with Horizontal(classes="composer-field"):
            yield Label("To", classes="composer-label")
            yield PlainInput(id="to", compact=True, placeholder="their business email")
        with Horizontal(classes="composer-field"):
            yield Label("Subject", classes="composer-label")
            yield PlainInput(id="subject", compact=True, placeholder="3-4 words get the most replies")
        with Container(id="composer-main"):
            yield CheckedTextArea(id="body", soft_wrap=True, tab_behavior="focus")
            yield CheckPanel(id="checks")
        yield Static(id="composer-verdict")
        yield FooterLine()  # the keys that matter most where the line is short

    def on_mount(self) -> None:
        plan = plan_message(
            self.application, self.app.clock(), self.app.settings, self.requested_kind, self.requested_round
        )
        if plan.refusal:  # the app refuses before opening; this is the last guard
            self.tell(plan.refusal, title="Not writing this one", severity="warning", timeout=10)
            self.dismiss(None)
            return
        self.load_plan(plan, check=False)
        self.query_one("#body", CheckedTextArea).focus()
        # The checks run right after the first paint: the message shows first.
        self.call_after_refresh(self.run_checks_now)

    def on_resize(self) -> None:
        self.set_class(self.size.width < COMPACT_WIDTH, "-narrow")
        self.set_class(self.size.height < COMPACT_HEIGHT, "-short")

    # -- content -----------------------------------------------------------------

    @property
    def fields(self) -> Fields:
        return Fields(
            to=self.query_one("#to", Input).value.strip(),
            subject=self.query_one("#subject", Input).value.strip(),
            body=self.query_one("#body", CheckedTextArea).text,
        )

    @property
    def dirty(self) -> bool:
        return self.fields != self.clean

    @property
    def kind(self) -> str:
        assert self.plan is not None
        return self.plan.kind

    def load_plan(self, plan: MessagePlan, check: bool = True) -> None:
        """Fill the fields from the saved draft of this kind, else the template."""
        self.plan = plan
        self.refresh_bindings()  # f2 applies to thank-you notes only
        draft = self.application.drafts.get(plan.kind)
        if draft is not None:
            content = Fields(draft.to, draft.subject, draft.body)
        else:
            filled = self.template()
            content = Fields(filled.to, filled.subject, filled.body)
        self.query_one("#to", PlainInput).set_text(content.to)
        self.query_one("#subject", PlainInput).set_text(content.subject)
        self.query_one("#body", CheckedTextArea).load_text(content.body)
        self.clean = self.fields  # as the editors hold it (control characters made visible)
        self.show_heading(draft)
        if check:
            self.run_checks_now()

    def template(self, forgot: str = ""):
        """The plan's template: its round, its addressee, this application."""
        assert self.plan is not None
        return fill(self.plan, self.application, self.app.settings, self.app.clock(), forgot)

    def show_heading(self, draft: Draft | None) -> None:
        assert self.plan is not None
        app, a = self.app, self.application
        now, tz = app.clock(), app.settings.tz
        parts: list[str | tuple[str, str]] = []
        if self.plan.nothing_due:  # first, so that it shows at every size: the card and the agenda say the same
            parts += [(printable(self.plan.note.rstrip(".")), "bold $text-warning"), " · anyway: "]
        parts.append((printable(f"{self.plan.title} · {a.company}"), "bold"))
        if a.role:
            parts.append(printable(f" · {a.role}"))
        action = self.plan.action  # the same round as the template and the timing check
        if action is not None:
            style = {"overdue": "bold $text-error", "due-today": "bold $text-warning"}.get(action.urgency, "")
            parts.append((f" · {due_in_words(action.due, now, tz)}", style))
        self.query_one("#composer-title", Static).update(Content.assemble(*parts))
        note = self.plan.note
        if self.plan.kind == "thank-you":
            note = f"{note} (f2 adds something you forgot to mention)".strip()
        if not signing_name(app.settings):
            note = f"{note} {NO_NAME_HINT}".strip()
        if draft is not None:
            when = f" of {local_text(draft.updated, tz)}" if draft.updated else ""
            note = f"Your saved draft{when}. {note}"
        self.query_one("#composer-note", Static).update(Content.styled(printable(note), "italic"))

    # -- checks, coalesced ---------------------------------------------------------

    @on(Input.Changed, "#to, #subject")
    @on(TextArea.Changed, "#body")
    def _edited(self) -> None:
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, self.run_checks_now)

    @property
    def checks_pending(self) -> bool:
        """An edit whose checks have not run yet (they wait for a pause in typing)."""
        return self._check_timer is not None

    def run_checks_now(self) -> list[CheckResult]:
        """Check the fields as they are now and redraw the panel, underlines and verdict."""
        if self._check_timer is not None:
            self._check_timer.stop()
            self._check_timer = None
        if self.plan is None:
            return []
        f = self.fields
        context = draft_context(self.plan, self.application, self.app.clock(), self.app.settings)
        self.results = run_checks(f.subject, f.body, f.to, context)
        self.query_one(CheckPanel).show(self.results)
        spans = [(s, e, r.status) for r in self.results if r.status != "pass" for s, e in r.spans]
        self.query_one("#body", CheckedTextArea).set_spans(spans, len(f.body))
        self.show_verdict(f)
        return self.results

    @property
    def failing(self) -> list[str]:
        return [r.id for r in self.results if r.status == "fail"]

    def show_verdict(self, f: Fields | None = None, busy: str = "") -> None:
        f = f or self.fields
        words = read_body(f.body).word_count
        parts: list[str | tuple[str, str]] = [f"{words} word{'' if words == 1 else 's'} · "]
        warnings = [r.id for r in self.results if r.status == "warn"]
        busy = busy or self._progress
        glyphs = self.app.glyphs
        if busy:
            parts.append((printable(busy), "bold"))
        elif self.failing:
            parts += [(f"{glyphs.failed} needs attention: ", "bold $text-error"), ", ".join(self.failing)]
        elif warnings:
            parts += [(f"{glyphs.passed} ready", "bold $text-success"), f" (worth a look: {', '.join(warnings)})"]
        else:
            parts.append((f"{glyphs.passed} ready to send", "bold $text-success"))
        if f != self.clean:
            parts.append((" · unsaved", "italic"))
        self.query_one("#composer-verdict", Static).update(Content.assemble(*parts))

    def tell(self, message: str, **options) -> None:
        """A notification that shows paths, names and server replies literally."""
        self.notify(printable_multiline(message), markup=False, **options)

    # -- guards ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.sending and action in BUSY_ACTIONS:
            return None
        if action == "forgot" and (self.plan is None or self.plan.kind != "thank-you"):
            return None
        return True

    def confirm_if_failing(self, verb: str, then: Callable[[], None]) -> None:
        """Run `then`, after an explicit yes when a check fails."""
        self.run_checks_now()
        if not self.failing:
            then()
            return
        count = len(self.failing)
        question = (
            f"{count} check{'s' if count > 1 else ''} failed: {', '.join(self.failing)}. "
            f"{verb} anyway?"
        )
        self.app.push_screen(ConfirmDialog(question, yes_label=verb), lambda yes: then() if yes else None)

    # -- actions: save, copy, export, editor ---------------------------------------

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

    # -- actions: send and mark as sent ------------------------------------------------

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

    def action_select_body(self) -> None:
        """ctrl+a outside the body (the body's own ctrl+a selects all too)."""
        area = self.query_one("#body", CheckedTextArea)
        area.focus()
        area.select_all()

    def action_forgot(self) -> None:
        self.app.push_screen(
            TextDialog("Something you forgot to mention in the interview?", placeholder="e.g. I led the migration to Kubernetes"),
            lambda answer: self.add_forgotten(answer) if answer else None,
        )

    def add_forgotten(self, forgot: str) -> None:
        """The template's "one more thing" paragraph: the whole template again
        when the body is untouched, else the paragraph at the cursor."""
        area = self.query_one("#body", CheckedTextArea)
        plain, with_it = self.template().body, self.template(forgot).body
        if area.text == plain:
            area.replace(with_it, area.document.start, area.document.end)
        else:
            added = [p for p in with_it.split("\n\n") if p not in plain.split("\n\n")]
            area.replace("\n\n".join(added) + "\n\n", area.cursor_location, area.cursor_location)
        self.run_checks_now()

    # -- actions: kind, leaving, help --------------------------------------------------

    def action_pick_kind(self) -> None:
        choices = [(kind, title) for kind, title in KIND_TITLES.items()]
        self.app.push_screen(ChoiceDialog("Write which message?", choices), self._kind_picked)

    def _kind_picked(self, kind: str | None) -> None:
        if kind is None:
            return
        plan = plan_message(self.application, self.app.clock(), self.app.settings, kind)
        if plan.refusal:
            self.tell(plan.refusal, title="Not writing this one", severity="warning", timeout=10)
            return
        if not self.dirty:
            self.load_plan(plan)
            return
        self.app.push_screen(
            ConfirmDialog(f"Switch to {plan.title.lower()}? Your unsaved changes here will be lost.", yes_label="Switch"),
            lambda yes: self.load_plan(plan) if yes else None,
        )

    def action_close(self) -> None:
        if not self.dirty:
            self.dismiss(None)
            return

        def chosen(choice: str | None) -> None:
            if choice == "save":
                self.action_save_draft()
                if not self.dirty:
                    self.dismiss(None)
            elif choice == "discard":
                self.dismiss(None)

        choices = [("save", "Save the draft and close"), ("discard", "Discard the changes"), ("stay", "Keep writing")]
        self.app.push_screen(ChoiceDialog("This message has unsaved changes.", choices), chosen)

    def action_help(self) -> None:
        self.app.open_help()

    @on(DataChanged)
    def data_changed(self, event: DataChanged) -> None:
        """Another action saved the application: keep the context fresh (the
        text stays as typed)."""
        if not event.touches(self.app_id):
            return
        fresh = self.app.session.get(self.app_id)
        if fresh is not None:
            self.application = fresh.copy()
