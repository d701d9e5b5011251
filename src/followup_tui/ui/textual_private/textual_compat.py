"""The one module that touches Textual's private API (STYLE 10b).

Textual (pinned exactly in pyproject.toml) has no public way to:

- add highlights of our own to a TextArea: its highlight map is filled only
  from a tree-sitter query, and the composer underlines what the checks found;
- replace the App's report of an unhandled exception, which prints local
  variables (the user's applications) and exits 0 (see crash_guard.py);
- let go of a removed widget that watched the App's reactives: Textual keeps
  every `watch(app, name, ...)` (each Header watches the title, each
  TextArea the theme) until that reactive next changes, and with it the
  widget, its text and its render caches (`drop_watchers_of_removed`);
- let go of a removed widget's rendered lines: Textual 8.2 caches
  `StylesCache.get_inner_outer` with an `lru_cache` on the method, which
  keeps up to 1,024 widgets' render caches alive after they are gone
  (Textualize/textual#6665, open; `forget_render_caches_of_removed`).

Everything else comes from public modules (`textual.widgets.text_area` exports
`Edit`, `EditResult`, `TextAreaTheme`). `PRIVATE_NAMES` lists every private
name used here; tests/ui/test_textual_compat.py checks each one and that the
underlines still render, so an upgrade that moves one fails loudly there
instead of quietly dropping the underlines or the crash log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App

if TYPE_CHECKING:
    from textual.widget import Widget
    from textual.widgets.text_area import Highlight, TextAreaTheme

CRASH_HOOK = "_handle_exception"  # App method that reports an unhandled exception
WATCHERS = "__watchers"  # where Textual keeps the watchers of an object's reactives: {name: [(node, callback)]}
STYLES_CACHE = "_styles_cache"  # a widget's cache of its rendered lines (a StylesCache)
INNER_OUTER = "get_inner_outer"  # StylesCache's method cached by an lru_cache keyed on the instance


def drop_watchers_of_removed(obj: object) -> int:
    """Forget the watchers of `obj`'s reactives whose widget has been removed
    (Textual would keep them, and the widgets, until each reactive changes:
    at 10,000 applications each form or composer closed kept 0.7-1.5 MB).
    Returns how many were dropped."""
    watchers = getattr(obj, WATCHERS, None)
    if not isinstance(watchers, dict):
        return 0
    dropped = 0
    for entries in watchers.values():
        kept = [(node, callback) for node, callback in entries if getattr(node, "is_attached", True)]
        dropped += len(entries) - len(kept)
        entries[:] = kept
    return dropped


def forget_render_caches_of_removed(widget: Widget) -> bool:
    """Clear the `lru_cache` that keeps removed widgets' render caches (each
    with its rendered lines and their own caches) alive: at 10,000
    applications each form opened and closed left about 1.1 MB of lines
    behind, 16 MB before the cache was full. Its entries are two Styles per
    widget, made again at the next paint. False if Textual moved it."""
    cache = getattr(widget, STYLES_CACHE, None)
    clear = getattr(getattr(type(cache), INNER_OUTER, None), "cache_clear", None)
    if clear is None:
        return False
    clear()
    return True


def __getattr__(name: str) -> Any:
    # The crash hook is installed before the board's first paint; the
    # TextArea parts (TextArea with its document and syntax modules, ~10 ms)
    # are made when the composer or a test first asks for them.
    if name in ("HighlightableTextArea", "PRIVATE_NAMES"):
        _make_text_area_parts()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _make_text_area_parts() -> None:
    from textual.widgets import TextArea

    class HighlightableTextArea(TextArea):
        """A TextArea whose subclasses add highlights of their own: override
        `add_highlights`, call `rebuild_highlights()` when they change, and map
        the highlight names to styles in `active_theme.syntax_styles`."""

        def _build_highlight_map(self) -> None:
            # Textual calls this after every edit and load; it clears the map
            # (and the line cache) and fills it from the syntax tree.
            super()._build_highlight_map()
            self.add_highlights(self._highlights)

        def add_highlights(self, highlights: dict[int, list[Highlight]]) -> None:
            """Append `(start byte, end byte, highlight name)` to `highlights[row]`."""

        def rebuild_highlights(self) -> None:
            self._build_highlight_map()

        @property
        def active_theme(self) -> TextAreaTheme | None:
            """The theme object the TextArea draws with now (a copy of the one registered)."""
            return getattr(self, "_theme", None)

    HighlightableTextArea.__qualname__ = "HighlightableTextArea"
    # class -> (private methods called or overridden, private instance attributes read)
    private_names: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {
        TextArea: (("_build_highlight_map",), ("_highlights", "_theme")),
        App: ((CRASH_HOOK,), ()),
    }
    globals().update(HighlightableTextArea=HighlightableTextArea, PRIVATE_NAMES=private_names)
