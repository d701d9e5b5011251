"""The application form is built once and opened again (FollowupApp.open_form,
ApplicationFormScreen.show): each opening must look and behave as a form
built for it, with nothing left of the last one: not its values, rows,
errors, focus, scroll position, held keys or unsaved state."""

from __future__ import annotations

import gc
from datetime import datetime, timezone
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Input, Select, TextArea

from followup_tui.domain.model import Application, Contact, Interview
from followup_tui.store import TinyDBRepository
from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.screens.dialogs import ConfirmDialog
from followup_tui.ui.screens.form import ApplicationFormScreen
from followup_tui.ui.screens.form_rows import ContactRow, InterviewRow
from followup_tui.ui.widgets.plain_text import PlainInput

from fixed import FIXED_NOW  # Wednesday 2026-11-25 15:00 UTC
from ui_steps import burst, form_note as note, type_in


@pytest.fixture
def two_apps_db(tmp_path: Path) -> Path:
    db = tmp_path / "data" / "followup.json"
    repo = TinyDBRepository.open(db)
    repo.add(Application(
        company="Acme", role="Data engineer", stage="applied", created=FIXED_NOW,
        job_url="https://acme.example/jobs/42", location="Lyon", priority="high", notes="acme notes",
        do_not_contact=True, contacts=[Contact(name="Ada Ng", email="ada@acme.example")],
        interviews=[Interview(at=datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc), kind="phone")],
    ))
    repo.add(Application(
        company="Bluebird", role="Analyst", stage="applied", created=FIXED_NOW, channel="phone",
        contacts=[Contact(name="Bo Li"), Contact(name="Cy Ray", title="Lead")],
    ))
    return db


def rows(form: ApplicationFormScreen) -> tuple[list[str], list[str]]:
    """The contact names and round times the form shows, in order."""
    contacts = [row.query_one(".contact-name", Input).value for row in form.query(ContactRow)]
    rounds = [row.query_one(".interview-at", Input).value for row in form.query(InterviewRow)]
    return contacts, rounds


def shown_notes(form: ApplicationFormScreen) -> dict[str, str]:
    fields = [w.id for w in form.query(Input) if w.id]
    return {field: note(form, field) for field in fields if note(form, field)}


async def open_form(pilot, wait_until, wait_for_screen, *keys: str) -> ApplicationFormScreen:
    await pilot.press(*keys)
    form = await wait_for_screen(pilot, ApplicationFormScreen)
    await wait_until(pilot, lambda: form.ready_for_keys() and form.focused is not None, what="the form complete")
    return form


async def discard(pilot, wait_until, wait_for_screen) -> None:
    await pilot.press("escape")
    await wait_for_screen(pilot, ConfirmDialog)
    await pilot.press("y")
    await wait_for_screen(pilot, BoardScreen)


async def test_a_form_opened_again_shows_only_what_this_opening_is_for(two_apps_db, make_app, wait_until, wait_for_screen):
    app = make_app(two_apps_db)
    stored_before = TinyDBRepository.open(two_apps_db).list()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.current_card is not None)
        company = app.screen.current_card.company
        first = await open_form(pilot, wait_until, wait_for_screen, "e")
        assert first.query_one("#company", Input).value == company
        # Leave marks everywhere: a typed value, an error, a new row, the
        # focus and the scroll far down, a changed choice, the box ticked.
        await type_in(pilot, first.query_one("#job_url", Input), "not a url")
        await wait_until(pilot, lambda: note(first, "job_url") != "", what="the URL's error")
        await type_in(pilot, first.query_one("#location", Input), "Mars")
        first.query_one("#stage", Select).value = "offer"
        first.query_one("#do_not_contact", Checkbox).value = not first.query_one("#do_not_contact", Checkbox).value
        await pilot.press("f2")
        await wait_until(pilot, lambda: first.query_one(VerticalScroll).scroll_y > 0, what="scrolled to the new row")
        await discard(pilot, wait_until, wait_for_screen)

        new = await open_form(pilot, wait_until, wait_for_screen, "n")
        assert new is first  # built once, opened again
        assert str(new.query_one("#form-title").render()) == "New application"
        assert {w.id: w.value for w in new.query(Input) if w.value} == {}
        assert rows(new) == ([""], [])
        assert shown_notes(new) == {} and not new.query(".-invalid-field")
        assert (new.query_one("#stage", Select).value, new.query_one("#do_not_contact", Checkbox).value) == ("applied", False)
        assert new.query_one("#notes", TextArea).text == ""
        assert new.focused is new.query_one("#company") and new.query_one(VerticalScroll).scroll_y == 0
        assert not new.dirty
        await pilot.press("escape")  # nothing typed: it closes at once
        await wait_for_screen(pilot, BoardScreen)

        other = "Bluebird" if company == "Acme" else "Acme"
        await pilot.press("j")
        await wait_until(pilot, lambda: app.screen.current_card.company == other, what=f"the cursor on {other}")
        edit = await open_form(pilot, wait_until, wait_for_screen, "e")
        assert str(edit.query_one("#form-title").render()) == f"Edit {other}"
        assert edit.query_one("#company", Input).value == other
        if other == "Acme":
            assert rows(edit) == (["Ada Ng"], ["2026-11-24 09:00"])
            assert edit.query_one("#do_not_contact", Checkbox).value is True
            assert edit.query_one("#notes", TextArea).text == "acme notes"
        else:
            assert rows(edit) == (["Bo Li", "Cy Ray"], [])
            assert edit.query_one("#channel", Select).value == "phone"
        assert not edit.dirty and shown_notes(edit).keys() <= {"interview-at-0"}
        await pilot.press("escape")
        await wait_for_screen(pilot, BoardScreen)
    assert TinyDBRepository.open(two_apps_db).list() == stored_before  # nothing discarded was saved


async def test_keys_typed_as_the_form_opens_again_go_to_its_first_field(two_apps_db, make_app, wait_until, wait_for_screen):
    """The form holds the keys typed while it opens (held_keys.OpeningScreen)
    at every opening, not only at the first."""
    app = make_app(two_apps_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.current_card is not None)
        for name in ("Zeta", "Omega"):
            burst(app, "n", name)
            form = await wait_for_screen(pilot, ApplicationFormScreen)
            await wait_until(pilot, form.ready_for_keys, what="the form complete")
            await wait_until(pilot, lambda: form.query_one("#company", Input).value == name, what=f"{name} typed")
            assert form.focused is form.query_one("#company") and form.dirty
            await discard(pilot, wait_until, wait_for_screen)


async def test_a_saved_edit_shows_at_the_next_opening(two_apps_db, make_app, wait_until, wait_for_screen):
    app = make_app(two_apps_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.current_card is not None)
        form = await open_form(pilot, wait_until, wait_for_screen, "e")
        await type_in(pilot, form.query_one("#role", Input), "Staff engineer")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, BoardScreen)
        again = await open_form(pilot, wait_until, wait_for_screen, "e")
        assert again.query_one("#role", Input).value == "Staff engineer" and not again.dirty


async def test_opening_the_form_again_and_again_holds_no_more_widgets(two_apps_db, make_app, wait_until, wait_for_screen):
    """The form is kept; its rows are kept too when the next opening has
    rows to show in them, the others are removed: openings that go round
    the same applications end with as many widgets alive as the last round
    did. (An input removed from a screen that stays was held by Textual's
    text-selection signal: PlainInput.on_unmount.)"""
    app = make_app(two_apps_db)

    def inputs_alive() -> int:
        gc.collect()
        return sum(isinstance(o, PlainInput) for o in gc.get_objects())

    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.current_card is not None)
        alive = []
        for round_ in range(4):
            # a round of openings: each card (2 contacts and none, 1 contact and 1 round) and a new application
            for keys in (("e",), ("j", "e"), ("k", "n")):
                await open_form(pilot, wait_until, wait_for_screen, *keys)
                await pilot.press("escape")
                await wait_for_screen(pilot, BoardScreen)
            if round_ in (1, 3):
                alive.append(inputs_alive())
        # Textual keeps a few past layouts of each container and a few render
        # caches until the app lets go of them, with the rows they hold: the
        # count moves by a row or two, but must not grow by a round's removed
        # rows (9 inputs) at each round (it did: 24, 33, 42, 51).
        assert alive[1] - alive[0] < 2 * 9, alive


async def test_a_form_opened_again_after_a_theme_change_has_the_new_themes_colours(
        two_apps_db, make_app, wait_until, wait_for_screen):
    """Shown again, the form keeps its widgets' styles unless the app's look
    changed meanwhile (ApplicationFormScreen.on_screen_resume)."""
    app = make_app(two_apps_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.current_card is not None)
        form = await open_form(pilot, wait_until, wait_for_screen, "n")
        dark = form.query_one("#company").styles.background
        await pilot.press("escape")
        await wait_for_screen(pilot, BoardScreen)
        app.theme = "textual-light"
        form = await open_form(pilot, wait_until, wait_for_screen, "n")
        light = form.query_one("#company").styles.background
        assert light != dark
        assert light == app.screen.query_one("#role").styles.background  # as every field of the new theme
        fresh = PlainInput("x", compact=True)
        await form.query_one("#form").mount(fresh)
        await wait_until(pilot, lambda: fresh.is_mounted, what="a field made under the new theme")
        assert fresh.styles.background == light
