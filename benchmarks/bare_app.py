"""The baseline: a bare Textual app showing one line, answering each key by
changing that line. What any Textual program costs on this machine."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("bare textual ready", id="line")

    def on_key(self, event) -> None:
        if event.key == "q":
            self.exit()
            return
        self.presses = getattr(self, "presses", 0) + 1
        self.query_one("#line", Static).update(f"bare textual ready, {self.presses} keys")


if __name__ == "__main__":
    BareApp().run()
