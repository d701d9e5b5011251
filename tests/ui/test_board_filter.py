"""A filter you can watch (issue 23): as you type after `/`, only matching
cards show, the board moves to the first match (even a column off screen),
the status line counts the matches; help, README and behaviour agree on
what is searched."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from followup_tui.domain.model import STAGES
from followup_tui.ui.board.board_model import FILTER_FIELDS
from followup_tui.ui.screens.board import BoardScreen
from ui_steps import board_ready

README = Path(__file__).resolve().parents[2] / "README.md"


def shown(board: BoardScreen) -> list[str]:
    return [card.company for stage in STAGES for card in board.column(stage).cards]


async def typed(pilot, wait_until, board: BoardScreen, text: str) -> None:
    await pilot.press(*text)
    await wait_until(pilot, lambda: board.shown_filter == board.filter_text == text, what=f"the filter {text!r} shown")


async def test_typing_shows_the_matches_moves_to_the_first_and_counts_them(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:  # four columns of seven on screen
        board = await board_ready(pilot, wait_until)
        total = len(board.cards)
        await pilot.press("slash")
        await typed(pilot, wait_until, board, "sabl")  # typing, no enter: Sable Systems is an offer, off screen
        assert shown(board) == ["Sable Systems"]
        view = board.view
        assert view.current_stage == "offer" and view.column_x("offer") is not None  # moved to, on screen
        assert view.current_column.current.company == "Sable Systems"
        assert f"1 of {total} match “sabl”" in board.status_text
        assert isinstance(app.focused, Input)  # the typing goes on in the filter box
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"o")
        await wait_until(pilot, lambda: board.shown_filter == "o", what="a wider filter")
        matches = shown(board)
        assert len(matches) > 1 and f"{len(matches)} of {total} match “o”" in board.status_text
        first = next(stage for stage in STAGES if board.column(stage).cards)
        assert view.current_stage == first and view.current_column.cursor == 0
        await pilot.press("enter")  # to the first match, keys on the board again
        await wait_until(pilot, lambda: board.focused_column is not None and board.focused_column.stage == first)
        await pilot.press("escape")
        await wait_until(pilot, lambda: board.shown_filter == "" and len(shown(board)) == total, what="cleared")
        assert "match" not in board.status_text


async def test_a_filter_that_matches_nothing_says_so(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await board_ready(pilot, wait_until)
        await pilot.press("slash")
        await typed(pilot, wait_until, board, "zzz[/]")
        assert shown(board) == [] and "0 of" in board.status_text
        assert board.query_one("#board-empty").display


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("harbor", "Harbor Bank"),  # company
        ("staff software", "Sable Systems"),  # role
        ("jon park", "Orbital Robotics"),  # a contact's name
        ("dev@sablesystems", "Sable Systems"),  # a contact's address
        ("kotlin", "Aurora Maps"),  # a tag
        ("lisbon", "Aurora Maps"),  # the location
        ("company site", "Aurora Maps"),  # the source
    ],
)
async def test_it_searches_what_help_and_readme_say(demo_db, make_app, wait_until, text, company):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        board = await board_ready(pilot, wait_until)
        await pilot.press("slash")
        await typed(pilot, wait_until, board, text)
        assert company in shown(board)


def test_help_and_readme_name_the_same_fields():
    binding = next(b for b in BoardScreen.BINDINGS if b.action == "filter")
    assert FILTER_FIELDS in binding.tooltip  # `?` and ctrl+p show the tooltip
    readme_row = next(line for line in README.read_text().splitlines() if line.startswith("| `/` |"))
    assert FILTER_FIELDS in readme_row
