"""One plan everywhere (issue 21 item 1), on the screens: for the demo
applications and a sample of generated histories, the board's card, the
agenda's first row, the detail view and the composer's first line name the
step the domain names (domain.message_plan.next_step), the composer at
every size from 60x20 up."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from fixed import FIXED_NOW
from histories import seeded_histories
from rich.console import Console

from followup_tui.domain.demo import demo_applications
from followup_tui.domain.message_plan import next_step
from followup_tui.domain.model import Interview
from followup_tui.domain.settings import Settings
from followup_tui.store import TinyDBRepository
from followup_tui.ui.screens.agenda import AgendaScreen
from followup_tui.ui.screens.composer import ComposerScreen
from followup_tui.ui.screens.detail import DetailScreen
from followup_tui.domain.cadence import action_label
from ui_steps import board_ready, messages

SETTINGS = Settings(timezone="UTC", user_name="Sam Rivera")


def issue_case():
    """A follow-up sent, a final round set after their answer, the card left in Following up."""
    app = demo_applications(FIXED_NOW)[0]
    start = FIXED_NOW - timedelta(days=20)
    app.company = "Lattice Robotics"
    app.interviews = [Interview(at=start, with_names=["Priya Raman"])]
    app.record_sent("thank-you", start + timedelta(hours=5))
    app.record_sent("follow-up", start + timedelta(days=10))
    app.record_response("please come to a final round", start + timedelta(days=12))
    app.interviews.append(Interview(at=FIXED_NOW + timedelta(days=2), with_names=["Priya Raman"]))
    return app


@pytest.fixture
def sample_db(tmp_path):
    db = tmp_path / "data" / "followup.json"
    apps = demo_applications(FIXED_NOW) + [issue_case()] + seeded_histories(6, FIXED_NOW, seed=5)
    TinyDBRepository.open(db, clock=lambda: FIXED_NOW).add_many(apps)
    return db


def drawn_line(widget) -> str:
    """The widget's first line as drawn (cut to its width)."""
    return widget.render_line(0).text


def mounted(screen) -> bool:
    """Laid out, its header's title in place (leaving earlier races the header's own mount)."""
    return bool(screen.query("HeaderTitle")) and screen.size.area > 0


def detail_text(screen: DetailScreen) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(screen.query_one("#detail-body").content)
    return console.export_text()


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 35)])
async def test_composer_and_detail_say_the_step_the_card_says(sample_db, make_app, wait_until, size):
    app = make_app(sample_db)
    stored = TinyDBRepository.open(sample_db).list()
    async with app.run_test(size=size) as pilot:
        await board_ready(pilot, wait_until)
        for application in stored:
            step = next_step(application, FIXED_NOW, SETTINGS)
            if size == (80, 24):  # the detail view and agenda once; the composer at every size
                app.open_detail(application.id)
                await wait_until(pilot, lambda: isinstance(app.screen, DetailScreen) and mounted(app.screen), what="the detail view")
                text = detail_text(app.screen)
                assert (f"write: {step.line}" if step.kind else step.line) in text, (application.company, step, text)
                await pilot.press("escape")
                await board_ready(pilot, wait_until)
            seen = len(messages(app))
            app.open_composer(application.id)
            await wait_until(pilot, lambda: isinstance(app.screen, ComposerScreen) or len(messages(app)) > seen,
                             what="the composer or a refusal")
            if not isinstance(app.screen, ComposerScreen):
                assert step.kind is None, (application.company, step)
                assert step.line in messages(app)[-1], (step, messages(app)[-1])
                continue
            screen = app.screen
            await wait_until(pilot, lambda: screen.plan is not None and mounted(screen) and screen.query_one("#composer-title").size.width > 0)
            first = drawn_line(screen.query_one("#composer-title"))
            if step.kind is None:
                wanted = step.line[0].upper() + step.line[1:]
                assert first.strip().startswith(wanted), (size, first, step)
            else:
                assert (screen.plan.kind, screen.plan.number) == (step.kind, step.number)
                assert first.strip().startswith(screen.plan.title), (size, first)
            await pilot.press("escape")
            await board_ready(pilot, wait_until)


async def test_the_agenda_lists_each_card_s_step_first(sample_db, make_app, wait_until, wait_for_screen):
    app = make_app(sample_db)
    stored = {a.id: a for a in TinyDBRepository.open(sample_db).list()}
    async with app.run_test(size=(120, 35)) as pilot:
        await board_ready(pilot, wait_until)
        await pilot.press("a")
        agenda = await wait_for_screen(pilot, AgendaScreen)
        await wait_until(pilot, lambda: agenda.current is not None, what="agenda rows")
        first: dict[int, str] = {}
        for application, action in agenda.rows:
            first.setdefault(application.id, action_label(action))
        for app_id, label in first.items():
            assert label == next_step(stored[app_id], FIXED_NOW, SETTINGS).label
        assert "Lattice Robotics" in {stored[i].company for i in first}
