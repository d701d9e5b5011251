"""One application: next action with its reason, contacts, interviews, history."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from .base import DataScreen
from ...domain.cadence import action_label, waiting_for
from ...domain.history import dated_before
from ...domain.message_plan import step_line
from ...domain.due_words import due_in_words
from ...domain.model import STAGE_TITLES, Application
from ...domain.timeparse import local_text, parse_when
from ..text.safe_text import printable, printable_multiline
from ..data.session import DataChanged
from ..widgets.footer_line import FooterLine
from ..widgets.app_header import AppHeader
from .dialogs import ChoiceDialog, ConfirmDialog, TextDialog


def _section(title: str) -> Text:
    return Text(f"\n{title}", style="bold underline")


# The event fields corrected as free text: the question asked, the undo label.
TEXT_CORRECTIONS = {
    "text": ("What does it say?", "corrected a history event"),
    "recipient": ("To whom did it go?", "corrected to whom a message went"),
}


class DetailScreen(DataScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("e", "edit", "Edit"),
        Binding("c", "compose", "Compose"),
        Binding("r", "respond", "Response"),
        Binding("o", "note", "Note"),
        Binding("f", "fix_history", "Fix history", tooltip="Remove or correct an event of the history (asks first)"),
        Binding("w", "open_job_url", "Job URL", show=False, tooltip="Open the job posting (or show its address to copy)"),
        Binding("D", "record_decision", "Decision date", show=False, tooltip="Record when they expect to decide"),
        Binding("u", "app.undo", "Undo", tooltip="Undo the last change"),
        Binding("U", "app.redo", "Redo", show=False, tooltip="Redo what was undone"),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(self, app_id: int) -> None:
        super().__init__()
        self.app_id = app_id

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with VerticalScroll(id="detail"):
            yield Static(id="detail-body")
        yield FooterLine()  # the keys that matter most where the line is short (widgets/footer_line.py)

    def on_mount(self) -> None:
        self.refresh_detail()

    @on(DataChanged)
    def data_changed(self, event: DataChanged) -> None:
        """Any change to this application, ours or another session's, and the
        clock (due words) redraw it."""
        if event.touches(self.app_id):
            self.refresh_detail()

    @property
    def application(self) -> Application | None:
        return self.app.session.get(self.app_id)

    def refresh_detail(self) -> None:
        application = self.application
        if application is None:
            if self.is_current:
                self.app.notify("That application was deleted (in another session, or just now).", severity="warning")
                self.app.pop_screen()
            return
        self.query_one("#detail-body", Static).update(self.render_application(application))

    def render_application(self, a: Application) -> Group:
        session = self.app.session
        tz = session.settings.tz
        now = session.now()
        parts: list = []
        title = Text(printable(a.company), style="bold")
        title.append(f"  {printable(a.role)}", style="")
        parts.append(title)
        stage = STAGE_TITLES[a.stage] + (f" ({a.outcome})" if a.outcome else "")
        facts = Text(f"stage: {stage}   first contact by: {a.channel}")
        if a.decision_by:
            facts.append(f"   decision by: {a.decision_by.isoformat()}")
        parts.append(facts)
        job = [
            ("job", a.job_url), ("location", a.location), ("salary", a.salary),
            ("applied", a.applied_on.isoformat() if a.applied_on else ""), ("source", a.source),
            ("resume", a.resume), ("tags", ", ".join(a.tags)), ("priority", a.priority),
        ]
        for label, value in job:
            if value:
                line = Text(f"{label}: ", style="dim")
                line.append(printable(value))
                parts.append(line)
        if a.do_not_contact:
            parts.append(Text(f"{self.app.glyphs.do_not_contact}They asked not to be contacted: no messages, only waiting.", style="bold yellow"))
        actions = session.actions(a.id or 0)
        parts.append(_section("Next"))
        parts.append(Text(printable(step_line(a, actions, now, session.settings)), style="bold"))
        if not actions:
            parts.append(Text(printable(waiting_for(a, now, session.settings))))
        for action in actions:  # one per owed round, each with its own people and due time
            line = Text(printable(f"{action_label(action)} · {due_in_words(action.due, now, tz)} "))
            line.append(f"({local_text(action.due, tz)})", style="dim")
            parts.append(line)
            parts.append(Text(action.reason, style="italic"))
            if action.hint:
                parts.append(Text(f"hint: {action.hint}", style="yellow"))
        parts.append(_section("Contacts"))
        for c in a.contacts or []:
            parts.append(Text(printable(f"{c.name}, {c.title} <{c.email}> {c.phone}".strip(" ,"))))
        if not a.contacts:
            parts.append(Text("none yet (e to add)", style="dim"))
        parts.append(_section("Interviews"))
        for i in a.interviews_sorted():
            who = f" with {', '.join(i.with_names)}" if i.with_names else ""
            parts.append(Text(printable(f"{local_text(i.at, tz)}  {i.kind}{who}")))
            if i.notes:
                parts.append(Text(printable_multiline(i.notes), style="dim"))
        if not a.interviews:
            parts.append(Text("none yet (e to add)", style="dim"))
        if a.notes:
            parts.append(_section("Notes"))
            parts.append(Text(printable_multiline(a.notes)))
        parts.append(_section("History"))
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
        table.add_column(no_wrap=True, style="dim")
        table.add_column()
        if a.created:
            table.add_row(local_text(a.created, tz), "created")
        for event in sorted(a.events, key=lambda e: e.at):
            table.add_row(local_text(event.at, tz), Text(printable(event.describe())))
        parts.append(table)
        return Group(*parts)

    def action_edit(self) -> None:
        self.app.open_form(self.app_id)

    def action_open_job_url(self) -> None:
        from ..actions.job_url import open_job_url

        application = self.application
        if application is not None:
            open_job_url(self.app, application.job_url, application.company)

    def action_compose(self) -> None:
        self.app.open_composer(self.app_id)

    def action_respond(self) -> None:
        self.app.record_response(self.app_id)

    def action_help(self) -> None:
        self.app.open_help()

    def action_record_decision(self) -> None:
        from ..actions.decision_date import ask_decision_date

        ask_decision_date(self.app, self.app_id)

    def action_note(self) -> None:
        from .dialogs import TextDialog

        application = self.application
        if application is None:
            return
        seen = application.rev

        def answered(text: str | None) -> None:
            if text:
                now = self.app.clock()
                self.app.session.change(self.app_id, lambda a: a.add_note(text, now), "note added", seen_rev=seen)

        self.app.push_screen(TextDialog("Note for the history"), answered)

    # -- fixing the history: a mistaken "sent" must not bend the cadence ----------

    def action_fix_history(self) -> None:
        application = self.application
        if application is None or not application.events:
            self.app.notify("The history has no events to fix.", timeout=3)
            return
        seen = application.rev
        tz = self.app.settings.tz
        order = sorted(range(len(application.events)), key=lambda i: application.events[i].at, reverse=True)
        choices = [
            (str(i), printable(f"{local_text(application.events[i].at, tz)}  {application.events[i].describe()}"))
            for i in order
        ]
        self.app.push_screen(
            ChoiceDialog("Which event? (newest first)", choices),
            lambda picked: self._event_picked(int(picked), seen) if picked is not None else None,
        )

    def _event_picked(self, index: int, seen: int) -> None:
        application = self.application
        if application is None or index >= len(application.events):
            return
        event = application.events[index]
        what = printable(event.describe())
        choices = [("remove", "Remove it from the history"), ("time", "Correct when it happened")]
        if event.kind in ("note", "response"):
            choices.append(("text", "Correct what it says"))
        if event.kind == "message-sent":
            choices.append(("recipient", "Correct to whom it went"))

        def chosen(choice: str | None) -> None:
            if choice == "remove":
                self.app.push_screen(
                    ConfirmDialog(f"Remove \"{what}\" from the history? (u undoes it)", yes_label="Remove"),
                    lambda yes: self._fix(seen, lambda a: a.remove_event(index), f"removed from the history: {what}")
                    if yes
                    else None,
                )
            elif choice == "time":
                tz = self.app.settings.tz
                self.app.push_screen(
                    TextDialog(
                        f"When did \"{what}\" happen? (YYYY-MM-DD HH:MM)",
                        value=local_text(event.at, tz),
                        validate=lambda t: parse_when(t, tz, "time"),
                    ),
                    lambda t: self._correct_time(seen, index, parse_when(t, tz), what) if t else None,
                )
            elif choice in TEXT_CORRECTIONS:
                question, done = TEXT_CORRECTIONS[choice]
                self.app.push_screen(
                    TextDialog(question, value=getattr(event, choice)),
                    lambda t: self._fix(seen, lambda a: a.correct_event(index, **{choice: t}), done)
                    if t is not None
                    else None,
                )

        self.app.push_screen(ChoiceDialog(f"{what}: what is wrong?", choices), chosen)

    def _correct_time(self, seen: int, index: int, when, what: str) -> None:
        """Accepted even when it dates the event before one recorded earlier,
        with a warning: the history (and the cadence) read it in date order."""
        label = f"corrected the time of: {what}"
        application = self.application
        if application is not None and index < len(application.events):
            trial = application.copy()
            trial.correct_event(index, at=when)
            earlier = dated_before(trial, trial.events[index])
            if earlier is not None:
                label += f" (now before \"{printable(earlier.describe())}\", recorded earlier: read in date order)"
        self._fix(seen, lambda a: a.correct_event(index, at=when), label)

    def _fix(self, seen: int, change, label: str) -> None:
        self.app.session.change(self.app_id, change, label, seen_rev=seen)
