"""The list of draft checks beside (or below) the message body."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...domain.checks import CheckResult
from ..text.safe_text import printable

STATUS_ORDER = {"fail": 0, "warn": 1, "pass": 2}


def by_severity(results: list[CheckResult]) -> list[CheckResult]:
    """Failures first, then warnings, then passes; check order within each."""
    return sorted(results, key=lambda r: STATUS_ORDER[r.status])


class CheckPanel(VerticalScroll, can_focus=True):
    """Every check with its status and message; scrolls when it is long."""

    COMPONENT_CLASSES = {"check-panel--pass", "check-panel--warn", "check-panel--fail", "check-panel--message"}

    DEFAULT_CSS = """
    CheckPanel { scrollbar-size-vertical: 1; }
    CheckPanel > .check-panel--pass { color: $text-success; }
    CheckPanel > .check-panel--warn { color: $text-warning; text-style: bold; }
    CheckPanel > .check-panel--fail { color: $text-error; text-style: bold; }
    CheckPanel > .check-panel--message { color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.results: list[CheckResult] = []

    def compose(self) -> ComposeResult:
        yield Static(id="check-list")

    def show(self, results: list[CheckResult]) -> None:
        self.results = list(results)
        self.query_one("#check-list", Static).update(self.render_results())

    def _mark(self, status: str) -> str:
        glyphs = self.app.glyphs
        return {"pass": glyphs.passed, "warn": "!", "fail": glyphs.failed}[status]

    def render_results(self) -> Table:
        table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1, 0, 0), expand=True)
        table.add_column(width=1, no_wrap=True)
        table.add_column(ratio=1)
        muted = self.get_component_rich_style("check-panel--message")  # not partial: blends the alpha of $text-muted
        for result in by_severity(self.results):
            style = self.get_component_rich_style(f"check-panel--{result.status}", partial=True)
            line = Text()
            line.append(result.id, style=style)
            line.append(" ")
            # check messages quote the user's words: literal text, never markup
            line.append(printable(result.message), style=muted if result.status == "pass" else "")
            table.add_row(Text(self._mark(result.status), style=style), line)
        return table
