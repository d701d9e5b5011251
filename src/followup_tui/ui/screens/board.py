"""The board: one column per interview stage, keyboard triage. Here: its
layout, data, status line, navigation and filter; the keys that act on a
card are in board_card_actions.py."""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.timer import Timer
from textual.worker import get_current_worker
from textual.widgets import Input, Static

from .base import DataScreen
from ...domain.model import STAGE_TITLES, STAGES
from ..board.board_model import FILTER_FIELDS, BoardModel, matches
from ..board.cards import Card, card_for, group_by_stage
from ..keys.held_keys import HeldKeys
from ..text.safe_text import printable
from ..data.messages import DataChanged, Notice
from ..widgets.app_header import AppHeader
from ..widgets.board_column import Column, column_title
from ..widgets.board_view import MIN_COLUMN_WIDTH, BoardView
from ..widgets.footer_line import FooterLine
from ..widgets.status_line import StatusLine
from .board_card_actions import CardActions

__all__ = ["BoardScreen", "Column", "MIN_COLUMN_WIDTH", "column_title"]

FILTER_DELAY = 0.1  # seconds of quiet typing before the filter redraws
HINT_SECONDS = 8  # how long the status line keeps "moved to ... u undoes it"
STALE_PREVIEW = "The board as last seen; reading what changed since…"
EMPTY_BOARD = (
    ("No applications yet.\n\n", "bold"),
    ("  n", "bold"), ("                      add your first application\n", ""),
    ("  followup import FILE", "bold"), ("   your search from LinkedIn, Huntr, Teal or a CSV\n", ""),
    ("  followup demo", "bold"), ("          try the app on sample data first\n\n", ""),
    ("  ?", "bold"), (" lists every key", ""),
)
# One footer entry each, so that every board key fits 80 columns.
MOVE = Binding.Group("Move", compact=True)
UNDO = Binding.Group("Undo", compact=True)
VIEWS = Binding.Group("Views", compact=True)
CARD_ACTIONS = {"open_job_url", "open", "edit", "compose", "respond", "close_card", "delete", "move_prev", "move_next"}


def cards_by_id(session, entries) -> dict[int, Card]:
    """The card of each of the session's entries, as of the session's now."""
    now, settings = session.now(), session.settings
    return {e.application.id or 0: card_for(e.application, e.actions, now, settings, settings.tz) for e in entries}


class BoardScreen(CardActions, DataScreen):
    BINDINGS = [
        Binding("left,h", "column(-1)", "Previous column", show=False),
        Binding("right,l", "column(1)", "Next column", show=False),
        Binding("up,k", "cursor(-1)", "Card above", show=False),
        Binding("down,j", "cursor(1)", "Card below", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("H,shift+left", "move_prev", "Move to previous stage (reopens a closed card)", group=MOVE),
        Binding("L,shift+right", "move_next", "Move to next stage", group=MOVE),
        # Open and Delete stay out of the footer so that quit and undo fit 80 columns.
        Binding("enter", "open", "Open", show=False, tooltip="Open the card"),
        Binding("e", "edit", "Edit", tooltip="Edit the card"),
        Binding("c", "compose", "Write", tooltip="Compose the card's next message"),
        Binding("n", "new", "New", tooltip="New application"),
        Binding("a", "agenda", "Agenda", tooltip="Agenda: everything due, overdue first"),
        Binding("slash", "filter", "Find", tooltip=f"Find as you type: {FILTER_FIELDS}"),
        Binding("r", "respond", "Response", show=False, tooltip="Record the employer's response"),  # help, ctrl+p: quit must fit 80 columns
        Binding("x", "close_card", "Close", tooltip="Close the card (asks how it ended)"),
        Binding("d", "delete", "Delete", show=False, tooltip="Delete the card (asks first; u brings it back)"),
        Binding("u", "app.undo", "Undo", tooltip="Undo the last change", group=UNDO),
        Binding("U", "app.redo", "Redo", tooltip="Redo what was undone", group=UNDO),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("question_mark", "help", "Help", show=False),
        # one footer entry, "sM Views", so that every board key still fits 80 columns (after ? in
        # the help list, which would otherwise run past a 35-line screen)
        Binding("s", "stats", "Stats", tooltip="Statistics of your search: funnel, answers, follow-ups", group=VIEWS),
        Binding("M", "mailbox", "Mailbox", tooltip="Mailbox: replies read from your mail, proposals",
                group=VIEWS),
        Binding("w", "open_job_url", "Job URL", show=False, tooltip="Open the card's job posting (or show its address)"),
        Binding("S", "app.open_settings", "Settings", show=False, tooltip="Settings: your name, signature, timezone, country, sending"),
        Binding("q", "app.quit", "Quit", tooltip="Quit (asks when something is unsaved)"),
    ]

    filter_text: reactive[str] = reactive("", bindings=True)
    has_card: reactive[bool] = reactive(False, bindings=True)

    def __init__(self) -> None:
        super().__init__()
        self.model = BoardModel()  # the cards: grouped, filtered, cursors, counts
        self._filter_timer: Timer | None = None
        self.shown_filter = ""
        self._hint = ""
        self._hint_timer: Timer | None = None
        self.view = BoardView(self.model, id="board")  # the one widget that draws the model's columns
        # Keys typed before a big file is loaded wait for it (ui/keys/held_keys.py).
        self.held_keys = HeldKeys(
            self, lambda: self.app.session.loaded, lambda: self.app.session.provisional is not None
        )

    def hold_key(self, event: events.Key) -> bool:
        """Asked by the app before it handles a typed key (ui/keys/held_keys.py)."""
        return self.held_keys.hold(event)

    @property
    def cards(self) -> list[Card]:
        """Every card (the filter aside)."""
        return list(self.model.by_id.values())

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield self.view
        yield Static(Text.assemble(*EMPTY_BOARD), id="board-empty", markup=False)
        yield Input(placeholder=f"filter: {FILTER_FIELDS} (escape clears)", id="filter", compact=True)
        yield StatusLine(id="board-status")
        yield FooterLine(id="board-footer")  # one widget, not a widget per key (widgets/footer_line.py)

    def on_mount(self) -> None:
        self.query_one("#filter", Input).display = False
        self.query_one("#board-empty").display = False
        if self.app.session.loaded:
            self.reload()
            self._focus_first_card()
        elif self.app.session.provisional is not None:
            self.show_preview()
            self._focus_first_card()
        else:
            # Thousands of applications take a second or more to read (the
            # session does it in its worker): a loading indicator meanwhile.
            self.query_one("#board").loading = True

    @on(BoardView.Shifted)
    def _shifted(self) -> None:
        self._show_status()

    # -- the status line: the last change (and how to undo it), columns off screen

    @on(Notice)
    def _notice(self, notice: Notice) -> None:
        """A plain word on a change goes on the status line, like the move it answers."""
        if notice.for_status_line:
            notice.stop()
            self.show_hint(notice.text)

    def show_hint(self, text: str) -> None:
        """A line for the status bar (cheaper than a toast, and it stays a while)."""
        self._hint = printable(text)
        if self._hint_timer is not None:
            self._hint_timer.stop()
        self._hint_timer = self.set_timer(HINT_SECONDS, self.clear_hint)
        self._show_status()

    def clear_hint(self) -> None:
        self._hint = ""
        self._show_status()

    @property
    def status_text(self) -> str:
        return str(self.query_one("#board-status", StatusLine).render())

    def off_screen(self) -> tuple[list[str], list[str]]:
        """The stages whose columns are left and right of the visible part of the board."""
        view = self.view
        return view.off_screen() if view.display else ([], [])

    def _show_status(self) -> None:
        width = self.size.width
        before, after = self.off_screen()
        left = "   ".join(part for part in (self.filter_status, self._hint) if part)
        right = ""
        if before or after:
            more_left, more_right = self.app.glyphs.more_left, self.app.glyphs.more_right
            named = [
                (f"{more_left} " + ", ".join(f"{STAGE_TITLES[s]} {self.column(s).count}" for s in before)) if before else "",
                (", ".join(f"{STAGE_TITLES[s]} {self.column(s).count}" for s in after) + f" {more_right}") if after else "",
            ]
            right = "   ".join(part for part in named if part)
            if len(left) + len(right) + 3 > width:  # the hint first: columns off screen, counted
                right = "   ".join(
                    part for part in (f"{more_left} {len(before)} more" if before else "", f"{len(after)} more {more_right}" if after else "") if part
                )
        room = max(width - len(right) - 3, 0)
        if len(left) > room:
            left = left[: max(room - 1, 0)] + "…" if room else ""
        line = Text(" " + left)
        line.append(" " * max(width - 2 - len(left) - len(right), 1))
        line.append(right, style="dim")
        self.query_one("#board-status", StatusLine).show(line)

    # -- data --------------------------------------------------------------------

    def column(self, stage: str) -> Column:
        """A column's state as drawn: its cards, cursor, count and title."""
        return self.view.column(stage)

    @property
    def focused_column(self) -> Column | None:
        """The current column, while the board (not the filter) has the focus."""
        view = self.view
        return view.current_column if self.focused is view else None

    def activate(self, stage: str) -> None:
        """Make `stage` the current column and give the board the focus."""
        view = self.view
        view.set_current(stage)
        if self.focused is not view:
            view.focus()  # from the filter, say
        self._update_has_card()

    def select(self, app_id: int) -> None:
        """Make an application's card the current one (a click does this too)."""
        card = self.model.card(app_id)
        index = self.column(card.stage).index_of(app_id) if card is not None else None
        if index is not None:
            self.view.set_cursor(card.stage, index)
            self.activate(card.stage)

    @on(BoardView.Clicked)
    def _clicked(self, event: BoardView.Clicked) -> None:
        if event.index is not None:
            self.view.set_cursor(event.stage, event.index)
        self.activate(event.stage)

    @property
    def current_card(self) -> Card | None:
        column = self.focused_column
        return column.current if column else None

    def reload(self, focus_app_id: int | None = None) -> None:
        """Rebuild every card from the session's data, keeping the user's place."""
        self.model.filter = self.filter_text
        self.model.load(cards_by_id(self.app.session, self.app.session.all()).values())
        self.shown_filter = self.filter_text
        self._show_columns(STAGES, focus_app_id)

    def _retime_cards(self) -> None:
        """The clock moved on: every card's due words again, built in a thread
        (at 10,000 applications ~80 ms, which a key pressed meanwhile would
        wait for on the UI thread), taken in only if no card changed meanwhile
        (else built again from the newer data)."""
        session, version, query = self.app.session, self.model.version, self.filter_text
        entries = list(session.all())  # taken here: the session changes its dict on this thread

        def build() -> None:
            by_id = cards_by_id(session, entries)
            columns = group_by_stage(list(by_id.values()), query)
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(taken, by_id, columns)

        def taken(by_id: dict[int, Card], columns: dict[str, list[Card]]) -> None:
            if version != self.model.version or query != self.filter_text:
                self._retime_cards()
                return
            self.model.take_grouped(by_id, columns)
            self._show_columns(STAGES, None)

        self.run_worker(build, name="board-clock", group="board-clock", thread=True, exclusive=True, exit_on_error=False)

    def redraw(self, focus_app_id: int | None = None) -> None:
        """Regroup every card (a new filter) and redraw every column."""
        self.model.set_filter(self.filter_text)
        self.shown_filter = self.filter_text  # what the columns show now (the filter redraws after a pause)
        self._show_columns(STAGES, focus_app_id)

    def _show_columns(self, stages, focus_app_id: int | None) -> None:
        current = self.current_card
        keep = focus_app_id if focus_app_id is not None else (current.app_id if current else None)
        view = self.view
        for stage in stages:
            view.set_cards(stage, self.model.column(stage).cards, keep, total=self.model.column(stage).count)
        target = self.model.card(focus_app_id)
        if target is not None and matches(target, self.model.needle):
            self.activate(target.stage)
        self._show_empty()
        self._update_has_card()
        self._show_status()

    def _show_empty(self) -> None:
        """An empty board says how to begin; a filter that matches nothing says so."""
        empty = self.query_one("#board-empty", Static)
        nothing_shown = self.model.match_count == 0
        if not self.model.total:
            empty.update(Text.assemble(*EMPTY_BOARD))
        elif nothing_shown:
            empty.update(Text(f"Nothing matches “{printable(self.filter_text.strip())}”. escape clears the filter."))
        if empty.display != nothing_shown:
            empty.display = nothing_shown
            self.query_one("#board").display = not nothing_shown

    def _replace_cards(self, app_ids, focus_app_id: int | None) -> None:
        """Only these applications changed: rebuild their cards and redraw
        the columns they left or joined, not the whole board."""
        session = self.app.session
        now, tz, settings = session.now(), session.settings.tz, session.settings
        entries = session.data.entries
        cards: dict[int, Card | None] = {}
        for app_id in app_ids:
            entry = entries.get(app_id)
            cards[app_id] = card_for(entry.application, entry.actions, now, settings, tz) if entry else None
        touched = self.model.replace(cards)
        self._show_columns([s for s in STAGES if s in touched], focus_app_id)

    def show_preview(self) -> None:
        """A big file's first cards and counts, as the board last showed them,
        while the session loads the file (ui/data/board_preview.py)."""
        session = self.app.session
        preview = session.provisional
        now, tz = session.now(), session.settings.tz
        cards = [card_for(a, actions, now, session.settings, tz) for a, actions in preview.applications]
        self.model.load(cards, counts=preview.counts)
        view = self.view
        for stage in STAGES:
            column = self.model.column(stage)
            view.set_cards(stage, column.cards, None, total=column.count)
        if session.data.provisional_is_stale:
            self.show_hint(STALE_PREVIEW)
        self._show_status()

    @on(DataChanged)
    def data_changed(self, event: DataChanged) -> None:
        session = self.app.session
        board = self.query_one("#board")
        if event.origin == "load" or board.loading:
            if self._hint == STALE_PREVIEW:
                self.clear_hint()
            if board.loading:
                board.loading = False
                self.reload()
                self._focus_first_card()
            else:  # after the preview: the user's place is kept
                self.reload()
            self.call_later(self.held_keys.release)
            return
        if event.origin == "clock":
            self._retime_cards()
            return
        if event.app_ids is None:
            self.reload()
            return
        if event.origin == "put back":
            self.clear_hint()  # its save failed: the writer says why
        focus = next(iter(event.app_ids)) if event.origin == "here" and len(event.app_ids) == 1 else None
        if focus is not None and session.get(focus) is None:
            focus = None
        self._replace_cards(event.app_ids, focus_app_id=focus if self.is_current else None)

    def _update_has_card(self) -> None:
        self.has_card = self.current_card is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in CARD_ACTIONS and not self.has_card:
            return None  # shown dimmed: there is no card here
        if action == "clear_filter":
            return bool(self.filter_text) or self.query_one("#filter", Input).display
        return True

    # -- navigation ----------------------------------------------------------------

    def action_column(self, delta: int) -> None:
        column = self.focused_column
        stage = column.stage if column else STAGES[0]
        index = max(0, min(len(STAGES) - 1, STAGES.index(stage) + delta))
        target = self.column(STAGES[index])
        if column is not None and target is not column:
            self.view.set_cursor(target.stage, column.cursor)  # the same row, as near as it has one
        self.activate(STAGES[index])

    def on_descendant_focus(self) -> None:
        self._update_has_card()

    def on_descendant_blur(self) -> None:
        self.call_later(self._update_has_card)  # the filter took the focus: no card is focused

    def action_cursor(self, delta: int) -> None:
        if self.focused_column:
            self.view.move_cursor(delta)
            self._update_has_card()

    def action_page(self, direction: int) -> None:
        if self.focused_column:
            self.view.page(direction)
            self._update_has_card()

    # -- filter -----------------------------------------------------------------------

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        # focused now, not after the next refresh (Widget.focus defers it):
        # "/lum" arriving in one burst goes into the box whole
        self.set_focus(box)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        # Coalesce keystrokes: with thousands of cards a redraw per key would lag.
        self.filter_text = event.value
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self._show_matches)

    def _show_matches(self) -> None:
        """As you type: only matching cards, the board on the first of them
        (the typing stays in the filter box), their count on the status line."""
        self.redraw()
        first = self.model.first_match()
        if first is not None:
            index = self.model.column(first.stage).index_of(first.app_id) or 0
            self.view.set_current(first.stage)
            self.view.set_cursor(first.stage, index)
        self._show_status()

    @property
    def filter_status(self) -> str:
        """'2 of 12 match “latt”', while a filter is typed or applied."""
        needle = self.model.needle
        if not needle:
            return ""
        shown, total = self.model.match_count, self.model.total
        return f"{shown:,} of {total:,} match “{printable(self.filter_text.strip())}”"

    @on(Input.Submitted, "#filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        self._show_matches()
        self._focus_first_card()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        box.display = False
        self.filter_text = ""
        self.redraw()
        self._focus_first_card()

    def _focus_first_card(self) -> None:
        first = next((s for s in STAGES if self.column(s).cards), STAGES[0])
        self.activate(first)
