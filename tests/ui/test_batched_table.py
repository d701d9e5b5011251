"""The agenda's table: the first rows at once, the rest a slice at a time,
keys answered in between, a newer fill replacing one under way."""

from __future__ import annotations

from textual.app import App, ComposeResult
from waiting import wait_until

from followup_tui.ui.widgets import batched_table
from followup_tui.ui.widgets.batched_table import BatchedTable


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield BatchedTable(cursor_type="row")

    def on_mount(self) -> None:
        self.rows_when_highlighted: list[int] = []
        self.query_one(BatchedTable).add_columns("n", "text")

    def on_data_table_row_highlighted(self, event: BatchedTable.RowHighlighted) -> None:
        self.rows_when_highlighted.append(event.data_table.row_count)


def rows(count: int, tag: str = "row") -> list[tuple[tuple, str]]:
    return [((str(n), f"{tag} {n}"), f"{tag}-{n}") for n in range(count)]


async def wait_filled(pilot, table: BatchedTable) -> None:
    await wait_until(pilot, lambda: not table.filling, what="every row in")


async def test_first_rows_at_once_then_all_of_them_in_order():
    app = TableApp()
    async with app.run_test() as pilot:
        table = app.query_one(BatchedTable)
        table.fill(rows(1000))
        assert table.row_count == batched_table.FIRST  # shown at once, not 1,000
        assert table.filling
        await wait_filled(pilot, table)
        assert table.row_count == 1000
        assert [table.get_row_at(i)[1] for i in (0, 500, 999)] == ["row 0", "row 500", "row 999"]


async def test_keys_are_answered_while_rows_are_still_coming():
    app = TableApp()
    async with app.run_test() as pilot:
        table = app.query_one(BatchedTable)
        table.focus()
        await wait_until(pilot, lambda: table.has_focus, what="the table focused")
        table.fill(rows(3000))
        await pilot.press("down", "down")
        assert table.cursor_row == 2
        # the cursor moved while rows were still coming: the keys did not wait for 3,000
        assert app.rows_when_highlighted and min(app.rows_when_highlighted[-2:]) < 3000


async def test_a_new_fill_replaces_one_under_way_and_can_reach_far_rows_at_once():
    app = TableApp()
    async with app.run_test() as pilot:
        table = app.query_one(BatchedTable)
        table.fill(rows(2000, "old"))
        table.fill(rows(700, "new"), at_least=600)
        assert table.row_count >= 601
        table.move_cursor(row=600)
        assert table.cursor_row == 600
        await wait_filled(pilot, table)
        assert table.row_count == 700
        assert all(table.get_row_at(i)[1].startswith("new") for i in range(700))
