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
