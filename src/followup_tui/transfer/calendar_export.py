"""The calendar export (RFC 5545) that stays true when it is imported again.

One event per obligation, each with a UID that stays the same while the
obligation lives: every interview round, the thank-you to each person met in
a round, follow-up 1 and 2 after the last round, letting go, and updating the
stage after an answer. What is owed now comes from the cadence engine; what
is done or no longer owed is worked out from the history (which rounds
ended, which messages went out, which answers came) and written with
STATUS:CANCELLED, so a calendar that re-imports the file drops it.

Cancelled events go only to a calendar that was given them: an event the
previous export (`previous`, the text of the file being replaced) carried;
a first export holds none. Given the previous export, an event whose time
or status changed gets SEQUENCE + 1 and a new
LAST-MODIFIED, an unchanged one keeps both, and an event of the previous
file that is gone (an interview deleted, say) is cancelled. Without it,
SEQUENCE counts the snoozes that moved the obligation (+1 once cancelled).

Overdue obligations are placed at the next reasonable time (within working
hours, now or the next business morning) rather than in the past; their
description says so. Text values carry no control characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta, timezone
from math import ceil

from ..domain import cadence
from ..domain.business_days import is_business_day
from ..domain.cadence import NextAction
from ..domain.model import Application, Interview
from ..domain.settings import Settings
from ..domain.textsafe import printable
from ..domain.timeparse import local_text

PRODID = "-//followup-tui//calendar export//EN"
UID_DOMAIN = "followup-tui"
ACTION_MINUTES = 15
WORK_START, WORK_END = time(9, 0), time(18, 0)
SLOT_MINUTES = 30
ALARM_BEFORE = {"interview": timedelta(hours=1)}
DEFAULT_ALARM_BEFORE = timedelta(minutes=15)


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    kind: str  # interview / thank-you / follow-up / let-go / update-stage
    start: datetime
    minutes: int
    summary: str
    description: str
    cancelled: bool = False
    sequence: int = 0
    last_modified: datetime | None = None


@dataclass(frozen=True)
class CalendarExport:
    text: str
    events: tuple[CalendarEvent, ...]

    @property
    def active(self) -> int:
        return sum(1 for e in self.events if not e.cancelled)

    @property
    def cancelled(self) -> int:
        return sum(1 for e in self.events if e.cancelled)


# -- text values --------------------------------------------------------------


def _line(value: str) -> str:
    """One line, every control character shown as a visible stand-in."""
    return printable(" ".join(value.split("\n")))


def _lines(value: str) -> str:
    return "\n".join(printable(part.replace("\t", " ")) for part in value.replace("\r\n", "\n").split("\n"))


def _slug(value: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", value.casefold()).strip("-")
    return slug or "x"


def _stamp(value: datetime) -> str:
    return value.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _uid(app: Application, *parts: str) -> str:
    return "-".join(("followup", str(app.id), *parts)) + f"@{UID_DOMAIN}"


def _title(app: Application) -> str:
    return app.company + (f" ({app.role})" if app.role else "")


# -- when ----------------------------------------------------------------------


def next_reasonable_time(now: datetime, settings: Settings) -> datetime:
    """The next half hour within working hours on a business day, or the next
    business morning (weekends and the `country` setting's public holidays
    skipped, as the cadence skips them)."""
    tz = settings.tz
    local = now.astimezone(tz)
    day = local.date()
    start = datetime.combine(day, WORK_START, tz)
    end = datetime.combine(day, WORK_END, tz)
    if is_business_day(day, settings.country) and local < end:
        if local <= start:
            return start.astimezone(timezone.utc)
        minutes = ceil((local - start).total_seconds() / 60 / SLOT_MINUTES) * SLOT_MINUTES
        slot = start + timedelta(minutes=minutes)
        if slot < end:
            return slot.astimezone(timezone.utc)
    day += timedelta(days=1)
    while not is_business_day(day, settings.country):
        day += timedelta(days=1)
    return datetime.combine(day, WORK_START, tz).astimezone(timezone.utc)


# -- what is owed now (from the cadence engine) --------------------------------


def _round_index(rounds: list[Interview], action: NextAction) -> int:
    """1-based position (by time) of the round a thank-you is for."""
    for index, round_ in enumerate(rounds, start=1):
        if round_.at == action.round_at:
            return index
    return max(1, sum(1 for r in rounds if r.ends_at <= action.due))


def _snoozes_between(app: Application, start: datetime | None, end: datetime) -> int:
    return sum(1 for e in app.events if e.kind == "snooze" and (start is None or e.at >= start) and e.at <= end)


def _active_events(app: Application, now: datetime, settings: Settings) -> list[CalendarEvent]:
    rounds = app.interviews_sorted()
    ended = sum(1 for r in rounds if r.ends_at <= now)
    found = []
    for action in cadence.next_actions(app, now, settings):
        if action.kind == "prepare":
            continue  # the interview's own event carries the reminder
        label = cadence.action_label(action)
        description = action.reason
        anchor: datetime | None = None
        if action.kind == "thank-you":
            index = _round_index(rounds, action)
            anchor = rounds[index - 1].ends_at
            for name in action.who or ("",):
                whom = f"thank-you to {name}" if name else "thank-you note"
                found.append(
                    _timed(app, action, now, settings, _uid(app, f"round-{index}", "thank-you", _slug(name) if name else "all"),
                           "thank-you", f"{whom}: {_title(app)}", description, anchor)
                )
            continue
        if action.kind == "follow-up":
            uid = _uid(app, f"round-{ended}", f"follow-up-{action.number or 1}")
        elif action.kind in ("let-go", "wait"):
            uid = _uid(app, f"round-{ended}", "let-go")
            if action.kind == "wait":
                label = "let go (they asked not to be contacted)"
        elif action.kind == "update-stage":
            uid = _uid(app, "response", _stamp(action.due))
        else:
            uid = _uid(app, action.kind)
        kind = "let-go" if action.kind == "wait" else action.kind
        found.append(_timed(app, action, now, settings, uid, kind, f"{label}: {_title(app)}", description, anchor))
    return found


def _timed(
    app: Application,
    action: NextAction,
    now: datetime,
    settings: Settings,
    uid: str,
    kind: str,
    summary: str,
    description: str,
    anchor: datetime | None,
) -> CalendarEvent:
    start = action.due
    text = description
    if action.due < now:
        start = next_reasonable_time(now, settings)
        text = (
            f"Overdue since {local_text(action.due, settings.tz)}: placed at the next reasonable time "
            f"({local_text(start, settings.tz)}).\n{description}"
        )
    if action.hint:
        text += f"\n{action.hint}"
    sequence = _snoozes_between(app, anchor, now)
    snoozes = [e.at for e in app.events if e.kind == "snooze" and e.at <= now and (anchor is None or e.at >= anchor)]
    modified = max(snoozes) if snoozes else min(anchor or app.created or now, now)
    return CalendarEvent(uid, kind, start, ACTION_MINUTES, summary, text, sequence=sequence, last_modified=modified)


def _interview_events(app: Application, now: datetime, settings: Settings) -> list[CalendarEvent]:
    found = []
    for index, round_ in enumerate(app.interviews_sorted(), start=1):
        people = ", ".join(round_.with_names)
        what = f"Interview{f' ({round_.kind})' if round_.kind else ''}: {_title(app)}"
        lines = [f"Round {index}" + (f" with {people}" if people else "")]
        if round_.notes:
            lines.append(round_.notes)
        lines.append("Ask them when they expect to decide.")
        # a round still to come on a card that was closed will not happen
        gone = app.stage == "closed" and round_.at > now
        found.append(
            CalendarEvent(
                _uid(app, f"round-{index}", "interview"),
                "interview",
                round_.at,
                round_.duration_minutes,
                what,
                "\n".join(lines),
                cancelled=gone,
                sequence=1 if gone else 0,
                last_modified=min(app.created or now, now),
            )
        )
    return found


# -- what is done or no longer owed (from the history) -------------------------


def _start_of(day, tz) -> datetime:
    return datetime.combine(day, WORK_START, tz).astimezone(timezone.utc)


def _cancelled_events(app: Application, now: datetime, settings: Settings, live: set[str]) -> list[CalendarEvent]:
    tz = settings.tz
    hours = settings.cadence.thank_you_hours
    rounds = [r for r in app.interviews_sorted() if r.ends_at <= now]
    sent = {kind: sorted(e.at for e in app.messages_sent(kind)) for kind in ("thank-you", "follow-up")}
    closes = [e.at for e in app.events if e.kind == "stage-change" and e.to_stage == "closed" and e.at <= now]
    found: list[CalendarEvent] = []

    def cancel(uid: str, kind: str, at: datetime, summary: str, why: str) -> None:
        if uid in live:
            return
        done = min(at, now)
        found.append(
            CalendarEvent(uid, kind, at, ACTION_MINUTES, summary, why, cancelled=True,
                          sequence=_snoozes_between(app, None, now) + 1, last_modified=done)
        )

    for index, round_ in enumerate(rounds, start=1):
        next_start = rounds[index].at if index < len(rounds) else None
        due = round_.ends_at + timedelta(hours=hours)
        notes = [t for t in sent["thank-you"] if t >= round_.at and (next_start is None or t < next_start)]
        why = (
            f"Done: thank-you sent {local_text(notes[0], tz)}." if notes else "No longer owed (a later step or the card's stage settled it)."
        )
        for name in round_.with_names or [""]:
            whom = f"thank-you to {name}" if name else "thank-you note"
            slug = _slug(name) if name else "all"
            cancel(_uid(app, f"round-{index}", "thank-you", slug), "thank-you", due, f"{whom}: {_title(app)}", why)

    for index in range(0, len(rounds) + 1):
        since = rounds[index - 1].at if index else None
        until = rounds[index].at if index < len(rounds) else None
        if index == 0 and (rounds or app.decision_by is None):
            continue  # "round 0": a decision date given before any interview
        after = [t for t in sent["follow-up"] if (since is None or t >= since) and (until is None or t < until)]
        # the next, unsent follow-up was owed unless the cadence still owes
        # it later; it ends with a new round, an answer, an offer or a close
        settled = (
            until is not None
            or app.stage in ("offer", "closed")
            or any(r.at >= (since or r.at) for r in app.responses())
        )
        limit = settings.cadence.max_follow_ups
        for number in range(1, limit + 1):
            if number > len(after) + (1 if settled else 0):
                break
            label = f"follow-up {number}: {_title(app)}"
            if number <= len(after):
                at, why = after[number - 1], f"Done: follow-up {number} sent {local_text(after[number - 1], tz)}."
            else:
                at = after[-1] if after else (rounds[index - 1].ends_at if index else _start_of(app.decision_by, tz))
                why = "No longer owed (an answer, a new round or the card's stage settled it)."
            cancel(_uid(app, f"round-{index}", f"follow-up-{number}"), "follow-up", at, label, why)
        if (len(after) >= limit or app.do_not_contact) and settled:
            at = max(closes) if closes else (after[-1] if after else (rounds[index - 1].ends_at if index else now))
            why = "Done: the card was closed." if closes else "No longer owed."
            cancel(_uid(app, f"round-{index}", "let-go"), "let-go", at, f"let go: {_title(app)}", why)

    for response in app.responses():
        if response.at <= now:
            cancel(
                _uid(app, "response", _stamp(response.at)),
                "update-stage",
                response.at,
                f"update the stage: {_title(app)}",
                "Done: the stage was updated after their answer.",
            )
    return found


# -- previous export -----------------------------------------------------------


def _previous_events(text: str | None) -> dict[str, dict]:
    """UID -> start, sequence, last-modified, status, summary of an earlier
    export (ours only; anything unreadable is ignored)."""
    if not text:
        return {}
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(text)
    except (ValueError, IndexError, KeyError):
        return {}
    if str(calendar.get("prodid", "")) != PRODID:
        return {}
    found = {}
    for event in calendar.walk("VEVENT"):
        try:
            uid = str(event["uid"])
            start = event.decoded("dtstart")
            modified = event.decoded("last-modified") if "last-modified" in event else None
            found[uid] = {
                "start": start.astimezone(timezone.utc),
                "sequence": int(event.get("sequence", 0)),
                "last_modified": modified.astimezone(timezone.utc) if modified else None,
                "cancelled": str(event.get("status", "")).upper() == "CANCELLED",
                "summary": str(event.get("summary", "")),
                "kind": str(event.get("categories").cats[0]) if event.get("categories") else "",
            }
        except (KeyError, ValueError, TypeError, AttributeError):
            continue
    return found


def _against_previous(events: list[CalendarEvent], previous: dict[str, dict], now: datetime) -> list[CalendarEvent]:
    result = []
    for event in events:
        before = previous.get(event.uid)
        if before is None:
            result.append(event)
            continue
        moved = before["start"] != event.start or before["cancelled"] != event.cancelled
        if moved:
            result.append(replace(event, sequence=max(event.sequence, before["sequence"] + 1), last_modified=now))
        else:
            result.append(
                replace(
                    event,
                    sequence=max(event.sequence, before["sequence"]),
                    last_modified=before["last_modified"] or event.last_modified,
                )
            )
    present = {e.uid for e in events}
    for uid, before in sorted(previous.items()):
        if uid in present:
            continue
        result.append(
            CalendarEvent(
                uid,
                before["kind"] or "other",
                before["start"],
                ACTION_MINUTES,
                before["summary"],
                "No longer owed (removed from the application).",
                cancelled=True,
                sequence=before["sequence"] + (0 if before["cancelled"] else 1),
                last_modified=before["last_modified"] if before["cancelled"] else now,
            )
        )
    return result


# -- the file ------------------------------------------------------------------


def calendar_events(
    apps: Iterable[Application], now: datetime, settings: Settings, previous: str | None = None
) -> list[CalendarEvent]:
    now = now.astimezone(timezone.utc)
    events: list[CalendarEvent] = []
    for app in apps:
        mine = _interview_events(app, now, settings) + _active_events(app, now, settings)
        live = {e.uid for e in mine}
        events += mine + _cancelled_events(app, now, settings, live)
    # A cancellation only tells a calendar to drop an event it was given: a
    # first export holds none (nor, so, anything that was never owed, such as
    # a thank-you to an employer who asked not to be contacted).
    carried = _previous_events(previous)
    events = [e for e in events if not e.cancelled or e.uid in carried]
    return _against_previous(events, carried, now)


def export_ics(
    apps: Iterable[Application], now: datetime, settings: Settings, previous: str | None = None
) -> CalendarExport:
    """The calendar for `apps`; `previous` is the text of the earlier export
    this one replaces, when there is one."""
    from icalendar import Alarm, Calendar, Event  # only this export needs it

    now = now.astimezone(timezone.utc)
    events = calendar_events(apps, now, settings, previous)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Job search follow-ups")
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", now)
        event.add("dtstart", item.start)
        event.add("duration", timedelta(minutes=item.minutes))
        event.add("summary", _line(item.summary))
        event.add("description", _lines(item.description))
        event.add("categories", [item.kind])
        event.add("sequence", item.sequence)
        event.add("last-modified", item.last_modified or now)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        event.add("transp", "TRANSPARENT" if item.kind != "interview" else "OPAQUE")
        if not item.cancelled:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", _line(item.summary))
            alarm.add("trigger", -ALARM_BEFORE.get(item.kind, DEFAULT_ALARM_BEFORE))
            event.add_component(alarm)
        calendar.add_component(event)
    return CalendarExport(calendar.to_ical().decode("utf-8"), tuple(events))
