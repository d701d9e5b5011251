"""What the mailbox changes elsewhere: a card with a reply read from the mail
says "they replied N days ago" (board and agenda) instead of a follow-up; an
address that bounced is named in the agenda and when composing to it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from waiting import wait_until

from followup_tui.domain.cadence import next_actions
from followup_tui.domain.mail_reply import bounce_warning, reply_label
from followup_tui.domain.model import Application, Contact, Event, Interview
from followup_tui.domain.settings import Settings
from followup_tui.factory import build_app
from followup_tui.store import TinyDBRepository
from followup_tui.ui.screens.agenda import AgendaScreen
from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.screens.composer import ComposerScreen
from followup_tui.ui.widgets.agenda_table import AgendaTable
from followup_tui.ui.widgets.board_view import BoardView
from mail.mail_env import NOW

ROUND = NOW - timedelta(days=10)


def replied() -> Application:
    return Application(
        company="Acme Robotics", stage="thanked", interviews=[Interview(at=ROUND, with_names=["Jane"])],
        contacts=[Contact(name="Jane", email="jane@acme-robotics.com")],
        events=[Event(at=ROUND + timedelta(hours=5), kind="message-sent", message_kind="thank-you"),
                Event(at=NOW - timedelta(days=3), kind="response", text="reply by mail: Re: thanks",
                      message_id="<r@acme>", sender="Jane <jane@acme-robotics.com>")])


def bounced() -> Application:
    return Application(company="Umbrella", stage="interview", interviews=[Interview(at=NOW - timedelta(hours=3))],
                       contacts=[Contact(name="Bob", email="bob@umbrella-corp.com")],
                       events=[Event(at=NOW - timedelta(hours=1), kind="note", text="mail to bob bounced",
                                     bounced="bob@umbrella-corp.com")])


def test_the_label_of_a_reply_read_from_the_mail() -> None:
    app = replied()
    actions = next_actions(app, NOW, Settings())
    assert reply_label(app, actions[0], NOW) == "✉ they replied 3 days ago"
    typed = replied()
    typed.events[-1].message_id = ""  # typed in by hand: the usual "update the stage"
    assert reply_label(typed, next_actions(typed, NOW, Settings())[0], NOW) is None
    assert bounce_warning(bounced(), "Bob <bob@umbrella-corp.com>").startswith("bob@umbrella-corp.com: a message")
    assert bounce_warning(bounced(), "other@umbrella-corp.com") is None


async def test_board_agenda_and_composer_show_them(tmp_path: Path) -> None:
    db = tmp_path / "data.json"
    TinyDBRepository.open(db).add_many([replied(), bounced()])
    app = build_app(db, Settings(timezone="UTC"), lambda: NOW, backups=False, config_file=tmp_path / "c.toml")
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.focused_column,
                         what="the board")
        view = app.screen.query_one(BoardView)
        cards = {card.company: card for column in view.columns.values() for card in column.cards}
        assert cards["Acme Robotics"].action_text == "✉ they replied 3 days ago"  # the card's mark
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AgendaScreen) and app.screen.query_one(AgendaTable).row_count,
                         what="the agenda")
        table = app.screen.query_one(AgendaTable)
        rows = [" ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]
        assert any("✉ they replied 3 days ago" in row and "Acme Robotics" in row for row in rows), rows
        assert any("(address bounced)" in row and "Umbrella" in row for row in rows), rows
        umbrella = next(a for a in TinyDBRepository.open(db).load_all() if a.company == "Umbrella")
        app.open_composer(umbrella.id)
        await wait_until(pilot, lambda: isinstance(app.screen, ComposerScreen), what="the composer")
        await wait_until(pilot, lambda: any(n.title == "Not delivering" for n in app.notices), what="the warning")
        # the composer laid out (its header titled) before the app exits
        await wait_until(pilot, lambda: app.screen.query("HeaderTitle") and str(app.screen.query_one("HeaderTitle").render()),
                         what="the composer's header")
