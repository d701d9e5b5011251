"""The cadence rules of DESIGN §5, each proved with a fixed clock.

Unless a case says otherwise: the user is in UTC, now is Wednesday
2026-11-25 15:00, interviews last 60 minutes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

import pytest

from followup_tui.domain.cadence import (
    ACTION_KINDS,
    URGENCIES,
    NextAction,
    due_actions,
    next_action,
    next_actions,
    sort_key,
    urgency_of,
    waiting_for,
    waiting_label,
)
from followup_tui.domain.model import Application, Contact, Event, Interview
from followup_tui.domain.settings import CadenceSettings, Settings

UTC = timezone.utc
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
ANN = Contact("Ann Lee", "Hiring Manager", "ann.lee@acme.com")
BOB = Contact("Bob Stone", "Engineer", "bob@acme.com")
RECRUITER = Contact("Rita Moss", "Recruiter", "rita@acme.com")


def t(text: str) -> datetime:
    """'2026-11-23 10:00' as a UTC instant."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def interview(start: str, *names: str) -> Interview:
    return Interview(at=t(start), kind="video", with_names=list(names))


def sent(kind: str, when: str, to: str = "") -> Event:
    return Event(at=t(when), kind="message-sent", message_kind=kind, recipient=to)


def response(when: str, text: str = "we will get back to you") -> Event:
    return Event(at=t(when), kind="response", text=text)


def moved(when: str, src: str, dst: str) -> Event:
    return Event(at=t(when), kind="stage-change", from_stage=src, to_stage=dst)


def snooze(when: str, until: str) -> Event:
    return Event(at=t(when), kind="snooze", until=t(until))


def app(
    *interviews: Interview,
    events: tuple[Event, ...] = (),
    stage: str = "interview",
    decision_by: date | None = None,
    do_not_contact: bool = False,
    contacts: tuple[Contact, ...] = (ANN, BOB, RECRUITER),
) -> Application:
    return Application(
        id=1,
        company="Acme",
        role="Developer",
        stage=stage,
        outcome="moved-on" if stage == "closed" else None,
        decision_by=decision_by,
        do_not_contact=do_not_contact,
        contacts=list(contacts),
        interviews=list(interviews),
        events=list(events),
    )


@dataclass
class Case:
    name: str
    application: Application
    kind: str | None  # None: no action
    due: str = ""
    urgency: str = ""
    number: int | None = None
    who: tuple[str, ...] | None = None  # None: not checked
    reason: str = ""  # a piece the reason must contain
    hint: str = ""  # a piece the hint must contain ("" : no hint)
    now: datetime = NOW
    timezone: str = "UTC"
    cadence: CadenceSettings = field(default_factory=CadenceSettings)


# Mon 2026-11-16 and Mon 2026-11-23 are the usual interview days below.
CASES = [
    # -- nothing to do ---------------------------------------------------
    Case("closed", app(interview("2026-11-23 10:00", "Ann Lee"), stage="closed"), None),
    Case("applied, no interview, no date", app(stage="applied"), None),
    Case("stage interview but none recorded", app(stage="interview"), None),
    Case(
        "offer ends the cadence",
        app(interview("2026-11-16 10:00", "Ann Lee"), stage="offer",
            events=(response("2026-11-20 12:00", "offer!"), moved("2026-11-20 12:00", "thanked", "offer"))),
        None,
    ),
    # -- prepare ---------------------------------------------------------
    Case("interview tomorrow", app(interview("2026-11-26 14:00", "Ann Lee")), "prepare",
         "2026-11-26 14:00", "upcoming", reason="ask them when they expect to decide"),
    Case("interview later today", app(interview("2026-11-25 17:30", "Ann Lee")), "prepare",
         "2026-11-25 17:30", "due-today"),
    Case("prepare also when they asked not to be contacted",
         app(interview("2026-11-27 09:00", "Ann Lee"), do_not_contact=True), "prepare", "2026-11-27 09:00", "upcoming"),
    # -- thank-you -------------------------------------------------------
    Case("round ended yesterday: 24 h after its end", app(interview("2026-11-24 10:00", "Ann Lee")),
         "thank-you", "2026-11-25 11:00", "overdue", who=("Ann Lee",),
         reason="thank-you notes go out within 24 hours of the interview"),
    Case("round ended yesterday afternoon: due today", app(interview("2026-11-24 16:00", "Ann Lee")),
         "thank-you", "2026-11-25 17:00", "due-today", who=("Ann Lee",)),
    Case("round ended this morning: due tomorrow", app(interview("2026-11-25 09:00", "Ann Lee")),
         "thank-you", "2026-11-26 10:00", "upcoming", who=("Ann Lee",)),
    Case("a longer interview ends later", app(Interview(at=t("2026-11-25 09:00"), with_names=["Ann Lee"], duration_minutes=180)),
         "thank-you", "2026-11-26 12:00", "upcoming"),
    Case("two interviewers, none thanked", app(interview("2026-11-24 16:00", "Ann Lee", "Bob Stone")),
         "thank-you", "2026-11-25 17:00", "due-today", who=("Ann Lee", "Bob Stone")),
    Case("two interviewers, one thanked by address",
         app(interview("2026-11-24 16:00", "Ann Lee", "Bob Stone"), events=(sent("thank-you", "2026-11-25 08:00", "ANN.LEE@acme.com"),)),
         "thank-you", "2026-11-25 17:00", "due-today", who=("Bob Stone",)),
    Case("two interviewers, one thanked by name",
         app(interview("2026-11-24 16:00", "Ann Lee", "Bob Stone"),
             events=(sent("thank-you", "2026-11-25 08:00", "Bob  Stone <b.stone@gmail.example>"),)),
         "thank-you", "2026-11-25 17:00", "due-today", who=("Ann Lee",)),
    Case("a thank-you to the recruiter counts for the round",
         app(interview("2026-11-24 16:00", "Ann Lee", "Bob Stone"), events=(sent("thank-you", "2026-11-25 08:00", "rita@acme.com"),)),
         "follow-up", "2026-12-03 17:00", "upcoming", number=1, hint="record it"),
    Case("a thank-you with no recipient counts for the round",
         app(interview("2026-11-24 16:00", "Ann Lee", "Bob Stone"), events=(sent("thank-you", "2026-11-25 08:00"),)),
         "follow-up", "2026-12-03 17:00", "upcoming", number=1, hint="record it"),
    Case("interviewers with no contact record: any thank-you counts",
         app(interview("2026-11-24 16:00", "Dana", "Eli"), events=(sent("thank-you", "2026-11-25 08:00", "hiring@acme.com"),)),
         "follow-up", "2026-12-03 17:00", "upcoming", number=1, hint="record it"),
    Case("a round with no names needs one thank-you", app(interview("2026-11-24 16:00")),
         "thank-you", "2026-11-25 17:00", "due-today", who=()),
    Case("a thank-you sent before the round does not count",
         app(interview("2026-11-24 16:00", "Ann Lee"), events=(sent("thank-you", "2026-11-20 08:00", "ann.lee@acme.com"),)),
         "thank-you", "2026-11-25 17:00", "due-today", who=("Ann Lee",)),
    Case("moving the card to thanked by hand does not erase the thank-you owed",
         app(interview("2026-11-24 16:00", "Ann Lee"), stage="thanked", events=(moved("2026-11-24 20:00", "interview", "thanked"),)),
         "thank-you", "2026-11-25 17:00", "due-today", who=("Ann Lee",)),
    Case("moving a card to following-up by hand invents no follow-up",
         app(interview("2026-11-24 16:00", "Ann Lee"), stage="following-up",
             events=(sent("thank-you", "2026-11-24 18:00"), moved("2026-11-24 20:00", "thanked", "following-up"))),
         "follow-up", "2026-12-03 17:00", "upcoming", number=1),
    Case("an offer ends the follow-ups but not the thank-you owed",
         app(interview("2026-11-24 16:00", "Ann Lee"), stage="offer", events=(moved("2026-11-25 10:00", "interview", "offer"),)),
         "thank-you", "2026-11-25 17:00", "due-today", who=("Ann Lee",)),
    Case("a missed thank-you gives way to the first follow-up",
         app(interview("2026-11-13 10:00", "Ann Lee")),  # Fri; + 7 business days = Tue 24th
         "follow-up", "2026-11-24 11:00", "overdue", number=1),
    # -- several rounds --------------------------------------------------
    Case("round 1 thanked, round 2 not",
         app(interview("2026-11-16 10:00", "Ann Lee"), interview("2026-11-24 10:00", "Bob Stone"),
             events=(sent("thank-you", "2026-11-16 18:00", "ann.lee@acme.com"),)),
         "thank-you", "2026-11-25 11:00", "overdue", who=("Bob Stone",)),
    Case("the same interviewer again must be thanked again",
         app(interview("2026-11-16 10:00", "Ann Lee"), interview("2026-11-24 10:00", "Ann Lee", "Bob Stone"),
             events=(sent("thank-you", "2026-11-16 18:00", "ann.lee@acme.com"),
                     sent("thank-you", "2026-11-24 18:00", "bob@acme.com"))),
         "thank-you", "2026-11-25 11:00", "overdue", who=("Ann Lee",)),
    Case("two rounds owed: the earlier one first, with its own people",
         app(interview("2026-11-24 09:00", "Ann Lee"), interview("2026-11-24 14:00", "Bob Stone")),
         "thank-you", "2026-11-25 10:00", "overdue", who=("Ann Lee",)),
    Case("a round-1 thank-you owed comes before preparing round 2",
         app(interview("2026-11-24 16:00", "Ann Lee"), interview("2026-11-27 10:00", "Bob Stone")),
         "thank-you", "2026-11-25 17:00", "due-today", who=("Ann Lee",)),
    Case("round 1 thanked, round 2 coming: prepare",
         app(interview("2026-11-16 10:00", "Ann Lee"), interview("2026-11-27 10:00", "Bob Stone"),
             events=(sent("thank-you", "2026-11-16 18:00", "ann.lee@acme.com"),)),
         "prepare", "2026-11-27 10:00", "upcoming"),
    Case("follow-ups are counted from the last round",
         app(interview("2026-11-02 10:00", "Ann Lee"), interview("2026-11-23 10:00", "Bob Stone"),
             events=(sent("follow-up", "2026-11-12 10:00", "ann.lee@acme.com"),
                     sent("thank-you", "2026-11-23 18:00", "bob@acme.com")),
             decision_by=date(2026, 11, 20)),  # given in round 1: stale for round 2
         "follow-up", "2026-12-02 11:00", "upcoming", number=1, hint="no decision date"),
    # -- decision date and follow-ups -------------------------------------
    Case("thanked, no date: record it before the first follow-up",
         app(interview("2026-11-23 10:00", "Ann Lee"), events=(sent("thank-you", "2026-11-23 18:00", "ann.lee@acme.com"),)),
         "follow-up", "2026-12-02 11:00", "upcoming", number=1,
         reason="first follow-up 7 business days after the last interview", hint="ask them when they expect to decide"),
    Case("no date: first follow-up 7 business days after the interview",
         app(interview("2026-11-16 10:00", "Ann Lee"), events=(sent("thank-you", "2026-11-16 18:00", "ann.lee@acme.com"),)),
         "follow-up", "2026-11-25 11:00", "overdue", number=1, reason="7 business days after the last interview"),
    Case("no date: first follow-up due later today",
         app(interview("2026-11-16 16:00", "Ann Lee"), events=(sent("thank-you", "2026-11-16 18:00", "ann.lee@acme.com"),)),
         "follow-up", "2026-11-25 17:00", "due-today", number=1),
    Case("date given: 3 business days after it, at 09:00",
         app(interview("2026-11-16 10:00", "Ann Lee"), events=(sent("thank-you", "2026-11-16 18:00", "ann.lee@acme.com"),),
             decision_by=date(2026, 11, 20)),  # Fri -> Wed
         "follow-up", "2026-11-25 09:00", "overdue", number=1, reason="3 business days after their decision date (2026-11-20)"),
    Case("date in the future: the follow-up waits for it",
         app(interview("2026-11-23 10:00", "Ann Lee"), events=(sent("thank-you", "2026-11-23 18:00", "ann.lee@acme.com"),),
             decision_by=date(2026, 11, 26)),  # Thu -> Tue
         "follow-up", "2026-12-01 09:00", "upcoming", number=1),
    Case("date with no interview recorded still gets a follow-up",
         app(stage="applied", decision_by=date(2026, 11, 20)), "follow-up", "2026-11-25 09:00", "overdue", number=1),
    Case("second follow-up 5 business days after the first",
         app(interview("2026-11-09 10:00", "Ann Lee"), events=(sent("follow-up", "2026-11-19 15:00", "ann.lee@acme.com"),),
             stage="following-up"),  # Thu -> Thu
         "follow-up", "2026-11-26 15:00", "upcoming", number=2, reason="follow-up 2 goes out 5 business days after follow-up 1"),
    Case("second follow-up across a weekend",
         app(interview("2026-11-09 10:00", "Ann Lee"), events=(sent("follow-up", "2026-11-21 10:00", "ann.lee@acme.com"),),
             stage="following-up"),  # Sat -> Fri
         "follow-up", "2026-11-27 10:00", "upcoming", number=2),
    Case("a later decision date holds the second follow-up back",
         app(interview("2026-11-02 10:00", "Ann Lee"), events=(sent("follow-up", "2026-11-16 10:00", "ann.lee@acme.com"),),
             stage="following-up", decision_by=date(2026, 11, 27)),  # Fri -> Wed 2 Dec
         "follow-up", "2026-12-02 09:00", "upcoming", number=2, reason="after their decision date (2026-11-27)"),
    Case("let go 5 business days after the second",
         app(interview("2026-11-02 10:00", "Ann Lee"), stage="following-up",
             events=(sent("follow-up", "2026-11-12 10:00"), sent("follow-up", "2026-11-19 10:00"))),
         "let-go", "2026-11-26 10:00", "upcoming", reason="no answer 5 business days after follow-up 2"),
    Case("let go is overdue once that passed",
         app(interview("2026-11-02 10:00", "Ann Lee"), stage="following-up",
             events=(sent("follow-up", "2026-11-10 10:00"), sent("follow-up", "2026-11-17 10:00"))),
         "let-go", "2026-11-24 10:00", "overdue"),
    Case("never more than max_follow_ups (a third one is not suggested)",
         app(interview("2026-10-26 10:00", "Ann Lee"), stage="following-up",
             events=(sent("follow-up", "2026-11-05 10:00"), sent("follow-up", "2026-11-12 10:00"),
                     sent("follow-up", "2026-11-13 10:00"))),
         "let-go", "2026-11-20 10:00", "overdue", reason="after follow-up 3"),
    # -- settings change the numbers --------------------------------------
    Case("max_follow_ups = 1: let go after one",
         app(interview("2026-11-02 10:00", "Ann Lee"), stage="following-up", events=(sent("follow-up", "2026-11-19 10:00"),)),
         "let-go", "2026-11-26 10:00", "upcoming", cadence=CadenceSettings(max_follow_ups=1)),
    Case("max_follow_ups = 3: a third follow-up",
         app(interview("2026-11-02 10:00", "Ann Lee"), stage="following-up",
             events=(sent("follow-up", "2026-11-12 10:00"), sent("follow-up", "2026-11-19 10:00"))),
         "follow-up", "2026-11-26 10:00", "upcoming", number=3, cadence=CadenceSettings(max_follow_ups=3)),
    Case("max_follow_ups = 0: let go when the timeline passed",
         app(interview("2026-11-16 10:00", "Ann Lee"), events=(sent("thank-you", "2026-11-16 18:00"),)),
         "let-go", "2026-11-25 11:00", "overdue", cadence=CadenceSettings(max_follow_ups=0)),
    Case("thank_you_hours = 48",
         app(interview("2026-11-24 10:00", "Ann Lee")), "thank-you", "2026-11-26 11:00", "upcoming",
         reason="within 48 hours", cadence=CadenceSettings(thank_you_hours=48)),
    Case("custom business days",
         app(interview("2026-11-20 10:00", "Ann Lee"), events=(sent("thank-you", "2026-11-20 18:00"),)),
         "follow-up", "2026-11-24 11:00", "overdue", number=1, reason="2 business days after the last interview",
         cadence=CadenceSettings(follow_up_without_decision_days=2)),
    # -- do not contact ----------------------------------------------------
    Case("do not contact: no thank-you, wait",
         app(interview("2026-11-24 10:00", "Ann Lee"), do_not_contact=True),
         "wait", "2026-12-08 11:00", "upcoming", reason="asked not to be contacted"),
    Case("do not contact: let go 10 business days after the interview",
         app(interview("2026-11-10 10:00", "Ann Lee"), do_not_contact=True),  # Tue -> Tue
         "let-go", "2026-11-24 11:00", "overdue", reason="10 business days after the last interview"),
    Case("do not contact with a date: wait until 3 business days after it",
         app(interview("2026-11-16 10:00", "Ann Lee"), do_not_contact=True, decision_by=date(2026, 11, 27)),
         "wait", "2026-12-02 09:00", "upcoming", reason="after their decision date (2026-11-27)"),
    Case("do not contact with a past date: let go",
         app(interview("2026-11-09 10:00", "Ann Lee"), do_not_contact=True, decision_by=date(2026, 11, 18)),
         "let-go", "2026-11-23 09:00", "overdue"),
    Case("do not contact, no interview, no date", app(stage="applied", do_not_contact=True), None),
    # -- responses ---------------------------------------------------------
    Case("a response stops the sequence: update the stage",
         app(interview("2026-11-16 10:00", "Ann Lee"), stage="following-up",
             events=(sent("follow-up", "2026-11-19 10:00"), response("2026-11-24 12:00"))),
         "update-stage", "2026-11-24 12:00", "overdue", reason="the employer answered"),
    Case("a response even before the thank-you went out",
         app(interview("2026-11-25 09:00", "Ann Lee"), events=(response("2026-11-25 14:00", "you got it"),)),
         "update-stage", "2026-11-25 14:00", "overdue"),
    Case("a response also when they asked not to be contacted",
         app(interview("2026-11-16 10:00", "Ann Lee"), do_not_contact=True, events=(response("2026-11-25 14:30"),)),
         "update-stage", "2026-11-25 14:30", "overdue"),
    Case("a response on an application with no interview",
         app(stage="applied", events=(response("2026-11-25 14:30", "can we talk?"),)),
         "update-stage", "2026-11-25 14:30", "overdue"),
    Case("a response followed by a stage change: no follow-up, whatever the column",
         app(interview("2026-11-16 10:00", "Ann Lee"), stage="following-up",
             events=(sent("thank-you", "2026-11-16 18:00"), response("2026-11-19 12:00"),
                     moved("2026-11-19 12:05", "thanked", "following-up"))),
         None),
    Case("a response moved back to interview by hand: still no follow-up",
         app(interview("2026-11-16 10:00", "Ann Lee"), stage="interview",
             events=(sent("thank-you", "2026-11-16 18:00"), sent("follow-up", "2026-11-20 10:00"), response("2026-11-23 12:00"),
                     moved("2026-11-23 12:05", "following-up", "offer"), moved("2026-11-23 12:06", "offer", "interview"))),
         None),
    Case("a response, then a later decision date they gave: follow up after it",
         app(interview("2026-11-09 10:00", "Ann Lee"), decision_by=date(2026, 11, 20),
             events=(sent("thank-you", "2026-11-09 18:00"), response("2026-11-12 12:00", "we decide by the 20th"),
                     moved("2026-11-12 12:05", "thanked", "interview"))),
         "follow-up", "2026-11-25 09:00", "overdue", number=1),
    Case("a response before the last message is old news",
         app(interview("2026-11-09 10:00", "Ann Lee"), stage="following-up",
             events=(response("2026-11-12 10:00"), sent("follow-up", "2026-11-20 10:00"))),
         "follow-up", "2026-11-27 10:00", "upcoming", number=2),
    Case("a response, then a new round booked: prepare",
         app(interview("2026-11-16 10:00", "Ann Lee"), interview("2026-11-30 10:00", "Bob Stone"),
             events=(sent("thank-you", "2026-11-16 18:00"), response("2026-11-20 12:00", "round 2?"))),
         "prepare", "2026-11-30 10:00", "upcoming"),
    # -- snooze ------------------------------------------------------------
    Case("snooze pushes the due time",
         app(interview("2026-11-23 10:00", "Ann Lee"), events=(snooze("2026-11-25 12:00", "2026-11-27 09:00"),)),
         "thank-you", "2026-11-27 09:00", "upcoming", who=("Ann Lee",), reason="(snoozed until 2026-11-27 09:00)"),
    Case("a snooze that ran out changes nothing",
         app(interview("2026-11-23 10:00", "Ann Lee"), events=(snooze("2026-11-23 12:00", "2026-11-24 09:00"),)),
         "thank-you", "2026-11-24 11:00", "overdue"),
    Case("snooze on a follow-up keeps the kind",
         app(interview("2026-11-16 10:00", "Ann Lee"),
             events=(sent("thank-you", "2026-11-16 18:00"), snooze("2026-11-25 12:00", "2026-11-30 09:00"))),
         "follow-up", "2026-11-30 09:00", "upcoming", number=1),
    # -- the user's timezone and daylight saving ----------------------------
    Case("Paris: 7 business days across the end of summer time keep 15:00 local",
         app(interview("2026-10-23 12:00", "Ann Lee"), events=(sent("thank-you", "2026-10-23 18:00"),)),  # 14:00-15:00 CEST
         "follow-up", "2026-11-03 14:00", "overdue", number=1, now=t("2026-11-03 14:30"), timezone="Europe/Paris"),
    Case("Paris: thank-you is 24 real hours, across the change too",
         app(interview("2026-10-24 12:00", "Ann Lee")),  # Sat 14:00-15:00 CEST; due Sun 14:00 CET
         "thank-you", "2026-10-25 13:00", "due-today", now=t("2026-10-25 08:00"), timezone="Europe/Paris"),
    Case("New York: a decision date falls due at 09:00 EST after the change",
         app(interview("2026-10-26 14:00", "Ann Lee"), events=(sent("thank-you", "2026-10-26 20:00"),),
             decision_by=date(2026, 10, 30)),  # Fri -> Wed 4 Nov 09:00 EST
         "follow-up", "2026-11-04 14:00", "upcoming", number=1, now=t("2026-11-02 12:00"), timezone="America/New_York"),
    Case("Tokyo: a Saturday-morning local interview counts business days from the weekend",
         app(interview("2026-11-20 23:00", "Ann Lee"), events=(sent("thank-you", "2026-11-21 09:00"),)),
         # Sat 21 Nov 08:00-09:00 JST; + 7 business days = Tue 1 Dec 09:00 JST (00:00 UTC)
         "follow-up", "2026-12-01 00:00", "upcoming", number=1, timezone="Asia/Tokyo"),
    Case("due today is the user's today, not UTC's",
         app(interview("2026-11-25 01:00", "Ann Lee")),  # due 26 Nov 02:00 UTC = 25 Nov 21:00 in New York
         "thank-you", "2026-11-26 02:00", "due-today", timezone="America/New_York"),
    Case("...and upcoming in UTC", app(interview("2026-11-25 01:00", "Ann Lee")),
         "thank-you", "2026-11-26 02:00", "upcoming"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_next_action(case: Case) -> None:
    settings = Settings(timezone=case.timezone, cadence=case.cadence)
    action = next_action(case.application, case.now, settings)
    if case.kind is None:
        assert action is None
        return
    assert action is not None
    got = (action.kind, action.due, action.urgency)
    assert got == (case.kind, t(case.due), case.urgency)
    assert action.due.utcoffset() == timedelta(0)
    assert action.number == case.number
    if case.who is not None:
        assert action.who == case.who
    assert case.reason in action.reason
    assert "\n" not in action.reason and action.reason
    assert (case.hint in action.hint) if case.hint else action.hint == "" or action.kind == "follow-up"


def test_every_kind_and_urgency_is_exercised() -> None:
    settings_for = {c.name: Settings(timezone=c.timezone, cadence=c.cadence) for c in CASES}
    actions = [next_action(c.application, c.now, settings_for[c.name]) for c in CASES]
    assert {a.kind for a in actions if a} == set(ACTION_KINDS)
    assert {a.urgency for a in actions if a} == set(URGENCIES)


def test_do_not_contact_never_asks_for_a_message() -> None:
    # Walk the clock over six weeks around two rounds: never a thank-you or follow-up.
    application = app(
        interview("2026-11-09 10:00", "Ann Lee"),
        interview("2026-11-16 10:00", "Bob Stone"),
        do_not_contact=True,
        decision_by=date(2026, 11, 20),
    )
    settings = Settings(timezone="Europe/Paris")
    kinds = set()
    for hours in range(0, 24 * 42, 7):
        action = next_action(application, t("2026-11-01 00:00") + timedelta(hours=hours), settings)
        assert action is not None
        assert not action.is_message, action
        kinds.add(action.kind)
    assert kinds == {"prepare", "wait", "let-go"}


def test_logging_the_messages_walks_through_the_whole_sequence() -> None:
    """Thank-you, follow-up 1, follow-up 2, let go: the real model methods."""
    settings = Settings(timezone="UTC")
    application = app(interview("2026-11-02 10:00", "Ann Lee"), contacts=(ANN,))
    steps = []
    now = t("2026-11-02 12:00")
    for _ in range(3):
        action = next_action(application, now, settings)
        steps.append((action.kind, action.number, action.due, bool(action.hint)))
        if action.kind == "thank-you":
            application.record_sent("thank-you", now, recipient="ann.lee@acme.com")
            now = action.due  # sent right on time
        elif action.kind == "follow-up":
            application.record_sent("follow-up", action.due, recipient="ann.lee@acme.com")
            now = action.due + timedelta(minutes=5)
    assert steps == [
        ("thank-you", None, t("2026-11-03 11:00"), False),
        # no decision date: the follow-up is the next action, the missing date a hint on it
        ("follow-up", 1, t("2026-11-11 11:00"), True),
        ("follow-up", 2, t("2026-11-18 11:00"), True),
    ]
    final = next_action(application, now, settings)
    assert (final.kind, final.due) == ("let-go", t("2026-11-25 11:00"))
    assert application.stage == "following-up"
    application.move_to("closed", now, "moved-on")
    assert next_action(application, now, settings) is None


def test_each_owed_round_is_its_own_action_with_its_own_people_and_due_time() -> None:
    """A phone screen a week ago and an onsite yesterday, neither thanked."""
    application = app(interview("2026-11-18 10:00", "Rita Moss"), interview("2026-11-24 14:00", "Ann Lee", "Bob Stone"))
    actions = next_actions(application, NOW, Settings(timezone="UTC"))
    assert [(a.kind, a.round_at, a.who, a.due, a.urgency) for a in actions] == [
        ("thank-you", t("2026-11-18 10:00"), ("Rita Moss",), t("2026-11-19 11:00"), "overdue"),
        ("thank-you", t("2026-11-24 14:00"), ("Ann Lee", "Bob Stone"), t("2026-11-25 15:00"), "due-today"),
    ]
    assert next_action(application, NOW, Settings(timezone="UTC")) == actions[0]
    found = due_actions([application], NOW, Settings(timezone="UTC"), until=NOW + timedelta(days=1))
    assert [a.who for _, a in found] == [("Rita Moss",), ("Ann Lee", "Bob Stone")]


def test_moving_a_card_away_and_back_restores_what_was_owed() -> None:
    application = app(interview("2026-11-24 14:00", "Ann Lee", "Bob Stone"), contacts=(ANN, BOB))
    application.record_sent("thank-you", t("2026-11-24 18:00"), recipient="ann.lee@acme.com")
    settings = Settings(timezone="UTC")
    before = next_actions(application, NOW, settings)
    assert [(a.kind, a.who) for a in before] == [("thank-you", ("Bob Stone",))]
    application.move_to("following-up", t("2026-11-25 12:00"))  # L: nothing erased
    assert next_actions(application, NOW, settings) == before
    application.move_to("closed", t("2026-11-25 12:01"), "withdrawn")
    assert next_actions(application, NOW, settings) == []
    application.move_to("interview", t("2026-11-25 12:02"))  # back: owed again
    assert next_actions(application, NOW, settings) == before


def test_waiting_for_says_what_an_open_card_waits_for() -> None:
    settings = Settings(timezone="UTC")
    assert "hear about your application" in waiting_for(app(stage="applied"), NOW, settings)
    answered = app(interview("2026-11-16 10:00", "Ann Lee"),
                   events=(sent("thank-you", "2026-11-16 18:00"), response("2026-11-19 12:00"), moved("2026-11-19 12:05", "thanked", "interview")))
    assert next_action(answered, NOW, settings) is None
    assert waiting_for(answered, NOW, settings).startswith("they answered (2026-11-19 12:00)")
    assert "answer it" in waiting_for(app(stage="offer"), NOW, settings)
    assert waiting_for(app(stage="closed"), NOW, settings) == "closed (moved on)"
    for stage in ("applied", "interview", "thanked", "following-up", "offer"):
        assert "closed" not in waiting_for(app(stage=stage), NOW, settings).split(" the card")[0].replace("close the", "")


def test_holidays_of_the_user_s_country_are_skipped_like_weekends() -> None:
    # Interview Wed 16 Dec; 7 business days: Thu 17 .. Fri 25 Dec is Christmas in GB, Mon 28 Dec is a bank holiday too.
    application = app(interview("2026-12-16 10:00", "Ann Lee"), events=(sent("thank-you", "2026-12-16 18:00"),))
    now = t("2026-12-17 09:00")
    plain = next_action(application, now, Settings(timezone="UTC"))
    british = next_action(application, now, Settings(timezone="UTC", country="GB"))
    assert plain.due == t("2026-12-25 11:00")
    assert british.due == t("2026-12-29 11:00")  # Fri 25 (Christmas) and Mon 28 (Boxing Day, substitute) skipped


def test_urgency_edges() -> None:
    assert urgency_of(NOW - timedelta(seconds=1), NOW, UTC) == "overdue"
    assert urgency_of(NOW, NOW, UTC) == "due-today"
    assert urgency_of(t("2026-11-25 23:59"), NOW, UTC) == "due-today"
    assert urgency_of(t("2026-11-26 00:00"), NOW, UTC) == "upcoming"


def test_is_message() -> None:
    def action(kind: str) -> NextAction:
        return NextAction(kind=kind, due=NOW, urgency="due-today", reason="r")

    assert [k for k in ACTION_KINDS if action(k).is_message] == ["thank-you", "follow-up"]


def test_due_actions_filters_by_until_and_puts_overdue_first() -> None:
    settings = Settings(timezone="UTC")

    def numbered(app_id: int, application: Application) -> Application:
        application.id = app_id
        return application

    apps = [
        numbered(1, app(interview("2026-11-27 10:00", "Ann Lee"))),  # prepare, Fri: beyond `until`
        numbered(2, app(interview("2026-11-25 13:00", "Ann Lee"))),  # thank-you tomorrow 14:00
        numbered(3, app(interview("2026-11-24 16:00", "Ann Lee"))),  # thank-you today 17:00
        numbered(4, app(interview("2026-11-24 10:00", "Ann Lee"))),  # thank-you overdue since 11:00
        numbered(5, app(interview("2026-11-16 10:00", "Ann Lee"), stage="closed")),
        numbered(6, app(stage="applied", events=(response("2026-11-25 09:00"),))),  # update-stage, overdue since 09:00
    ]
    found = due_actions(apps, NOW, settings, until=t("2026-11-26 15:00"))
    assert [(a.id, n.kind, n.urgency) for a, n in found] == [
        (6, "update-stage", "overdue"),
        (4, "thank-you", "overdue"),
        (3, "thank-you", "due-today"),
        (2, "thank-you", "upcoming"),
    ]
    assert [sort_key(n) for _, n in found] == sorted(sort_key(n) for _, n in found)
    # `until` is inclusive.
    assert [a.id for a, _ in due_actions(apps, NOW, settings, until=t("2026-11-26 14:00"))] == [6, 4, 3, 2]
    assert [a.id for a, _ in due_actions(apps, NOW, settings, until=t("2026-11-26 13:59"))] == [6, 4, 3]


def test_sort_key_orders_by_urgency_before_time() -> None:
    late_overdue = NextAction("let-go", t("2026-11-25 14:00"), "overdue", "r")
    early_upcoming = NextAction("wait", t("2026-11-20 14:00"), "upcoming", "r")  # made-up, to test the order
    assert sorted([early_upcoming, late_overdue], key=sort_key) == [late_overdue, early_upcoming]


def test_waiting_label_for_cards_with_nothing_due() -> None:
    settings = Settings(timezone="UTC")
    assert waiting_label(app(stage="applied"), NOW, settings) == "waiting to hear"
    assert waiting_label(app(stage="offer"), NOW, settings) == "answer the offer"
    assert waiting_label(app(stage="closed"), NOW, settings) == "moved on"
    answered = app(interview("2026-11-16 10:00", "Ann Lee"),
                   events=(sent("thank-you", "2026-11-16 18:00"), response("2026-11-19 12:00"), moved("2026-11-19 12:05", "thanked", "interview")))
    assert waiting_label(answered, NOW, settings) == "they answered"


def test_a_move_recorded_in_the_same_second_as_the_response_settles_it_only_when_recorded_after() -> None:
    settings = Settings(timezone="UTC")
    base = (interview("2026-11-16 10:00", "Ann Lee"), )
    before = app(*base, events=(sent("thank-you", "2026-11-16 18:00"), moved("2026-11-25 12:00", "thanked", "interview"),
                                response("2026-11-25 12:00")))
    assert next_action(before, NOW, settings).kind == "update-stage"
    after = app(*base, events=(sent("thank-you", "2026-11-16 18:00"), response("2026-11-25 12:00"),
                               moved("2026-11-25 12:00", "thanked", "interview")))
    assert next_action(after, NOW, settings) is None
