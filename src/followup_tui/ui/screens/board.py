"""Placeholder board: lists the applications (the kanban lands with issue 5)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option
from rich.text import Text


class BoardScreen(Screen[None]):
    BINDINGS = [Binding("q", "app.quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(id="applications")
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        for app in self.app.repo.list():
            options.add_option(Option(Text(f"{app.stage:<13} {app.company} | {app.role}"), id=str(app.id)))
        options.focus()
