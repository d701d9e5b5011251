"""The composer: write the card's next message, check it live, then save,
copy, export, edit in $EDITOR, send by SMTP or mark it as sent. Here: the
layout, the message's content and its checks; saving, copying, exporting
and the editor are in composer_draft_actions.py, sending and marking as
sent in composer_send.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Input, Label, Static, TextArea

from ...domain.checks import CheckResult, run_checks
from ...domain.checks.text import read_body
from ...domain.due_words import due_in_words
from ...domain.model import Application, Draft
from ...domain.timeparse import local_text
from ...domain.message_plan import KIND_TITLES, MessagePlan, draft_context, fill, plan_message
from ...domain.templates import NO_NAME_HINT, signing_name
from ..text.safe_text import printable, printable_multiline
from ..data.session import DataChanged
from ..keys.held_keys import OpeningScreen
from .base import DataScreen
from ..widgets.check_panel import CheckPanel
from ..widgets.checked_text_area import CheckedTextArea
from ..widgets.footer_line import FooterLine
from ..widgets.plain_text import PlainInput
from ..widgets.app_header import AppHeader
from .composer_draft_actions import DraftActions
from .composer_send import SendActions
from .dialogs import ChoiceDialog, ConfirmDialog, TextDialog

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


class ComposerScreen(DraftActions, SendActions, OpeningScreen, DataScreen):
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
