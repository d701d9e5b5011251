"""Keys a terminal delivers in one write, the key that opens a screen among
them (`tmux send-keys n Acme Tab Dev`, a fast typist on a slow machine): each
lands where it would have landed typed slowly. The app hands every key to the
focused widget as it arrives, so without care the keys after `n` act on the
board (or are lost) and the keys after a tab land in the field it leaves."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from ui_steps import burst

from followup_tui.store import TinyDBRepository
from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.screens.composer import ComposerScreen
from followup_tui.ui.screens.form import ApplicationFormScreen

async def on_board(pilot, wait_until) -> BoardScreen:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, BoardScreen) and pilot.app.screen.focused_column)
    return pilot.app.screen


async def test_the_keys_after_n_fill_the_new_form_field_by_field(demo_db, make_app, wait_until, wait_for_screen):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_board(pilot, wait_until)
        burst(app, "n", "Acme", "tab", "Dev")
        form = await wait_for_screen(pilot, ApplicationFormScreen)
        await wait_until(
            pilot, lambda: [i.value for i in form.query("#role").results(Input)] == ["Dev"], what="Dev in Role"
        )
        assert form.query_one("#company", Input).value == "Acme"
        assert app.focused is form.query_one("#role", Input)
        assert form.original is None  # a new application: `e` in "Acme" did not open an edit form


async def test_the_keys_after_c_are_written_in_the_body_with_their_line_breaks(
    demo_db, make_app, wait_until, wait_for_screen
):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await on_board(pilot, wait_until)
        company = board.current_card.company
        burst(app, "c", "Hi", "enter", "there")
        composer = await wait_for_screen(pilot, ComposerScreen)
        await wait_until(
            pilot,
            lambda: any(body.text.startswith("Hi\nthere") for body in composer.query("#body").results(TextArea)),
            what="both lines at the top of the body",
        )
        assert composer.application.company == company


async def test_a_burst_with_tabs_into_an_open_form_fills_each_field_and_is_stored(
    demo_db, make_app, wait_until, wait_for_screen, wait_for_stored
):
    """`n`, then one write of several fields and tabs (keys bunched over SSH):
    each tab moves the focus before the keys after it are handled."""
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_board(pilot, wait_until)
        await pilot.press("n")
        form = await wait_for_screen(pilot, ApplicationFormScreen)
        await wait_until(pilot, lambda: form._opened, what="the form open")
        burst(app, "Acme", "tab", "Support Engineer", "tab", "https://acme.example/j/1", "tab", "Lyon")
        await wait_until(pilot, lambda: any(i.value.endswith("Lyon") for i in form.query(Input)), what="Lyon typed")
        await pilot.press("ctrl+s")
        await wait_for_stored(pilot, demo_db, lambda apps: "Acme" in apps, what="Acme stored")
        stored = {a.company: a for a in TinyDBRepository.open(demo_db).list()}["Acme"]
        assert (stored.role, stored.job_url, stored.location) == ("Support Engineer", "https://acme.example/j/1", "Lyon")


async def test_n_and_a_burst_with_several_tabs_in_one_write(demo_db, make_app, wait_until, wait_for_screen, wait_for_stored):
    """The key that opens the form and the fields after it in one write."""
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_board(pilot, wait_until)
        burst(app, "n", "Acme", "tab", "Support Engineer", "tab", "https://acme.example/j/1", "tab", "Lyon")
        form = await wait_for_screen(pilot, ApplicationFormScreen)
        await wait_until(pilot, lambda: any(i.value.endswith("Lyon") for i in form.query(Input)), what="Lyon typed")
        values = [form.query_one(f"#{name}", Input).value for name in ("company", "role", "job_url", "location")]
        assert values == ["Acme", "Support Engineer", "https://acme.example/j/1", "Lyon"]


async def test_a_burst_with_a_tab_on_the_settings_screen_fills_both_fields(demo_db, make_app, wait_until, wait_for_screen):
    """Everywhere focus moves by key, not only in the form."""
    from followup_tui.ui.screens.settings import SettingsScreen

    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_board(pilot, wait_until)
        await pilot.press("S")
        settings = await wait_for_screen(pilot, SettingsScreen)
        await wait_until(pilot, lambda: app.focused is settings.query_one("#user-name"), what="the name field focused")
        burst(app, "Sam Lee", "tab", "Europe/Paris")
        await wait_until(pilot, lambda: any(i.value.endswith("Paris") for i in settings.query(Input)), what="Paris typed")
        assert [settings.query_one(f"#{name}", Input).value for name in ("user-name", "timezone")] == ["Sam Lee", "Europe/Paris"]


async def test_the_keys_after_slash_go_into_the_filter_whole(demo_db, make_app, wait_until):
    """`/lum` in one write: `l` is text in the filter box, not "next column"
    (the box takes the focus when `/` is handled, not after a refresh)."""
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await on_board(pilot, wait_until)
        burst(app, "slash", "lum")
        box = board.query_one("#filter", Input)
        await wait_until(pilot, lambda: box.value == "lum" and board.filter_text == "lum", what="lum in the filter")
        assert app.focused is box
