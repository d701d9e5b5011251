"""A stage move answers at once: the board shows it, the save runs in the
session's writer thread, and a save that fails says why and puts the card
back (issue 10: L to screen change within 50 ms at 1,000 applications)."""

from __future__ import annotations

import os
from pathlib import Path

from followup_tui.domain.model import Application
from followup_tui.store import TinyDBRepository
from followup_tui.ui.screens.board import BoardScreen
from ui_steps import messages


def stored(db: Path) -> dict[str, Application]:
    return {a.company: a for a in TinyDBRepository.open(db).list()}


def shown_in(board: BoardScreen, stage: str) -> list[str]:
    return [card.company for card in board.column(stage).cards]


def spy_on_the_view(board: BoardScreen) -> tuple[list[str], list]:
    """The columns whose cards are replaced, and the regions repainted, from now on."""
    view = board.view
    replaced: list[str] = []
    repainted: list = []
    set_cards, refresh = view.set_cards, view.refresh

    def spy_set_cards(stage, cards, keep_app_id=None, total=None):
        replaced.append(stage)
        return set_cards(stage, cards, keep_app_id, total)

    def spy_refresh(*regions, **kwargs):
        repainted.append(regions or "everything")
        return refresh(*regions, **kwargs)

    view.set_cards, view.refresh = spy_set_cards, spy_refresh
    return replaced, repainted


def columns_of(board: BoardScreen, regions) -> set[str]:
    """The columns that those repainted regions of the board touch."""
    view = board.view
    touched = set()
    for region in regions:
        assert region != "everything", "the whole board was repainted"
        for area in region:
            for stage in view.visible_stages():
                x = view.column_x(stage)
                if area.x < x + view.column_width and x < area.right:
                    touched.add(stage)
    return touched



async def on_applied(pilot, wait_until) -> BoardScreen:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, BoardScreen) and pilot.app.screen.focused_column)
    board = pilot.app.screen
    await pilot.press("l")
    await wait_until(pilot, lambda: board.focused_column.stage == "applied")
    return board


async def test_a_move_is_shown_then_saved_and_only_two_columns_redrawn(demo_db, make_app, wait_until, wait_for_stored):
    app = make_app(demo_db, watch_interval=3600)
    async with app.run_test(size=(120, 35)) as pilot:
        board = await on_applied(pilot, wait_until)
        company = board.focused_column.current.company
        redrawn, repainted = spy_on_the_view(board)
        await pilot.press("L")
        await wait_until(pilot, lambda: company in shown_in(board, "interview"))
        assert company not in shown_in(board, "applied")
        assert sorted(redrawn) == ["applied", "interview"]  # not all seven columns
        assert columns_of(board, repainted) == {"applied", "interview"}  # and only they are repainted
        assert board.focused_column.stage == "interview" and board.focused_column.current.company == company
        assert f"{company}: moved to Interview. u undoes it." in board.status_text
        await wait_for_stored(pilot, demo_db, lambda apps: apps[company].stage == "interview")
        await wait_until(pilot, lambda: not app.session.writing and app.session.watcher.in_step())
        record = stored(demo_db)[company]
        assert (record.events[-1].from_stage, record.events[-1].to_stage) == ("applied", "interview")
        assert board.focused_column.current.rev == record.rev  # the next move is checked against the stored revision
        assert not [n for n in app.notices if "moved" in n.message]  # the hint is a status line, not a toast


async def test_moves_made_faster_than_the_disk_are_saved_in_order_and_undone_in_order(
    demo_db, make_app, wait_until, wait_for_stored
):
    app = make_app(demo_db, watch_interval=3600)
    async with app.run_test(size=(120, 35)) as pilot:
        board = await on_applied(pilot, wait_until)
        company = board.focused_column.current.company
        await pilot.press("L", "L", "L")  # each from the card as just shown, before any save is done
        await wait_for_stored(pilot, demo_db, lambda apps: apps[company].stage == "following-up")
        moves = [(e.from_stage, e.to_stage) for e in stored(demo_db)[company].events if e.kind == "stage-change"]
        assert moves[-3:] == [("applied", "interview"), ("interview", "thanked"), ("thanked", "following-up")]
        assert not any("another session" in m for m in messages(app))
        await pilot.press("u", "u")
        await wait_for_stored(pilot, demo_db, lambda apps: apps[company].stage == "interview")
        await wait_until(pilot, lambda: company in shown_in(board, "interview"))


async def test_a_failed_save_says_why_and_puts_the_card_back(demo_db, make_app, wait_until):
    app = make_app(demo_db, watch_interval=3600)  # the watcher stays out: the save finds the damage
    async with app.run_test(size=(120, 35)) as pilot:
        board = await on_applied(pilot, wait_until)
        company = board.focused_column.current.company
        # the file is damaged behind the app's back (a crashed editor, say)
        damaged = demo_db.with_name("damaged.partial")
        damaged.write_text('{"_meta": {"1": {"schema": 1')
        os.replace(damaged, demo_db)
        await pilot.press("L")
        await wait_until(pilot, lambda: any(n.severity == "error" for n in app.notices), what="the error")
        note = next(n for n in app.notices if n.severity == "error")
        assert "moved to Interview" in note.title and str(demo_db) in note.message
        await wait_until(pilot, lambda: company in shown_in(board, "applied"), what="the card put back")
        assert company not in shown_in(board, "interview")
        assert "moved to Interview" not in board.status_text  # no "u undoes it" for what did not happen
        assert demo_db.read_text() == '{"_meta": {"1": {"schema": 1'  # never overwritten
        assert not app.session.history.undo_steps
        assert app.session.get(board.column("applied").cards[0].app_id).stage == "applied"


async def test_a_move_from_a_stale_card_is_refused_and_shows_where_it_is(demo_db, make_app, wait_until):
    app = make_app(demo_db, watch_interval=3600)  # this board has not seen the other login's move
    async with app.run_test(size=(120, 35)) as pilot:
        board = await on_applied(pilot, wait_until)
        card = board.focused_column.current
        TinyDBRepository.open(demo_db).modify(card.app_id, lambda a: a.move_to("offer", a.updated))
        await pilot.press("L")
        await wait_until(pilot, lambda: any("changed in another session" in m for m in messages(app)))
        await wait_until(pilot, lambda: card.company in shown_in(board, "offer"))
        assert card.company not in shown_in(board, "interview")
        assert stored(demo_db)[card.company].stage == "offer"


async def test_quitting_right_after_a_move_still_saves_it(demo_db, make_app, wait_until):
    app = make_app(demo_db, watch_interval=3600)
    async with app.run_test(size=(120, 35)) as pilot:
        board = await on_applied(pilot, wait_until)
        company = board.focused_column.current.company
        await pilot.press("L", "q")
    assert stored(demo_db)[company].stage == "interview"


async def test_the_cursor_key_redraws_no_other_column(demo_db, make_app, wait_until):
    app = make_app(demo_db, watch_interval=3600)
    async with app.run_test(size=(120, 35)) as pilot:
        board = await on_applied(pilot, wait_until)
        column = board.focused_column
        replaced, repainted = spy_on_the_view(board)
        await pilot.press("j")
        await wait_until(pilot, lambda: board.focused_column.cursor == 1)
        assert replaced == []
        assert columns_of(board, repainted) == {"applied"}
        # only the two cards whose edges changed: rows of cards 0 and 1 of Applied
        rows = {y for regions in repainted for area in regions for y in range(area.y, area.bottom)}
        assert rows == set(range(1, 1 + 2 * column.card_height))
