"""Keys of the screen below, generated from its bindings (never written by hand)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def bindings_table(screen: Screen) -> Table:
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("action")
    rows: dict[str, list[str]] = {}
    order: list[str] = []
    # The screen's own keys and the app's; not the generic scrolling keys of
    # whatever widget has focus.
    for node in (screen, screen.app):
        for _key, binding in node._bindings:
            if not binding.description or binding.action in ("command_palette",):
                continue
            text = binding.tooltip or binding.description  # the longer wording, when there is one
            if text not in rows:
                rows[text] = []
                order.append(text)
            display = screen.app.get_key_display(binding)
            if display not in rows[text]:
                rows[text].append(display)
    for description in order:
        table.add_row(Text(" / ".join(rows[description])), Text(description))
    table.add_row(Text("ctrl+p"), Text("Command palette: every action by name"))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close help")]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.for_screen = screen

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Static(Text("Keys", style="bold"))
            yield Static(bindings_table(self.for_screen))
            yield Static(Text("escape closes this help", style="dim"))

    def action_dismiss(self) -> None:
        self.dismiss(None)
