"""The composer by keyboard: open, check live, save, copy, export, $EDITOR,
send by SMTP (a real server on 127.0.0.1), mark as sent, and the guards."""

from __future__ import annotations

import email
import stat
import threading
from dataclasses import replace
from email.policy import default
from pathlib import Path

import pytest
from fixed import FIXED_NOW
from smtp_fixture import free_port, smtp_server
from textual import events
from ui_steps import board_ready, messages
from waiting import wait_for_workers
from waiting import wait_until as wait_for

from followup_tui.domain.checks import CHECK_IDS
from followup_tui.domain.model import Draft
from followup_tui.domain.settings import Settings, SmtpSettings
from followup_tui.domain.templates import fill_template
from followup_tui.store import TinyDBRepository
from followup_tui.ui.screens import composer as composer_screen
from followup_tui.ui.screens.agenda import AgendaScreen
from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.screens.composer import ComposerScreen
from followup_tui.ui.screens.dialogs import ChoiceDialog, ConfirmDialog, TextDialog
from followup_tui.ui.screens.message_text import MessageTextDialog
from followup_tui.ui.widgets.check_panel import CheckPanel

SETTINGS = Settings(timezone="UTC", user_name="Sam Rivera")
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def stored(db: Path, company: str):
    return next(a for a in TinyDBRepository.open(db).list() if a.company == company)



async def open_card(app, pilot, company: str) -> None:
    """Walk the board to `company` by keyboard, then press c."""
    board = app.screen
    assert isinstance(board, BoardScreen)
    target = next(c for c in board.cards if c.company == company)
    while board.focused_column.stage != target.stage:
        await pilot.press("l")
    column = board.focused_column
    while column.current.company != company:
        await pilot.press("j")
    notices = len(app.notices)
    await pilot.press("c")
    await until_composer_or_notice(app, pilot, notices)


async def open_directly(app, pilot, company: str) -> None:
    """Open the composer as the board does, without walking there (faster)."""
    notices = len(app.notices)
    app.open_composer(app.session.find(company).id)
    await until_composer_or_notice(app, pilot, notices)


async def started(pilot) -> None:
    await board_ready(pilot, wait_for)


async def until_screen(pilot, kind):
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, kind) and pilot.app.screen.is_mounted, what=kind.__name__)
    return pilot.app.screen


def composer_ready(app) -> bool:
    screen = app.screen
    return isinstance(screen, ComposerScreen) and screen.is_mounted and not screen.checks_pending


async def until_composer(pilot) -> None:
    await wait_for(pilot, lambda: composer_ready(pilot.app), what="the composer with its checks")


async def until_composer_or_notice(app, pilot, notices: int) -> None:
    """The composer open (checks run), or a notice saying why not."""
    await wait_for(pilot, lambda: composer_ready(app) or len(app.notices) > notices, what="the composer or a refusal")


async def until_stored(pilot, db: Path, company: str, condition) -> None:
    """Until the file on disk (read by a second repository) holds it."""
    await wait_for(pilot, lambda: condition(stored(db, company)), what=f"{company} stored")


def composer(app) -> ComposerScreen:
    assert isinstance(app.screen, ComposerScreen), type(app.screen).__name__
    return app.screen


def statuses(screen: ComposerScreen) -> dict[str, str]:
    return {r.id: r.status for r in screen.query_one(CheckPanel).results}




async def type_at_start(pilot, text: str) -> None:
    pilot.app.screen.query_one("#body").move_cursor((0, 0))
    await pilot.press(*text)
    await wait_for(pilot, lambda: not pilot.app.screen.checks_pending, what="the checks after typing")


# -- opening and the live checks ------------------------------------------------


async def test_c_on_a_card_opens_the_next_message_prefilled_from_the_template(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        await open_card(app, pilot, "Orbital Robotics")
        screen = composer(app)
        expected = fill_template("thank-you", stored(demo_db, "Orbital Robotics"), SETTINGS, FIXED_NOW)
        assert screen.kind == "thank-you"
        assert screen.fields.to == "maya.lindqvist@orbital-robotics.com"
        assert screen.fields.subject == expected.subject
        assert screen.fields.body == expected.body
        assert app.screen.focused.id == "body"
        assert set(statuses(screen)) == set(CHECK_IDS)
        assert set(statuses(screen).values()) == {"pass"}
        verdict = str(screen.query_one("#composer-verdict").render())
        words = len(expected.body.split("Best regards,")[0].split())  # the sign-off is not counted
        assert f"{words} words" in verdict and "ready to send" in verdict
        title = str(screen.query_one("#composer-title").render())
        assert "Thank-you note · Orbital Robotics" in title and "due in" in title


async def test_enter_in_the_agenda_opens_the_composer_for_that_row(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        await pilot.press("a")
        await until_screen(pilot, AgendaScreen)
        await wait_for(pilot, lambda: app.screen.rows, what='agenda rows')
        agenda = app.screen
        row = next(i for i, (a, _) in enumerate(agenda.rows) if a.company == "Quarry & Co")
        for _ in range(row):
            await pilot.press("down")
        await pilot.press("enter")
        await until_composer(pilot)
        screen = composer(app)
        assert (screen.kind, screen.plan.number) == ("follow-up", 2)
        assert screen.fields.to == "sam.whitfield@quarryco.com"
        assert "Follow-up 2 · Quarry & Co" in str(screen.query_one("#composer-title").render())
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is agenda, what='the agenda again')
        assert app.screen is agenda


async def test_typing_updates_the_checks_after_a_short_pause_and_underlines_the_words(demo_db, make_app, monkeypatch):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        await open_directly(app, pilot, "Orbital Robotics")
        screen = composer(app)
        assert statuses(screen)["tone"] == "pass"
        await type_at_start(pilot, "I am still waiting. ")
        await wait_for(pilot, lambda: statuses(screen)["tone"] == "warn")
        body = screen.fields.body
        [(start, end, status)] = screen.query_one("#body").spans
        assert status == "warn" and "still waiting" in body[start:end]
        assert "worth a look: tone" in str(screen.query_one("#composer-verdict").render())
        assert "unsaved" in str(screen.query_one("#composer-verdict").render())
        # the highlight follows the text when typing before it, before the checks run again
        # ("XI am still waiting" is no longer that phrase: they would clear it)
        monkeypatch.setattr(composer_screen, "CHECK_DELAY", 60)
        screen.query_one("#body").move_cursor((0, 0))
        await pilot.press("X")
        assert screen.checks_pending
        [(start2, end2, _)] = screen.query_one("#body").spans
        assert (start2, end2) == (start + 1, end + 1)


async def test_linkedin_employer_shows_the_channel_warning(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        await open_directly(app, pilot, "Cobalt Studio")
        screen = composer(app)
        channel = next(r for r in screen.results if r.id == "channel")
        assert channel.status == "warn" and "LinkedIn" in channel.message


async def test_at_80x24_the_checks_go_below_the_body(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await open_directly(app, pilot, "Orbital Robotics")
        screen = composer(app)
        body, panel = screen.query_one("#body").region, screen.query_one(CheckPanel).region
        assert screen.has_class("-narrow")
        assert panel.y >= body.bottom and panel.width >= 70
        assert body.height >= 5
        assert screen.query_one("#composer-verdict").region.height == 1


# -- drafts -----------------------------------------------------------------------


async def test_save_draft_then_reopen_restores_it(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        await open_card(app, pilot, "Orbital Robotics")
        await type_at_start(pilot, "Hey. ")
        body = composer(app).fields.body
        await pilot.press("ctrl+s")
        await until_stored(pilot, demo_db, 'Orbital Robotics', lambda a: 'thank-you' in a.drafts)
        draft = stored(demo_db, "Orbital Robotics").drafts["thank-you"]
        assert (draft.body, draft.to, draft.updated) == (body, "maya.lindqvist@orbital-robotics.com", FIXED_NOW)
        await pilot.press("escape")  # saved: closes without asking
        await until_screen(pilot, BoardScreen)
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("c")
        await until_composer(pilot)
        screen = composer(app)
        assert screen.fields.body == body
        assert "saved draft" in str(screen.query_one("#composer-note").render())


async def test_escape_with_changes_asks_and_can_discard_or_save(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        await open_directly(app, pilot, "Orbital Robotics")
        await type_at_start(pilot, "Hm. ")
        await pilot.press("escape")
        await until_screen(pilot, ChoiceDialog)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # keep writing
        await until_composer(pilot)
        composer(app)
        await pilot.press("escape", "down", "enter")  # discard
        await until_screen(pilot, BoardScreen)
        assert isinstance(app.screen, BoardScreen)
        assert stored(demo_db, "Orbital Robotics").drafts == {}
        await open_directly(app, pilot, "Orbital Robotics")
        await type_at_start(pilot, "Keep. ")
        await pilot.press("escape", "enter")  # save and close
        await until_screen(pilot, BoardScreen)
        await until_stored(pilot, demo_db, 'Orbital Robotics', lambda a: 'thank-you' in a.drafts)
        assert isinstance(app.screen, BoardScreen)
        assert stored(demo_db, "Orbital Robotics").drafts["thank-you"].body.startswith("Keep. ")


# -- mark as sent ---------------------------------------------------------------------


async def test_mark_as_sent_records_the_message_and_moves_the_card(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        await open_card(app, pilot, "Orbital Robotics")
        await pilot.press("ctrl+s")  # a draft, which sending removes
        fields = composer(app).fields
        await pilot.press("ctrl+n")
        await until_screen(pilot, BoardScreen)
        await until_stored(pilot, demo_db, 'Orbital Robotics', lambda a: a.stage == 'thanked')
        assert isinstance(app.screen, BoardScreen)
        record = stored(demo_db, "Orbital Robotics")
        assert record.stage == "thanked"
        sent = record.messages_sent("thank-you")[-1]
        assert (sent.at, sent.recipient, sent.subject, sent.body) == (FIXED_NOW, fields.to, fields.subject, fields.body)
        assert record.drafts == {}
        focused = app.screen.focused_column  # the board's current column
        assert focused.stage == "thanked" and focused.current.company == "Orbital Robotics"


async def test_after_thanking_maya_the_next_thank_you_goes_to_jon(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        await open_directly(app, pilot, "Orbital Robotics")
        await pilot.press("ctrl+n")
        await until_screen(pilot, BoardScreen)
        await until_stored(pilot, demo_db, 'Orbital Robotics', lambda a: a.messages_sent('thank-you'))
        await open_directly(app, pilot, "Orbital Robotics")
        screen = composer(app)
        assert screen.kind == "thank-you"
        assert screen.fields.to == "jon.park@orbital-robotics.com"
        assert screen.fields.body.startswith("Hi Jon,") and "pleasure to meet Maya" in screen.fields.body


async def test_a_failing_check_asks_before_marking_as_sent_and_no_stores_nothing(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        await open_directly(app, pilot, "Orbital Robotics")
        await type_at_start(pilot, "Dear [Name], ")
        await wait_for(pilot, lambda: statuses(composer(app))["placeholders"] == "fail")
        assert "needs attention: placeholders" in str(composer(app).query_one("#composer-verdict").render())
        before = stored(demo_db, "Orbital Robotics")
        await pilot.press("ctrl+n")
        await until_screen(pilot, ConfirmDialog)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog) and "placeholders" in dialog.question
        await pilot.press("n")
        await until_composer(pilot)
        composer(app)
        after = stored(demo_db, "Orbital Robotics")
        assert (after.rev, after.events, after.stage) == (before.rev, before.events, "interview")
        await pilot.press("ctrl+n", "y")
        await until_stored(pilot, demo_db, 'Orbital Robotics', lambda a: a.messages_sent('thank-you'))
        assert stored(demo_db, "Orbital Robotics").messages_sent("thank-you")[-1].body.startswith("Dear [Name], ")


# -- copy, export, editor ----------------------------------------------------------------


async def test_copy_puts_the_body_on_the_clipboard_and_shows_the_text(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        await open_directly(app, pilot, "Orbital Robotics")
        body = composer(app).fields.body
        await pilot.press("ctrl+t")
        await until_screen(pilot, MessageTextDialog)
        assert app.clipboard == body
        dialog = app.screen
        assert isinstance(dialog, MessageTextDialog)
        assert dialog.query_one("#message-text-body").text == body
        assert any("clipboard" in m for m in messages(app))
        await pilot.press("escape")
        await until_composer(pilot)
        composer(app)


def parse_eml(path: Path):
    return email.message_from_bytes(path.read_bytes(), policy=default)


async def test_export_eml_to_the_exports_folder_parses_back(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        await open_directly(app, pilot, "Orbital Robotics")
        fields = composer(app).fields
        await pilot.press("ctrl+f")
        await until_screen(pilot, TextDialog)
        assert isinstance(app.screen, TextDialog)
        await pilot.press("enter")
        await until_composer(pilot)
        await wait_for(pilot, lambda: (demo_db.parent / 'exports' / '2026-11-25-orbital-robotics-thank-you.eml').exists(), what='the .eml')
        folder = demo_db.parent / "exports"
        path = folder / "2026-11-25-orbital-robotics-thank-you.eml"
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        message = parse_eml(path)
        assert (message["To"], message["Subject"]) == (fields.to, fields.subject)
        assert message.get_content().replace("\r\n", "\n") == fields.body
        assert message["X-Unsent"] == "1"
        # a second export does not overwrite the first
        await pilot.press("ctrl+f", "enter")
        await wait_for(pilot, lambda: (folder / '2026-11-25-orbital-robotics-thank-you-2.eml').exists(), what='the second .eml')
        assert (folder / "2026-11-25-orbital-robotics-thank-you-2.eml").exists()


async def answer_dialog(pilot, text: str) -> None:
    """Fill the open TextDialog's line (as if typed) and press enter."""
    dialog = await until_screen(pilot, TextDialog)
    dialog.query_one("#answer").value = text
    await pilot.press("enter")
    await wait_for(pilot, lambda: pilot.app.screen is not dialog, what="the dialog closed")
    await wait_for_workers(pilot)


async def test_export_eml_to_a_chosen_path_and_a_missing_folder(demo_db, make_app, tmp_path):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        await open_directly(app, pilot, "Orbital Robotics")
        chosen = tmp_path / "mine.eml"
        await pilot.press("ctrl+f")
        await answer_dialog(pilot, str(chosen))
        assert parse_eml(chosen)["To"] == "maya.lindqvist@orbital-robotics.com"
        await pilot.press("ctrl+f")
        await answer_dialog(pilot, str(chosen))  # exists: asks before replacing
        assert "Replace" in (await until_screen(pilot, ConfirmDialog)).question
        await pilot.press("n")
        await until_composer(pilot)
        await pilot.press("ctrl+f")
        await answer_dialog(pilot, str(tmp_path / "nope" / "x.eml"))
        await wait_for(pilot, lambda: any("No such folder" in m for m in messages(app)), what="the refusal")
        assert not (tmp_path / "nope").exists()
        await pilot.press("ctrl+f")
        await answer_dialog(pilot, str(tmp_path))  # a folder: the default name goes in it
        assert (tmp_path / "2026-11-25-orbital-robotics-thank-you.eml").exists()


def editor_script(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "editor.sh"
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o700)
    return path


async def test_editor_round_trip_replaces_the_body(demo_db, make_app, tmp_path, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(editor_script(tmp_path, 'sed -i "s/^Hi Maya,/Dear Maya,/" "$1"\n')))
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        await open_directly(app, pilot, "Orbital Robotics")
        before = composer(app).fields.body
        assert before.startswith("Hi Maya,")
        await pilot.press("ctrl+o")
        await wait_for_workers(pilot)
        await wait_for(pilot, lambda: composer(app).fields.body != before, what='the edited body')
        assert composer(app).fields.body == before.replace("Hi Maya,", "Dear Maya,", 1)
        await pilot.press("ctrl+z")  # one undo step brings the old text back
        assert composer(app).fields.body == before


@pytest.mark.parametrize(
    ("editor", "message"),
    [("/no/such/editor", "editor not found"), ("SCRIPT_FAILS", "exited with status 2")],
)
async def test_missing_or_failing_editor_gives_a_message_and_keeps_the_body(
    demo_db, make_app, tmp_path, monkeypatch, editor, message
):
    if editor == "SCRIPT_FAILS":
        editor = str(editor_script(tmp_path, 'echo garbage > "$1"; exit 2\n'))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        await open_directly(app, pilot, "Orbital Robotics")
        await type_at_start(pilot, "Me. ")
        before = composer(app).fields.body
        await pilot.press("ctrl+o")
        await wait_for_workers(pilot)
        await wait_for(pilot, lambda: any(message in m for m in messages(app)), what='the editor message')
        assert composer(app).fields.body == before
        assert any(message in m for m in messages(app))


# -- sending ---------------------------------------------------------------------------


def with_smtp(app, **smtp) -> None:
    app.settings = replace(SETTINGS, smtp=SmtpSettings(security="none", from_address="sam@rivera.dev", **smtp))


async def test_send_by_smtp_delivers_records_and_moves_the_card(demo_db, make_app, monkeypatch, wait_until):
    monkeypatch.setenv("FOLLOWUP_SMTP_PASSWORD", "s3cret")
    with smtp_server(user="sam", password="s3cret") as server:
        app = make_app(demo_db)
        with_smtp(app, host=server.host, port=server.port, user="sam")
        async with app.run_test(size=(120, 35)) as pilot:
            await started(pilot)
            await open_directly(app, pilot, "Orbital Robotics")
            fields = composer(app).fields
            await pilot.press("ctrl+g")
            await until_screen(pilot, ConfirmDialog)
            assert isinstance(app.screen, ConfirmDialog) and "through 127.0.0.1" in app.screen.question
            await pilot.press("y")
            await wait_for_workers(pilot)
            await until_screen(pilot, BoardScreen)
            assert isinstance(app.screen, BoardScreen)
    [got] = server.received
    assert got.rcpt_tos == ["maya.lindqvist@orbital-robotics.com"]
    assert got.mail_from == "sam@rivera.dev"
    assert got.message["From"] == "Sam Rivera <sam@rivera.dev>"
    assert got.message["Subject"] == fields.subject
    assert got.message.get_content().replace("\r\n", "\n") == fields.body
    assert got.message["X-Unsent"] is None
    record = stored(demo_db, "Orbital Robotics")
    assert record.stage == "thanked"
    assert record.messages_sent("thank-you")[-1].recipient == fields.to
    assert record.messages_sent("thank-you")[-1].message_id == got.message["Message-ID"]  # a reply to it is sure


async def test_progress_shows_while_sending_and_actions_wait(demo_db, make_app, wait_until):
    gate = threading.Event()
    with smtp_server(gate=gate) as server:
        app = make_app(demo_db)
        with_smtp(app, host=server.host, port=server.port)
        async with app.run_test(size=(120, 35)) as pilot:
            await started(pilot)
            await open_directly(app, pilot, "Orbital Robotics")
            screen = composer(app)
            await pilot.press("ctrl+g", "y")
            await wait_until(pilot, lambda: screen.sending, what="sending under way")
            assert f"sending to maya.lindqvist@orbital-robotics.com through 127.0.0.1:{server.port}" in str(
                screen.query_one("#composer-verdict").render()
            )
            await pilot.press("ctrl+n", "escape")  # both wait while sending
            assert app.screen is screen and stored(demo_db, "Orbital Robotics").stage == "interview"
            gate.set()
            await wait_for_workers(pilot)
            await until_screen(pilot, BoardScreen)
            assert isinstance(app.screen, BoardScreen)
    assert len(server.received) == 1
    assert len(stored(demo_db, "Orbital Robotics").messages_sent("thank-you")) == 1


async def test_send_failure_shows_the_error_and_stores_nothing(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    port = free_port()  # nothing listens here
    with_smtp(app, host="127.0.0.1", port=port)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        await open_directly(app, pilot, "Orbital Robotics")
        before = stored(demo_db, "Orbital Robotics")
        await pilot.press("ctrl+g", "y")
        await wait_for_workers(pilot)
        await wait_for(pilot, lambda: any('could not connect' in m for m in messages(app)), what='the send error')
        screen = composer(app)
        assert not screen.sending
        assert any(f"could not connect to 127.0.0.1:{port}" in m for m in messages(app))
        assert "not sent" in str(screen.query_one("#composer-verdict").render())
        assert stored(demo_db, "Orbital Robotics").rev == before.rev


async def test_send_without_smtp_settings_says_how_to_configure(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        await open_directly(app, pilot, "Orbital Robotics")
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: any('not set up' in m for m in messages(app)), what='the SMTP hint')
        composer(app)
        hint = next(m for m in messages(app) if "not set up" in m)
        assert "S on the board" in hint and "SMTP" in hint  # the settings screen has the fields


# -- guards and kinds ---------------------------------------------------------------------


async def test_a_third_follow_up_is_refused_with_the_advice_to_let_go(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        await open_card(app, pilot, "Tidewater Energy")
        assert isinstance(app.screen, BoardScreen)
        refusal = next(m for m in messages(app) if "Tidewater" in m)
        assert "already sent 2 follow-ups" in refusal and "let go" in refusal


async def test_picking_follow_up_after_two_is_refused_but_a_thank_you_is_allowed(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        app.open_composer(stored(demo_db, "Tidewater Energy").id, "thank-you")
        await until_composer(pilot)
        screen = composer(app)
        await pilot.press("ctrl+r", "down", "enter")  # follow-up
        await wait_for(pilot, lambda: any('let go' in m for m in messages(app)), what='the refusal')
        assert composer(app) is screen and screen.kind == "thank-you"
        assert any("let go" in m for m in messages(app))


async def test_do_not_contact_is_refused_by_the_screen_too(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        app.push_screen(ComposerScreen(stored(demo_db, "Meridian Press")))
        await wait_for(pilot, lambda: any('not to be contacted' in m for m in messages(app)), what='the refusal')
        await until_screen(pilot, BoardScreen)
        assert isinstance(app.screen, BoardScreen)
        assert any("not to be contacted" in m for m in messages(app))


async def test_ctrl_r_switches_to_a_follow_up(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        await open_directly(app, pilot, "Orbital Robotics")
        await pilot.press("ctrl+r", "down", "enter")
        await wait_for(pilot, lambda: composer(app).kind == 'follow-up' and not app.screen.checks_pending, what='the follow-up')
        screen = composer(app)
        assert (screen.kind, screen.plan.number) == ("follow-up", 1)
        assert "Follow-up 1 · Orbital Robotics" in str(screen.query_one("#composer-title").render())
        expected = fill_template("follow-up", stored(demo_db, "Orbital Robotics"), SETTINGS, FIXED_NOW)
        assert screen.fields.body == expected.body


async def test_every_action_is_in_the_footer_and_the_command_palette(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        await open_directly(app, pilot, "Orbital Robotics")
        names = {command.title for command in app.get_system_commands(app.screen)}
        for name in ("Save", "Copy", "Export .eml", "Editor", "Send", "Mark sent", "Switch kind", "One more thing", "Close"):
            assert name in names
        shown = {b.binding.description for b in app.screen.active_bindings.values() if b.binding.show}
        assert {"Save", "Copy", "Export .eml", "Editor", "Send", "Mark sent"} <= shown


async def test_user_text_is_shown_literally(demo_db, make_app):
    repo = TinyDBRepository.open(demo_db)
    orbital = stored(demo_db, "Orbital Robotics")
    repo.modify(orbital.id, lambda a: setattr(a, "company", "[bold]Orb[/] \x1b[31m"))
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        app.open_composer(orbital.id)
        await until_composer(pilot)
        title = str(composer(app).query_one("#composer-title").render())
        assert "[bold]Orb[/] ␛[31m" in title


async def test_control_characters_never_reach_the_editors(demo_db, make_app):
    orbital = stored(demo_db, "Orbital Robotics")
    evil = Draft("thank-you", to="a@b.com\x1b[2J", subject="Hi\x07", body="Dear\x1b[31m Maya,\r\nthanks", updated=FIXED_NOW)
    TinyDBRepository.open(demo_db).modify(orbital.id, lambda a: a.drafts.__setitem__("thank-you", evil))
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        app.open_composer(orbital.id)
        await until_composer(pilot)
        screen = composer(app)
        assert screen.fields == type(screen.fields)("a@b.com␛[2J", "Hi␇", "Dear␛[31m Maya,\nthanks")
        area = screen.query_one("#body")
        area.post_message(events.Paste("\x1b]52;c;aGk=\x07ok"))
        await wait_for(pilot, lambda: 'ok' in screen.fields.body, what='the paste')
        assert "␛]52;c;aGk=␇ok" in screen.fields.body
        assert "\x1b" not in screen.fields.body


async def test_f2_adds_what_you_forgot_to_mention(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        await open_directly(app, pilot, "Orbital Robotics")
        await pilot.press("f2")
        await answer_dialog(pilot, "I led our Kubernetes migration")
        orbital = stored(demo_db, "Orbital Robotics")
        expected = fill_template("thank-you", orbital, SETTINGS, FIXED_NOW, forgot="I led our Kubernetes migration")
        screen = composer(app)
        assert screen.fields.body == expected.body  # untouched template: filled again
        # once edited, the paragraph goes in at the cursor
        await pilot.press("ctrl+z")
        await type_at_start(pilot, "X")
        screen.query_one("#body").move_cursor((0, 0))
        await pilot.press("f2")
        await answer_dialog(pilot, "I speak Swedish")
        assert screen.fields.body.startswith("One thing I forgot to mention: I speak Swedish.\n\nXHi Maya,")


async def test_more_follow_ups_than_templates_reuse_the_last_one(demo_db, make_app):
    app = make_app(demo_db)
    app.settings = replace(SETTINGS, cadence=replace(SETTINGS.cadence, max_follow_ups=3))
    async with app.run_test(size=(120, 35)) as pilot:
        await started(pilot)
        await open_directly(app, pilot, "Tidewater Energy")
        screen = composer(app)
        assert (screen.kind, screen.plan.number) == ("follow-up", 3)
        second = fill_template("follow-up", stored(demo_db, "Tidewater Energy"), SETTINGS, FIXED_NOW, number=2)
        assert screen.fields.body == second.body
        assert "f2" not in str(screen.query_one("#composer-note").render())
        await pilot.press("f2")
        assert composer(app) is screen  # no dialog: nothing forgotten in a follow-up
