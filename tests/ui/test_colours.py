"""The focused card, the other columns' current cards and the urgencies stay
distinguishable without colour: NO_COLOR, the light theme (and 16 colours,
where reds and oranges merge) by shape and weight, not by hue alone."""

from __future__ import annotations

import pytest

from followup_tui.ui.glyphs import UNICODE

from ui_steps import board_ready, card_in_view, drawn_card

EDGES = UNICODE.edges  # the edges a terminal emulator shows


def first_segment_text(strip) -> str:
    return "".join(segment.text for segment in strip)


@pytest.mark.parametrize("setting", ["no-color", "light"])
async def test_focus_current_and_urgency_differ_without_colour(demo_db, make_app, wait_until, monkeypatch, setting):
    if setting == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        if setting == "light":
            app.theme = "textual-light"
        board = await board_ready(pilot, wait_until)
        focused = board.focused_column
        other = board.column("interview")
        assert other is not focused and other.cards
        # edges: heavy for the focused card, square for another column's
        # current card, rounded for the rest
        assert first_segment_text(drawn_card(board, focused.stage, 0)[0]).startswith(EDGES["focus"][0])
        assert first_segment_text(drawn_card(board, "interview", 0)[0]).startswith(EDGES["current"][0])
        assert first_segment_text(drawn_card(board, "interview", 1)[0]).startswith(EDGES["card"][0])  # the next card
        # urgencies: overdue is underlined and bold, due today only bold
        styles = {}
        for stage in ("interview", "thanked"):
            for index, card in enumerate(board.column(stage).cards):
                if card.urgency in ("overdue", "due-today") and card_in_view(board, stage, index):
                    strips = drawn_card(board, stage, index)
                    style = next(seg.style for strip in strips for seg in strip if "due" in seg.text)
                    styles[card.urgency] = (bool(style.underline), bool(style.bold))
        assert styles["overdue"] == (True, True)
        assert styles["due-today"] == (False, True)
