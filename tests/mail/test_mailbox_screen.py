"""The mailbox screen: `M` on the board, `g` syncs a real Dovecot in a worker,
sure findings recorded (and undone with u), proposals accepted with enter,
ignored with x, their excerpt shown with o."""

from __future__ import annotations

from pathlib import Path

import pytest
from mail.corpus import corpus
from mail.mail_env import NOW, PASSWORD_ENV, fresh_account, make_data
from dovecot_fixture import Dovecot
from textual.widgets import OptionList
from waiting import wait_until

from followup_tui.domain.mail_reply import bounced_addresses
from followup_tui.domain.settings import ImapSettings, Settings, SmtpSettings
from followup_tui.factory import build_app
from followup_tui.store import TinyDBRepository
from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.screens.mailbox import ExcerptScreen, MailboxScreen


@pytest.fixture
def setup(dovecot: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    account = fresh_account(dovecot)
    for folder, raw, flags in corpus():
        account.deliver(folder, raw, flags)
    monkeypatch.setenv(PASSWORD_ENV, account.password)
    monkeypatch.setenv("SSL_CERT_FILE", str(account.cert))
    db = tmp_path / "data" / "followup.json"
    ids = make_data(db)
    settings = Settings(timezone="UTC", smtp=SmtpSettings(from_address="sam@example.org"), imap=ImapSettings(
        host="127.0.0.1", port=account.port, security="starttls", user=account.user, password_env=PASSWORD_ENV))
    app = build_app(db, settings, lambda: NOW, backups=False, config_file=tmp_path / "config.toml")
    return app, ids, db


def stored(db: Path, app_id: int):
    return TinyDBRepository.open(db).get(app_id)


async def open_and_sync(pilot, app) -> MailboxScreen:
    await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen), what="the board")
    await pilot.press("M")
    await wait_until(pilot, lambda: isinstance(app.screen, MailboxScreen), what="the mailbox screen")
    await pilot.press("g")
    await wait_until(pilot, lambda: app.mail_sync.last is not None and app.mail_sync.last.kind != "progress",
                     timeout=30, what="the sync's end")
    assert app.mail_sync.last.kind == "done", app.mail_sync.last
    # The screen hears of the end through a signal, handled in its own turn
    # (under load, after the sync's end was seen here): until it shows
    # what the mailbox now holds.
    screen = app.screen
    await wait_until(pilot, lambda: screen.proposals == app.mail_sync.mailbox.proposals(), what="the proposals shown")
    return screen


async def test_g_records_the_sure_findings_and_u_undoes_one(setup) -> None:
    app, ids, db = setup
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_and_sync(pilot, app)
        acme = stored(db, ids["Acme Robotics"])
        assert acme.responses()[0].message_id == "<CAJ-reply-2@mail.acme-robotics.com>"
        lumiere_before = stored(db, ids["Société Lumière"]).responses()
        assert lumiere_before
        recorded = screen.query_one("#recorded", OptionList)
        await wait_until(pilot, lambda: recorded.option_count >= 4, what="the recorded list")
        await pilot.press("u")  # the last finding recorded is taken back
        await wait_until(pilot, lambda: not stored(db, ids["Société Lumière"]).responses()
                         or not bounced_addresses(stored(db, ids["Umbrella"])), what="an undone finding")


async def test_enter_accepts_a_rejection_x_ignores_and_o_shows_the_excerpt(setup) -> None:
    app, ids, db = setup
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_and_sync(pilot, app)
        proposals = screen.query_one("#proposals", OptionList)
        assert app.focused is proposals
        globex = next(i for i, p in enumerate(screen.proposals) if p.finding.application_id == ids["Globex"])
        proposals.highlighted = globex
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, ExcerptScreen), what="the excerpt")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, MailboxScreen), what="back to the mailbox")
        count = len(screen.proposals)
        await pilot.press("enter")
        await wait_until(pilot, lambda: stored(db, ids["Globex"]).stage == "closed", what="Globex closed")
        assert stored(db, ids["Globex"]).outcome == "rejected"
        await wait_until(pilot, lambda: len(screen.proposals) == count - 1, what="the proposal settled")
        proposals.highlighted = 0
        await pilot.press("x")
        await wait_until(pilot, lambda: len(screen.proposals) == count - 2, what="a proposal ignored")
        await pilot.press("u")  # the accepted rejection undone: the card is open again
        await wait_until(pilot, lambda: stored(db, ids["Globex"]).stage == "applied", what="the close undone")


async def test_sync_minutes_syncs_while_the_app_is_open(setup, monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from followup_tui.ui.mail_sync import MailSync

    app, ids, db = setup
    monkeypatch.setattr(MailSync, "SECONDS_PER_MINUTE", 0.2)  # a "minute" of 0.2 s
    app.settings = replace(app.settings, imap=replace(app.settings.imap, sync_minutes=1))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: stored(db, ids["Acme Robotics"]).responses(), timeout=30,
                         what="a sync nobody asked for")
        assert isinstance(app.screen, BoardScreen)  # no key was pressed


async def test_the_mailbox_is_in_the_command_palette(setup) -> None:
    app, _ids, _db = setup
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen), what="the board")
        assert "Mailbox" in [command.title for command in app.get_system_commands(app.screen)]
