"""One rule for the next message: which, to whom, whether it may be written
(domain.message_plan, used by `followup draft`, the composer and the agenda)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fixed import FIXED_NOW

from followup_tui.domain.demo import demo_applications
from followup_tui.domain.settings import Settings
from followup_tui.domain.message_plan import fill, plan_message

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
    plan = plan_message(demo["Lumen Health"], FIXED_NOW, SETTINGS)
    assert plan.note == "Nothing to write, next: prepare for the interview."
    assert plan.nothing_due == "nothing to write, next: prepare for the interview"


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
    plan = plan_message(orbital, FIXED_NOW, SETTINGS)
    assert plan.who == ("Maya Lindqvist", "Jon Park")
    assert plan.to_name == "Maya Lindqvist" and plan.to == "maya.lindqvist@orbital-robotics.com"
    orbital.record_sent("thank-you", FIXED_NOW, recipient="maya.lindqvist@orbital-robotics.com")
    plan = plan_message(orbital, FIXED_NOW, SETTINGS)
    assert plan.who == ("Jon Park",)
    assert plan.to_name == "Jon Park"
    body = fill(plan, orbital, SETTINGS, FIXED_NOW).body
    assert body.startswith("Hi Jon,") and "pleasure to meet Maya as well" in body
    assert orbital.interviews[0].with_names == ["Maya Lindqvist", "Jon Park"]  # the record is untouched


def test_no_thank_you_before_any_interview(demo):
    lumen = demo["Lumen Health"]  # its interview is tomorrow
    assert "no interview yet" in plan_message(lumen, FIXED_NOW, SETTINGS, "thank-you").refusal
    assert plan_message(lumen, FIXED_NOW, SETTINGS, "follow-up").refusal == ""


def test_each_caller_gets_the_same_plan_whatever_it_asks(demo):
    """The card's next message, asked without a kind, or with the kind and
    round of its agenda row: the same plan."""
    for application in demo.values():
        plan = plan_message(application, FIXED_NOW, SETTINGS)
        if plan.action is None:
            continue
        again = plan_message(application, FIXED_NOW, SETTINGS, plan.action.kind, plan.action.round_at)
        assert again == plan, application.company


def test_a_refused_plan_still_names_whom_it_would_have_gone_to(demo):
    meridian = demo["Meridian Press"]
    plan = plan_message(meridian, FIXED_NOW, SETTINGS, "follow-up")
    assert plan.refusal and not plan.may_write
    assert plan.to == meridian.primary_email
