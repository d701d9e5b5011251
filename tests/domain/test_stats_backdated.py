"""Figures that add up (issue 21 item 6): a second hand-worked set with
back-dated and imported records, and no negative duration for any of 300
generated histories. Every figure below is worked out by hand from the
comments."""

from __future__ import annotations

from datetime import date, timezone

from domain.stats_data import NOW, at
from fixed import FIXED_NOW
from histories import seeded_histories

from followup_tui.domain.model import Application, Interview
from followup_tui.domain.stats import ANSWER_MEANS, FUNNEL_LABELS, applied_date, search_stats

UTC = timezone.utc


def records() -> list[Application]:
    # G, typed late: created 11-20, its interview 11-10 entered back-dated, no
    # applied date: it started 11-10 (its first round); first answer the
    # interview itself, 0 days (the old figure was -10).
    g = Application(company="Golf", stage="interview", created=at(11, 20), interviews=[Interview(at=at(11, 10))])
    # H, imported on 11-25 with its applied date 11-12, answered 11-13: 1 day.
    h = Application(company="Hotel", applied_on=date(2026, 11, 12), created=at(11, 25), source="LinkedIn")
    h.record_response("thanks for applying", at(11, 13))
    # I, saved first on 11-01, applied 11-06, answered 11-09: 3 days; the only one saved first.
    i = Application(company="India", stage="saved", created=at(11, 1))
    i.move_to("applied", at(11, 6))
    i.record_response("phone screen?", at(11, 9))
    # J, an applied date (11-20) later than the answer recorded (11-18): it
    # started by 11-18 at the latest, 0 days.
    j = Application(company="Juliet", applied_on=date(2026, 11, 20), created=at(11, 20))
    j.record_response("we got it", at(11, 18))
    apps = [g, h, i, j]
    for number, app in enumerate(apps, start=1):
        app.id = number
    return apps


def test_every_figure_of_the_back_dated_and_imported_set():
    figures = search_stats(records(), NOW, UTC)
    assert [applied_date(a, UTC) for a in records()] == [date(2026, 11, 10), date(2026, 11, 12), date(2026, 11, 6), date(2026, 11, 18)]
    assert dict(figures.funnel) == {"saved": 1, "applied": 4, "interview": 1, "thanked": 0, "following-up": 0, "offer": 0}
    assert (figures.response_rate.part, figures.response_rate.whole) == (4, 4)
    assert figures.days_to_first_response.days == (0, 0, 1, 3)
    assert figures.days_to_first_response.median == 0.5
    assert figures.days_interview_to_decision.days == ()
    assert (figures.thank_you_on_time.part, figures.thank_you_on_time.whole) == (0, 0)
    assert [(d.isoformat(), n) for d, n in figures.per_week] == [
        ("2026-11-02", 1), ("2026-11-09", 2), ("2026-11-16", 1), ("2026-11-23", 0)]


def test_the_funnel_and_the_response_rate_say_what_they_count():
    data = search_stats(records(), NOW, UTC).to_dict()
    assert [row["label"] for row in data["funnel"]] == list(FUNNEL_LABELS.values())
    assert data["funnel"][0] == {"stage": "saved", "label": "saved first", "reached": 1}
    assert data["response_rate"]["answer_means"] == ANSWER_MEANS


def test_no_negative_duration_for_any_generated_history():
    apps = seeded_histories(300, FIXED_NOW, seed=6)
    figures = search_stats(apps, FIXED_NOW, UTC)
    assert all(d >= 0 for d in figures.days_to_first_response.days)
    assert all(d >= 0 for d in figures.days_interview_to_decision.days)
    assert figures.days_to_first_response.days, "the generator must give answered applications"
    funnel = dict(figures.funnel)
    stages = list(funnel)
    assert all(funnel[a] >= funnel[b] for a, b in zip(stages[1:], stages[2:])), funnel  # after saved, each stage within the one before
