"""The agenda's table: only the rows on screen are made, the cursor stays in
view as it moves, enter and a click on the cursor row select it."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from waiting import wait_until

from followup_tui.ui.widgets.agenda_table import AgendaTable


class TableApp(App[None]):
    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count
        self.made: list[int] = []
        self.highlighted: list[int] = []
        self.selected: list[int] = []

    def compose(self) -> ComposeResult:
        yield AgendaTable()

    def on_mount(self) -> None:
        table = self.query_one(AgendaTable)
        table.set_columns(("n", "text"), (6, 20))
        table.set_rows(list(range(self.count)), make=self.make)
        table.focus()

    def make(self, row: int, index: int) -> tuple[Text, ...]:
        self.made.append(index)
        return Text(str(row)), Text(f"row {row}")

    def on_agenda_table_row_highlighted(self, event: AgendaTable.RowHighlighted) -> None:
        self.highlighted.append(event.cursor_row)

    def on_agenda_table_row_selected(self, event: AgendaTable.RowSelected) -> None:
        self.selected.append(event.cursor_row)


async def test_only_the_rows_on_screen_are_made():
    app = TableApp(10_000)
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(AgendaTable)
        await wait_until(pilot, lambda: table.has_focus and app.made, what="the first rows drawn")
        assert table.row_count == 10_000
        assert max(app.made) < 12 and len(set(app.made)) <= 11  # the header and 11 rows fit in 12 lines
        assert [c.plain for c in table.get_row_at(9_999)] == ["9999", "row 9999"]


async def test_the_cursor_stays_in_view_and_each_move_is_told():
    app = TableApp(1_000)
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(AgendaTable)
        await wait_until(pilot, lambda: table.has_focus, what="the table focused")
        await pilot.press("down", "down")
        await wait_until(pilot, lambda: app.highlighted[-1:] == [2], what="row 2 highlighted")
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: table.cursor_row == 12, what="a page down")
        assert table.scroll_y <= 12 < table.scroll_y + 11  # in view, under the header
        await pilot.press("end")
        await wait_until(pilot, lambda: table.cursor_row == 999 and table.scroll_y == 1_000 + 1 - 12, what="the last row in view")
        assert any(str(999) in table.render_line(y).text for y in range(1, 12))
        await pilot.press("home")
        await wait_until(pilot, lambda: table.cursor_row == 0 and table.scroll_y == 0, what="back at the top")


async def test_enter_and_a_click_on_the_cursor_row_select_it():
    app = TableApp(50)
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(AgendaTable)
        await wait_until(pilot, lambda: table.has_focus, what="the table focused")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.selected == [0], what="row 0 selected")
        await pilot.click(AgendaTable, offset=(3, 4))  # line 4: row 3 (the header is line 0)
        await wait_until(pilot, lambda: table.cursor_row == 3, what="the click moved the cursor")
        assert app.selected == [0]
        await pilot.click(AgendaTable, offset=(3, 4))
        await wait_until(pilot, lambda: app.selected == [0, 3], what="the second click selected it")
        await pilot.click(AgendaTable, offset=(3, 0))  # the header selects nothing
        assert table.cursor_row == 3 and app.selected == [0, 3]
