"""User text on screen: shown literally, never as markup or control sequences."""

from __future__ import annotations

from rich.text import Text

from ...domain.textsafe import printable, printable_body, printable_multiline

__all__ = ["literal", "printable", "printable_body", "printable_multiline"]


def literal(value: str, style: str = "") -> Text:
    """A Rich Text that shows `value` exactly as typed (no markup)."""
    return Text(printable(value), style=style, no_wrap=True, overflow="ellipsis", end="")
