"""The header of every screen, with an icon every font has (Textual's ⭘ is
an empty box in many fonts and on a Linux console)."""

from __future__ import annotations

from textual.widgets import Header


class AppHeader(Header):
    def on_mount(self) -> None:
        self.icon = self.app.glyphs.header_icon
