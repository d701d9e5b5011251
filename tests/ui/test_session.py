"""The session: one owner of loaded data. Other sessions' writes, the clock,
store errors, rev-checked writes, undo / redo, by keyboard and on the file."""

from __future__ import annotations

import os
import threading

from datetime import timedelta
from pathlib import Path

from fixed import FIXED_NOW
from textual.widgets import Input

from followup_tui.domain.errors import StoreError
from followup_tui.domain.model import Application
from followup_tui.store import TinyDBRepository
from followup_tui.ui.screens.agenda import AgendaScreen
from followup_tui.ui.screens import board as board_screen
from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.screens.detail import DetailScreen
from followup_tui.ui.screens.dialogs import ConfirmDialog
from followup_tui.ui.screens.form import ApplicationFormScreen
from followup_tui.ui.data.session import DataChanged
from followup_tui.ui.widgets.board_column import Column
from ui_steps import messages


def stored(db: Path) -> dict[str, Application]:
    return {a.company: a for a in TinyDBRepository.open(db).list()}



def shown_text(static) -> str:
    """What a Static holding rich renderables says, as plain text."""
    from rich.console import Console

    console = Console(width=200, record=True, file=open("/dev/null", "w"))
    console.print(static.content)
    return console.export_text()


def current(app):
    focused = app.screen.focused_column  # the board's current column
    assert isinstance(focused, Column)
    return focused.current


async def board(pilot, wait_until):
    """The board, its focus on the first Applied card (the demo's first column holds a saved job)."""
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, BoardScreen) and pilot.app.screen.focused_column)
    if current(pilot.app) is not None and current(pilot.app).stage == "saved":
        await pilot.press("l")
        await wait_until(pilot, lambda: current(pilot.app).stage == "applied")
    return pilot.app.screen


# -- one owner: one read, shared next actions ------------------------------------


async def test_board_and_agenda_share_the_sessions_next_actions(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await board(pilot, wait_until)
        session = app.session
        for card in screen.cards:
            assert card.action is session.action(card.app_id)  # the same object: computed once
        await pilot.press("a")
        agenda = await wait_for_screen(pilot, AgendaScreen)
        for application, action in agenda.rows:
            assert action is session.action(application.id)


# -- the clock -------------------------------------------------------------------


async def test_due_words_and_urgency_follow_the_clock_while_the_app_stays_open(demo_db, make_app, wait_until):
    now = [FIXED_NOW]
    app = make_app(demo_db, clock=lambda: now[0], tick_interval=0.05)
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await board(pilot, wait_until)
        card = next(c for c in screen.cards if c.action and c.action.kind == "follow-up" and c.urgency == "upcoming")
        assert card.due_text.startswith("due")
        now[0] = card.action.due + timedelta(hours=2)  # the days pass; no key is pressed

        def fresh():
            return next(c for c in screen.cards if c.app_id == card.app_id)

        await wait_until(pilot, lambda: fresh().urgency == "overdue", what="the card to turn overdue")
        assert fresh().due_text == "overdue by 2 hours"
        column = screen.column(card.stage)
        assert column.cards[column.index_of(card.app_id)].due_text == "overdue by 2 hours"  # drawn from these


async def test_a_card_moved_while_the_clock_rebuilds_the_cards_stays_moved(demo_db, make_app, wait_until, monkeypatch):
    """The clock's new due words are built in a thread (thousands of cards);
    a move taken in meanwhile is never undone by cards built before it."""
    now = [FIXED_NOW]
    app = make_app(demo_db, clock=lambda: now[0], tick_interval=3600)
    release, builds = threading.Event(), []
    build_cards = board_screen.cards_by_id

    def held(session, entries):
        if threading.current_thread() is not threading.main_thread():
            builds.append(len(builds))
            release.wait(10)
        return build_cards(session, entries)

    monkeypatch.setattr(board_screen, "cards_by_id", held)
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await board(pilot, wait_until)
        card = current(app)
        due_before = {c.app_id: c.due_text for c in screen.cards}
        now[0] += timedelta(days=2)
        screen.post_message(DataChanged(None, "clock"))
        await wait_until(pilot, lambda: builds, what="the cards being rebuilt")
        await pilot.press("L")
        await wait_until(pilot, lambda: screen.column("interview").index_of(card.app_id) is not None)
        release.set()
        await wait_until(pilot, lambda: any(c.due_text != due_before[c.app_id] for c in screen.cards), what="new due words")
        assert screen.column("interview").index_of(card.app_id) is not None
        assert screen.column(card.stage).index_of(card.app_id) is None
        assert len(builds) == 2  # the first build came too late and was made again


# -- store errors become a message; the app keeps running ---------------------------


async def test_a_damaged_file_with_the_agenda_open_gives_a_message_naming_it(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db, watch_interval=0.05)
    async with app.run_test(size=(120, 35)) as pilot:
        await board(pilot, wait_until)
        await pilot.press("a")
        agenda = await wait_for_screen(pilot, AgendaScreen)
        rows = len(agenda.rows)
        # damaged by a crashed editor, say; put in place at once, so the watcher
        # (every 0.05 s) never reads the empty file write_text leaves on its way
        damaged = demo_db.with_name("damaged.partial")
        damaged.write_text('{"_meta": {"1": {"schema": 1')
        os.replace(damaged, demo_db)
        await wait_until(pilot, lambda: any(str(demo_db) in m for m in messages(app)), what="the message")
        assert app.screen is agenda and len(agenda.rows) == rows  # still running, last data shown
        note = next(n for n in app.notices if str(demo_db) in n.message)
        assert note.severity == "error" and "not valid JSON" in note.message
        await pilot.press("down", "escape")  # keys still work
        await wait_for_screen(pilot, BoardScreen)


async def test_a_vanished_file_gives_a_message_and_saving_says_why_not(demo_db, make_app, wait_until):
    app = make_app(demo_db, watch_interval=0.05)
    async with app.run_test(size=(120, 35)) as pilot:
        await board(pilot, wait_until)
        demo_db.unlink()
        await wait_until(pilot, lambda: any(str(demo_db) in m for m in messages(app)), what="the message")
        count = len(messages(app))
        await pilot.press("L")  # a save now fails with a message, not a traceback
        await wait_until(pilot, lambda: len(messages(app)) > count)
        assert isinstance(app.screen, BoardScreen)


async def test_a_screen_workers_store_error_becomes_a_message(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await board(pilot, wait_until)

        def failing() -> None:
            raise StoreError(f"{demo_db}: cannot read the data file (Permission denied)")

        screen.run_worker(failing, thread=True, exit_on_error=False)
        await wait_until(pilot, lambda: any("Permission denied" in m for m in messages(app)))
        assert isinstance(app.screen, BoardScreen)


# -- other sessions' changes show on every screen ---------------------------------------


async def test_the_detail_view_shows_another_sessions_change(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db, watch_interval=0.05)
    async with app.run_test(size=(120, 35)) as pilot:
        await board(pilot, wait_until)
        app_id = current(app).app_id
        await pilot.press("enter")
        detail = await wait_for_screen(pilot, DetailScreen)
        TinyDBRepository.open(demo_db).modify(app_id, lambda a: a.add_note("noted in the other login", FIXED_NOW))

        def shown() -> bool:
            return "noted in the other login" in shown_text(detail.query_one("#detail-body"))

        await wait_until(pilot, shown, what="the other session's note in the detail view")


async def test_a_move_from_a_stale_board_is_refused_not_applied_elsewhere(demo_db, make_app, wait_until):
    app = make_app(demo_db, watch_interval=3600)  # this board has not seen the other login's move
    async with app.run_test(size=(120, 35)) as pilot:
        await board(pilot, wait_until)
        card = current(app)
        assert card.stage == "applied"
        TinyDBRepository.open(demo_db).modify(card.app_id, lambda a: a.move_to("offer", FIXED_NOW))
        await pilot.press("L")  # meant: applied -> interview
        await wait_until(pilot, lambda: any("changed in another session" in m for m in messages(app)))
        assert stored(demo_db)[card.company].stage == "offer"  # not silently moved back to interview
        # the board now shows where the card really is
        await wait_until(
            pilot, lambda: any(c.app_id == card.app_id for c in app.screen.column("offer").cards)
        )


async def test_saving_over_the_latest_version_merges_only_the_fields_changed_here(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await board(pilot, wait_until)
        card = current(app)
        await pilot.press("e")
        form = await wait_for_screen(pilot, ApplicationFormScreen)
        role = form.query_one("#role", Input)
        role.focus()
        role.value = ""
        await pilot.press(*"Role from here")
        # the other login changes another field and the same field
        def other(a: Application) -> None:
            a.notes = "notes from there"
            a.company_domain = "there.example"

        TinyDBRepository.open(demo_db).modify(card.app_id, other)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: any("another session" in m for m in messages(app)))
        assert isinstance(app.screen, ApplicationFormScreen)
        await pilot.press("ctrl+s")  # save over the latest version
        await wait_for_screen(pilot, BoardScreen)
        record = stored(demo_db)[card.company]
        assert record.role == "Role from here"
        assert record.notes == "notes from there"  # not written back from the stale form
        assert record.company_domain == "there.example"


async def test_a_field_changed_on_both_sides_is_shown_at_the_field(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await board(pilot, wait_until)
        card = current(app)
        await pilot.press("e")
        form = await wait_for_screen(pilot, ApplicationFormScreen)
        form.query_one("#role", Input).value = "Mine"
        TinyDBRepository.open(demo_db).modify(card.app_id, lambda a: setattr(a, "role", "Theirs"))
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: any("another session" in m for m in messages(app)))
        await wait_until(pilot, lambda: "Theirs" in shown_text(form.query_one("#role-error")))
        assert stored(demo_db)[card.company].role == "Theirs"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, BoardScreen)
        assert stored(demo_db)[card.company].role == "Mine"


# -- undo / redo ---------------------------------------------------------------------------


async def test_u_undoes_a_move_and_U_redoes_it(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await board(pilot, wait_until)
        card = current(app)
        events = len(stored(demo_db)[card.company].events)
        await pilot.press("L")
        await wait_until(pilot, lambda: stored(demo_db)[card.company].stage == "interview")
        assert f"{card.company}: moved to Interview. u undoes it." in app.screen.status_text
        await pilot.press("u")
        await wait_until(pilot, lambda: stored(demo_db)[card.company].stage == "applied")
        assert len(stored(demo_db)[card.company].events) == events  # the move left no trace
        # said where the move was said, replacing it (not a toast over the status line)
        assert f"Undone: {card.company} moved to Interview. U redoes it." in app.screen.status_text
        assert not any("Undone" in m for m in messages(app))
        await wait_until(pilot, lambda: current(app).app_id == card.app_id and current(app).stage == "applied")
        await pilot.press("U")
        await wait_until(pilot, lambda: stored(demo_db)[card.company].stage == "interview")
        assert f"Redone: {card.company} moved to Interview. u undoes it." in app.screen.status_text


async def test_undo_goes_several_levels_deep(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await board(pilot, wait_until)
        card = current(app)
        for stage in ("interview", "thanked", "following-up"):
            await pilot.press("L")
            await wait_until(pilot, lambda stage=stage: stored(demo_db)[card.company].stage == stage)
        for stage in ("thanked", "interview", "applied"):
            await pilot.press("u")
            await wait_until(pilot, lambda stage=stage: stored(demo_db)[card.company].stage == stage)


async def test_a_deleted_application_comes_back_with_u(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await board(pilot, wait_until)
        card = current(app)
        before = stored(demo_db)[card.company]
        await pilot.press("d")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("y")
        await wait_until(pilot, lambda: card.company not in stored(demo_db))
        await wait_for_screen(pilot, BoardScreen)
        await pilot.press("u")
        await wait_until(pilot, lambda: card.company in stored(demo_db))
        back = stored(demo_db)[card.company]
        assert back.id == before.id  # the same id: CLI references and exported ids stay valid
        assert back.to_dict() | {"rev": 0, "updated": None} == before.to_dict() | {"rev": 0, "updated": None}
        await wait_until(pilot, lambda: any(c.company == card.company for c in app.screen.cards))
        # redo deletes it again, and undo brings it back once more, still under its id
        await pilot.press("U")
        await wait_until(pilot, lambda: card.company not in stored(demo_db))
        await pilot.press("u")
        await wait_until(pilot, lambda: card.company in stored(demo_db))
        assert stored(demo_db)[card.company].id == before.id


async def test_undo_never_overwrites_another_sessions_change(demo_db, make_app, wait_until):
    app = make_app(demo_db, watch_interval=3600)
    async with app.run_test(size=(120, 35)) as pilot:
        await board(pilot, wait_until)
        card = current(app)
        await pilot.press("L")
        await wait_until(pilot, lambda: stored(demo_db)[card.company].stage == "interview")
        TinyDBRepository.open(demo_db).modify(card.app_id, lambda a: a.add_note("their note", FIXED_NOW))
        await pilot.press("u")
        await wait_until(pilot, lambda: any(m.startswith("Not undone") for m in messages(app)))
        record = stored(demo_db)[card.company]
        assert record.stage == "interview" and any(e.text == "their note" for e in record.events)


# -- undo / redo as one mechanism, on the session and a real file --------------------------


def bare_session(db: Path):
    """The session without a running app, on a real file: its writer's queue
    runs on the test's thread (`settle`), and each write's outcome is kept."""
    from followup_tui.domain.settings import Settings
    from followup_tui.ui.data.session import Session

    def clock():
        return FIXED_NOW

    session = Session(TinyDBRepository.open(db, clock=clock), Settings(timezone="UTC"), clock, db)
    session.load_now()
    session.outcomes = []
    session.write_done = lambda done: session.outcomes.append(done.outcome)  # what the screens would be told
    return session


def settle(session) -> str:
    """Run the queued writes; the last one's outcome ("saved", "conflict", "refused")."""
    session.writer.queue.run_queued()
    return session.outcomes[-1]


def stages(db: Path, app_id: int) -> str:
    return TinyDBRepository.open(db).get(app_id).stage


def test_undo_and_redo_go_back_and_forth_through_every_level(demo_db):
    session = bare_session(demo_db)
    target = next(e.application for e in session.all() if e.application.stage == "applied")
    path = ["applied", "interview", "thanked", "following-up"]
    for stage in path[1:]:
        session.change(target.id, lambda a, stage=stage: a.move_to(stage, FIXED_NOW), f"moved to {stage}")
        assert settle(session) == "saved"
    for expected in reversed(path[:-1]):  # undo all three
        assert session.undo() and settle(session) == "saved"
        assert stages(demo_db, target.id) == expected
    assert not session.undo()  # nothing left
    for expected in path[1:]:  # redo all three
        assert session.redo() and settle(session) == "saved"
        assert stages(demo_db, target.id) == expected
    assert not session.redo()
    # and back again: every step is rev-checked against what is stored now
    assert session.undo() and session.undo() and settle(session) == "saved"
    assert stages(demo_db, target.id) == "interview"
    assert session.redo() and settle(session) == "saved"
    assert stages(demo_db, target.id) == "thanked"
    # a new change forgets what could be redone
    session.change(target.id, lambda a: a.add_note("new", FIXED_NOW), "note added")
    assert settle(session) == "saved"
    assert not session.redo()


def test_changes_queued_faster_than_the_disk_are_stored_in_order_and_undone_in_order(demo_db):
    """Nothing waits: each change is made from the one shown before it, saved later."""
    session = bare_session(demo_db)
    target = next(e.application for e in session.all() if e.application.stage == "applied")
    for stage in ("interview", "thanked", "following-up"):
        session.change(target.id, lambda a, stage=stage: a.move_to(stage, FIXED_NOW), f"moved to {stage}",
                       seen_rev=session.get(target.id).rev)
    assert session.undo() and session.undo()
    assert session.get(target.id).stage == "interview"  # shown at once
    assert settle(session) == "saved" and session.outcomes == ["saved"] * 5
    assert stages(demo_db, target.id) == "interview"


def test_undo_of_an_add_and_its_redo_keep_the_id(demo_db):
    session = bare_session(demo_db)
    session.add(Application(company="Brand New", role="Engineer"))
    assert settle(session) == "saved"
    added = session.find("Brand New")
    assert added is not None and added.id is not None
    assert session.undo() and settle(session) == "saved"
    assert "Brand New" not in stored(demo_db)
    assert session.redo() and settle(session) == "saved"
    back = stored(demo_db)["Brand New"]
    assert back.id == added.id
    assert session.get(added.id).company == "Brand New"
    assert session.undo() and settle(session) == "saved" and "Brand New" not in stored(demo_db)


def test_a_delete_undone_redone_and_undone_again_keeps_its_id_and_changes_before_it(demo_db):
    session = bare_session(demo_db)
    target = next(e.application for e in session.all() if e.application.stage == "applied")
    session.change(target.id, lambda a: a.add_note("kept note", FIXED_NOW), "note added")
    session.delete(target.id)
    assert settle(session) == "saved"
    assert session.undo() and session.redo() and session.undo() and settle(session) == "saved"
    back = TinyDBRepository.open(demo_db).get(target.id)
    assert back.company == target.company and any(e.text == "kept note" for e in back.events)
    assert session.undo() and settle(session) == "saved"  # the note, taken back from the restored record (rev-checked)
    assert not any(e.text == "kept note" for e in TinyDBRepository.open(demo_db).get(target.id).events)


def test_undo_of_a_delete_refuses_when_the_id_is_taken_again(demo_db):
    session = bare_session(demo_db)
    target = next(iter(session.all())).application
    session.delete(target.id)
    assert settle(session) == "saved"
    TinyDBRepository.open(demo_db).restore_deleted(target)  # another session brought it back meanwhile
    assert session.undo() and settle(session) == "conflict"
    assert TinyDBRepository.open(demo_db).get(target.id).rev == target.rev + 1  # theirs, not overwritten
