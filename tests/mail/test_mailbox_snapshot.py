"""How the mailbox screen looks at 80x24: last sync, proposals, recorded
findings; hostile text in a header shown as text. No server: the state a sync
keeps is written first."""

from __future__ import annotations

from pathlib import Path

from mail.corpus import greenhouse_rejection, hostile_headers, lever_invitation, reply_in_thread
from mail.mail_env import NOW, make_data
from waiting import wait_until

from followup_tui.domain.mail_match import Matcher
from followup_tui.domain.mail_record import finding_json, proposal_to_dict, proposals_for
from followup_tui.domain.mail_state import MailState
from followup_tui.domain.settings import ImapSettings, Settings
from followup_tui.domain.timeparse import format_instant
from followup_tui.factory import build_app
from followup_tui.messaging.mail_parse import message_from_headers, new_text_of
from followup_tui.store import TinyDBRepository
from followup_tui.store.mail_state import MailStateFile
from followup_tui.ui.screens.mailbox import MailboxScreen

IMAP = ImapSettings(host="imap.example.org", user="sam@example.org")


def parsed(raw: bytes, folder: str = "inbox"):
    from dataclasses import replace

    head, _, body = raw.partition(b"\r\n\r\n")
    message = message_from_headers(folder, head + b"\r\n\r\n")
    text = body.decode("utf-8", "replace")
    return replace(message, text=text, new_text=new_text_of(text))


def kept_state(db: Path) -> None:
    matcher = Matcher(TinyDBRepository.open(db).load_all())
    findings = [matcher.match(parsed(raw)) for raw in (greenhouse_rejection(), lever_invitation(),
                                                       hostile_headers(), reply_in_thread())]
    state = MailState(account="sam@example.org@imap.example.org:993", last_sync=format_instant(NOW))
    state.proposals = [proposal_to_dict(proposals_for(f)) for f in findings if not f.sure]
    state.recorded = [finding_json(f, "recorded") for f in findings if f.sure]
    MailStateFile(db).save(state)


def test_the_mailbox_screen(snap_compare, tmp_path: Path) -> None:
    db = tmp_path / "data" / "followup.json"
    make_data(db)
    kept_state(db)
    app = build_app(db, Settings(timezone="UTC", imap=IMAP), lambda: NOW, backups=False,
                    config_file=tmp_path / "config.toml")

    async def run_before(pilot) -> None:
        app.sub_title = "demo.json"
        await pilot.press("M")
        await wait_until(pilot, lambda: isinstance(app.screen, MailboxScreen), what="the mailbox")
        await wait_until(pilot, lambda: len(app.screen.proposals) == 2, what="its proposals")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
