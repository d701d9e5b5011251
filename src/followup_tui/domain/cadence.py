"""The cadence engine: every application's next actions and when they are due.

The article's advice as rules (DESIGN §5), all numbers from CadenceSettings.
What is owed is read from the history (rounds, messages sent, responses),
never from the column: moving a card by hand neither erases nor invents an
obligation. The first rule that applies wins:

1. closed: nothing to do.
2. the employer answered after the last interview and the last message, and
   nothing was done since (no stage change, message or interview):
   `update-stage`, due when they answered.
3. an interview is coming (or under way): `prepare`, due at its start; and
   each ended round not every interviewer of which was thanked: one
   `thank-you` per round, to that round's people, due `thank_you_hours`
   after that round ends. A missed thank-you gives way to the first
   follow-up once that falls due. All of these are listed, soonest first.
4. the employer answered (a response, or an offer) since the last interview:
   no follow-up, whatever the column, until a new round or a decision date
   later than their answer.
5. `do_not_contact`: no messages; `wait` until 3 business days after their
   decision date (or `do_not_contact_let_go_days` after the last interview),
   then `let-go`.
6. follow-ups, counted since the last interview: the first
   `follow_up_after_decision_days` business days after `decision_by`, or
   `follow_up_without_decision_days` after the last interview (then with a
   hint: record the decision date); each next one `second_follow_up_days`
   after the previous; `let-go` `let_go_days` after the last of
   `max_follow_ups`.
7. no interview, no decision date and no answer yet: once
   `no_answer_let_go_days` business days have passed since you applied (or
   since the last message you sent about it), `let-go`, closing as
   ghosted; nothing before that, and never a message: the article's
   follow-ups come after an interview.

A snooze (`Application.snoozed_until`) pushes any due time later. Days are
counted in the user's timezone, skipping weekends and the public holidays
of `Settings.country` (see business_days).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import NamedTuple

import msgspec

from .business_days import add_business_days, business_days_after_date
from .history import sent_messages, sent_times
from .thank_you_notes import Recipients, missing_thanks
from .model import Application, Event, Interview
from .settings import CadenceSettings, Settings
from .timeparse import local_text

ACTION_KINDS: tuple[str, ...] = (
    "prepare",
    "thank-you",
    "follow-up",
    "let-go",
    "update-stage",
    "wait",
)
URGENCIES: tuple[str, ...] = ("overdue", "due-today", "upcoming")  # most urgent first
MESSAGE_ACTIONS: tuple[str, ...] = ("thank-you", "follow-up")

DECISION_DATE_HINT = "no decision date: ask them when they expect to decide, or record it (D)"


class NextAction(msgspec.Struct, frozen=True):
    kind: str  # one of ACTION_KINDS
    due: datetime  # aware, UTC
    urgency: str  # one of URGENCIES, against `now` in the user's timezone
    reason: str  # one line quoting the rule
    number: int | None = None  # which follow-up
    who: tuple[str, ...] = ()  # the round's interviewers not yet thanked
    round_at: datetime | None = None  # start of the round a thank-you is for
    hint: str = ""  # advice that goes with it (e.g. record the decision date)
    outcome: str = "moved-on"  # a let-go closes the card with this outcome

    @property
    def is_message(self) -> bool:
        return self.kind in MESSAGE_ACTIONS


def urgency_of(due: datetime, now: datetime, tz: tzinfo) -> str:
    """overdue when past; due-today when later on today's local date."""
    if due < now:
        return "overdue"
    if due.astimezone(tz).date() == now.astimezone(tz).date():
        return "due-today"
    return "upcoming"


def sort_key(action: NextAction) -> tuple:
    return (URGENCIES.index(action.urgency), action.due)


def action_label(action: NextAction) -> str:
    """A short imperative for lists: "follow-up 2", "thank-you to Ann, Bo"."""
    if action.kind == "follow-up" and action.number:
        return f"follow-up {action.number}"
    if action.kind == "thank-you" and action.who:
        return f"thank-you to {', '.join(action.who)}"
    return {
        "prepare": "prepare for the interview",
        "thank-you": "thank-you note",
        "let-go": "let go",
        "update-stage": "update the stage",
        "wait": "wait (do not contact)",
    }.get(action.kind, action.kind)


def due_actions(
    apps: Iterable[Application], now: datetime, settings: Settings, until: datetime
) -> list[tuple[Application, NextAction]]:
    """Next actions due at or before `until` (each owed round on its own),
    most urgent first."""
    # The timezone and calendar are worked out once for the whole list, not per application.
    tz = settings.tz
    now = now.astimezone(timezone.utc)
    cal = _Calendar(tz, settings.country)
    found = []
    for app in apps:
        found.extend((app, action) for action in _next_actions(app, now, settings.cadence, cal, until))
    found.sort(key=lambda pair: (sort_key(pair[1]), pair[0].id or 0))
    return found


# -- the rules --------------------------------------------------------------


def _plural(number: int, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"


def _business(days: int) -> str:
    return _plural(days, "business day")


class _Due(NamedTuple):
    """A rule's answer before snooze and urgency are applied (a tuple: made
    for every open application, several times quicker than a frozen dataclass)."""

    kind: str
    due: datetime
    reason: str
    number: int | None = None
    who: tuple[str, ...] = ()
    round_at: datetime | None = None
    hint: str = ""
    outcome: str = "moved-on"


class _Calendar(msgspec.Struct, frozen=True):
    """The user's calendar: timezone and the country whose holidays are skipped."""

    tz: tzinfo
    country: str = ""

    def add(self, start: datetime, days: int) -> datetime:
        return add_business_days(start, days, self.tz, self.country)

    def after_date(self, day: date, days: int) -> datetime:
        return business_days_after_date(day, days, self.tz, country=self.country)


def next_action(app: Application, now: datetime, settings: Settings) -> NextAction | None:
    """What to do next for `app` and by when; None when nothing is to be done."""
    actions = next_actions(app, now, settings)
    return actions[0] if actions else None


def next_actions(app: Application, now: datetime, settings: Settings) -> list[NextAction]:
    """Everything owed for `app` now, soonest first: usually one action; one
    thank-you per round still owed, each with its own people and due time."""
    return _next_actions(app, now.astimezone(timezone.utc), settings.cadence, _Calendar(settings.tz, settings.country))


def _next_actions(
    app: Application, now: datetime, cadence: CadenceSettings, cal: _Calendar, until: datetime | None = None
) -> list[NextAction]:
    """`next_actions`; with `until`, only those due by then (the others are never made)."""
    tz = cal.tz
    found = _rules_due(app, now, cadence, cal)
    if not found:
        return []
    snoozed = app.snoozed_until
    actions = []
    for due in found:
        if snoozed is not None and snoozed > due.due:
            due = due._replace(due=snoozed, reason=f"{due.reason} (snoozed until {local_text(snoozed, tz)})")
        if until is not None and due.due > until:
            continue
        actions.append(
            NextAction(
                kind=due.kind,
                due=due.due,
                urgency=urgency_of(due.due, now, tz),
                reason=due.reason,
                number=due.number,
                who=due.who,
                round_at=due.round_at,
                hint=due.hint,
                outcome=due.outcome,
            )
        )
    if len(actions) > 1:
        actions.sort(key=lambda a: (a.due, ACTION_KINDS.index(a.kind)))
    return actions


def waiting_for(app: Application, now: datetime, settings: Settings) -> str:
    """What an application with nothing due waits for, in one line."""
    if app.stage == "closed":
        return f"closed ({app.outcome.replace('-', ' ')})" if app.outcome else "closed"
    if app.stage == "offer":
        return "an offer: answer it, then close the card with its outcome"
    if app.stage == "saved":
        return "saved, not applied yet: apply, then move it on to Applied"
    ended = _ended(app, now)
    answer = _answer_since(app, ended)
    decision = _current_decision_date(app, ended[-1] if ended else None, settings.tz)
    if answer is not None and _answer_stops_follow_ups(app, ended, decision, _Calendar(settings.tz, settings.country)):
        when = local_text(answer.at, settings.tz)
        return f"they answered ({when}): add the next round or their decision date, or close the card"
    if not app.interviews:
        if app.stage == "applied":
            return "waiting to hear about your application (add the interview when one is set)"
        return "no interview recorded yet (e to add one)"
    return "nothing due now"


def waiting_label(app: Application, now: datetime, settings: Settings) -> str:
    """A few words for a card with nothing due: what it waits for."""
    if app.stage == "closed":
        return app.outcome.replace("-", " ") if app.outcome else "closed"
    text = waiting_for(app, now, settings)
    if text.startswith("an offer"):
        return "answer the offer"
    if text.startswith("saved"):
        return "not applied yet"
    if text.startswith("they answered"):
        return "they answered"
    if text.startswith("waiting to hear"):
        return "waiting to hear"
    if text.startswith("no interview"):
        return "no interview yet"
    return "nothing due"


def step_label(app: Application, actions: Sequence[NextAction], now: datetime, settings: Settings) -> str:
    """The card's next step in a few words: its first action, else what it
    waits for. Every place that names the next step starts from this."""
    return action_label(actions[0]) if actions else waiting_label(app, now, settings)


def _ended(app: Application, now: datetime) -> list[Interview]:
    return [i for i in app.interviews_sorted() if i.ends_at <= now]


def _rules_due(app: Application, now: datetime, c: CadenceSettings, cal: _Calendar) -> list[_Due]:
    if app.stage == "closed":
        return []
    responses = app.responses()
    response = _unsettled_response(app, responses) if responses else None
    if response is not None:
        return [
            _Due(
                "update-stage",
                response.at,
                "the employer answered: update the stage (a response stops the follow-ups)",
            )
        ]

    ended: list[Interview] = []
    coming: list[Interview] = []
    for interview in app.interviews_sorted():  # (one pass: ends_at is worked out, not stored)
        (ended if interview.ends_at <= now else coming).append(interview)
    last = ended[-1] if ended else None
    decision = _current_decision_date(app, last, cal.tz)
    first = _first_follow_up(decision, last, c, cal)
    # (no response: nothing to stop the follow-ups, without reading the history again)
    answered = app.stage == "offer" or (bool(responses) and _answer_stops_follow_ups(app, ended, decision, cal))

    early: list[_Due] = []
    if coming:
        early.append(_Due("prepare", coming[0].at, "an interview is coming: ask them when they expect to decide"))
    if not app.do_not_contact and (first is None or now < first.due):
        early.extend(_thank_yous(app, ended, c))
    if early or answered:
        return sorted(early, key=lambda d: d.due)

    if not app.interviews and decision is None:
        found = _silence(app, now, c, cal)
    elif app.do_not_contact:
        found = _do_not_contact(decision, last, now, c, cal)
    elif first is None:
        found = None
    else:
        found = _follow_ups(app, first, decision, last, c, cal)
    return [found] if found is not None else []


def _unsettled_response(app: Application, responses: list[Event]) -> Event | None:
    """The latest of `responses` (the application's) nothing has happened
    after (no stage change, interview or message since)."""
    if not responses:
        return None
    # Recorded order breaks ties: a move made in the same second as the
    # response (or backdated to it) comes after it when it was recorded after.
    order = {id(e): index for index, e in enumerate(app.events)}
    latest = max(responses, key=lambda e: (e.at, order[id(e)]))

    def after(e: Event) -> bool:
        return (e.at, order[id(e)]) > (latest.at, order[id(latest)])

    moved = any(e.kind in ("stage-change", "message-sent") and after(e) for e in app.events)
    interviewed = any(i.at >= latest.at for i in app.interviews)
    return None if moved or interviewed else latest


def _answer_stops_follow_ups(app: Application, ended: list[Interview], decision: date | None, cal: _Calendar) -> bool:
    """The employer answered since the last round began: no follow-up,
    whatever the column, unless they gave a decision date later than their
    answer, or you chased them again with a follow-up after it."""
    answer = _answer_since(app, ended)
    if answer is None:
        return False
    if decision is not None and decision > answer.at.astimezone(cal.tz).date():
        return False
    return not any(at >= answer.at for at in sent_times(app, "follow-up"))


def _answer_since(app: Application, ended: list[Interview]) -> Event | None:
    """The employer's latest response since the last round began: their
    answer ends the follow-ups, whatever the column."""
    since = ended[-1].at if ended else None
    answers = [e for e in app.responses() if since is None or e.at >= since]
    return max(answers, key=lambda e: e.at) if answers else None


def _current_decision_date(app: Application, last: Interview | None, tz: tzinfo) -> date | None:
    """`decision_by`, unless it is older than the last interview (a date
    given for an earlier round says nothing about this one)."""
    if app.decision_by is None:
        return None
    if last is not None and app.decision_by < last.at.astimezone(tz).date():
        return None
    return app.decision_by


def _first_follow_up(decision: date | None, last: Interview | None, c: CadenceSettings, cal: _Calendar) -> _Due | None:
    if decision is not None:
        days = c.follow_up_after_decision_days
        due = cal.after_date(decision, days)
        reason = f"first follow-up {_business(days)} after their decision date ({decision.isoformat()})"
        hint = ""
    elif last is not None:
        days = c.follow_up_without_decision_days
        due = cal.add(last.ends_at, days)
        reason = f"first follow-up {_business(days)} after the last interview (no decision date given)"
        hint = DECISION_DATE_HINT
    else:
        return None
    return _Due("follow-up", due, reason, number=1, hint=hint)


def _follow_ups(
    app: Application,
    first: _Due,
    decision: date | None,
    last: Interview | None,
    c: CadenceSettings,
    cal: _Calendar,
) -> _Due:
    since = last.at if last is not None else None
    sent = [at for at in sent_times(app, "follow-up") if since is None or at >= since]
    if not sent:
        if c.max_follow_ups == 0:
            return _Due("let-go", first.due, "no follow-ups (max_follow_ups = 0): let go once their timeline has passed")
        return first
    count = len(sent)
    if count >= c.max_follow_ups:
        days = c.let_go_days
        return _Due(
            "let-go",
            cal.add(sent[-1], days),
            f"no answer {_business(days)} after follow-up {count}: let go and move on",
        )
    days = c.second_follow_up_days
    due = cal.add(sent[-1], days)
    reason = f"follow-up {count + 1} goes out {_business(days)} after follow-up {count}"
    if first.due > due:  # a newer decision date moved their timeline later
        due, reason = first.due, f"follow-up {count + 1}: {first.reason.removeprefix('first follow-up ')}"
    return _Due("follow-up", due, reason, number=count + 1, hint=first.hint)


def _silence(app: Application, now: datetime, c: CadenceSettings, cal: _Calendar) -> _Due | None:
    """Applied, no interview, no answer: let go (as ghosted) once the silence
    has lasted `no_answer_let_go_days`; nothing before that."""
    if app.stage in ("saved", "offer") or app.responses():
        return None
    start = application_start(app)
    if start is None:
        return None
    sent = max(sent_times(app), default=None)
    days = c.no_answer_let_go_days
    if sent is not None and sent > start:
        due, what = cal.add(sent, days), "the last message you sent"
    elif app.applied_on is not None:
        due, what = cal.after_date(app.applied_on, days), f"applying ({app.applied_on.isoformat()})"
    else:
        due, what = cal.add(start, days), "applying"
    if now < due:
        return None
    return _Due(
        "let-go", due, f"no answer {_business(days)} after {what}: let go and close it as ghosted", outcome="ghosted"
    )


def application_start(app: Application) -> datetime | None:
    """When an application began: its applied date (09:00 UTC that day), else
    the earliest of when it was created and its first round or message."""
    if app.applied_on is not None:
        return datetime(app.applied_on.year, app.applied_on.month, app.applied_on.day, 9, tzinfo=timezone.utc)
    known = [t for t in (app.created, *(i.at for i in app.interviews), *(e.at for e in app.events if e.kind == "message-sent")) if t]
    return min(known) if known else None


def _do_not_contact(
    decision: date | None, last: Interview | None, now: datetime, c: CadenceSettings, cal: _Calendar
) -> _Due | None:
    if decision is not None:
        days = c.follow_up_after_decision_days
        let_go = cal.after_date(decision, days)
        when = f"{_business(days)} after their decision date ({decision.isoformat()})"
    elif last is not None:
        days = c.do_not_contact_let_go_days
        let_go = cal.add(last.ends_at, days)
        when = f"{_business(days)} after the last interview"
    else:
        return None
    if now < let_go:
        return _Due("wait", let_go, f"they asked not to be contacted: wait, and let go {when}")
    return _Due("let-go", let_go, f"they asked not to be contacted and no answer came {when}: let go and move on")


# -- thank-you notes --------------------------------------------------------

def _thank_yous(app: Application, ended: list[Interview], c: CadenceSettings) -> list[_Due]:
    """One thank-you per ended round still owed: that round's people, due
    `thank_you_hours` after that round ends."""
    if not ended:
        return []
    interviewers = {n for i in app.interviews for n in i.with_names if n.strip()}
    hours = _plural(c.thank_you_hours, "hour")
    # The history read once for every round, not once per round.
    follow_ups = sent_times(app, "follow-up")
    notes = sent_messages(app, "thank-you")
    to = Recipients(app.contacts, interviewers)
    owed = []
    for round_ in ended:
        still_owed, missing = missing_thanks(round_, follow_ups, notes, to)
        if still_owed:
            owed.append(
                _Due(
                    "thank-you",
                    round_.ends_at + timedelta(hours=c.thank_you_hours),
                    f"thank-you notes go out within {hours} of the interview",
                    who=tuple(missing),
                    round_at=round_.at,
                )
            )
    return owed
