"""The writer: one queue, one write path, one result message per write.

A write that fails (the file lock held by another process longer than the
lock timeout, a damaged file) says why, puts the card back and leaves every
key working; the UI thread never waits for the disk, not even for undo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fixed import FIXED_NOW

from followup_tui.domain.model import Application
from followup_tui.store import TinyDBRepository, locked_file
from followup_tui.ui.data.messages import WriteDone
from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.screens.form import ApplicationFormScreen
from ui_steps import board_ready

HOLD_THE_LOCK = """
import sys, time
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
sys.stdin.readline()  # until the test lets go
"""


def stored(db: Path) -> dict[str, Application]:
    return {a.company: a for a in TinyDBRepository.open(db).list()}


@pytest.fixture
def lock_held_elsewhere(demo_db, monkeypatch):
    """Another process holds the data file's lock until `release()`; the
    app's lock timeout is 2 s (10 s in use)."""
    monkeypatch.setattr(locked_file, "LOCK_TIMEOUT_SECONDS", 2.0)
    holders = []

    def hold():
        holder = subprocess.Popen(
            [sys.executable, "-B", "-c", HOLD_THE_LOCK, f"{demo_db}.lock"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        assert holder.stdout.readline().strip() == "held"
        holders.append(holder)
        return holder

    yield hold
    for holder in holders:
        holder.stdin.close()
        holder.wait(timeout=10)


def release(holder) -> None:
    holder.stdin.close()
    holder.wait(timeout=10)


def errors(app) -> list:
    return [n for n in app.notices if n.severity == "error"]


async def on_applied(pilot, wait_until) -> BoardScreen:
    board = await board_ready(pilot, wait_until)
    await pilot.press("l")
    await wait_until(pilot, lambda: board.focused_column.stage == "applied")
    return board


async def test_after_a_move_refused_by_a_held_lock_every_key_still_works(
    demo_db, make_app, wait_until, wait_for_screen, lock_held_elsewhere
):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        board = await on_applied(pilot, wait_until)
        company = board.focused_column.current.company
        holder = lock_held_elsewhere()
        await pilot.press("L")
        await wait_until(pilot, lambda: company in [c.company for c in board.column("interview").cards])
        # the UI thread does not wait for the save: keys act while the lock is held
        await pilot.press("u")  # shown at once, queued behind the move
        await wait_until(pilot, lambda: company in [c.company for c in board.column("applied").cards], what="u")
        await pilot.press("h")
        await wait_until(pilot, lambda: board.focused_column.stage == "saved", what="h acted at once")
        assert not errors(app), "a key waited for the disk: the save had failed before u and h acted"
        assert holder.poll() is None
        await wait_until(pilot, lambda: errors(app), timeout=15, what="the lock timeout")
        assert "another followup session has held the lock" in errors(app)[0].message
        release(holder)
        # the card is back where it is stored, and every key works
        await wait_until(pilot, lambda: company in [c.company for c in board.column("applied").cards], what="put back")
        assert stored(demo_db)[company].stage == "applied"
        assert app.focused is board.view and board.has_card
        board.select(stored(demo_db)[company].id)
        await pilot.press("l")
        await wait_until(pilot, lambda: board.focused_column.stage == "interview", what="l")
        await pilot.press("h")
        await wait_until(pilot, lambda: board.focused_column.stage == "applied", what="h")
        await wait_until(pilot, lambda: board.current_card is not None and board.current_card.company == company)
        await pilot.press("j", "k")
        await wait_until(pilot, lambda: board.current_card.company == company, what="j, k")
        await pilot.press("L")
        await wait_until(pilot, lambda: stored(demo_db)[company].stage == "interview", what="L saved this time")
        await pilot.press("e")
        await wait_for_screen(pilot, ApplicationFormScreen)


async def test_every_write_ends_in_one_result_message(demo_db, make_app, wait_until):
    """saved, conflict (with the version stored now), refused (with why)."""
    app = make_app(demo_db, watch_interval=3600)
    async with app.run_test(size=(120, 35)) as pilot:
        board = await on_applied(pilot, wait_until)
        results: list[WriteDone] = []
        original = board.post_message

        def heard(message):
            if isinstance(message, WriteDone):
                results.append(message)
            return original(message)

        board.post_message = heard
        card = board.focused_column.current
        writer = app.session.writer
        from followup_tui.ui.data.writer import Change, mutation

        saved = writer.submit(Change(card.app_id, mutation(lambda a: a.add_note("one", FIXED_NOW)), card.rev, "note added"))
        await wait_until(pilot, lambda: [r.ticket for r in results] == [saved])
        assert results[0].outcome == "saved" and results[0].application.rev == card.rev + 1
        TinyDBRepository.open(demo_db).modify(card.app_id, lambda a: a.add_note("theirs", FIXED_NOW))
        stale = writer.submit(Change(card.app_id, mutation(lambda a: a.add_note("two", FIXED_NOW)), card.rev + 1, "note added"))
        await wait_until(pilot, lambda: len(results) == 2)
        assert results[1].ticket == stale and results[1].outcome == "conflict"
        assert any(e.text == "theirs" for e in results[1].application.events)  # the latest, to show or merge
        gone = writer.submit(Change(999, mutation(lambda a: None), None, "note added"))
        await wait_until(pilot, lambda: len(results) == 3)
        assert results[2].ticket == gone and results[2].outcome == "refused" and "no longer exists" in results[2].why
