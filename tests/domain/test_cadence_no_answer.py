"""Letting go before an interview (issue 21 item 3): an application nobody
answered gets "let go" (close as ghosted) after a configurable silence,
never a message the article does not advise."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from followup_tui.domain.cadence import next_actions
from followup_tui.domain.message_plan import next_step, plan_message
from followup_tui.domain.model import Application, Interview
from followup_tui.domain.settings import Settings

SETTINGS = Settings(timezone="UTC")
APPLIED = date(2026, 10, 1)  # a Thursday; 21 business days later is Friday 30 October


def applied(**fields) -> Application:
    fields.setdefault("stage", "applied")
    return Application(company="Acme", role="Analyst", applied_on=APPLIED,
                       created=datetime(2026, 10, 1, 8, tzinfo=timezone.utc), **fields)


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc)


def test_nothing_is_due_while_the_silence_is_short():
    app = applied()
    assert next_actions(app, at(date(2026, 10, 29)), SETTINGS) == []
    assert next_step(app, at(date(2026, 10, 29)), SETTINGS).line == "nothing to write, next: waiting to hear"


def test_after_a_month_of_silence_the_step_is_to_let_go_as_ghosted_not_a_message():
    app = applied()
    [action] = next_actions(app, at(date(2026, 10, 30), 10), SETTINGS)
    assert (action.kind, action.outcome) == ("let-go", "ghosted")
    assert action.due.date() == date(2026, 10, 30)
    assert "21 business days after applying (2026-10-01)" in action.reason
    step = next_step(app, at(date(2026, 11, 2)), SETTINGS)
    assert (step.kind, step.line) == (None, "nothing to write, next: let go")
    assert plan_message(app, at(date(2026, 11, 2)), SETTINGS).nothing_due == "nothing to write, next: let go"


def test_the_silence_is_configurable_and_counts_from_the_created_date_without_an_applied_date():
    shorter = replace(SETTINGS, cadence=replace(SETTINGS.cadence, no_answer_let_go_days=5))
    app = applied()
    app.applied_on = None
    assert next_actions(app, at(date(2026, 10, 7)), shorter) == []
    assert next_actions(app, at(date(2026, 10, 8), 10), shorter)[0].kind == "let-go"


def test_an_answer_an_interview_or_a_message_you_sent_changes_it():
    late = at(date(2026, 12, 1))
    answered = applied()
    answered.record_response("we are reviewing", at(date(2026, 10, 5)))
    assert all(a.kind != "let-go" for a in next_actions(answered, late, SETTINGS))
    interviewed = applied(interviews=[Interview(at=at(date(2026, 10, 20)))])
    assert all(a.outcome != "ghosted" for a in next_actions(interviewed, late, SETTINGS))
    chased = applied()
    chased.record_sent("follow-up", at(date(2026, 10, 28)))
    assert next_actions(chased, at(date(2026, 11, 20)), SETTINGS) == []  # the silence counts from your message
    assert next_actions(chased, late, SETTINGS)[0].kind == "let-go"


def test_saved_and_closed_applications_are_not_let_go():
    late = at(date(2027, 1, 10))
    assert next_actions(applied(stage="saved"), late, SETTINGS) == []
    closed = applied()
    closed.move_to("closed", at(date(2026, 10, 2)), "rejected")
    assert next_actions(closed, late, SETTINGS) == []
