"""The focused card, the other columns' current cards and the urgencies stay
distinguishable without colour: NO_COLOR, the light theme (and 16 colours,
where reds and oranges merge) by shape and weight, not by hue alone."""

from __future__ import annotations

import pytest

from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.widgets.card_list import CURRENT_MARK, FOCUS_MARK


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
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.focused_list)
        board = app.screen
        focused = board.focused_list
        other = board.column("interview").card_list
        assert other is not focused and other.cards
        await pilot.pause()
        assert first_segment_text(focused.render_line(0)).startswith(FOCUS_MARK)
        assert first_segment_text(other.render_line(0)).startswith(CURRENT_MARK)
        assert not first_segment_text(other.render_line(5)).startswith((FOCUS_MARK, CURRENT_MARK))  # the next card
        # urgencies: overdue is underlined and bold, due today only bold
        styles = {}
        for card_list in (board.column(s).card_list for s in ("interview", "thanked")):
            for index, card in enumerate(card_list.cards):
                if card.urgency in ("overdue", "due-today") and index * 5 + 3 < 30:
                    strip = card_list.render_line(index * 5 + 3)
                    style = next(seg.style for seg in strip if seg.text.strip() and "due" in seg.text)
                    styles[card.urgency] = (bool(style.underline), bool(style.bold))
        assert styles["overdue"] == (True, True)
        assert styles["due-today"] == (False, True)
