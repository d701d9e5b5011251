"""The stage follows the history where it is sure, and the history is read in
the order things happened (issue 21 item 2)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from followup_tui.domain.cadence import next_actions
from followup_tui.domain.history import dated_before, sent_times
from followup_tui.domain.model import Application, Interview
from followup_tui.domain.settings import Settings
from followup_tui.domain.stage_rules import follow_new_round, offer_proposal, reads_as_offer

SETTINGS = Settings(timezone="UTC")
NOW = datetime(2026, 11, 25, 15, tzinfo=timezone.utc)
ROUND = NOW - timedelta(days=20)


def waiting(stage: str) -> Application:
    app = Application(company="Lattice Robotics", role="Engineer", stage="interview", interviews=[Interview(at=ROUND)])
    app.record_sent("thank-you", ROUND + timedelta(hours=5))
    app.move_to(stage, ROUND + timedelta(hours=6))
    return app


@pytest.mark.parametrize("stage", ["thanked", "following-up"])
def test_a_new_round_coming_moves_a_card_past_interview_back_to_interview(stage):
    before = waiting(stage)
    after = before.copy()
    after.interviews.append(Interview(at=NOW + timedelta(days=2)))
    said = follow_new_round(before, after, NOW)
    assert after.stage == "interview"
    assert said == f"moved from {'Thanked' if stage == 'thanked' else 'Following up'} to Interview: a new round is coming"
    assert after.events[-1].kind == "stage-change" and after.events[-1].to_stage == "interview"


def test_nothing_moves_for_a_past_round_a_hand_chosen_stage_or_other_columns():
    before = waiting("thanked")
    past = before.copy()
    past.interviews.append(Interview(at=NOW - timedelta(days=1)))  # recorded late: already over
    assert follow_new_round(before, past, NOW) == "" and past.stage == "thanked"
    by_hand = before.copy()
    by_hand.interviews.append(Interview(at=NOW + timedelta(days=2)))
    by_hand.move_to("following-up", NOW)
    assert follow_new_round(before, by_hand, NOW) == "" and by_hand.stage == "following-up"
    for stage in ("applied", "offer", "closed"):
        other = waiting(stage)
        changed = other.copy()
        changed.interviews.append(Interview(at=NOW + timedelta(days=2)))
        assert follow_new_round(other, changed, NOW) == "" and changed.stage == stage


@pytest.mark.parametrize("text", [
    "We would like to offer you the position of Data Analyst.",
    "I'm pleased to extend an offer to you; the offer letter is attached.",
    "Great news: we're making you an offer!",
    "Please find attached your offer of employment.",
    "We want to offer you the senior engineering role.",
    "Verbal offer: 80k, details to follow.",
])
def test_an_offer_in_their_words_is_proposed(text):
    assert reads_as_offer(text)
    assert offer_proposal(waiting("following-up"), text) == "Lattice Robotics: this reads as an offer. Move it to Offer?"


@pytest.mark.parametrize("text", [
    "Thanks for the offer to meet, but we have moved on.",
    "We can offer a call next Tuesday to discuss next steps.",
    "We decided not to move forward with your application.",
    "Please come in for a final round.",
])
def test_other_answers_propose_nothing(text):
    assert not reads_as_offer(text)
    assert offer_proposal(waiting("following-up"), text) == ""


def test_no_proposal_once_at_offer_or_closed():
    assert offer_proposal(waiting("offer"), "we would like to offer you the job") == ""


def test_a_follow_up_logged_with_a_clock_that_went_back_still_counts():
    """Dated before the thank-you it followed, even before the interview: it
    is still follow-up 1, so the next step is follow-up 2, not 1 again."""
    app = waiting("thanked")
    app.record_sent("follow-up", ROUND - timedelta(days=3))  # the laptop's clock was days behind
    assert dated_before(app, app.events[-2 if app.events[-1].kind == "stage-change" else -1]) is not None
    [action] = next_actions(app, NOW, SETTINGS)
    assert (action.kind, action.number) == ("follow-up", 2)
    assert sent_times(app, "follow-up") == [ROUND + timedelta(hours=5)]  # it counts from the thank-you it followed


def test_a_back_dated_response_keeps_its_date():
    """Ordered by when it happened: a response logged today as of before the
    follow-up still comes before it, so the follow-up chased them after it."""
    app = waiting("following-up")
    app.record_sent("follow-up", ROUND + timedelta(days=10))
    app.record_response("we are still deciding", ROUND + timedelta(days=9))
    assert dated_before(app, app.events[-1]).message_kind == "follow-up"
    [action] = next_actions(app, NOW, SETTINGS)
    assert (action.kind, action.number) == ("follow-up", 2)


def test_events_in_order_are_not_flagged():
    app = waiting("thanked")
    assert all(dated_before(app, e) is None for e in app.events)
