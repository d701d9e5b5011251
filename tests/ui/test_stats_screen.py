"""The statistics screen: `s` on the board (footer and command palette too),
the hand-built search's figures beside their charts at 80x24, redrawn when
another session changes the file, escape back to the board."""

from __future__ import annotations

import time

import pytest
from domain.stats_data import NOW, hand_built
from textual.widgets import Sparkline, Static

from followup_tui.domain.model import Application
from followup_tui.domain.settings import Settings
from followup_tui.factory import build_app
from followup_tui.store import TinyDBRepository
from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.screens.stats import StatsScreen
from waiting import wait_until




def shown(screen, selector: str) -> str:
    """The text a Static shows, as the user reads it."""
    return str(screen.query_one(selector, Static).render())


@pytest.fixture
def hand_db(tmp_path):
    db = tmp_path / "data" / "followup.json"
    TinyDBRepository.open(db, clock=lambda: NOW).add_many(hand_built())
    return db


def make(db, **kwargs):
    return build_app(db, Settings(timezone="UTC"), lambda: NOW, backups=False, **kwargs)


async def test_s_on_the_board_shows_the_hand_worked_figures_at_80x24(hand_db):
    app = make(hand_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen))
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, StatsScreen))
        screen = app.screen
        funnel = shown(screen, "#funnel")
        assert "Applied         6 " in funnel and "Interviewed     3 " in funnel and "Got an offer    1 " in funnel
        assert "Saved first     0 " in funnel and "really reached" in funnel
        figures = shown(screen, "#figures")
        assert "Response rate       67%  4 of 6" in figures
        assert "First answer     5 days  median" in figures
        assert "To a decision  7.5 days  median" in figures
        assert "Thank-yous          50%  ≤24 h, 1/2" in figures
        assert "Follow-ups            3  1.0 each" in figures
        assert "  answered          33%  1 of 3" in figures
        assert "rejected        2 " in shown(screen, "#outcomes")
        assert screen.query_one("#week-sparkline", Sparkline).data == [1, 0, 3, 0, 1, 1]
        assert "from 2026-10-19: most 3, now 1" in shown(screen, "#week-caption")
        channels = shown(screen, "#by-channel")
        assert "email             3    3    2     1" in channels  # apps, answered, interviewed, offers
        assert "portal            1    0    0     0" in channels
        assert "linkedin          2    2    2     1" in shown(screen, "#by-source")
        # every block fits the 80-column screen: nothing cut off on the right
        for block in screen.query(".stats-block"):
            assert block.region.right <= 80
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen))


async def test_statistics_are_in_the_footer_and_the_command_palette(hand_db):
    app = make(hand_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen))
        board = app.screen
        keys = {b.binding.key: b.binding for b in board.active_bindings.values()}
        assert keys["s"].action == "stats" and keys["s"].show
        titles = [command.title for command in app.get_system_commands(board)]
        assert "Stats" in titles


async def test_another_sessions_change_redraws_the_figures(hand_db):
    app = make(hand_db, watch_interval=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen))
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, StatsScreen))
        assert app.screen.stats.applications == 6
        other = TinyDBRepository.open(hand_db, clock=lambda: NOW)  # a second login on the same file
        other.add(Application(company="Gamma", created=NOW))
        await wait_until(pilot, lambda: app.screen.stats.applications == 7)
        assert "Applied         7 " in shown(app.screen, "#funnel")


@pytest.mark.parametrize("size", [(80, 24), (120, 35)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_stats_snapshot(snap_compare, demo_db, make_app, size):
    app = make_app(demo_db)

    async def run_before(pilot) -> None:
        app.sub_title = "demo.json"
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen))
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, StatsScreen))

    assert snap_compare(app, terminal_size=size, run_before=run_before)
