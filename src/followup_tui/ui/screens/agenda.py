"""Morning triage: every next action across applications, most urgent first."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import Static

from ..keys.held_keys import OpeningScreen
from .base import DataScreen
from ...domain.cadence import NextAction, action_label, sort_key
from ...domain.mail_reply import bounced_addresses, reply_label
from ...domain.message_plan import plan_message
from ...domain.due_words import due_in_words
from ...domain.model import Application
from ...domain.timeparse import parse_date, parse_when
from ..text.safe_text import printable
from ..data.session import DataChanged
from ..widgets.agenda_table import PADDING, AgendaTable
from ..widgets.column_widths import column_widths, cut
from ..widgets.footer_line import FooterLine
from ..widgets.app_header import AppHeader
from ..board.cards import compact_due  # the board's short due words ("overdue 23h")
from .dialogs import ChoiceDialog, ConfirmDialog, TextDialog

URGENCY_STYLE = {"overdue": "bold red", "due-today": "bold yellow", "upcoming": "green"}
COLUMNS = ("When", "Action", "Company", "Role")
MIN_WIDTHS = (10, 12, 10, 8)  # at 60 columns they still fit beside each other
MEASURED_ROWS = 300  # rows whose text sets the natural widths (later, longer ones are cut)


def agenda_label(application: Application, action: NextAction, now) -> str:
    """The action, or "they replied N days ago"; a message to an address
    that bounced says so."""
    label = reply_label(application, action, now) or action_label(action)
    if action.is_message and bounced_addresses(application):
        label += " (address bounced)"
    return label


class AgendaScreen(OpeningScreen, DataScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Board"),
        Binding("enter", "compose", "Compose"),
        Binding("s", "snooze", "Snooze"),
        Binding("m", "mark_sent", "Mark sent"),
        Binding("x", "let_go", "Let go", tooltip="Close as moved on (asks unless letting go is what is due)"),
        Binding("r", "respond", "Response"),
        Binding("o", "open", "Open"),
        Binding("D", "record_decision", "Decision date", show=False, tooltip="Record when they expect to decide"),
        Binding("u", "app.undo", "Undo", tooltip="Undo the last change"),
        Binding("U", "app.redo", "Redo", show=False, tooltip="Redo what was undone"),
        Binding("question_mark", "help", "Help"),
    ]

    AUTO_FOCUS = "#agenda"

    selected_kind: reactive[str | None] = reactive(None, bindings=True)

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[Application, NextAction]] = []

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield Static("", id="agenda-summary")
        yield AgendaTable(id="agenda")
        yield FooterLine()  # the keys that matter most where the line is short (widgets/footer_line.py)

    def on_mount(self) -> None:
        table = self.query_one(AgendaTable)
        self.widths: tuple[int, ...] = ()
        self.reload()
        table.focus()

    def on_resize(self) -> None:
        if self.widths and self._widths_for(self.rows)[0] != self.widths:
            self.show(list(self.rows), keep_index=self.query_one(AgendaTable).cursor_row)

    def _texts(self, application: Application, action: NextAction) -> tuple[str, ...]:
        return (
            due_in_words(action.due, self.app.clock(), self.app.settings.tz),
            printable(agenda_label(application, action, self.app.clock())),
            printable(application.company),
            printable(application.role),
        )

    def _widths_for(self, rows: list[tuple[Application, NextAction]]) -> tuple[tuple[int, ...], bool]:
        """Column widths from the content and the terminal (the table never
        scrolls sideways; what does not fit is cut with an ellipsis), and
        whether due times are written short ("overdue 23h") to make room."""
        table = self.query_one(AgendaTable)
        texts = [self._texts(application, action) for application, action in rows[:MEASURED_ROWS]]
        natural = [max([len(label), *(cell_len(t[i]) for t in texts)]) for i, label in enumerate(COLUMNS)]
        width = table.size.width or self.app.size.width
        room = width - table.styles.scrollbar_size_vertical - 2 * PADDING * len(COLUMNS)
        short = sum(natural) > room
        if short:
            natural[0] = max([len(COLUMNS[0]), *(cell_len(compact_due(t[0])) for t in texts)])
        return tuple(column_widths(natural, MIN_WIDTHS, room)), short

    @on(DataChanged)
    def data_changed(self, event: DataChanged) -> None:
        """After an action here (or in the composer opened from here) the cursor
        stays in place, on the next item of the morning's list."""
        index = self.query_one(AgendaTable).cursor_row
        if event.app_ids is None:
            self.reload(keep_index=index if event.origin == "here" else None)
            return
        session = self.app.session
        rows = [row for row in self.rows if row[0].id not in event.app_ids]
        for app_id in event.app_ids:
            entry = session.data.entries.get(app_id)
            if entry is not None:
                rows.extend((entry.application, action) for action in entry.actions)
        self.show(rows, keep_index=index if event.origin == "here" else None)

    def reload(self, keep_index: int | None = None) -> None:
        # each owed round is a row of its own, with its own people and due time
        self.show(self.app.session.data.agenda(), keep_index, sorted_already=True)

    def show(self, rows: list[tuple[Application, NextAction]], keep_index: int | None = None,
             sorted_already: bool = False) -> None:
        """Fill the table, most urgent first; keep the cursor on the same
        application, or at `keep_index`."""
        table = self.query_one(AgendaTable)
        keep = self.current[0].id if self.current else None
        if not sorted_already:
            rows.sort(key=lambda row: sort_key(row[1]))
        self.rows = rows
        target = None
        if keep_index is not None:
            target = min(keep_index, max(len(rows) - 1, 0))
        elif keep is not None:
            target = next((i for i, (application, _a) in enumerate(rows) if application.id == keep), None)

        widths, short = self._widths_for(rows)
        if widths != self.widths:
            self.widths = widths
            table.set_columns(COLUMNS, widths)

        def row(item: tuple[Application, NextAction], _index: int) -> tuple[Text, ...]:
            application, action = item
            when, *rest = self._texts(application, action)
            if short:
                when = compact_due(when)  # "overdue 23h" rather than a cut "overdue by 2…"
            cells = (Text(when, style=URGENCY_STYLE.get(action.urgency, "")), *map(Text, rest))
            return tuple(cut(cell, width) for cell, width in zip(cells, widths))

        # thousands of rows: a row's cells are made when it is first drawn
        table.set_rows(rows, make=row)
        counts = Counter(action.urgency for _, action in rows)
        self.query_one("#agenda-summary", Static).update(
            Text(f" {counts['overdue']} overdue · {counts['due-today']} due today · {counts['upcoming']} upcoming")
        )
        if target is not None:
            table.move_cursor(row=target)
        self._sync_selection()

    @property
    def current(self) -> tuple[Application, NextAction] | None:
        table = self.query_one(AgendaTable)
        if not self.rows or table.cursor_row is None or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def _sync_selection(self) -> None:
        self.selected_kind = self.current[1].kind if self.current else None

    def on_agenda_table_row_highlighted(self, event: AgendaTable.RowHighlighted) -> None:
        self._sync_selection()

    def on_agenda_table_row_selected(self, event: AgendaTable.RowSelected) -> None:
        self.action_compose()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        kind = self.selected_kind
        if action in ("compose", "mark_sent"):
            return True if kind in ("thank-you", "follow-up") else None
        if action in ("snooze", "let_go", "respond", "open", "record_decision"):
            return True if kind is not None else None
        return True

    def action_compose(self) -> None:
        if self.current and self.current[1].is_message:
            application, action = self.current
            self.app.open_composer(application.id, action.kind, action.round_at)

    def action_record_decision(self) -> None:
        if self.current:
            from ..actions.decision_date import ask_decision_date

            ask_decision_date(self.app, self.current[0].id)

    def action_open(self) -> None:
        if self.current:
            self.app.open_detail(self.current[0].id)

    def action_help(self) -> None:
        self.app.open_help()

    def action_respond(self) -> None:
        if self.current:
            self.app.record_response(self.current[0].id)

    def action_mark_sent(self) -> None:
        """Record the message the row names, to the person it names (by
        address when known)."""
        if not self.current or not self.current[1].is_message:
            return
        application, action = self.current
        now = self.app.clock()
        plan = plan_message(application, now, self.app.settings, action.kind, action.round_at)
        if plan.refusal:
            self.notify(plan.refusal, severity="warning", markup=False)
            return
        to = plan.to or plan.to_name  # the person the row names, by address when known
        self.app.session.change(
            application.id,
            lambda a: a.record_sent(action.kind, now, recipient=to),
            f"{action.kind} to {to or 'them'} marked as sent",
            seen_rev=application.rev,
        )

    def action_let_go(self) -> None:
        """Letting go is a decision: at once only where it is what is due,
        otherwise after a question. Recorded as closed with the action's
        outcome (moved on; ghosted when they never answered the application,
        which asks first too)."""
        if not self.current:
            return
        application, action = self.current
        seen = application.rev
        outcome = action.outcome if action.kind == "let-go" else "moved-on"
        said = outcome.replace("-", " ")

        def let_go(yes: bool | None = True) -> None:
            if yes:
                now = self.app.clock()
                self.app.session.change(
                    application.id, lambda a: a.move_to("closed", now, outcome), f"let go: closed as {said}", seen_rev=seen
                )

        if action.kind == "let-go" and outcome == "moved-on":
            let_go()
            return
        if action.kind == "let-go":
            question = f"{application.company}: {action.reason}. Close it as {said}?"
            self.app.push_screen(ConfirmDialog(question, yes_label="Let go"), let_go)
            return
        question = (
            f"{application.company}: the next step is \"{action_label(action)}\", not letting go. "
            "Close it as moved on anyway?"
        )
        self.app.push_screen(ConfirmDialog(question, yes_label="Let go"), let_go)

    def action_snooze(self) -> None:
        if not self.current:
            return
        application = self.current[0]
        tz = self.app.settings.tz

        seen = application.rev

        def snooze_until(until) -> None:
            now = self.app.clock()
            self.app.session.change(application.id, lambda a: a.snooze(until, now), "snoozed", seen_rev=seen)

        def date_given(text: str | None) -> None:
            if text:
                snooze_until(parse_when(f"{parse_date(text).isoformat()} 09:00", tz))

        def chosen(choice: str | None) -> None:
            if choice == "day":
                snooze_until(self.app.clock() + timedelta(days=1))
            elif choice == "date":
                self.app.push_screen(
                    TextDialog("Snooze until which day? (YYYY-MM-DD)", validate=lambda t: parse_date(t, "date")),
                    date_given,
                )

        self.app.push_screen(
            ChoiceDialog(f"Snooze {application.company}", [("day", "one day"), ("date", "until a date...")]),
            chosen,
        )

