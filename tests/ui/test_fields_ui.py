"""The new fields in the TUI: the board filter finds tags, locations and
sources; the detail view shows the job facts; one key opens the job URL (or
shows it to copy when there is no browser)."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from rich.console import Console

from followup_tui.domain.model import STAGES, Application
from followup_tui.store import TinyDBRepository
from followup_tui.ui.actions import job_url
from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.screens.detail import DetailScreen

from fixed import FIXED_NOW


@pytest.fixture
def fields_db(tmp_path: Path) -> Path:
    db = tmp_path / "data" / "followup.json"
    created = FIXED_NOW - timedelta(days=3)
    TinyDBRepository.open(db).add_many([
        Application(company="Acme", role="Data engineer", stage="saved", created=created,
                    job_url="https://acme.example/jobs/42", location="Lyon", salary="55-65k EUR",
                    applied_on=date(2026, 11, 20), source="Referral", resume="cv-v3.pdf",
                    tags=["remote", "python"], priority="high", notes="line one\nline two"),
        Application(company="Beta", role="SRE", created=created, location="Berlin", source="LinkedIn"),
        Application(company="Gamma", role="Analyst", created=created, tags=["onsite"]),
    ])
    return db


def visible(screen: BoardScreen) -> list[str]:
    return [c.company for s in STAGES for c in screen.column(s).cards]


@pytest.mark.parametrize(("typed", "expected"), [("remote", ["Acme"]), ("berlin", ["Beta"]),
                                                 ("linkedin", ["Beta"]), ("onsite", ["Gamma"])])
async def test_the_filter_matches_tags_location_and_source(fields_db, make_app, wait_until, typed, expected):
    app = make_app(fields_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and len(visible(app.screen)) == 3)
        await pilot.press("slash", *typed)
        await wait_until(pilot, lambda: visible(app.screen) == expected, what=f"only {expected}")


def detail_text(screen: DetailScreen) -> str:
    console = Console(width=120, record=True, file=io.StringIO())
    console.print(screen.render_application(screen.application))
    return console.export_text()


async def open_acme_detail(app, pilot, wait_until):
    await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and visible(app.screen))
    await pilot.press("enter")  # the first card: Acme, in Saved
    await wait_until(pilot, lambda: isinstance(app.screen, DetailScreen), what="the detail screen")


async def test_the_detail_view_shows_the_job_facts_and_multi_line_notes(fields_db, make_app, wait_until):
    app = make_app(fields_db)
    async with app.run_test(size=(120, 35)) as pilot:
        await open_acme_detail(app, pilot, wait_until)
        text = detail_text(app.screen)
        for line in ("job: https://acme.example/jobs/42", "location: Lyon", "salary: 55-65k EUR",
                     "applied: 2026-11-20", "source: Referral", "resume: cv-v3.pdf", "tags: remote, python",
                     "priority: high", "line one\nline two"):
            assert line in text


async def test_w_shows_the_job_url_to_copy_when_there_is_no_browser(fields_db, make_app, wait_until, monkeypatch):
    monkeypatch.setattr(job_url, "browser_available", lambda: False)
    app = make_app(fields_db)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, new_tab=True: opened.append(url))
    async with app.run_test(size=(120, 35)) as pilot:
        await open_acme_detail(app, pilot, wait_until)
        await pilot.press("w")
        await wait_until(pilot, lambda: app.clipboard == "https://acme.example/jobs/42", what="the URL copied")
        assert opened == []


async def test_w_opens_the_job_url_in_a_browser_where_there_is_one(fields_db, make_app, wait_until, monkeypatch):
    monkeypatch.setattr(job_url, "browser_available", lambda: True)
    app = make_app(fields_db)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, new_tab=True: opened.append(url))
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and visible(app.screen))
        await pilot.press("w")  # from the board too: the focused card
        await wait_until(pilot, lambda: opened == ["https://acme.example/jobs/42"], what="the browser opened")
