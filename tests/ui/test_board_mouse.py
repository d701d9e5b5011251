"""The board by mouse (it works without one too): a click on a card makes it
the current card, a click on a title makes that column current, the wheel
scrolls the column under it and no other; each column shows its own scroll
position in the gap right of its cards."""

from __future__ import annotations

from textual import events

from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.widgets.board_view import BoardView
from ui_steps import board_ready, drawn_card


def scroll_bar(board: BoardScreen, stage: str) -> list[bool]:
    """Row by row, whether the gap right of a column's cards shows the thumb
    (a background of its own) or nothing (the board's background)."""
    view = board.view
    x = view.column_x(stage) + view.box_width
    plain = view.rich_style.bgcolor
    return [list(view.render_line(y).crop(x, x + 1))[0].style.bgcolor != plain for y in range(1, view.size.height)]


def wheel(app, view: BoardView, x: int, y: int, down: bool = True) -> None:
    """A turn of the mouse wheel at (x, y) of the board, as the terminal reports it."""
    kind = events.MouseScrollDown if down else events.MouseScrollUp
    screen_x, screen_y = view.region.x + x, view.region.y + y
    app.post_message(kind(None, screen_x, screen_y, 0, 0, 0, False, False, False, screen_x=screen_x, screen_y=screen_y))


async def test_a_click_on_a_card_makes_it_current_and_on_a_title_its_column(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        board = await board_ready(pilot, wait_until)
        view, interview = board.view, board.column("interview")
        assert board.focused_column.stage == "saved"
        y = 1 + interview.row_of(1, "company") - interview.scroll
        await pilot.click(BoardView, offset=(view.column_x("interview") + 3, y))
        await wait_until(pilot, lambda: board.focused_column is interview and interview.cursor == 1, what="the clicked card")
        assert board.current_card is interview.cards[1]
        assert drawn_card(board, "interview", 1)[0].text.startswith("┏")  # drawn as the focused card
        assert drawn_card(board, "saved", 0)[0].text.startswith("┌")  # Saved's card: its column's current one
        # a click on a title: that column is current, its cursor where it was
        await pilot.click(BoardView, offset=(view.column_x("thanked") + 2, 0))
        await wait_until(pilot, lambda: board.focused_column.stage == "thanked", what="the clicked column")
        assert board.column("thanked").cursor == 0 and interview.cursor == 1
        # from the filter too: a click gives the board the focus back
        await pilot.press("slash")
        await wait_until(pilot, lambda: board.focused_column is None)
        await pilot.click(BoardView, offset=(view.column_x("applied") + 3, 1 + board.column("applied").row_of(1, "role")))
        await wait_until(pilot, lambda: board.focused_column is board.column("applied"), what="the board focused again")
        assert board.column("applied").cursor == 1


async def test_the_wheel_scrolls_the_column_under_it_and_its_scroll_bar_follows(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await board_ready(pilot, wait_until)
        view = board.view
        interview, thanked = board.column("interview"), board.column("thanked")
        assert interview.rows > view.content_height  # more cards than fit: a scroll bar
        assert not any(scroll_bar(board, "applied"))  # all fit: none
        bar = scroll_bar(board, "interview")
        assert bar[0] and not bar[-1]  # at the top
        assert any(scroll_bar(board, "thanked"))
        wheel(app, view, view.column_x("interview") + 4, 5)
        await wait_until(pilot, lambda: interview.scroll > 0, what="Interview scrolled")
        wheel(app, view, view.column_x("interview") + 4, 5)
        wheel(app, view, view.column_x("interview") + 4, 5)
        await wait_until(pilot, lambda: interview.scroll == interview.rows - view.content_height, what="at the bottom")
        bar = scroll_bar(board, "interview")
        assert bar[-1] and not bar[0]  # the thumb went down with it
        assert thanked.scroll == 0 and scroll_bar(board, "thanked")[0]  # the next column did not move
        assert interview.cursor == 0 and board.focused_column.stage == "saved"  # nor did the cursor or the focus
        # what the column shows: its cards' lines from the scroll position on
        x = view.column_x("interview")
        drawn = [view.render_line(y).crop(x, x + view.box_width).text for y in range(1, view.size.height)]
        lines = [strip.text for index in range(len(interview.cards)) for strip in view.card_strips("interview", index)]
        assert drawn == lines[interview.scroll : interview.scroll + view.content_height]
        bottom = interview.scroll
        wheel(app, view, view.column_x("interview") + 4, 5, down=False)
        await wait_until(pilot, lambda: interview.scroll == max(bottom - 3, 0), what="back up")
        # a key puts the cursor's card back in view
        wheel(app, view, view.column_x("interview") + 4, 5)
        await wait_until(pilot, lambda: interview.scroll == bottom, what="down again")
        await pilot.press("l", "l")
        await wait_until(pilot, lambda: board.focused_column is interview and interview.scroll == 0, what="the cursor's card in view")
