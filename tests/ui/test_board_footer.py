"""The board's footer: one widget (widgets/footer_line.py) that shows the
screen's keys from its bindings as Textual's compact footer does, dims the
keys that do nothing now, runs a key when clicked, and is not redrawn when
only the card or column changes."""

from __future__ import annotations

from followup_tui.ui.screens.agenda import AgendaScreen
from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.widgets.footer_line import FooterLine

EVERY_KEY = "HL Move e Edit c Write n New a Agenda / Find x Close uU Undo sM Views q Quit"


def dim_keys(footer: FooterLine) -> set[str]:
    """The keys drawn dimmed."""
    dimmed, x = set(), 0
    strip = footer.render_line(0)
    for piece in footer.pieces:
        if piece.part == "key":
            cell = strip.crop(x, x + 1)
            if all(segment.style.dim for segment in cell):
                dimmed.add(piece.text)
        x += len(piece.text)
    return dimmed


async def test_the_footer_lists_the_board_keys_from_its_bindings_and_fits_80_columns(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.focused_column)
        footer = app.screen.query_one(FooterLine)
        assert footer.text.rstrip() == EVERY_KEY
        assert footer.render_line(0).text.rstrip() == EVERY_KEY and len(EVERY_KEY) <= 80
        shown = [b.binding for b in app.screen.active_bindings.values() if b.binding.show]
        assert all(f"{app.get_key_display(b)} {b.description}" in footer.text for b in shown if b.group is None)  # grouped: "HL Move"
        assert dim_keys(footer) == set()
        assert footer.region.bottom == 24  # the last line of the screen


async def test_keys_that_need_a_card_are_dimmed_on_an_empty_board(tmp_path, make_app, wait_until):
    app = make_app(tmp_path / "new.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.query_one("#board-empty").display)
        footer = app.screen.query_one(FooterLine)
        await wait_until(pilot, lambda: dim_keys(footer) == {"H", "L", "e", "c", "x"}, what="the card keys dimmed")
        # a click on a dimmed key does nothing; on another key, it runs it
        await pilot.click(FooterLine, offset=(footer.text.index("e Edit"), 0))
        await pilot.click(FooterLine, offset=(footer.text.index("a Agenda") + 3, 0))
        await wait_until(pilot, lambda: isinstance(app.screen, AgendaScreen), what="the agenda opened by a click")
        # clicks are handled in order: the dimmed key opened nothing before the agenda
        assert isinstance(app.screen_stack[-2], BoardScreen)


async def test_the_footer_is_redrawn_only_when_its_keys_change(demo_db, make_app, wait_until):
    app = make_app(demo_db, watch_interval=3600)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.focused_column)
        board = app.screen
        footer = board.query_one(FooterLine)
        signals = []
        board.bindings_updated_signal.subscribe(board, signals.append)  # after the footer's own subscription
        redrawn = []
        refresh = footer.refresh
        footer.refresh = lambda *a, **k: (redrawn.append(a), refresh(*a, **k))[1]
        await pilot.press("l", "L", "j", "h")  # the same keys apply from card to card
        board.refresh_bindings()
        await wait_until(pilot, lambda: signals, what="the screen's bindings signal")
        assert redrawn == []
        # Saved's only card deleted: no card here, so the card keys dim and the footer is redrawn
        await pilot.press("h", "d")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog")
        await pilot.press("y")
        await wait_until(pilot, lambda: "x" in dim_keys(footer), what="the card keys dimmed")
        assert redrawn
