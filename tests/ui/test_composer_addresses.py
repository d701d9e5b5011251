"""No address form crashes the composer or loses the draft (Pilot, real file,
real aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

import email
from dataclasses import replace
from email.policy import default
from pathlib import Path

import pytest
from smtp_fixture import smtp_server
from ui_steps import board_ready
from waiting import wait_until as wait_for

from followup_tui.domain.settings import Settings, SmtpSettings
from followup_tui.store import TinyDBRepository
from followup_tui.ui.screens.composer import ComposerScreen
from followup_tui.ui.screens.dialogs import ConfirmDialog, TextDialog

SETTINGS = Settings(timezone="UTC", user_name="José Núñez")


def stored(db: Path, company: str):
    return next(a for a in TinyDBRepository.open(db).list() if a.company == company)




async def open_orbital(app, pilot) -> ComposerScreen:
    await board_ready(pilot, wait_for)
    app.open_composer(app.session.find("Orbital Robotics").id)
    await wait_for(pilot, lambda: isinstance(app.screen, ComposerScreen) and app.screen.plan is not None)
    return app.screen


def set_to(screen: ComposerScreen, value: str) -> None:
    screen.query_one("#to").value = value
    screen.run_checks_now()


@pytest.mark.parametrize(
    "to",
    ['"Lindqvist, Maya" <maya.lindqvist@orbital-robotics.com>', "jose@bücher.de", "jösé@bücher.de", "garbage <<>>", "a@b@c", ""],
)
async def test_any_recipient_and_an_internationalised_sender_export_or_explain(demo_db, make_app, to):
    app = make_app(demo_db)
    app.settings = replace(SETTINGS, smtp=SmtpSettings(from_address="jösé@bücher.de"))
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await open_orbital(app, pilot)
        set_to(screen, to)
        body = screen.fields.body
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, TextDialog))
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        folder = demo_db.parent / "exports"
        written = sorted(folder.glob("*.eml")) if folder.exists() else []
        if to in ("garbage <<>>", "a@b@c"):
            assert written == []
            assert any("not a valid email address" in n.message for n in app.notices)
        else:
            [path] = written
            message = email.message_from_string(path.read_bytes().decode("utf-8"), policy=default)
            [sender] = message["From"].addresses
            assert (sender.display_name, sender.addr_spec) == ("José Núñez", "jösé@xn--bcher-kva.de")
            assert [a.addr_spec for a in (message["To"].addresses if message["To"] else ())] == ([] if not to else [to.split("<")[-1].rstrip(">").replace("bücher", "xn--bcher-kva")])
        assert screen.fields.body == body and screen.fields.to == to  # nothing typed is lost


async def test_send_to_a_server_without_smtputf8_says_so_and_keeps_the_draft(demo_db, make_app):
    with smtp_server(smtputf8=False) as server:
        app = make_app(demo_db)
        app.settings = replace(SETTINGS, smtp=SmtpSettings(host=server.host, port=server.port, security="none",
                                                           from_address="sam@rivera.dev"))
        async with app.run_test(size=(120, 35)) as pilot:
            screen = await open_orbital(app, pilot)
            set_to(screen, '"Núñez, José" <jösé@bücher.de>')
            await pilot.press("ctrl+g")
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press("y")
            await wait_for(pilot, lambda: any("SMTPUTF8" in n.message for n in app.notices))
            assert app.screen is screen and screen.fields.to == '"Núñez, José" <jösé@bücher.de>'
    assert server.received == []
    assert stored(demo_db, "Orbital Robotics").messages_sent("thank-you") == []
