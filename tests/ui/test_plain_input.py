"""The one-line fields (ui/widgets/plain_text.PlainInput): a key repaints
the field without laying out the whole screen again, and a text longer than
the field still scrolls with the cursor and is drawn where it is."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Input
from ui_steps import board_ready, type_in

from followup_tui.ui.screens.form import ApplicationFormScreen

LONG = "Northwind Traders and Partners International " * 3  # wider than the field at 80x24


async def new_form(pilot, wait_until, wait_for_screen) -> ApplicationFormScreen:
    await board_ready(pilot, wait_until)
    await pilot.press("n")
    form = await wait_for_screen(pilot, ApplicationFormScreen)
    await wait_until(pilot, form.ready_for_keys, what="the form ready")
    return form


def drawn(field: Input) -> str:
    return field.render_line(0).text


async def test_a_text_longer_than_the_field_scrolls_with_the_cursor(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await new_form(pilot, wait_until, wait_for_screen)
        field = form.query_one("#company", Input)
        await type_in(pilot, field, LONG)
        await pilot.press("X", "Y", "Z")  # key by key at the end of a long text
        await wait_until(pilot, lambda: field.value.endswith("XYZ"), what="XYZ typed")
        width = field.content_region.width
        assert len(field.value) > width
        await wait_until(pilot, lambda: "XYZ" in drawn(field), what="the end of the text in view")
        assert field.scroll_x > 0
        await pilot.press("home")  # and back to the start
        await wait_until(pilot, lambda: drawn(field).startswith("Northwind"), what="the start in view again")
        assert field.scroll_x == 0


async def test_typing_in_a_field_leaves_the_layout_of_the_form_alone(demo_db, make_app, wait_until, wait_for_screen,
                                                                     monkeypatch):
    """A key changes the text's width, which Textual would answer with a
    layout of the whole screen; the field is a fixed size, so a repaint is
    enough (in the form at 120x35 this halved the CPU time of a key)."""
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        form = await new_form(pilot, wait_until, wait_for_screen)
        field = form.query_one("#role", Input)
        await type_in(pilot, field, "Data")
        layouts: list[bool] = []
        widget_refresh = Widget.refresh

        def counting(self, *regions, repaint: bool = True, layout: bool = False, recompose: bool = False):
            if self is field:
                layouts.append(layout)  # what reaches Textual from the field
            return widget_refresh(self, *regions, repaint=repaint, layout=layout, recompose=recompose)

        monkeypatch.setattr(Input, "refresh", counting)
        await pilot.press(*" analyst")
        await wait_until(pilot, lambda: field.value == "Data analyst", what="the text typed")
        assert layouts and not any(layouts), layouts


async def test_keys_that_reach_a_field_before_its_focus_event_are_kept(demo_db, make_app, wait_until, wait_for_screen):
    """Tab moves the focus at once; Textual selects the field's text when the
    Focus event is handled, later. Keys typed in between (one write over SSH:
    "Acme<Tab>Lyon") were selected with it and the next key replaced them
    ("yon"). Only what the field held before the focus came is selected."""
    from textual.app import App
    from textual.widgets import Static

    from followup_tui.ui.widgets.plain_text import PlainInput

    class Two(App):
        def compose(self):
            yield Static("x")
            yield PlainInput("", id="empty")
            yield PlainInput("Hamburg", id="full")

    app = Two()
    async with app.run_test() as pilot:
        empty, full = app.query_one("#empty", PlainInput), app.query_one("#full", PlainInput)
        app.screen.set_focus(full)  # (the first field has the focus at start)
        await wait_until(pilot, lambda: full.has_focus and not empty.has_focus, what="the focus elsewhere")
        app.screen.set_focus(empty)
        empty.insert_text_at_cursor("L")  # before the Focus event is handled
        await wait_until(pilot, lambda: empty.has_focus, what="the focus event handled")
        await pilot.press("y", "o", "n")
        assert empty.value == "Lyon"
        app.screen.set_focus(full)
        await wait_until(pilot, lambda: full.has_focus, what="the focus event handled")
        await pilot.press("B", "e", "r", "n")
        assert full.value == "Bern"  # what it held is still selected on focus, and replaced
