"""Nothing slow before the first paint (issue 10): a big file is read and
checked in the session's worker after the board is painted, the board is shown
at once from the preview the last session left, keys typed meanwhile wait and
then act in order, the backup is still made (after the paint), the checks warm
up after it, and a big bad file still stops the app with exit 2 and its reason.

"Big" is a file over session.BACKGROUND_LOAD_BYTES; the tests lower that bound
so the demo data counts as big. The load is held back, where a test needs to
look at the board before it, by holding the data file's lock (what another
`followup` writing at that moment does)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock
from fixed import FIXED_NOW
from ui_steps import burst
from textual.widgets import Input

from followup_tui.domain.model import STAGES, Application
from followup_tui.store import TinyDBRepository
from followup_tui.store.backups import list_backups
from followup_tui.store.preview import preview_path
from followup_tui.ui.data import session as session_module
from followup_tui.ui.data.board_preview import PREVIEW_CARDS
from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.screens.form import ApplicationFormScreen


@pytest.fixture
def big(monkeypatch):
    """Every file counts as big: loaded after the first paint, in the worker."""
    monkeypatch.setattr(session_module, "BACKGROUND_LOAD_BYTES", 0)


def held_back(db: Path) -> FileLock:
    """Hold the data file's lock: the session's worker cannot read it yet.
    Release it before the app stops (a worker waiting on it holds up the exit)."""
    lock = FileLock(str(db) + ".lock")
    lock.acquire()
    return lock


def titles(board: BoardScreen) -> dict[str, int]:
    """Each column's count, as its title shows it (tests/ui/test_board_look.py: never cut)."""
    return {s: board.column(s).count for s in STAGES if board.column(s).title.endswith(f"({board.column(s).count:,})")}


def expected_titles(db: Path) -> dict[str, int]:
    apps = TinyDBRepository.open(db).list()
    return {s: sum(1 for a in apps if a.stage == s) for s in STAGES}


def shown_ids(board: BoardScreen) -> set[int]:
    return {c.app_id for s in STAGES for c in board.column(s).cards}


async def quit_app(pilot, app, wait_until) -> None:
    await pilot.press("q")
    await wait_until(pilot, lambda: not app.is_running, what="the app to quit")


@pytest.fixture
def many_db(tmp_path: Path) -> Path:
    """More cards in a column than the preview keeps (PREVIEW_CARDS)."""
    db = tmp_path / "data" / "followup.json"
    apps = [Application(company=f"Company {n:03d}", role="Engineer", stage="applied") for n in range(PREVIEW_CARDS + 15)]
    apps += [Application(company=f"Saved {n}", stage="saved") for n in range(3)]
    TinyDBRepository.open(db, clock=lambda: FIXED_NOW).add_many(apps)
    return db


async def test_a_big_file_loads_after_the_first_paint_and_the_board_ends_up_with_every_card(
    big, many_db, make_app, wait_until
):
    app = make_app(many_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: app.session.loaded, what="the background load")
        board = app.screen
        assert isinstance(board, BoardScreen)
        await wait_until(pilot, lambda: titles(board) == expected_titles(many_db), what="every column's count")
        assert shown_ids(board) == {a.id for a in TinyDBRepository.open(many_db).list()}
        assert not board.query_one("#board").loading
        assert app.startup_steps[0] == "board painted"  # the load came after it


async def test_the_next_start_paints_the_last_board_at_once_then_the_loaded_one(big, many_db, make_app, wait_until):
    first = make_app(many_db)
    async with first.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: first.session.loaded, what="the first load")
        await quit_app(pilot, first, wait_until)
    assert preview_path(many_db).exists()  # left by the first session, private like the data
    assert preview_path(many_db).stat().st_mode & 0o077 == 0

    expected, every_id = expected_titles(many_db), {a.id for a in TinyDBRepository.open(many_db).list()}
    app = make_app(many_db)
    lock = held_back(many_db)
    try:
        async with app.run_test(size=(120, 35)) as pilot:
            board = app.screen
            await wait_until(pilot, lambda: "board painted" in app.startup_steps, what="the first paint")
            # still reading the file: yet the board shows its first cards and every count
            assert not app.session.loaded
            assert titles(board) == expected
            preview_cards = board.column("applied").cards
            assert len(preview_cards) == PREVIEW_CARDS and preview_cards[0].company == "Company 000"
            assert not board.query_one("#board").loading
            # nothing outside the board sees the partial data
            assert list(app.session.all()) == [] and app.session.get(preview_cards[0].app_id) is None
            lock.release()
            await wait_until(pilot, lambda: app.session.loaded, what="the load once the lock is free")
            await wait_until(pilot, lambda: len(board.column("applied").cards) == PREVIEW_CARDS + 15)
            assert titles(board) == expected and shown_ids(board) == every_id
    finally:
        if lock.is_locked:
            lock.release()


async def test_after_another_process_wrote_the_last_board_is_painted_at_once_then_the_files(big, many_db, make_app, wait_until):
    """Issue 19: first paint as fast after a CLI `log` or a second session's
    write as on any start: the last board, said to be so, until the file is read."""
    first = make_app(many_db)
    async with first.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: first.session.loaded)
        await quit_app(pilot, first, wait_until)
    TinyDBRepository.open(many_db).add(Application(company="Written elsewhere", stage="saved"))
    app = make_app(many_db)
    lock = held_back(many_db)
    try:
        async with app.run_test(size=(120, 35)) as pilot:
            board = app.screen
            await wait_until(pilot, lambda: "board painted" in app.startup_steps)
            assert not app.session.loaded and app.session.provisional is not None
            assert not board.query_one("#board").loading and shown_ids(board)
            assert "The board as last seen" in board.status_text
            assert not any(c.company == "Written elsewhere" for c in board.column("saved").cards)
            lock.release()
            await wait_until(pilot, lambda: app.session.loaded)
            await wait_until(pilot, lambda: titles(board) == expected_titles(many_db))
            assert any(c.company == "Written elsewhere" for c in board.column("saved").cards)
            assert "The board as last seen" not in board.status_text
    finally:
        if lock.is_locked:
            lock.release()


async def test_keys_typed_before_a_big_file_is_loaded_act_in_order_once_it_is(big, many_db, make_app, wait_until, wait_for_screen):
    app = make_app(many_db)
    lock = held_back(many_db)
    try:
        async with app.run_test(size=(120, 35)) as pilot:
            await wait_until(pilot, lambda: "board painted" in app.startup_steps)
            await pilot.press("n", *"Acme")  # typed while the file is still being read
            assert isinstance(app.screen, BoardScreen) and not app.session.loaded
            lock.release()
            form = await wait_for_screen(pilot, ApplicationFormScreen)
            await wait_until(
                pilot, lambda: [i.value for i in form.query("#company").results(Input)] == ["Acme"], what="the typed text"
            )
            assert app.session.loaded
    finally:
        if lock.is_locked:
            lock.release()


async def test_the_backup_is_still_made_at_start_after_the_first_paint(demo_db, make_app, wait_until):
    app = make_app(demo_db, backups=True)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: list_backups(demo_db), what="the start-up backup")
        await wait_until(pilot, lambda: "backup" in app.startup_steps)
        assert app.startup_steps.index("board painted") < app.startup_steps.index("backup")
        assert list_backups(demo_db)[0].applications == len(TinyDBRepository.open(demo_db).list())


async def test_a_backup_that_cannot_be_written_is_a_notice(demo_db, make_app, wait_until):
    folder = demo_db.with_name(demo_db.name + ".backups")
    folder.write_text("a file where the backups folder goes")
    app = make_app(demo_db, backups=True)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(
            pilot, lambda: any(n.title == "No backup" for n in app.notices), what="the no-backup notice"
        )
        assert app.is_running and isinstance(app.screen, BoardScreen)


async def test_the_checks_warm_up_only_after_the_first_paint(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: "warm-up" in app.startup_steps, what="the warm-up")
        assert app.startup_steps.index("board painted") < app.startup_steps.index("warm-up")


async def test_the_garbage_collector_is_paused_from_start_until_the_first_paint(demo_db, make_app, wait_until):
    """launch() pauses it before importing Textual (cli/tui.py); the app turns
    it back on, with what start-up made frozen out of its sweeps, once painted."""
    import gc

    from followup_tui.cli.tui import pause_collector

    back_on = pause_collector()
    try:
        assert not gc.isenabled()
        app = make_app(demo_db)
        app.after_first_paint(back_on)
        async with app.run_test(size=(120, 35)) as pilot:
            await wait_until(pilot, lambda: "board painted" in app.startup_steps, what="the first paint")
            assert gc.isenabled() and gc.get_freeze_count() > 0
            back_on()  # once only
            assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()


async def test_a_big_bad_file_stops_the_app_with_exit_2_naming_the_problem(big, tmp_path, make_app, wait_until):
    db = tmp_path / "data" / "followup.json"
    TinyDBRepository.open(db).add(Application(company="Acme"))
    document = json.loads(db.read_text())
    document["applications"]["1"]["stage"] = "limbo"
    bad = json.dumps(document).encode()
    db.write_bytes(bad)
    app = make_app(db)  # not refused here: a big file is checked after the first paint
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: not app.is_running, what="the app to stop")
    assert app.return_code == 2
    assert app.refused is not None and str(db) in app.refused and "stage" in app.refused
    assert db.read_bytes() == bad  # never overwritten


STARTUP_IMPORTS = """
import sys
from pathlib import Path
from followup_tui.cli import main
from followup_tui.cli.context import CliContext
from followup_tui.cli.tui import launch
from followup_tui.factory import build_app
db = Path(sys.argv[1])
settings = CliContext(config_option=sys.argv[2]).settings
assert settings.user_name == "Sam Rivera", settings  # the file was read and checked
build_app(db, settings, config_file=Path(sys.argv[2]), first_run=True)
print(" ".join(sorted(sys.modules)))
"""

NOT_BEFORE_THE_BOARD = (
    "pydantic", "email_validator", "idna", "tomlkit", "tomli_w",
    "arrow", "holidays", "smtplib", "email.message", "textstat", "charset_normalizer",
    "followup_tui.domain.checks", "followup_tui.domain.message_plan",
    "followup_tui.messaging.eml", "followup_tui.ui.screens.composer", "followup_tui.ui.screens.form",
    "followup_tui.ui.screens.agenda", "followup_tui.cli.records",
)


def test_starting_the_tui_imports_only_what_the_board_needs(demo_db, tmp_path):
    config = tmp_path / "config.toml"  # a set-up user's file: checked at start, by no heavy schema library
    config.write_text('timezone = "Europe/Paris"\nuser_name = "Sam Rivera"\nsignature = "Sam"\n'
                      '[cadence]\nthank_you_hours = 12\n[checks]\nmax_words = 180\n'
                      '[smtp]\nhost = "mail.example.com"\nport = 2525\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", STARTUP_IMPORTS, str(demo_db), str(config)],
                          capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    assert "textual" in loaded and "followup_tui.ui.screens.board" in loaded
    assert sorted(m for m in NOT_BEFORE_THE_BOARD if m in loaded) == []


FIRST_PAINT_IMPORTS = """
import sys
from followup_tui.cli import start, tui  # start: the path `followup` takes
from followup_tui.ui import terminal_watch
from followup_tui.ui.data import session
from followup_tui.ui.app import FollowupApp

session.BACKGROUND_LOAD_BYTES = 0  # the test's small file counts as big: painted from its preview
at_paint = {}

def first_paint(self):
    if not at_paint:
        at_paint["modules"] = sorted(sys.modules)
        at_paint["preview"] = self.session.provisional is not None
        self.exit()

FollowupApp._painted = first_paint
# no terminal here: the app runs headless, and nothing watches for the terminal going away
run = FollowupApp.run
FollowupApp.run = lambda self: run(self, headless=True, size=(120, 35))
tui.has_terminal = lambda: True
terminal_watch.TerminalWatch.start = lambda self: None
try:
    start(["--db", sys.argv[1], "--config", sys.argv[2]])
except SystemExit as exit:
    assert exit.code == 0, exit.code
print("preview" if at_paint["preview"] else "no preview")
print(" ".join(at_paint["modules"]))
"""

HEAVY_BEFORE_THE_FIRST_PAINT = (
    *NOT_BEFORE_THE_BOARD, "dateutil", "filelock", "zipfile", "hashlib", "importlib.metadata",
    "textual.widgets.text_area", "followup_tui.store.backups", "followup_tui.ui.screens.settings",
    "followup_tui.domain.demo",
    # what the first frame does not use: the command line's parser, the file's
    # reading and writing (a big file is read after the paint), the dialogs,
    # the write path, the mailbox's state
    "click", "tinydb", "followup_tui.store.data_file", "followup_tui.store.file_layout",
    "followup_tui.domain.record_check", "followup_tui.ui.screens.dialogs", "followup_tui.ui.data.writer",
    "followup_tui.ui.data.undo", "followup_tui.ui.data.write_queue", "followup_tui.domain.mail_state",
)


@pytest.mark.parametrize("country", ["", "US"])
def test_a_set_up_user_sees_a_big_board_before_anything_heavy_is_imported(demo_db, tmp_path, country):
    """The real start of a big file, to its first paint, in a process of its
    own: a config file with values (read and checked), the board painted from
    the preview the last session left; no settings schema library, no email
    validation, no lock library, no backups, no TextArea, no other screen; with
    a country, its holidays as the last session kept them, not the package."""
    from followup_tui.domain.settings import Settings
    from followup_tui.store.preview import BoardPreviewFile
    from followup_tui.ui.data.board_preview import preview_of
    from followup_tui.ui.data.session import entry_for

    repo = TinyDBRepository.open(demo_db)
    entries = [entry_for(a, FIXED_NOW, Settings(timezone="UTC")) for a in repo.list()]
    BoardPreviewFile(demo_db).save(repo.change_token(), preview_of(entries))
    config = tmp_path / "config.toml"
    config.write_text(f'timezone = "UTC"\nuser_name = "Sam Rivera"\ncountry = "{country}"\n'
                      '[cadence]\nthank_you_hours = 12\n[smtp]\nhost = "mail.example.com"\nport = 2525\n',
                      encoding="utf-8")
    if country:
        from followup_tui.settings.holiday_cache import keep_holidays

        keep_holidays(country, FIXED_NOW.date())  # what the last session's start-up left
    done = subprocess.run([sys.executable, "-c", FIRST_PAINT_IMPORTS, str(demo_db), str(config)],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "FOLLOWUP_NOW": FIXED_NOW.isoformat()})
    assert done.returncode == 0, done.stderr
    shown, modules = done.stdout.splitlines()[-2:]
    assert shown == "preview"  # the board was painted from it, before the file was read
    loaded = set(modules.split())
    assert "followup_tui.ui.screens.board" in loaded and "followup_tui.settings.schema" in loaded
    assert sorted(m for m in HEAVY_BEFORE_THE_FIRST_PAINT if m in loaded) == []


async def test_the_holidays_of_the_users_country_are_kept_after_the_first_paint(demo_db, wait_until):
    from followup_tui.domain.settings import Settings
    from followup_tui.factory import build_app
    from followup_tui.settings.holiday_cache import cache_path, use_kept_holidays

    app = build_app(demo_db, Settings(timezone="UTC", user_name="Sam", country="US"), lambda: FIXED_NOW, backups=False)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: "checked" in app.startup_steps, what="the start-up work")
        assert app.startup_steps.index("board painted") < app.startup_steps.index("checked")
    assert cache_path().exists() and use_kept_holidays("US")


def test_every_subcommand_is_found_by_its_name():
    from click.testing import CliRunner

    from followup_tui.cli import SUBCOMMANDS, main

    for name in SUBCOMMANDS:
        command = main.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None and command.name == name, name
    listed = CliRunner().invoke(main, ["--help"]).stdout
    assert all(f"  {name} " in listed for name in SUBCOMMANDS if not main.get_command(None, name).hidden)  # type: ignore[arg-type,union-attr]


# -- keys typed while a screen opens -------------------------------------------------------


async def test_keys_typed_while_the_form_opens_reach_its_first_field(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.focused_column)
        app.open_form(None)
        burst(app, "Acme Robotics")  # before the form is even composed
        form = await wait_for_screen(pilot, ApplicationFormScreen)
        await wait_until(
            pilot, lambda: [i.value for i in form.query("#company").results(Input)] == ["Acme Robotics"],
            what="every typed key in Company",
        )


async def test_keys_typed_while_the_composer_opens_reach_the_body(demo_db, make_app, wait_until, wait_for_screen):
    from textual.widgets import TextArea

    from followup_tui.ui.screens.composer import ComposerScreen

    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.focused_column)
        app.open_composer(app.session.find("Orbital Robotics").id)
        burst(app, "Hello there")
        composer = await wait_for_screen(pilot, ComposerScreen)
        await wait_until(
            pilot, lambda: [t.text for t in composer.query("#body").results(TextArea)][:1] != []
            and composer.query_one("#body", TextArea).text.startswith("Hello there"),
            what="every typed key in the body",
        )


async def test_saving_at_once_from_a_form_still_opening_keeps_every_contact_and_round(
    demo_db, make_app, wait_until, wait_for_screen
):
    """The form mounts its contacts and rounds just after its first paint;
    a save typed before that waits for them, so nothing is dropped."""
    from textual import events

    before = {a.company: a for a in TinyDBRepository.open(demo_db).list()}["Orbital Robotics"]
    assert len(before.contacts) == 2 and before.interviews
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.focused_column)
        app.open_form(before.id)
        burst(app, " Ltd")
        app.post_message(events.Key("ctrl+s", None).set_sender(app))
        await wait_until(pilot, lambda: TinyDBRepository.open(demo_db).get(before.id).rev > before.rev, what="the save")
    after = TinyDBRepository.open(demo_db).get(before.id)
    assert "Ltd" in after.company
    assert after.contacts == before.contacts and after.interviews == before.interviews
