"""Textual's private API is touched in one module only, ui/textual_private/textual_compat.py
(STYLE 10b). These tests fail loudly when a Textual upgrade moves a private
name it relies on, or when the underlines it exists for stop rendering."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import TextArea
from textual.widgets.text_area import TextAreaTheme
from waiting import LET_GO_SECONDS, collected_then, wait_until

import followup_tui
from followup_tui.ui.textual_private import textual_compat
from followup_tui.ui.widgets.checked_text_area import CheckedTextArea

SOURCE = Path(followup_tui.__file__).parent


def private_textual_imports(path: Path) -> list[str]:
    """`textual._x` or `textual.y._z` modules imported by one source file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "textual" and any(part.startswith("_") for part in parts[1:]):
                found.append(f"{path.relative_to(SOURCE)}: {name}")
    return found


def test_no_module_imports_a_private_textual_module():
    offenders = [hit for path in sorted(SOURCE.rglob("*.py")) for hit in private_textual_imports(path)]
    assert offenders == []


class Probe(App):
    def compose(self) -> ComposeResult:
        yield TextArea("probe")


async def test_the_private_names_textual_compat_relies_on_still_exist():
    """If this fails after upgrading Textual: the names moved. Update
    ui/textual_private/textual_compat.py (and only it) to the new ones."""
    for cls, (methods, _attributes) in textual_compat.PRIVATE_NAMES.items():
        for name in methods:
            assert callable(getattr(cls, name, None)), f"Textual changed: {cls.__name__}.{name} is gone"
    async with Probe().run_test() as pilot:
        area = pilot.app.query_one(TextArea)
        for name in textual_compat.PRIVATE_NAMES[TextArea][1]:
            assert hasattr(area, name), f"Textual changed: TextArea.{name} is gone"
        assert isinstance(area._highlights, dict), "Textual changed: TextArea._highlights is no longer a map"
        assert isinstance(area._theme, TextAreaTheme), "Textual changed: TextArea._theme is no longer a theme"


class Underlined(App):
    def compose(self) -> ComposeResult:
        yield CheckedTextArea("Thank you. I am still waiting for news.", soft_wrap=True)


@pytest.mark.parametrize("status", ["warn", "fail"])
async def test_the_check_underlines_render_through_the_hook(status):
    """End to end: spans given to the body editor come out underlined, and an
    edit before them moves the underline with the text (the private hook runs
    on every edit)."""
    app = Underlined()
    async with app.run_test(size=(60, 5)) as pilot:
        area = app.query_one(CheckedTextArea)
        text = area.text
        start = text.index("still waiting")
        area.set_spans([(start, start + len("still waiting"), status)], len(text))

        def underlined() -> str:
            strip = area.render_line(0)
            return "".join(seg.text for seg in strip if seg.style is not None and seg.style.underline)

        await wait_until(pilot, lambda: underlined() == "still waiting", what="the span underlined")
        area.move_cursor((0, 0))
        area.focus()
        await pilot.press("X")
        assert area.text.startswith("XThank")
        assert underlined() == "still waiting"


class Titled(App):
    def compose(self) -> ComposeResult:
        from textual.widgets import Header

        yield Header()
        yield TextArea("probe")


async def test_the_apps_watchers_are_where_drop_watchers_of_removed_looks():
    """If this fails after upgrading Textual: the watchers of an object's
    reactives moved. Update textual_compat.drop_watchers_of_removed."""
    async with Titled().run_test() as pilot:
        watchers = getattr(pilot.app, textual_compat.WATCHERS)
        assert isinstance(watchers, dict), "Textual changed: an object's watchers are not in a map any more"
        watching = {name: [type(node).__name__ for node, _callback in entries] for name, entries in watchers.items()}
        assert "Header" in watching.get("title", []) and "TextArea" in watching.get("theme", [])
        header_and_area = list(pilot.app.query("Header, TextArea"))
        for widget in header_and_area:
            await widget.remove()
        assert textual_compat.drop_watchers_of_removed(pilot.app) >= 2
        assert all(node.is_attached for entries in watchers.values() for node, _callback in entries)


async def test_a_closed_form_or_composer_is_let_go(demo_db, make_app, wait_until, wait_for_screen):
    """Each closed form and composer left its Header and TextArea (with its
    text and render caches) behind, held by the App's watchers of its title
    and theme; now nothing of them stays once they are gone. (The
    application form is built once and kept: the settings form stands for
    every screen built at each opening.)"""
    import weakref

    from textual.widgets import Header

    from followup_tui.ui.screens.board import BoardScreen
    from followup_tui.ui.screens.settings import SettingsScreen

    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.session.loaded)
        closed: list[weakref.ref] = []  # this app's forms' own widgets (others in the process are not ours)
        for _ in range(3):
            await pilot.press("S")
            form = await wait_for_screen(pilot, SettingsScreen)
            await wait_until(pilot, lambda: form.query(Header) and form.query(TextArea), what="the form's widgets")
            closed += [weakref.ref(w) for w in form.query("Header, TextArea")]
            del form
            await pilot.press("escape")
            await wait_for_screen(pilot, BoardScreen)

        def left_behind() -> list[str]:
            return [type(w).__name__ for w in (ref() for ref in closed) if w is not None]

        await wait_until(pilot, collected_then(lambda: left_behind() == []), timeout=LET_GO_SECONDS,
                         what="the closed forms' widgets let go")


async def test_the_rendered_lines_of_a_closed_form_are_let_go(demo_db, make_app, wait_until, wait_for_screen):
    """Textual 8.2 keeps each widget's render cache (its rendered lines, each
    with caches of its own) in an lru_cache keyed on the cache
    (Textualize/textual#6665): up to 1,024 removed widgets' lines, 16 MB at
    10,000 applications. Once a form is closed, none of its stays (the
    settings form: the application form is kept, see test_form_reopened)."""
    import asyncio
    import weakref

    from followup_tui.ui.screens.board import BoardScreen
    from followup_tui.ui.screens.settings import SettingsScreen

    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.session.loaded)
        closed: list[weakref.ref] = []
        for _ in range(2):
            await pilot.press("S")
            form = await wait_for_screen(pilot, SettingsScreen)
            painted = asyncio.Event()
            form.call_after_refresh(painted.set)
            await asyncio.wait_for(painted.wait(), 10)
            closed += [weakref.ref(getattr(w, textual_compat.STYLES_CACHE)) for w in form.query("*")]
            del form
            await pilot.press("escape")
            await wait_for_screen(pilot, BoardScreen)

        assert len(closed) > 50
        await wait_until(pilot, collected_then(lambda: all(ref() is None for ref in closed)), timeout=LET_GO_SECONDS,
                         what="the closed forms' rendered lines let go")


def test_the_lru_cache_that_keeps_render_caches_is_where_textual_compat_looks():
    """If this fails after upgrading Textual: StylesCache.get_inner_outer
    moved or is no longer an lru_cache (perhaps #6665 was fixed: then
    forget_render_caches_of_removed can go)."""
    from textual.widget import Widget

    cache = getattr(Widget(), textual_compat.STYLES_CACHE)
    assert callable(getattr(getattr(type(cache), textual_compat.INNER_OUTER), "cache_clear", None))
    assert textual_compat.forget_render_caches_of_removed(Widget())


async def test_data_loaded_just_after_a_form_closed_is_not_frozen_with_the_forms_remains(
    demo_db, make_app, wait_until, wait_for_screen
):
    """The loader freezes what it loaded out of the collector's sweeps; a
    form closed just before still has its widgets held (until the app lets
    go of them, up to 7.5 s later): frozen then, they could never be
    collected. The freeze waits until the app has let go."""
    import weakref

    from followup_tui.ui.screens.board import BoardScreen
    from followup_tui.ui.screens.settings import SettingsScreen

    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.session.loaded)
        await pilot.press("S")
        form = await wait_for_screen(pilot, SettingsScreen)
        await wait_until(pilot, lambda: form.query(TextArea), what="the form's widgets")
        closed = [weakref.ref(w) for w in form.query("*")]
        del form
        await pilot.press("escape")
        await wait_for_screen(pilot, BoardScreen)
        app.session.loader._out_of_collections()  # as a load finishing now does
        await wait_until(pilot, collected_then(lambda: all(ref() is None for ref in closed)), timeout=LET_GO_SECONDS,
                         what="the closed form's widgets let go")
