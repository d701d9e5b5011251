"""The cyclic collector is held off while a screen is made and back on once
it is painted whole (ui/collector_pause.py); what someone else paused stays
theirs."""

from __future__ import annotations

import asyncio
import gc

from followup_tui.ui.collector_pause import CollectorPause
from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.screens.form import ApplicationFormScreen


def test_a_pause_resumes_only_what_it_paused():
    pause = CollectorPause()
    try:
        pause.pause()
        assert not gc.isenabled()
        pause.resume()
        assert gc.isenabled()
        gc.disable()  # someone else's pause
        pause.pause()
        pause.resume()
        assert not gc.isenabled()
    finally:
        gc.enable()


async def test_the_collector_is_off_while_a_form_is_made_and_on_once_it_is_painted(
    demo_db, make_app, wait_until, wait_for_screen
):
    app = make_app(demo_db)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.session.loaded)
            await wait_until(pilot, lambda: gc.isenabled(), what="the collector on at the board")
            app.open_form(None)
            assert not gc.isenabled()
            form = await wait_for_screen(pilot, ApplicationFormScreen)
            await wait_until(pilot, lambda: form.ready_for_keys() and gc.isenabled(), what="the collector back on")

            await pilot.press("escape")
            await wait_for_screen(pilot, BoardScreen)
            gc.disable()  # someone else's pause: opening a screen leaves it
            app.open_form(None)
            assert not app._collector_pause._paused  # nothing of it to resume, now or at the bound
            form = await wait_for_screen(pilot, ApplicationFormScreen)
            await wait_until(pilot, form.ready_for_keys, what="the form complete")
            painted = asyncio.Event()
            form.call_after_refresh(painted.set)
            await asyncio.wait_for(painted.wait(), 10)
            assert not gc.isenabled()
    finally:
        gc.enable()


async def test_an_app_closing_while_a_screen_opens_leaves_the_collector_on(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and gc.isenabled())
            app.open_form(None)
            assert not gc.isenabled()
            app.exit()
        assert gc.isenabled()
    finally:
        gc.enable()
