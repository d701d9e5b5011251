"""The message as plain text, for terminals that ignore OSC 52 copies."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from ..text.safe_text import printable


class MessageTextDialog(ModalScreen[None]):
    """Shows To, Subject and body; the body can be selected and copied here."""

    DEFAULT_CSS = """
    MessageTextDialog { align: center middle; }
    MessageTextDialog .message-text { height: 80%; }
    MessageTextDialog #message-text-body { height: 1fr; }
    """

    BINDINGS = [Binding("escape,enter", "close", "Close")]

    def __init__(self, to: str, subject: str, body: str, note: str) -> None:
        super().__init__()
        self.to = to
        self.subject = subject
        self.body = body
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog message-text"):
            yield Static(Text(self.note), classes="dialog-question")
            yield Static(Text(printable(f"To: {self.to}")))
            yield Static(Text(printable(f"Subject: {self.subject}")))
            yield TextArea(self.body, read_only=True, soft_wrap=True, id="message-text-body")
            yield Static("escape closes", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_close(self) -> None:
        self.dismiss(None)
