"""The cadence engine: every application's next action and when it is due.

The article's advice as rules (DESIGN §5), all numbers from CadenceSettings.
The first rule that applies wins:

1. closed: nothing to do (None).
2. the employer answered after the last interview and the last message, and
   the stage has not changed since: `update-stage`, due when they answered. A
   response stops the sequence; a later stage change, interview or message
   settles it (to keep waiting for a new date, snooze it).
3. offer: the follow-up cadence is over; nothing is due (None). Close the
   card once you have answered the offer.
4. an interview is coming (or under way): `prepare`, due at its start, unless
   an earlier round's thank-you is due sooner.
5. a round has ended and not every interviewer was thanked: `thank-you`, due
   `thank_you_hours` after the round ends, listing who is not yet thanked. A
   missed thank-you gives way to the first follow-up once that falls due.
6. `do_not_contact`: no messages; `wait` until 3 business days after their
   decision date (or `do_not_contact_let_go_days` after the last interview),
   then `let-go`.
7. follow-ups, counted since the last interview: the first
   `follow_up_after_decision_days` business days after `decision_by`, or
   `follow_up_without_decision_days` after the last interview; each next one
   `second_follow_up_days` after the previous; `let-go` `let_go_days` after
   the last of `max_follow_ups`. Until the day a dateless first follow-up
   falls due, the action is `record-decision-date` (an upcoming nudge, due
   when that follow-up would be).
8. no interview and no decision date yet: nothing to do (None).

A snooze (`Application.snoozed_until`) pushes any due time later. Days are
counted in the user's timezone (see business_days).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone, tzinfo

from .business_days import add_business_days, business_days_after_date
from .model import STAGES, Application, Contact, Event, Interview
from .settings import CadenceSettings, Settings
from .timeparse import local_text

ACTION_KINDS: tuple[str, ...] = (
    "prepare",
    "thank-you",
    "record-decision-date",
    "follow-up",
    "let-go",
    "update-stage",
    "wait",
)
URGENCIES: tuple[str, ...] = ("overdue", "due-today", "upcoming")  # most urgent first
MESSAGE_ACTIONS: tuple[str, ...] = ("thank-you", "follow-up")

_LATER_THAN_THANKED = frozenset(STAGES[STAGES.index("thanked") : STAGES.index("offer")])


@dataclass(frozen=True)
class NextAction:
    kind: str  # one of ACTION_KINDS
    due: datetime  # aware, UTC
    urgency: str  # one of URGENCIES, against `now` in the user's timezone
    reason: str  # one line quoting the rule
    number: int | None = None  # which follow-up
    who: tuple[str, ...] = ()  # interviewers not yet thanked

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
        "record-decision-date": "record the decision date",
        "let-go": "let go",
        "update-stage": "update the stage",
        "wait": "wait (do not contact)",
    }.get(action.kind, action.kind)


def due_actions(
    apps: Iterable[Application], now: datetime, settings: Settings, until: datetime
) -> list[tuple[Application, NextAction]]:
    """Next actions due at or before `until`, most urgent first."""
    found = []
    for app in apps:
        action = next_action(app, now, settings)
        if action is not None and action.due <= until:
            found.append((app, action))
    found.sort(key=lambda pair: (sort_key(pair[1]), pair[0].id or 0))
    return found


# -- the rules --------------------------------------------------------------


def _plural(number: int, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"


def _business(days: int) -> str:
    return _plural(days, "business day")


@dataclass(frozen=True)
class _Due:
    """A rule's answer before snooze and urgency are applied."""

    kind: str
    due: datetime
    reason: str
    number: int | None = None
    who: tuple[str, ...] = ()


def next_action(app: Application, now: datetime, settings: Settings) -> NextAction | None:
    """What to do next for `app` and by when; None when nothing is to be done."""
    tz = settings.tz
    now = now.astimezone(timezone.utc)
    found = _rule_due(app, now, settings.cadence, tz)
    if found is None:
        return None
    snoozed = app.snoozed_until
    if snoozed is not None and snoozed > found.due:
        found = replace(found, due=snoozed, reason=f"{found.reason} (snoozed until {local_text(snoozed, tz)})")
    return NextAction(
        kind=found.kind,
        due=found.due,
        urgency=urgency_of(found.due, now, tz),
        reason=found.reason,
        number=found.number,
        who=found.who,
    )


def _rule_due(app: Application, now: datetime, c: CadenceSettings, tz: tzinfo) -> _Due | None:
    if app.stage == "closed":
        return None
    response = _unsettled_response(app)
    if response is not None:
        return _Due(
            "update-stage",
            response.at,
            "the employer answered: update the stage (a response stops the follow-ups)",
        )
    if app.stage == "offer":
        return None

    interviews = app.interviews_sorted()
    ended = [i for i in interviews if i.ends_at <= now]
    coming = [i for i in interviews if i.ends_at > now]
    last = ended[-1] if ended else None
    decision = _current_decision_date(app, last, tz)
    first = _first_follow_up(decision, last, c, tz)

    early: list[_Due] = []
    if coming:
        early.append(_Due("prepare", coming[0].at, "an interview is coming: ask them when they expect to decide"))
    if not app.do_not_contact:
        thank_you = _thank_you(app, ended, c, tz)
        if thank_you is not None and (first is None or now < first.due):
            early.append(thank_you)
    if early:
        return min(early, key=lambda d: d.due)

    if app.do_not_contact:
        return _do_not_contact(decision, last, now, c, tz)
    if first is None:
        return None
    return _follow_ups(app, first, decision, last, now, c, tz)


def _unsettled_response(app: Application) -> Event | None:
    """The latest response nothing has happened after (no stage change,
    interview or message since)."""
    responses = app.responses()
    if not responses:
        return None
    latest = max(responses, key=lambda e: e.at)
    moved = any(e.kind == "stage-change" and e.at >= latest.at for e in app.events)
    sent = any(e.kind == "message-sent" and e.at >= latest.at for e in app.events)
    interviewed = any(i.at >= latest.at for i in app.interviews)
    return None if moved or sent or interviewed else latest


def _current_decision_date(app: Application, last: Interview | None, tz: tzinfo) -> date | None:
    """`decision_by`, unless it is older than the last interview (a date
    given for an earlier round says nothing about this one)."""
    if app.decision_by is None:
        return None
    if last is not None and app.decision_by < last.at.astimezone(tz).date():
        return None
    return app.decision_by


def _first_follow_up(decision: date | None, last: Interview | None, c: CadenceSettings, tz: tzinfo) -> _Due | None:
    if decision is not None:
        days = c.follow_up_after_decision_days
        due = business_days_after_date(decision, days, tz)
        reason = f"first follow-up {_business(days)} after their decision date ({decision.isoformat()})"
    elif last is not None:
        days = c.follow_up_without_decision_days
        due = add_business_days(last.ends_at, days, tz)
        reason = f"first follow-up {_business(days)} after the last interview (no decision date given)"
    else:
        return None
    return _Due("follow-up", due, reason, number=1)


def _follow_ups(
    app: Application,
    first: _Due,
    decision: date | None,
    last: Interview | None,
    now: datetime,
    c: CadenceSettings,
    tz: tzinfo,
) -> _Due:
    since = last.at if last is not None else None
    sent = sorted(e.at for e in app.messages_sent("follow-up") if since is None or e.at >= since)
    if not sent:
        if c.max_follow_ups == 0:
            return _Due("let-go", first.due, "no follow-ups (max_follow_ups = 0): let go once their timeline has passed")
        if decision is None and urgency_of(first.due, now, tz) == "upcoming":
            days = _business(c.follow_up_without_decision_days)
            return _Due(
                "record-decision-date",
                first.due,
                "record when they expect to decide; without a date, "
                f"the first follow-up is due {days} after the last interview",
            )
        return first
    count = len(sent)
    if count >= c.max_follow_ups:
        days = c.let_go_days
        return _Due(
            "let-go",
            add_business_days(sent[-1], days, tz),
            f"no answer {_business(days)} after follow-up {count}: let go and move on",
        )
    days = c.second_follow_up_days
    due = add_business_days(sent[-1], days, tz)
    reason = f"follow-up {count + 1} goes out {_business(days)} after follow-up {count}"
    if first.due > due:  # a newer decision date moved their timeline later
        due, reason = first.due, f"follow-up {count + 1}: {first.reason.removeprefix('first follow-up ')}"
    return _Due("follow-up", due, reason, number=count + 1)


def _do_not_contact(
    decision: date | None, last: Interview | None, now: datetime, c: CadenceSettings, tz: tzinfo
) -> _Due | None:
    if decision is not None:
        days = c.follow_up_after_decision_days
        let_go = business_days_after_date(decision, days, tz)
        when = f"{_business(days)} after their decision date ({decision.isoformat()})"
    elif last is not None:
        days = c.do_not_contact_let_go_days
        let_go = add_business_days(last.ends_at, days, tz)
        when = f"{_business(days)} after the last interview"
    else:
        return None
    if now < let_go:
        return _Due("wait", let_go, f"they asked not to be contacted: wait, and let go {when}")
    return _Due("let-go", let_go, f"they asked not to be contacted and no answer came {when}: let go and move on")


# -- thank-you notes --------------------------------------------------------

_EMAIL = re.compile(r"[^\s<>,;:\"'()]+@[^\s<>,;:\"'()]+")


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def _recipient_is(recipient: str, name: str, contacts: list[Contact]) -> bool:
    """Did a message to `recipient` go to the person called `name`? By the
    address of a contact with that name, or by the name itself."""
    wanted = _normal(name)
    if not wanted:
        return False
    addresses = {a.casefold() for a in _EMAIL.findall(recipient)}
    if any(_normal(c.name) == wanted and c.email.casefold() in addresses for c in contacts if c.email):
        return True
    return re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", _normal(recipient)) is not None


def _moved_on_by_hand(app: Application, since: datetime) -> bool:
    """The user moved the card to thanked or later themselves (not as a side
    effect of logging a message): they say the thank-you is done."""
    sent_at = {e.at for e in app.events if e.kind == "message-sent"}
    return any(
        e.kind == "stage-change" and e.to_stage in _LATER_THAN_THANKED and e.at >= since and e.at not in sent_at
        for e in app.events
    )


def _missing_thanks(app: Application, round_: Interview, interviewers: set[str]) -> tuple[bool, list[str]]:
    """(still owed, names not yet thanked) for one ended round."""
    if any(e.at >= round_.at for e in app.messages_sent("follow-up")) or _moved_on_by_hand(app, round_.at):
        return False, []
    after = [e for e in app.messages_sent("thank-you") if e.at >= round_.at]
    if not round_.with_names:
        return not after, []
    # A note we cannot tie to any interviewer (to a recruiter, or with no
    # recipient recorded) counts as the thank-you for the whole round.
    if any(not any(_recipient_is(e.recipient, n, app.contacts) for n in interviewers) for e in after):
        return False, []
    missing = [n for n in round_.with_names if not any(_recipient_is(e.recipient, n, app.contacts) for e in after)]
    return bool(missing), missing


def _thank_you(app: Application, ended: list[Interview], c: CadenceSettings, tz: tzinfo) -> _Due | None:
    interviewers = {n for i in app.interviews for n in i.with_names if n.strip()}
    due: datetime | None = None
    who: list[str] = []
    for round_ in ended:
        owed, missing = _missing_thanks(app, round_, interviewers)
        if not owed:
            continue
        round_due = round_.ends_at + timedelta(hours=c.thank_you_hours)
        due = round_due if due is None else min(due, round_due)
        who.extend(n for n in missing if n not in who)
    if due is None:
        return None
    hours = _plural(c.thank_you_hours, "hour")
    return _Due("thank-you", due, f"thank-you notes go out within {hours} of the interview", who=tuple(who))
