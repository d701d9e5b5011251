"""Every field of an application in the form: typed by keyboard, stored in the
real file; times and days as people type them, shown back as absolute dates
before saving; bad values at the field with the focus on the first one."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Input, Select, TextArea

from followup_tui.domain.model import Application, Interview
from followup_tui.store import TinyDBRepository
from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.screens.dialogs import ConfirmDialog
from followup_tui.ui.screens.form import ApplicationFormScreen

from fixed import FIXED_NOW  # Wednesday 2026-11-25 15:00 UTC
from ui_steps import form_note as note, type_in


def stored(db: Path) -> dict[str, Application]:
    return {a.company: a for a in TinyDBRepository.open(db).list()}


async def open_new_form(pilot, wait_until, wait_for_screen) -> ApplicationFormScreen:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, BoardScreen) and pilot.app.session.loaded)
    await pilot.press("n")
    return await wait_for_screen(pilot, ApplicationFormScreen)


async def type_into(pilot, form, field_id: str, text: str) -> None:
    await type_in(pilot, form.query_one(f"#{field_id}", Input), text)
    await pilot.wait_for_scheduled_animations()


@pytest.fixture
def one_app_db(tmp_path: Path) -> Path:
    db = tmp_path / "data" / "followup.json"
    TinyDBRepository.open(db).add(Application(
        company="Acme", role="Data engineer", stage="applied", created=FIXED_NOW,
        job_url="https://acme.example/jobs/42", location="Lyon", salary="55-65k EUR",
        applied_on=date(2026, 11, 20), source="Referral", resume="cv-v3.pdf",
        tags=["remote", "python"], priority="high", notes="line one\nline two",
        interviews=[Interview(at=datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc), kind="phone")],
    ))
    return db


async def test_every_new_field_typed_in_the_form_is_stored(tmp_path, make_app, wait_until, wait_for_screen):
    db = tmp_path / "d.json"
    app = make_app(db)
    async with app.run_test(size=(120, 35)) as pilot:
        form = await open_new_form(pilot, wait_until, wait_for_screen)
        await pilot.press(*"Acme")
        await type_into(pilot, form, "job_url", "https://acme.example/jobs/7")
        await type_into(pilot, form, "location", "Lyon [remote]")
        await type_into(pilot, form, "salary", "55-65k EUR")
        await type_into(pilot, form, "applied_on", "yesterday")
        await type_into(pilot, form, "source", "LinkedIn")
        await type_into(pilot, form, "resume", "cv-v3.pdf")
        await type_into(pilot, form, "tags", "remote, python, Remote")
        priority = form.query_one("#priority", Select)
        priority.focus()
        await pilot.press("enter", "down", "down", "down", "enter")  # none -> low -> medium -> high
        await wait_until(pilot, lambda: priority.value == "high", what="priority high")
        await type_in(pilot, form.query_one("#notes", TextArea), "first line\nsecond line")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, BoardScreen)
    record = stored(db)["Acme"]
    assert record.job_url == "https://acme.example/jobs/7"
    assert record.location == "Lyon [remote]"
    assert record.salary == "55-65k EUR"
    assert record.applied_on == date(2026, 11, 24)
    assert (record.source, record.resume) == ("LinkedIn", "cv-v3.pdf")
    assert record.tags == ["remote", "python"]
    assert record.priority == "high"
    assert record.notes == "first line\nsecond line"


async def test_editing_shows_the_stored_fields_and_keeps_what_was_not_touched(one_app_db, make_app, wait_until, wait_for_screen):
    app = make_app(one_app_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.current_card is not None)
        await pilot.press("e")
        form = await wait_for_screen(pilot, ApplicationFormScreen)
        values = {i: form.query_one(f"#{i}", Input).value for i in
                  ("job_url", "location", "salary", "applied_on", "source", "resume", "tags")}
        assert values == {"job_url": "https://acme.example/jobs/42", "location": "Lyon", "salary": "55-65k EUR",
                          "applied_on": "2026-11-20", "source": "Referral", "resume": "cv-v3.pdf",
                          "tags": "remote, python"}
        assert form.query_one("#priority", Select).value == "high"
        assert form.query_one("#notes", TextArea).text == "line one\nline two"
        assert note(form, "applied_on") == "→ Fri 2026-11-20"
        await type_into(pilot, form, "location", "Paris")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, BoardScreen)
    record = stored(one_app_db)["Acme"]
    assert record.location == "Paris"
    assert (record.salary, record.tags, record.priority, record.applied_on) == (
        "55-65k EUR", ["remote", "python"], "high", date(2026, 11, 20))
    assert record.notes == "line one\nline two"


async def test_the_form_opens_with_a_line_only_under_the_fields_that_have_something_to_say(
        one_app_db, make_app, wait_until, wait_for_screen):
    """Each field's name is in its box's top edge and the line under it is
    mounted when first needed: an empty line per field was some 20 widgets
    to compose, style and lay out each time the form opened."""
    app = make_app(one_app_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.current_card is not None)
        await pilot.press("e")
        form = await wait_for_screen(pilot, ApplicationFormScreen)
        await wait_until(pilot, form.ready_for_keys, what="the rows mounted")
        assert {label.id for label in form.query(".field-error")} == {"applied_on-error", "interview-at-0-error"}
        assert form.query_one("#company").parent.border_title == "Company *"
        await type_into(pilot, form, "job_url", "not a url")
        await wait_until(pilot, lambda: note(form, "job_url") != "", what="the URL's error")
        await pilot.press("ctrl+u")
        await wait_until(pilot, lambda: note(form, "job_url") == "", what="the error gone with the text")
        assert form.query_one("#job_url-error").has_class("-empty")


TYPED_TIMES = [  # typed, shown under the field, stored (the user's timezone here: UTC)
    ("tomorrow 9:30", "→ Thu 2026-11-26 09:30", datetime(2026, 11, 26, 9, 30, tzinfo=timezone.utc)),
    ("today 14:00", "→ Wed 2026-11-25 14:00", datetime(2026, 11, 25, 14, 0, tzinfo=timezone.utc)),
    ("in 3 days", "→ Sat 2026-11-28 15:00", datetime(2026, 11, 28, 15, 0, tzinfo=timezone.utc)),
    ("friday 10:00", "→ Fri 2026-11-27 10:00", datetime(2026, 11, 27, 10, 0, tzinfo=timezone.utc)),
]


async def test_a_typed_time_shows_its_absolute_date_before_saving(tmp_path, make_app, wait_until, wait_for_screen):
    db = tmp_path / "d.json"
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_new_form(pilot, wait_until, wait_for_screen)
        await pilot.press(*"Acme", "f3")
        await wait_until(pilot, lambda: form.query("#interview-at-0") and form.focused is form.query_one("#interview-at-0"))
        for typed, shown, _ in TYPED_TIMES:
            await pilot.press("ctrl+u", *typed)
            await wait_until(pilot, lambda: note(form, "interview-at-0") == shown, what=shown)
            assert form.query_one("#interview-at-0-error").has_class("-hint")
        assert not db.exists() or "Acme" not in stored(db)  # shown before saving
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, BoardScreen)
    assert stored(db)["Acme"].interviews[0].at == TYPED_TIMES[-1][2]


async def test_the_meaning_of_a_typed_day_follows_the_typing(tmp_path, make_app, wait_until, wait_for_screen):
    app = make_app(tmp_path / "d.json")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_new_form(pilot, wait_until, wait_for_screen)
        await type_into(pilot, form, "applied_on", "last friday")
        await wait_until(pilot, lambda: note(form, "applied_on") == "→ Fri 2026-11-20")
        await pilot.press("ctrl+u", *"2 days ago")
        await wait_until(pilot, lambda: note(form, "applied_on") == "→ Mon 2026-11-23")
        await pilot.press("ctrl+u")
        await wait_until(pilot, lambda: note(form, "applied_on") == "", what="no line under an empty field")


async def test_an_ambiguous_time_is_an_error_at_the_field_listing_the_forms(tmp_path, make_app, wait_until,
                                                                          wait_for_screen):
    db = tmp_path / "d.json"
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_new_form(pilot, wait_until, wait_for_screen)
        await pilot.press(*"Acme", "f3")
        await wait_until(pilot, lambda: form.focused is not None and form.focused.id == "interview-at-0")
        for typed in ("03/04", "tomorrow 9", "next month", "friday"):
            await pilot.press("ctrl+u", *typed)
            await wait_until(pilot, lambda: repr(typed) in note(form, "interview-at-0"), what=f"error for {typed}")
            error = note(form, "interview-at-0")
            assert "YYYY-MM-DD" in error and "tomorrow 9:30" in error and "friday 10:00" in error
            assert not form.query_one("#interview-at-0-error").has_class("-hint")
        form.query_one("#notes", TextArea).focus()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: form.focused is form.query_one("#interview-at-0", Input))
        assert isinstance(app.screen, ApplicationFormScreen)
    assert not db.exists() or "Acme" not in stored(db)


async def test_a_bad_url_and_a_bad_date_are_errors_and_focus_goes_to_the_first(one_app_db, make_app, wait_until,
                                                                              wait_for_screen):
    before = one_app_db.read_bytes()
    app = make_app(one_app_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.current_card is not None)
        await pilot.press("e")
        form = await wait_for_screen(pilot, ApplicationFormScreen)
        await type_into(pilot, form, "applied_on", "the 5th")
        await type_into(pilot, form, "job_url", "acme.example/jobs")
        form.query_one("#notes", TextArea).focus()  # the cursor elsewhere when saving
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: form.focused is form.query_one("#job_url", Input), what="focus on the URL")
        assert "not a web address" in note(form, "job_url")
        assert "YYYY-MM-DD" in note(form, "applied_on") and "yesterday" in note(form, "applied_on")
        await type_into(pilot, form, "job_url", "https://acme.example/jobs")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: form.focused is form.query_one("#applied_on", Input), what="focus on the date")
        assert isinstance(app.screen, ApplicationFormScreen)
    assert one_app_db.read_bytes() == before


@pytest.mark.parametrize("key", ["ctrl+q", "escape"])
async def test_a_change_in_a_new_field_asks_before_it_is_lost(one_app_db, make_app, wait_until, wait_for_screen, key):
    app = make_app(one_app_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.current_card is not None)
        await pilot.press("e")
        form = await wait_for_screen(pilot, ApplicationFormScreen)
        await wait_until(pilot, form.ready_for_keys, what="the form complete")  # a change before counts for nothing
        assert not form.dirty
        form.query_one("#priority", Select).value = "low"
        await pilot.press(key)
        await wait_for_screen(pilot, ConfirmDialog)


async def test_at_80x24_tab_walks_the_fields_in_reading_order_and_each_is_scrolled_into_view(
        one_app_db, make_app, wait_until, wait_for_screen):
    app = make_app(one_app_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.current_card is not None)
        await pilot.press("e")
        form = await wait_for_screen(pilot, ApplicationFormScreen)
        await wait_until(pilot, lambda: form.focused is form.query_one("#company"))
        scroll = form.query_one("#form", VerticalScroll)
        order = []
        for _ in range(40):
            focused = form.focused
            order.append(focused.id)
            if focused.id == "add-interview":
                break
            await pilot.press("tab")
            await wait_until(pilot, lambda: form.focused is not focused)
            await pilot.wait_for_scheduled_animations()
            await wait_until(pilot, lambda: scroll.region.contains_region(form.focused.region),
                             what=f"{form.focused.id} in view")
        assert order[:22] == [
            "company", "role", "job_url", "location", "salary", "applied_on", "source", "resume", "priority",
            "tags", "company_domain", "decision_by", "channel", "stage", "outcome", "do_not_contact", "notes",
            "contact-name-0", "contact-title-0", "contact-email-0", "contact-phone-0", None,  # remove contact 1
        ]
        assert order[-7:] == ["interview-at-0", "interview-kind-0", "interview-with-0", "interview-minutes-0",
                              "interview-notes-0", None, "add-interview"]
        assert scroll.scroll_y > 0
