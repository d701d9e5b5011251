"""The board model is pure data: cards grouped by stage in the column's
order, the filter, counts and cursors, changed card by card."""

from __future__ import annotations

import subprocess
import sys

from fixed import FIXED_NOW

from followup_tui.domain.demo import demo_applications
from followup_tui.domain.settings import Settings
from followup_tui.ui.board.board_model import BoardModel
from followup_tui.ui.board.cards import build_card, card_sort_key

SETTINGS = Settings(timezone="UTC")


def cards():
    apps = demo_applications(FIXED_NOW)
    for number, app in enumerate(apps, 1):
        app.id = number
    return [build_card(app, FIXED_NOW, SETTINGS, SETTINGS.tz) for app in apps]


def test_cards_are_grouped_by_stage_in_order_and_counted():
    model = BoardModel()
    every = cards()
    model.load(every)
    assert model.total == model.match_count == len(every)
    for stage, column in model.columns.items():
        assert [c.stage for c in column.cards] == [stage] * len(column.cards)
        assert column.cards == sorted(column.cards, key=card_sort_key) and column.count == len(column.cards)


def test_the_filter_hides_what_does_not_match_and_names_the_first_match():
    model = BoardModel()
    model.load(cards())
    model.set_filter("  SABLE ")
    assert model.match_count == 1 and model.first_match().company == "Sable Systems"
    assert model.column("offer").count == 1 and model.column("applied").count == 0
    model.set_filter("")
    assert model.match_count == model.total


def test_a_changed_card_moves_between_columns_and_only_those_are_touched():
    model = BoardModel()
    every = cards()
    model.load(every)
    card = model.column("applied").cards[0]
    moved = build_card(next(a for a in demo_applications(FIXED_NOW) if a.company == card.company), FIXED_NOW, SETTINGS, SETTINGS.tz)
    from dataclasses import replace

    moved = replace(moved, app_id=card.app_id, stage="interview", sort_key=())
    version = model.version
    assert model.replace({card.app_id: moved}) == {"applied", "interview"}
    assert card.app_id in [c.app_id for c in model.column("interview").cards]
    assert model.column("interview").cards == sorted(model.column("interview").cards, key=card_sort_key)
    assert model.version > version
    assert model.replace({card.app_id: None}) == {"interview"} and model.card(card.app_id) is None


def test_a_cursor_stays_on_its_card_or_within_the_column():
    model = BoardModel()
    model.load(cards())
    column = model.column("interview")
    second = column.cards[1]
    column.keep_cursor_on(second.app_id)
    assert column.current is second
    column.keep_cursor_on(12345)  # gone: where it was, clamped
    assert column.cursor == 1
    column.cursor = 99
    column.keep_cursor_on(None)
    assert column.cursor == len(column.cards) - 1


def test_the_board_model_imports_no_textual():
    code = "import sys, followup_tui.ui.board.board_model; print(' '.join(sys.modules))"
    loaded = subprocess.run([sys.executable, "-B", "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert not [m for m in loaded if m.startswith(("textual", "tinydb", "followup_tui.store"))]


def test_a_column_orders_by_the_instant_due_whatever_its_offset_and_cards_carry_no_dict():
    """10:00+01:00 is before 09:30+00:00: an order by the written time (the
    old ISO text key) put it after. A card has no __dict__ (10,000 of them
    are kept at a time)."""
    from datetime import datetime, timedelta, timezone

    from followup_tui.domain.cadence import NextAction
    from followup_tui.ui.board.cards import order_key

    paris = timezone(timedelta(hours=1))
    earlier = NextAction("follow-up", datetime(2026, 12, 8, 10, 0, tzinfo=paris), "upcoming", "")
    later = NextAction("follow-up", datetime(2026, 12, 8, 9, 30, tzinfo=timezone.utc), "upcoming", "")
    assert sorted([order_key(later, "A"), order_key(earlier, "B")]) == [order_key(earlier, "B"), order_key(later, "A")]
    assert order_key(later, "A") < order_key(None, "A")  # no action: last
    card = build_card(demo_applications(FIXED_NOW)[0], FIXED_NOW, Settings(timezone="UTC"), FIXED_NOW.tzinfo)
    assert not hasattr(card, "__dict__")
