"""Figures about the whole search, worked out from the history (pure).

Definitions (the CLI, the statistics screen and the tests share them):

- start (the applied date): the application's own applied date when it has
  one, else the first move into `applied` in its history, else the earliest
  of the day it was created, its first round and its first message; never
  later than its first round, message or answer (a back-dated interview or
  an imported record gives no negative duration). Days are local calendar
  days in the user's timezone.
- funnel: how many applications really reached each stage (before closed),
  each named for what it counts (`FUNNEL_LABELS`). "saved first": the card
  was in `saved` (now, or by its history); any later stage counts as reached
  when the card was ever in it or further along: its current stage, every
  stage its history moved it from or to, an interview round (interview), a
  thank-you sent (thanked), a follow-up sent (following-up), and an
  accepted offer (offer).
- an answer from the employer: a recorded response, a move to interview or
  offer, or the close of a card they decided (accepted / rejected). An
  interview round with none of these counts from its start (the answer came
  by then at the latest).
- response rate: applications with any answer / applications that applied;
  what counts as an answer is `ANSWER_MEANS`.
- days to the first response: applied date -> first answer, per application
  that got one; the median is shown.
- days from the last interview to a decision: the last round's local date ->
  the move to offer or to closed (accepted / rejected) after it.
- thank-you notes within the limit: each thank-you sent after a round,
  measured from the end of the latest round before it; on time when sent at
  most `thank_you_hours` (24 by default) after that round ended.
- follow-ups per application: follow-ups sent / applications interviewed;
  a follow-up was answered when an answer came after it and before the next
  follow-up of the same application.
- by source and by channel: applications, answered, interviewed, offers and
  how each closed, per value ("unknown" where the source is not recorded).
- applications per week: per local ISO week (Monday first) of the applied
  date, from the first week to the week of `now`, weeks without any included.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from statistics import median

from .model import OUTCOMES, STAGES, Application

DECIDED_OUTCOMES = ("accepted", "rejected")
ANSWER_MEANS = "a response, an interview, an offer or a decision"
FUNNEL_LABELS: dict[str, str] = {
    "saved": "saved first",
    "applied": "applied",
    "interview": "interviewed",
    "thanked": "thanked",
    "following-up": "followed up",
    "offer": "got an offer",
}
FUNNEL_STAGES: tuple[str, ...] = tuple(s for s in STAGES if s != "closed")
UNKNOWN_SOURCE = "unknown"


@dataclass(frozen=True)
class Ratio:
    part: int
    whole: int

    @property
    def share(self) -> float | None:
        return self.part / self.whole if self.whole else None

    def to_dict(self) -> dict:
        share = self.share
        return {"part": self.part, "whole": self.whole, "share": None if share is None else round(share, 4)}


@dataclass(frozen=True)
class Durations:
    """Days per application, with their median (None when there are none)."""

    days: tuple[int, ...]

    @property
    def median(self) -> float | None:
        return float(median(self.days)) if self.days else None

    def to_dict(self) -> dict:
        return {"median": self.median, "count": len(self.days), "days": list(self.days)}


@dataclass(frozen=True)
class GroupOutcomes:
    """How the applications with one source (or one channel) went."""

    applications: int = 0
    answered: int = 0
    interviewed: int = 0
    offers: int = 0
    closed: dict[str, int] = field(default_factory=dict)  # outcome -> count

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class SearchStats:
    since: date | None
    applications: int
    funnel: tuple[tuple[str, int], ...]
    response_rate: Ratio
    days_to_first_response: Durations
    days_interview_to_decision: Durations
    thank_you_on_time: Ratio
    thank_you_hours: int
    follow_ups_sent: int
    follow_ups_per_application: float | None
    follow_up_counts: tuple[tuple[int, int], ...]  # (follow-ups sent, applications) for interviewed ones
    follow_ups_answered: Ratio
    outcomes: tuple[tuple[str, int], ...]  # closed outcome -> count (every outcome listed)
    by_source: tuple[tuple[str, GroupOutcomes], ...]
    by_channel: tuple[tuple[str, GroupOutcomes], ...]
    per_week: tuple[tuple[date, int], ...]  # Monday of the week, applications

    def to_dict(self) -> dict:
        return {
            "since": self.since.isoformat() if self.since else None,
            "applications": self.applications,
            "funnel": [{"stage": s, "label": FUNNEL_LABELS[s], "reached": n} for s, n in self.funnel],
            "response_rate": {**self.response_rate.to_dict(), "answer_means": ANSWER_MEANS},
            "days_to_first_response": self.days_to_first_response.to_dict(),
            "days_last_interview_to_decision": self.days_interview_to_decision.to_dict(),
            "thank_you_on_time": {**self.thank_you_on_time.to_dict(), "hours": self.thank_you_hours},
            "follow_ups": {
                "sent": self.follow_ups_sent,
                "per_interviewed_application": (
                    None if self.follow_ups_per_application is None else round(self.follow_ups_per_application, 4)
                ),
                "applications_by_count": [{"follow_ups": k, "applications": n} for k, n in self.follow_up_counts],
                "answered": self.follow_ups_answered.to_dict(),
            },
            "outcomes": dict(self.outcomes),
            "by_source": {k: v.to_dict() for k, v in self.by_source},
            "by_channel": {k: v.to_dict() for k, v in self.by_channel},
            "per_week": [{"week": d.isoformat(), "applications": n} for d, n in self.per_week],
        }


# -- facts about one application -----------------------------------------------


def _local(value: datetime, tz: tzinfo) -> date:
    return value.astimezone(tz).date()


def applied_date(app: Application, tz: tzinfo) -> date | None:
    """The application's start (see the module's definitions); None for a
    card that was only saved and never applied."""
    if "saved" in STAGES and _highest_stage(app) <= STAGES.index("saved"):
        return None
    firsts = [i.at for i in app.interviews] + [e.at for e in app.events if e.kind == "message-sent"]
    moves = sorted(e.at for e in app.events if e.kind == "stage-change" and e.to_stage == "applied")
    if app.applied_on is not None:
        start = app.applied_on
    elif moves:
        start = _local(moves[0], tz)
    else:
        known = firsts + ([app.created] if app.created is not None else [])
        if not known:
            return None
        start = _local(min(known), tz)
    later = firsts + answers(app)
    return min([start, *(_local(t, tz) for t in later)])


def _was_saved(app: Application) -> bool:
    return app.stage == "saved" or any(
        e.kind == "stage-change" and "saved" in (e.from_stage, e.to_stage) for e in app.events
    )


def _highest_stage(app: Application) -> int:
    seen = {app.stage}
    for event in app.events:
        if event.kind == "stage-change":
            seen.update(s for s in (event.from_stage, event.to_stage) if s)
    if app.interviews:
        seen.add("interview")
    if app.messages_sent("thank-you"):
        seen.add("thanked")
    if app.messages_sent("follow-up"):
        seen.add("following-up")
    if app.outcome == "accepted":
        seen.add("offer")
    return max((FUNNEL_STAGES.index(s) for s in seen if s in FUNNEL_STAGES), default=0)


def answers(app: Application) -> list[datetime]:
    """When the employer answered, oldest first (see the definitions)."""
    found = [e.at for e in app.events if e.kind == "response"]
    found += [
        e.at for e in app.events if e.kind == "stage-change" and e.to_stage in ("interview", "offer")
    ]
    closes = [e.at for e in app.events if e.kind == "stage-change" and e.to_stage == "closed"]
    if closes and app.stage == "closed" and app.outcome in DECIDED_OUTCOMES:
        found.append(max(closes))
    return sorted(found)


def _first_answer(app: Application) -> datetime | None:
    candidates = answers(app)[:1] + [i.at for i in app.interviews_sorted()[:1]]
    return min(candidates) if candidates else None


def _decision_after_last_interview(app: Application) -> datetime | None:
    last = app.last_interview()
    if last is None:
        return None
    decisions = [
        e.at
        for e in app.events
        if e.kind == "stage-change"
        and e.at >= last.at
        and (e.to_stage == "offer" or (e.to_stage == "closed" and app.outcome in DECIDED_OUTCOMES))
    ]
    return min(decisions) if decisions else None


def _thank_yous(app: Application, hours: int) -> tuple[int, int]:
    """(on time, sent after a round) for one application."""
    rounds = app.interviews_sorted()
    on_time = total = 0
    for note in app.messages_sent("thank-you"):
        before = [r for r in rounds if r.at <= note.at]
        if not before:
            continue
        total += 1
        if note.at <= before[-1].ends_at + timedelta(hours=hours):
            on_time += 1
    return on_time, total


def _answered_follow_ups(app: Application) -> int:
    sent = sorted(e.at for e in app.messages_sent("follow-up"))
    replies = answers(app)
    count = 0
    for index, at in enumerate(sent):
        until = sent[index + 1] if index + 1 < len(sent) else None
        if any(r > at and (until is None or r <= until) for r in replies):
            count += 1
    return count


def _group(apps: list[Application], key) -> tuple[tuple[str, GroupOutcomes], ...]:
    groups: dict[str, list[Application]] = {}
    for app in apps:
        groups.setdefault(key(app), []).append(app)
    result = []
    for name in sorted(groups, key=lambda k: (-len(groups[k]), k)):
        members = groups[name]
        closed: dict[str, int] = {}
        for app in members:
            if app.stage == "closed" and app.outcome:
                closed[app.outcome] = closed.get(app.outcome, 0) + 1
        result.append(
            (
                name,
                GroupOutcomes(
                    applications=len(members),
                    answered=sum(1 for a in members if _first_answer(a) is not None),
                    interviewed=sum(1 for a in members if _highest_stage(a) >= FUNNEL_STAGES.index("interview")),
                    offers=sum(1 for a in members if _highest_stage(a) >= FUNNEL_STAGES.index("offer")),
                    closed=dict(sorted(closed.items())),
                ),
            )
        )
    return tuple(result)


def source_of(app: Application) -> str:
    source = app.source.strip()
    return source or UNKNOWN_SOURCE


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


# -- the whole search -----------------------------------------------------------


def search_stats(
    apps: Iterable[Application],
    now: datetime,
    tz: tzinfo,
    thank_you_hours: int = 24,
    since: date | None = None,
) -> SearchStats:
    """The figures for `apps` (those applied on or after `since` when given)."""
    everything = list(apps)
    dates = {id(a): applied_date(a, tz) for a in everything}
    if since is not None:
        everything = [a for a in everything if dates[id(a)] is not None and dates[id(a)] >= since]
    applied = [a for a in everything if dates[id(a)] is not None]

    highest = [_highest_stage(a) for a in everything]
    funnel = tuple(
        (stage, sum(1 for a in everything if _was_saved(a)) if stage == "saved" else sum(1 for h in highest if h >= i))
        for i, stage in enumerate(FUNNEL_STAGES)
    )

    answered = [a for a in applied if _first_answer(a) is not None]
    first_days = tuple(
        sorted((_local(_first_answer(a), tz) - dates[id(a)]).days for a in answered)  # type: ignore[arg-type, operator]
    )
    decision_days = []
    for app in everything:
        decided = _decision_after_last_interview(app)
        if decided is not None:
            decision_days.append((_local(decided, tz) - _local(app.last_interview().at, tz)).days)  # type: ignore[union-attr]

    on_time = total_notes = 0
    for app in everything:
        good, notes = _thank_yous(app, thank_you_hours)
        on_time += good
        total_notes += notes

    interviewed = [a for a in everything if a.interviews or _highest_stage(a) >= FUNNEL_STAGES.index("interview")]
    follow_ups = sum(a.follow_ups_sent for a in everything)
    counts: dict[int, int] = {}
    for app in interviewed:
        counts[app.follow_ups_sent] = counts.get(app.follow_ups_sent, 0) + 1
    top = max(counts, default=-1)
    follow_up_counts = tuple((k, counts.get(k, 0)) for k in range(top + 1))
    answered_follow_ups = sum(_answered_follow_ups(a) for a in everything)

    outcomes = tuple(
        (outcome, sum(1 for a in everything if a.stage == "closed" and a.outcome == outcome)) for outcome in OUTCOMES
    )

    weeks: dict[date, int] = {}
    for app in applied:
        week = _monday(dates[id(app)])  # type: ignore[arg-type]
        weeks[week] = weeks.get(week, 0) + 1
    per_week: list[tuple[date, int]] = []
    if weeks:
        start = _monday(since) if since is not None else min(weeks)
        end = max(max(weeks), _monday(_local(now, tz)))
        week = start
        while week <= end:
            per_week.append((week, weeks.get(week, 0)))
            week += timedelta(days=7)

    return SearchStats(
        since=since,
        applications=len(everything),
        funnel=funnel,
        response_rate=Ratio(len(answered), len(applied)),
        days_to_first_response=Durations(first_days),
        days_interview_to_decision=Durations(tuple(sorted(decision_days))),
        thank_you_on_time=Ratio(on_time, total_notes),
        thank_you_hours=thank_you_hours,
        follow_ups_sent=follow_ups,
        follow_ups_per_application=(follow_ups / len(interviewed)) if interviewed else None,
        follow_up_counts=follow_up_counts,
        follow_ups_answered=Ratio(answered_follow_ups, follow_ups),
        outcomes=outcomes,
        by_source=_group(everything, source_of),
        by_channel=_group(everything, lambda a: a.channel),
        per_week=tuple(per_week),
    )


# -- small text charts (plain output and the screen share them) ------------------

SPARK_BLOCKS = "▁▂▃▄▅▆▇█"


def bar(value: float, largest: float, width: int) -> str:
    """A horizontal bar of whole and partial blocks, `width` cells at `largest`."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = round(value / largest * width * 8)
    full, rest = divmod(max(eighths, 1), 8)
    return "█" * full + ("" if rest == 0 else "▏▎▍▌▋▊▉"[rest - 1])


def sparkline(values: list[int]) -> str:
    """One character per value, the tallest block at the largest."""
    top = max(values, default=0)
    if top <= 0:
        return SPARK_BLOCKS[0] * len(values)
    return "".join(SPARK_BLOCKS[round(v / top * (len(SPARK_BLOCKS) - 1))] for v in values)


def percent(ratio: Ratio) -> str:
    share = ratio.share
    return "n/a" if share is None else f"{share * 100:.0f}%"


def days_text(durations: Durations) -> str:
    med = durations.median
    if med is None:
        return "n/a"
    shown = f"{med:g}"
    return f"{shown} day" if med == 1 else f"{shown} days"
