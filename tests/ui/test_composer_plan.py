"""Which message the composer writes and whether it may (pure, no app)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fixed import FIXED_NOW

from followup_tui.domain.demo import demo_applications
from followup_tui.domain.settings import Settings
from followup_tui.ui.composer_plan import addressed_to_first_unthanked, plan_message

SETTINGS = Settings(timezone="UTC", user_name="Sam Rivera")


@pytest.fixture
def demo():
    return {a.company: a for a in demo_applications(FIXED_NOW)}


@pytest.mark.parametrize(
    ("company", "kind", "number"),
    [
        ("Orbital Robotics", "thank-you", 1),  # thank-you due today
        ("Cobalt Studio", "thank-you", 1),  # overdue thank-you
        ("Harbor Bank", "follow-up", 1),
        ("Quarry & Co", "follow-up", 2),
        ("Lumen Health", "follow-up", 1),  # interview tomorrow: no message due, a follow-up by default
    ],
)
def test_the_card_s_next_message(demo, company, kind, number):
    plan = plan_message(demo[company], FIXED_NOW, SETTINGS)
    assert (plan.kind, plan.number, plan.refusal) == (kind, number, "")


def test_no_message_due_says_so(demo):
    assert plan_message(demo["Lumen Health"], FIXED_NOW, SETTINGS).note == "No message is due (next: prepare)."


def test_third_follow_up_is_refused_with_the_advice_to_let_go(demo):
    plan = plan_message(demo["Tidewater Energy"], FIXED_NOW, SETTINGS)
    assert plan.number == 3
    assert "already sent 2 follow-ups" in plan.refusal and "let go and move on" in plan.refusal
    # a thank-you is still allowed, and a higher limit allows a third
    assert plan_message(demo["Tidewater Energy"], FIXED_NOW, SETTINGS, "thank-you").refusal == ""
    more = replace(SETTINGS, cadence=replace(SETTINGS.cadence, max_follow_ups=3))
    assert plan_message(demo["Tidewater Energy"], FIXED_NOW, more).refusal == ""


def test_do_not_contact_is_refused_for_every_kind(demo):
    for kind in ("thank-you", "follow-up", None):
        assert "asked not to be contacted" in plan_message(demo["Meridian Press"], FIXED_NOW, SETTINGS, kind).refusal


def test_after_thanking_one_interviewer_the_next_note_goes_to_the_other(demo):
    orbital = demo["Orbital Robotics"]
    assert plan_message(orbital, FIXED_NOW, SETTINGS).who == ("Maya Lindqvist", "Jon Park")
    orbital.record_sent("thank-you", FIXED_NOW, recipient="maya.lindqvist@orbital-robotics.com")
    plan = plan_message(orbital, FIXED_NOW, SETTINGS)
    assert plan.who == ("Jon Park",)
    addressed = addressed_to_first_unthanked(orbital, FIXED_NOW, plan.who)
    assert addressed.interviews[0].with_names == ["Jon Park", "Maya Lindqvist"]
    assert orbital.interviews[0].with_names == ["Maya Lindqvist", "Jon Park"]  # a copy: the record is untouched
    assert addressed_to_first_unthanked(orbital, FIXED_NOW, ()) is orbital
