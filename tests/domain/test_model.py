"""The application model: validation, JSON round trip, and the changes that
leave a trace in the history (DESIGN §3, §4)."""

from __future__ import annotations

from fixed import FIXED_NOW

import json
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from followup_tui.domain.errors import ValidationError
from followup_tui.domain.model import (
    OUTCOMES,
    STAGES,
    Application,
    Contact,
    Draft,
    Event,
    Interview,
    normalize_tags,
)

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)


def full_application() -> Application:
    """Every field set, with times given in a non-UTC zone on purpose."""
    paris = ZoneInfo("Europe/Paris")
    return Application(
        id=7,
        company="Acme",
        role="Data engineer",
        company_domain="acme.com",
        stage="following-up",
        channel="linkedin",
        do_not_contact=True,
        decision_by=date(2026, 12, 1),
        job_url="https://acme.com/jobs/42",
        location="Paris (hybrid)",
        salary="55-65k EUR",
        applied_on=date(2026, 11, 10),
        source="LinkedIn",
        resume="resume-data-v3.pdf",
        tags=["remote", "python"],
        priority="high",
        contacts=[
            Contact(name="Ada Lovelace", title="Hiring manager", email="ada@acme.com", phone="+33 1 23"),
            Contact(name="Bob", email="bob@acme.com"),
        ],
        interviews=[
            Interview(at=datetime(2026, 11, 20, 10, 0, tzinfo=paris), kind="phone screen", with_names=["Ada"]),
            Interview(
                at=datetime(2026, 11, 23, 14, 30, tzinfo=paris),
                kind="onsite",
                with_names=["Ada", "Bob"],
                notes="whiteboard",
                duration_minutes=180,
            ),
        ],
        events=[
            Event(at=NOW - timedelta(days=5), kind="stage-change", from_stage="applied", to_stage="interview"),
            Event(at=NOW - timedelta(days=4), kind="message-sent", message_kind="thank-you",
                  recipient="ada@acme.com", subject="Thank you", body="Dear Ada,\nThanks."),
            Event(at=NOW - timedelta(days=2), kind="response", text="We decide next week"),
            Event(at=NOW - timedelta(days=1), kind="note", text="call back"),
            Event(at=NOW, kind="snooze", until=NOW + timedelta(days=2)),
        ],
        drafts={"follow-up": Draft(kind="follow-up", to="ada@acme.com", subject="Checking in",
                                   body="Hello", updated=NOW)},
        notes="liked the team\nsecond line: ask about on-call",
        created=NOW - timedelta(days=10),
        updated=NOW,
        rev=4,
    )


# -- validation ------------------------------------------------------------


def field_of(app: Application) -> str:
    with pytest.raises(ValidationError) as caught:
        app.validate()
    return caught.value.field


def test_a_complete_application_is_valid():
    full_application().validate()


@pytest.mark.parametrize("company", ["", "   ", "\t\n"])
def test_company_is_required(company):
    app = Application(company=company)
    with pytest.raises(ValidationError, match="company is required") as caught:
        app.validate()
    assert caught.value.field == "company"


def test_stage_must_be_one_of_the_six_and_the_message_lists_them():
    with pytest.raises(ValidationError) as caught:
        Application(company="Acme", stage="wishlist").validate()
    assert caught.value.field == "stage"
    assert "'wishlist'" in str(caught.value)
    for stage in STAGES:
        assert stage in caught.value.message


def test_every_listed_stage_is_accepted():
    assert STAGES == ("saved", "applied", "interview", "thanked", "following-up", "offer", "closed")
    for stage in STAGES:
        Application(company="Acme", stage=stage).validate()


def test_outcome_only_for_a_closed_application():
    assert field_of(Application(company="Acme", stage="offer", outcome="accepted")) == "outcome"
    for outcome in OUTCOMES:
        Application(company="Acme", stage="closed", outcome=outcome).validate()


def test_outcome_must_be_known():
    assert "ghosted" in OUTCOMES  # the employer never answered: a closed outcome of its own
    assert field_of(Application(company="Acme", stage="closed", outcome="vanished")) == "outcome"


def test_priority_must_be_known():
    assert field_of(Application(company="Acme", priority="urgent")) == "priority"
    for priority in ("", "low", "medium", "high"):
        Application(company="Acme", priority=priority).validate()


@pytest.mark.parametrize("url", ["acme.com/jobs/1", "ftp://acme.com/x", "https://acme.com/a b"])
def test_job_url_must_be_a_web_address(url):
    assert field_of(Application(company="Acme", job_url=url)) == "job_url"


def test_tags_are_normalized_and_checked():
    assert normalize_tags(" remote, Python ,,python, data  eng ") == ["remote", "Python", "data eng"]
    assert normalize_tags(["a,b", "B", " c "]) == ["a", "b", "c"]
    assert field_of(Application(company="Acme", tags=["a", "A"])) == "tags"
    assert field_of(Application(company="Acme", tags=["a,b"])) == "tags"
    assert field_of(Application(company="Acme", tags=[" "])) == "tags"


def test_channel_must_be_known():
    assert field_of(Application(company="Acme", channel="fax")) == "channel"


@pytest.mark.parametrize("email", ["ada", "ada@", "ada@acme", "ada@@acme.com", "Ada <ada@acme.com>", "ada@x.test"])
def test_contact_email_syntax_is_checked_and_names_the_contact(email):
    app = Application(company="Acme", contacts=[Contact(email="ok@acme.com"), Contact(email=email)])
    with pytest.raises(ValidationError) as caught:
        app.validate()
    assert caught.value.field == "contact 2 email"
    assert repr(email) in caught.value.message


def test_a_contact_without_an_email_is_fine():
    Application(company="Acme", contacts=[Contact(name="Ada")]).validate()


def test_interview_duration_must_be_positive():
    app = Application(company="Acme", interviews=[Interview(at=NOW, duration_minutes=0)])
    assert field_of(app) == "interview duration"


# -- JSON round trip -----------------------------------------------------------


def test_round_trip_through_json_keeps_every_field():
    app = full_application()
    data = json.loads(json.dumps(app.to_dict()))
    back = Application.from_dict(data, app_id=7)
    assert back == app
    assert back.to_dict() == app.to_dict()


def test_times_are_stored_as_utc_instants_and_dates_stay_dates():
    data = full_application().to_dict()
    assert data["interviews"][0]["at"] == "2026-11-20T09:00:00Z"  # 10:00 in Paris
    assert data["decision_by"] == "2026-12-01"
    assert data["applied_on"] == "2026-11-10"
    assert data["created"] == "2026-11-15T15:00:00Z"


def test_from_dict_of_malformed_data_is_a_validation_error():
    with pytest.raises(ValidationError) as caught:
        Application.from_dict({"company": "Acme", "interviews": [{"kind": "no time"}]})
    assert caught.value.field == "interview 1 at"  # the field named as the bad-file messages name it
    with pytest.raises(ValidationError):
        Application.from_dict({"company": "Acme", "decision_by": "next week"})
    with pytest.raises(ValidationError):
        Application.from_dict({"company": "Acme", "events": [{"at": "2026-11-25T10:00:00Z", "kind": "gossip"}]})


HOSTILE_TEXT = [
    "[/]",
    "[bold]x",
    "[TODO] Q3",
    "x\\",
    "bell\x07 and escape \x1b[31mred\x1b[0m",
    "tab\there\r\nnew line",
    "nul\x00byte",
    "émoji 🎉 and ünïcode",
]


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_outside_text_is_stored_exactly_as_given(text):
    app = Application(company=text, role=text, notes=text, contacts=[Contact(name=text, title=text)])
    app.add_note(text, NOW)
    app.record_response(text, NOW)
    app.validate()
    back = Application.from_dict(json.loads(json.dumps(app.to_dict(), ensure_ascii=False)))
    assert back.company == text
    assert back.role == text
    assert back.notes == text
    assert back.contacts[0].name == text
    assert [e.text for e in back.events] == [text, text]


# -- changes leave a trace ---------------------------------------------------------


def test_move_to_records_a_stage_change_event():
    app = Application(company="Acme", stage="applied")
    app.move_to("interview", NOW)
    assert app.stage == "interview"
    [event] = app.events
    assert (event.kind, event.from_stage, event.to_stage, event.at) == ("stage-change", "applied", "interview", NOW)


def test_move_to_the_same_stage_records_nothing():
    app = Application(company="Acme", stage="offer")
    app.move_to("offer", NOW)
    assert app.events == []


def test_move_to_closed_sets_an_outcome_and_leaving_closed_clears_it():
    app = Application(company="Acme", stage="offer")
    app.move_to("closed", NOW, outcome="accepted")
    assert (app.stage, app.outcome) == ("closed", "accepted")
    assert app.events[-1].text == "outcome: accepted"
    app.validate()

    other = Application(company="Beta", stage="thanked")
    other.move_to("closed", NOW)
    assert other.outcome == "moved-on"

    app.move_to("offer", NOW + timedelta(hours=1))
    assert (app.stage, app.outcome) == ("offer", None)
    app.validate()
    assert [(e.from_stage, e.to_stage) for e in app.events] == [("offer", "closed"), ("closed", "offer")]


def test_move_to_an_unknown_stage_changes_nothing():
    app = Application(company="Acme", stage="interview")
    with pytest.raises(ValidationError):
        app.move_to("hired", NOW)
    assert (app.stage, app.events) == ("interview", [])


def test_move_to_needs_an_aware_time():
    app = Application(company="Acme")
    with pytest.raises(ValueError):
        app.move_to("interview", datetime(2026, 11, 25, 15, 0))


@pytest.mark.parametrize(
    ("start", "kind", "expected"),
    [
        ("applied", "thank-you", "thanked"),
        ("interview", "thank-you", "thanked"),
        ("interview", "follow-up", "following-up"),
        ("thanked", "follow-up", "following-up"),
        ("following-up", "follow-up", "following-up"),
        # never backwards
        ("following-up", "thank-you", "following-up"),
        ("offer", "thank-you", "offer"),
        ("offer", "follow-up", "offer"),
        ("closed", "follow-up", "closed"),
    ],
)
def test_record_sent_moves_the_card_on_but_never_back(start, kind, expected):
    app = Application(company="Acme", stage=start, outcome="rejected" if start == "closed" else None)
    app.record_sent(kind, NOW, recipient="ada@acme.com", subject="Hi", body="Hello")
    assert app.stage == expected
    sent = [e for e in app.events if e.kind == "message-sent"]
    assert [(e.message_kind, e.recipient, e.subject, e.body) for e in sent] == [(kind, "ada@acme.com", "Hi", "Hello")]
    moves = [(e.from_stage, e.to_stage) for e in app.events if e.kind == "stage-change"]
    assert moves == ([] if start == expected else [(start, expected)])
    if start == "closed":
        assert app.outcome == "rejected"


def test_record_sent_counts_follow_ups_and_clears_the_draft():
    app = Application(company="Acme", stage="thanked", drafts={"follow-up": Draft(kind="follow-up", body="x")})
    app.record_sent("follow-up", NOW)
    app.record_sent("follow-up", NOW + timedelta(days=5))
    assert app.follow_ups_sent == 2
    assert app.drafts == {}


def test_record_sent_refuses_an_unknown_kind():
    app = Application(company="Acme", stage="interview")
    with pytest.raises(ValidationError):
        app.record_sent("cover-letter", NOW)
    assert (app.stage, app.events) == ("interview", [])


def test_response_note_and_snooze_are_recorded_with_their_time():
    app = Application(company="Acme")
    app.record_response("We decide Friday", NOW)
    app.add_note("Ask about remote", NOW + timedelta(minutes=1))
    app.snooze(NOW + timedelta(days=3), NOW + timedelta(minutes=2))
    assert [(e.kind, e.text) for e in app.events] == [
        ("response", "We decide Friday"), ("note", "Ask about remote"), ("snooze", "")]
    assert app.snoozed_until == NOW + timedelta(days=3)
    assert [e.describe() for e in app.events[:2]] == ["response: We decide Friday", "note: Ask about remote"]


def test_the_history_line_of_a_close_says_the_outcome():
    from datetime import datetime, timezone

    now = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)
    app = Application(company="Acme", stage="interview")
    app.move_to("closed", now, "moved-on")
    app.move_to("interview", now)
    app.move_to("closed", now, "rejected")
    assert [e.describe() for e in app.events] == [
        "moved interview -> closed (moved on)",
        "moved closed -> interview",
        "moved interview -> closed (rejected)",
    ]


# -- reopening and fixing the history (undo of mistakes) ----------------------------


def test_reopen_puts_the_card_back_where_it_was_before_closing():
    from followup_tui.domain.model import Application

    a = Application(company="Acme", stage="applied")
    a.move_to("following-up", FIXED_NOW)
    a.move_to("closed", FIXED_NOW, "moved-on")
    assert a.reopen(FIXED_NOW) == "following-up"
    assert (a.stage, a.outcome) == ("following-up", None)
    assert a.events[-1].from_stage == "closed" and a.events[-1].to_stage == "following-up"


def test_reopen_refuses_an_open_card():
    import pytest

    from followup_tui.domain.errors import ValidationError
    from followup_tui.domain.model import Application

    with pytest.raises(ValidationError):
        Application(company="Acme").reopen(FIXED_NOW)


def test_removing_a_mistaken_sent_also_removes_the_move_it_caused():
    from followup_tui.domain.model import Application

    a = Application(company="Acme", stage="interview")
    a.add_note("before", FIXED_NOW)
    a.record_sent("thank-you", FIXED_NOW, recipient="x@acme.com")
    assert a.stage == "thanked"
    index = next(i for i, e in enumerate(a.events) if e.kind == "message-sent")
    a.remove_event(index)
    assert a.stage == "interview"
    assert [e.kind for e in a.events] == ["note"]


def test_removing_the_latest_stage_change_puts_the_stage_back_but_not_an_older_one():
    from datetime import timedelta

    from followup_tui.domain.model import Application

    a = Application(company="Acme", stage="applied")
    a.move_to("interview", FIXED_NOW)
    a.move_to("offer", FIXED_NOW + timedelta(hours=1))
    a.remove_event(0)  # the older move: the card stays in offer
    assert a.stage == "offer" and len(a.events) == 1
    a.remove_event(0)  # the latest: back to where it came from
    assert a.stage == "interview" and a.events == []


def test_correct_an_event_time_and_text():
    from datetime import timedelta

    from followup_tui.domain.model import Application

    a = Application(company="Acme")
    a.record_response("they said no", FIXED_NOW)
    a.correct_event(0, at=FIXED_NOW - timedelta(days=1), text="they said maybe")
    assert a.events[0].at == FIXED_NOW - timedelta(days=1) and a.events[0].text == "they said maybe"
