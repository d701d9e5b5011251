"""The board: one column per interview stage, keyboard triage."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalScroll, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Label

from ...domain.model import OUTCOMES, STAGE_TITLES, STAGES, Application
from ..cards import Card, build_card, group_by_stage
from ..widgets.card_list import CardList
from .dialogs import ChoiceDialog, ConfirmDialog, TextDialog

MIN_COLUMN_WIDTH = 17  # seven columns fit 120 terminal columns
BACKGROUND_LOAD_BYTES = 1_000_000  # about 1,300 applications
FILTER_DELAY = 0.1  # seconds of quiet typing before the filter redraws
# One footer entry each, so that every board key fits 80 columns.
MOVE = Binding.Group("Move", compact=True)
OPEN = Binding.Group("Open", compact=True)
CARD_ACTIONS = {"open", "edit", "compose", "respond", "close_card", "delete", "move_prev", "move_next"}


class StageColumn(Vertical):
    """A column: its title with a count, and its cards."""

    def __init__(self, stage: str) -> None:
        super().__init__(id=f"column-{stage}", classes="stage-column")
        self.stage = stage

    def compose(self) -> ComposeResult:
        yield Label(STAGE_TITLES[self.stage], classes="column-title")
        yield CardList(self.stage, id=f"cards-{self.stage}")

    @property
    def card_list(self) -> CardList:
        return self.query_one(CardList)

    def show(self, cards: list[Card], keep_app_id: int | None) -> None:
        self.query_one(".column-title", Label).update(f"{STAGE_TITLES[self.stage]} ({len(cards)})")
        self.card_list.set_cards(cards, keep_app_id)


class BoardScreen(Screen[None]):
    BINDINGS = [
        Binding("left,h", "column(-1)", "Previous column", show=False),
        Binding("right,l", "column(1)", "Next column", show=False),
        Binding("up,k", "cursor(-1)", "Card above", show=False),
        Binding("down,j", "cursor(1)", "Card below", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("H,shift+left", "move_prev", "Move to previous stage", group=MOVE),
        Binding("L,shift+right", "move_next", "Move to next stage", group=MOVE),
        Binding("enter", "open", "Open the card", group=OPEN),
        Binding("e", "edit", "Edit the card", group=OPEN),
        Binding("c", "compose", "Write", tooltip="Compose the card's next message"),
        Binding("n", "new", "New", tooltip="New application"),
        Binding("a", "agenda", "Agenda", tooltip="Agenda: everything due, overdue first"),
        Binding("slash", "filter", "Find", tooltip="Filter the board by company, role or contact"),
        Binding("r", "respond", "Response", tooltip="Record the employer's response"),
        Binding("x", "close_card", "Close", tooltip="Close the card (asks how it ended)"),
        Binding("d", "delete", "Delete", tooltip="Delete the card (asks first)"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("q", "app.quit", "Quit", show=False),  # in help and ctrl+p
    ]

    filter_text: reactive[str] = reactive("", bindings=True)
    has_card: reactive[bool] = reactive(False, bindings=True)

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[Card] = []
        self._token: object = None
        self._filter_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with HorizontalScroll(id="board"):
            for stage in STAGES:
                yield StageColumn(stage)
        yield Input(placeholder="filter: company, role or contact (escape clears)", id="filter", compact=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#filter", Input).display = False
        self.set_interval(self.app.watch_interval, self.check_for_changes)
        try:
            big = self.app.db_path.stat().st_size > BACKGROUND_LOAD_BYTES
        except OSError:
            big = False
        if big:
            # Thousands of applications take a second or more to read: show the
            # board with a loading indicator instead of a blank terminal.
            self.query_one("#board").loading = True
            self.first_load_in_background()
        else:
            self.reload()
            self._focus_first_card()

    @work(thread=True, exclusive=True, group="board-reload", exit_on_error=False)
    def first_load_in_background(self) -> None:
        token, cards = self._read_cards()
        self.app.call_from_thread(self._first_load_done, token, cards)

    def _first_load_done(self, token: object, cards: list[Card]) -> None:
        self._token, self.cards = token, cards
        self.redraw()
        self.query_one("#board").loading = False
        self._focus_first_card()

    def on_resize(self) -> None:
        # Share the width; below 7 x MIN_COLUMN_WIDTH the board scrolls sideways
        # to the focused column instead of squeezing cards unreadably.
        width = max(MIN_COLUMN_WIDTH, self.size.width // len(STAGES))
        for column in self.query(StageColumn):
            column.styles.width = width

    # -- data --------------------------------------------------------------------

    def column(self, stage: str) -> StageColumn:
        return self.query_one(f"#column-{stage}", StageColumn)

    @property
    def focused_list(self) -> CardList | None:
        focused = self.focused
        return focused if isinstance(focused, CardList) else None

    @property
    def current_card(self) -> Card | None:
        card_list = self.focused_list
        return card_list.current if card_list else None

    def _read_cards(self) -> tuple[object, list[Card]]:
        app = self.app
        token = app.repo.change_token()
        now, tz = app.clock(), app.settings.tz
        return token, [build_card(a, now, app.settings, tz) for a in app.repo.list()]

    def reload(self, focus_app_id: int | None = None) -> None:
        """Read every application and redraw, keeping the user's place."""
        self._token, self.cards = self._read_cards()
        self.redraw(focus_app_id)

    @work(thread=True, exclusive=True, group="board-reload", exit_on_error=False)
    def reload_in_background(self) -> None:
        """Another session's change: read off the UI thread (big files take a while)."""
        token, cards = self._read_cards()
        self.app.call_from_thread(self._apply_background_reload, token, cards)

    def _apply_background_reload(self, token: object, cards: list[Card]) -> None:
        self._token, self.cards = token, cards
        self.redraw()

    def redraw(self, focus_app_id: int | None = None) -> None:
        current = self.current_card
        keep = focus_app_id if focus_app_id is not None else (current.app_id if current else None)
        columns = group_by_stage(self.cards, self.filter_text)
        target_stage = next((c.stage for c in self.cards if c.app_id == keep), None)
        for stage, cards in columns.items():
            self.column(stage).show(cards, keep)
        if focus_app_id is not None and target_stage is not None:
            self.column(target_stage).card_list.focus()
        self._update_has_card()

    def data_changed(self, app_id: int | None = None, saved: Application | None = None) -> None:
        write = self.app.repo.last_write
        if saved is not None and write is not None and write[0] == self._token:
            # Only our own save changed the file: rebuild that one card, not 10,000.
            app = self.app
            card = build_card(saved, app.clock(), app.settings, app.settings.tz)
            others = [c for c in self.cards if c.app_id != card.app_id]
            self.cards = others + [card]  # the columns sort by urgency anyway
            self._token = write[1]
            self.redraw(focus_app_id=app_id)
        else:
            self.reload(focus_app_id=app_id)

    def check_for_changes(self) -> None:
        """Show another session's changes (same file, another login)."""
        if self.app.screen is not self:
            return
        if self.app.repo.change_token() != self._token:
            self._token = self.app.repo.change_token()  # once per change, even while reading
            self.reload_in_background()

    def _update_has_card(self) -> None:
        self.has_card = self.current_card is not None

    @on(CardList.Highlighted)
    def _highlighted(self, event: CardList.Highlighted) -> None:
        self._update_has_card()

    def on_descendant_focus(self) -> None:
        self._update_has_card()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in CARD_ACTIONS and not self.has_card:
            return None  # shown dimmed: there is no card here
        if action == "move_prev" and self.current_card and self.current_card.stage == STAGES[0]:
            return None
        if action == "move_next" and self.current_card and self.current_card.stage == STAGES[-1]:
            return None
        if action == "clear_filter":
            return bool(self.filter_text) or self.query_one("#filter", Input).display
        return True

    # -- navigation ----------------------------------------------------------------

    def action_column(self, delta: int) -> None:
        card_list = self.focused_list
        stage = card_list.stage if card_list else STAGES[0]
        index = max(0, min(len(STAGES) - 1, STAGES.index(stage) + delta))
        target = self.column(STAGES[index]).card_list
        if card_list is not None and target is not card_list:
            target.cursor = min(card_list.cursor, max(len(target.cards) - 1, 0))
        target.focus()
        self.query_one("#board").scroll_to_widget(self.column(STAGES[index]), animate=False)

    def action_cursor(self, delta: int) -> None:
        if self.focused_list:
            self.focused_list.move_cursor(delta)

    def action_page(self, direction: int) -> None:
        if self.focused_list:
            self.focused_list.page(direction)

    # -- card actions ---------------------------------------------------------------

    def _move_card(self, delta: int) -> None:
        card = self.current_card
        if card is None:
            return
        index = STAGES.index(card.stage) + delta
        if not 0 <= index < len(STAGES):
            return
        stage = STAGES[index]
        if stage == "closed":
            self.action_close_card()  # closing always asks how it ended
            return
        now = self.app.clock()
        self.app.save_change(card.app_id, lambda a: a.move_to(stage, now), f"moved to {STAGE_TITLES[stage]}")

    def action_move_prev(self) -> None:
        self._move_card(-1)

    def action_move_next(self) -> None:
        self._move_card(1)

    def action_open(self) -> None:
        if self.current_card:
            self.app.open_detail(self.current_card.app_id)

    def action_edit(self) -> None:
        if self.current_card:
            self.app.open_form(self.current_card.app_id)

    def action_new(self) -> None:
        self.app.open_form(None)

    def action_compose(self) -> None:
        if self.current_card:
            self.app.open_composer(self.current_card.app_id)

    def action_agenda(self) -> None:
        self.app.open_agenda()

    def action_help(self) -> None:
        self.app.open_help()

    def action_respond(self) -> None:
        if self.current_card:
            self.app.record_response(self.current_card.app_id)

    def action_close_card(self) -> None:
        card = self.current_card
        if card is None:
            return

        def closed(outcome: str | None) -> None:
            if outcome:
                now = self.app.clock()
                self.app.save_change(card.app_id, lambda a: a.move_to("closed", now, outcome), f"closed ({outcome})")

        choices = [(o, o.replace("-", " ")) for o in OUTCOMES]
        self.app.push_screen(ChoiceDialog(f"Close {card.company}: how did it end?", choices), closed)

    def action_delete(self) -> None:
        card = self.current_card
        if card is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.delete_application(card.app_id)

        question = f"Delete {card.company} ({card.role}) and all its history? This cannot be undone."
        self.app.push_screen(ConfirmDialog(question, yes_label="Delete"), answered)

    # -- filter -----------------------------------------------------------------------

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        # Coalesce keystrokes: with thousands of cards a redraw per key would lag.
        self.filter_text = event.value
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self.redraw)

    @on(Input.Submitted, "#filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        self.redraw()
        self._focus_first_card()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        box.display = False
        self.filter_text = ""
        self.redraw()
        self._focus_first_card()

    def _focus_first_card(self) -> None:
        first = next((s for s in STAGES if self.column(s).card_list.cards), STAGES[0])
        self.column(first).card_list.focus()
