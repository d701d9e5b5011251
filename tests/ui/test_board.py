"""The board by keyboard: focus, moves, dialogs, and what got stored."""

from __future__ import annotations

from pathlib import Path

from fixed import FIXED_NOW

from followup_tui.domain.model import STAGES, Application
from followup_tui.store import TinyDBRepository
from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.screens.detail import DetailScreen
from followup_tui.ui.screens.dialogs import ChoiceDialog, ConfirmDialog, TextDialog
from followup_tui.ui.widgets.board_column import Column
from ui_steps import board_ready, drawn_card, messages


def stored(db: Path) -> dict[str, Application]:
    return {a.company: a for a in TinyDBRepository.open(db).list()}


def focused_card(app):
    focused = app.screen.focused_column  # the board has the focus; this is its current column
    assert isinstance(focused, Column)
    return focused.stage, focused.current.company if focused.current else None


async def on_applied(pilot, wait_until) -> None:
    """From the first column (the demo's saved job) to the first Applied card."""
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, BoardScreen) and pilot.app.screen.focused_column)
    assert focused_card(pilot.app)[0] == "saved"
    await pilot.press("l")
    await wait_until(pilot, lambda: focused_card(pilot.app)[0] == "applied")


async def test_start_focus_is_first_card_of_first_non_empty_column(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await board_ready(pilot, wait_until)
        assert focused_card(app) == ("saved", "Aurora Maps")


async def test_columns_show_counts_and_cards_ordered_by_urgency(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await board_ready(pilot, wait_until)
        for stage in STAGES:
            cards = screen.column(stage).cards
            assert screen.column(stage).title.endswith(f"({len(cards)})")
            order = [c.urgency for c in cards]
            ranks = [("overdue", "due-today", "upcoming", None).index(u) for u in order]
            assert ranks == sorted(ranks), (stage, order)


async def test_hjkl_and_arrows_move_between_cards_and_columns(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await board_ready(pilot, wait_until)
        await pilot.press("l", "l")
        assert focused_card(app)[0] == "interview"
        first = focused_card(app)[1]
        await pilot.press("j")
        assert focused_card(app)[1] != first
        await pilot.press("k")
        assert focused_card(app)[1] == first
        await pilot.press("right", "right")
        assert focused_card(app)[0] == "following-up"
        await pilot.press("h", "left")
        assert focused_card(app)[0] == "interview"


async def test_L_and_H_move_the_card_record_the_change_and_keep_focus(demo_db, make_app, wait_until, wait_for_stored):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await on_applied(pilot, wait_until)
        _, company = focused_card(app)
        await pilot.press("L")
        await wait_until(pilot, lambda: focused_card(app) == ("interview", company))
        await wait_for_stored(pilot, demo_db, lambda apps: apps[company].stage == "interview")
        record = stored(demo_db)[company]
        change = record.events[-1]
        assert (change.kind, change.from_stage, change.to_stage) == ("stage-change", "applied", "interview")
        assert change.at == FIXED_NOW
        await pilot.press("shift+left")
        await wait_until(pilot, lambda: focused_card(app) == ("applied", company))
        await wait_for_stored(pilot, demo_db, lambda apps: apps[company].stage == "applied")
        await pilot.press("shift+right", "H")
        await wait_for_stored(pilot, demo_db, lambda apps: len(apps[company].events) == 4)
        assert stored(demo_db)[company].stage == "applied"


async def test_x_closes_with_the_chosen_outcome(demo_db, make_app, wait_until, wait_for_stored, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await board_ready(pilot, wait_until)
        _, company = focused_card(app)
        await pilot.press("x")
        await wait_for_screen(pilot, ChoiceDialog)
        await pilot.press("down", "enter")  # accepted, rejected...
        await wait_until(pilot, lambda: focused_card(app) == ("closed", company))
        await wait_for_stored(pilot, demo_db, lambda apps: (apps[company].stage, apps[company].outcome) == ("closed", "rejected"))


async def test_d_deletes_only_after_confirmation(demo_db, make_app, wait_until, wait_for_screen, wait_for_stored):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await board_ready(pilot, wait_until)
        _, company = focused_card(app)
        await pilot.press("d")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("n")
        await wait_for_screen(pilot, BoardScreen)
        assert company in stored(demo_db) and focused_card(app)[1] == company
        await pilot.press("d")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("y")
        await wait_for_stored(pilot, demo_db, lambda apps: company not in apps, what="the card deleted")
        await wait_for_screen(pilot, BoardScreen)


async def test_r_records_a_response(demo_db, make_app, wait_until, wait_for_screen, wait_for_stored):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await board_ready(pilot, wait_until)
        _, company = focused_card(app)
        await pilot.press("r")
        await wait_for_screen(pilot, TextDialog)
        await pilot.press(*"Second round next week")
        await pilot.press("enter")
        await wait_for_stored(pilot, demo_db, lambda apps: apps[company].events[-1].kind == "response", what="the response")
        assert stored(demo_db)[company].events[-1].text == "Second round next week"


async def test_filter_narrows_live_and_escape_clears(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await board_ready(pilot, wait_until)
        total = sum(len(screen.column(s).cards) for s in ("applied", "interview", "thanked"))
        await pilot.press("slash")
        await pilot.press(*"harbor")
        await wait_until(pilot, lambda: screen.shown_filter == "harbor", what="the filter applied")  # it waits for a pause in typing
        visible = [c.company for s in ("applied", "interview", "thanked", "following-up", "offer", "closed") for c in screen.column(s).cards]
        assert visible == ["Harbor Bank"]
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen.shown_filter == "", what="the filter cleared")
        assert sum(len(screen.column(s).cards) for s in ("applied", "interview", "thanked")) == total
        assert isinstance(app.screen.focused_column, Column)
        # contacts are searched too
        await pilot.press("slash", *"jon park")
        await wait_until(pilot, lambda: screen.shown_filter == "jon park", what="the filter applied")
        visible = [c.company for s in ("interview",) for c in screen.column(s).cards]
        assert visible == ["Orbital Robotics"]


async def test_enter_opens_detail_and_escape_returns(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await board_ready(pilot, wait_until)
        await pilot.press("enter")
        await wait_for_screen(pilot, DetailScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, BoardScreen)


async def test_help_lists_the_board_keys_from_its_bindings(demo_db, make_app, wait_until, wait_for_screen):
    from followup_tui.ui.screens.help import HelpScreen, bindings_table

    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await board_ready(pilot, wait_until)
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)

        table = bindings_table(app.screen_stack[-2])
        descriptions = {str(cell) for cell in table.columns[1]._cells}
        for expected in (
            "Compose the card's next message", "Agenda: everything due, overdue first",
            "Find as you type: company, role, contact, tag, location, source", "Record the employer's response",
            "Close the card (asks how it ended)", "Delete the card (asks first; u brings it back)", "New application",
            "Open the card", "Edit the card", "Move to next stage", "Quit (asks when something is unsaved)",
            "Undo the last change", "Redo what was undone",
        ):
            assert expected in descriptions
        await pilot.press("escape")
        await wait_for_screen(pilot, BoardScreen)


async def test_compose_on_do_not_contact_card_refuses_with_a_reason(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await board_ready(pilot, wait_until)
        screen.select(stored(demo_db)["Meridian Press"].id)
        await wait_until(pilot, lambda: focused_card(app)[1] == "Meridian Press")
        await pilot.press("c")
        await wait_until(pilot, lambda: any("not to be contacted" in m for m in messages(app)), what="the refusal")
        assert isinstance(app.screen, BoardScreen)


async def test_another_sessions_change_shows_up_without_losing_place(demo_db, make_app, wait_until):
    app = make_app(demo_db, watch_interval=0.1)
    async with app.run_test(size=(120, 35)) as pilot:
        await board_ready(pilot, wait_until)
        await pilot.press("l", "j")
        place = focused_card(app)
        other = TinyDBRepository.open(demo_db)  # a second login on the same file
        other.add(Application(company="Zephyr Labs", role="Engineer", stage="interview"))
        await wait_until(
            pilot, lambda: any(c.company == "Zephyr Labs" for c in app.screen.column("interview").cards),
            what="the other session's card",
        )
        assert focused_card(app) == place


async def test_user_text_is_shown_literally(tmp_path, make_app, wait_until):
    db = tmp_path / "d.json"
    repo = TinyDBRepository.open(db)
    repo.add(Application(company="[bold]x[/]\x1b[2J", role="[TODO] \x1b[1mQ3"))
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await board_ready(pilot, wait_until)
        column = app.screen.column("applied")
        lines = [strip.text for strip in drawn_card(app.screen, "applied", 0)]
        assert "[bold]x[/]␛[2J" in lines[column.row_of(0, "company")]
        assert "[TODO] ␛[1mQ3" in lines[column.row_of(0, "role")]
        assert "\x1b" not in "".join(lines)


async def test_notifications_show_user_text_literally(tmp_path, make_app, wait_until):
    db = tmp_path / "d.json"
    company = "[bold]Acme[/bold] [link=x]y"
    TinyDBRepository.open(db).add(Application(company=company, role="r"))
    app = make_app(db)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: app.screen.current_card is not None)
        await pilot.press("L")
        await wait_until(pilot, lambda: f"{company}: moved to Interview. u undoes it." in app.screen.status_text)
        await pilot.press("u")  # the session's plain notices go on the status line, as the move's
        await wait_until(pilot, lambda: f"Undone: {company} moved to Interview." in app.screen.status_text)
        # a warning is a toast: never markup either
        app.session.notify(f"{company} changed in another session", title="Changed elsewhere", severity="warning")
        await wait_until(pilot, lambda: bool(messages(app)))
        note = app.notices[-1]
        assert not note.markup
        assert f"{company} changed in another session" in note.message


async def test_no_color_is_honoured(demo_db, make_app, monkeypatch, wait_until):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await board_ready(pilot, wait_until)
        assert app.no_color
        svg = app.export_screenshot()
    # monochrome: every colour in the picture is a shade of grey
    import re

    window_buttons = {"ff5f57", "febc2e", "28c840"}  # the SVG's window frame, not the app
    colours = set(re.findall(r"#([0-9a-f]{6})", svg)) - window_buttons
    def spread(hex_colour: str) -> int:
        channels = [int(hex_colour[i : i + 2], 16) for i in (0, 2, 4)]
        return max(channels) - min(channels)

    coloured = {c for c in colours if spread(c) > 8}  # greys (and near-greys) only
    assert colours and not coloured, coloured


async def test_own_saves_update_one_card_but_never_hide_another_sessions_change(demo_db, make_app, wait_until):
    app = make_app(demo_db, watch_interval=3600)  # the watcher's poll stays out of this test
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.cards)
        screen = app.screen
        reloads = []
        original = screen.reload
        screen.reload = lambda focus_app_id=None: (reloads.append(focus_app_id), original(focus_app_id))
        await on_applied(pilot, wait_until)
        await pilot.press("L")  # our own save, nothing else changed: no full reload
        await wait_until(pilot, lambda: focused_card(app)[0] == "interview", what="the moved card")
        await wait_until(pilot, lambda: not app.session.writing, what="the save")
        assert reloads == []
        assert app.session.watcher.in_step()
        # another login writes; our next save notices and the session reads everything
        TinyDBRepository.open(demo_db).add(Application(company="Zephyr Labs", stage="offer"))
        await pilot.press("L")
        await wait_until(pilot, lambda: any(c.company == "Zephyr Labs" for c in screen.column("offer").cards))
        await wait_until(pilot, lambda: not app.session.writing, what="the save")
        # read in full (once, or twice when the clock's rebuild lands between: seen under load)
        assert 1 <= len(reloads) <= 2
        assert app.session.watcher.in_step()


async def test_a_big_file_loads_in_the_background_then_focuses_the_first_card(demo_db, make_app, monkeypatch, wait_until):
    import followup_tui.ui.data.session as session_module

    monkeypatch.setattr(session_module, "BACKGROUND_LOAD_BYTES", 10)  # the demo file counts as big
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen))
        await wait_until(pilot, lambda: app.screen.cards and app.screen.focused_column is not None, what="cards loaded")
        assert not app.screen.query_one("#board").loading
        assert focused_card(app)[0] == "saved"
