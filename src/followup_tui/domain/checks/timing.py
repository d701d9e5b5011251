"""timing: a thank-you within 24 hours of the interview; a follow-up not
before the employer's timeline (their decision date, or the cadence) says.

With an application the cadence engine decides when the next follow-up is
due; without one (or before that engine exists) the same rules of DESIGN §5
are applied here to the decision date and the interview.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ..business_days import add_business_days, business_days_after_date
from ..model import Interview
from .context import DraftContext
from .result import PASS, WARN, CheckResult, plural
from .text import Draft


def day_words(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def _instant_words(when: datetime, ctx: DraftContext) -> str:
    """'16:00 today', 'tomorrow (Thursday 26 November)', 'Monday 7 December'."""
    tz = ctx.settings.tz
    local = when.astimezone(tz)
    days = (local.date() - ctx.send_at.astimezone(tz).date()).days if ctx.send_at else None
    if days == 0:
        return f"{local:%H:%M} today"
    if days == 1:
        return f"tomorrow ({day_words(local.date())})"
    return day_words(local.date())


def _elapsed(delta: timedelta) -> str:
    hours = int(delta.total_seconds() // 3600)
    return plural(hours, "hour") if hours < 48 else plural(hours // 24, "day")


def _thank_you(ctx: DraftContext, send: datetime) -> CheckResult | None:
    start, end = ctx.interview_at, ctx.interview_end
    if start is None or end is None:
        return None
    limit = ctx.settings.cadence.thank_you_hours
    if send < start:
        return CheckResult(
            "timing", WARN, f"The interview is on {_instant_words(start, ctx)}: send your thank-you after it."
        )
    late = send - end
    if late > timedelta(hours=limit):
        return CheckResult(
            "timing",
            WARN,
            f"{_elapsed(late).capitalize()} after the interview: thank-you notes should go out within "
            f"{plural(limit, 'hour')}. Still send it, today.",
        )
    return CheckResult("timing", PASS, f"Within {plural(limit, 'hour')} of the interview.")


def _from_cadence(ctx: DraftContext, send: datetime) -> tuple[datetime, str] | None:
    """The cadence engine's due time for this follow-up, when it has one."""
    app = ctx.application
    if app is None:
        return None
    try:
        from ..cadence import next_action  # written alongside; optional until it lands
    except ImportError:
        return None
    changes: dict = {}
    if ctx.decision_by != app.decision_by:
        changes["decision_by"] = ctx.decision_by
    if ctx.interview_at is not None and all(i.at != ctx.interview_at for i in app.interviews):
        changes["interviews"] = [*app.interviews, Interview(at=ctx.interview_at)]
    if changes:  # explicit context overrides what the application says
        app = app.with_changes(**changes)
    action = next_action(app, send, ctx.settings)
    if action is None or action.kind != "follow-up":
        return None
    return action.due, action.reason


def _current_decision(ctx: DraftContext) -> date | None:
    """The decision date, unless it is older than the interview (a date given
    for an earlier round says nothing about this one)."""
    decision, since = ctx.decision_by, ctx.interview_at
    if decision is not None and since is not None and decision < since.astimezone(ctx.settings.tz).date():
        return None
    return decision


def _by_rules(ctx: DraftContext, send: datetime) -> tuple[datetime, str] | None:
    c, tz = ctx.settings.cadence, ctx.settings.tz
    since = ctx.interview_at
    sent = []
    if ctx.application is not None:
        sent = sorted(
            e.at for e in ctx.application.messages_sent("follow-up") if e.at <= send and (since is None or e.at >= since)
        )
    decision = _current_decision(ctx)
    if sent:
        days = c.second_follow_up_days
        reason = f"follow-up {len(sent) + 1} goes out {plural(days, 'business day')} after the previous one"
        return add_business_days(sent[-1], days, tz, ctx.settings.country), reason
    if decision is not None:
        days = c.follow_up_after_decision_days
        reason = f"the first follow-up goes out {plural(days, 'business day')} after their decision date"
        return business_days_after_date(decision, days, tz, country=ctx.settings.country), reason
    if ctx.interview_end is not None:
        days = c.follow_up_without_decision_days
        reason = f"without a decision date, the first follow-up goes out {plural(days, 'business day')} after the interview"
        return add_business_days(ctx.interview_end, days, tz, ctx.settings.country), reason
    return None


def _follow_up(ctx: DraftContext, send: datetime) -> CheckResult | None:
    found = _from_cadence(ctx, send) or _by_rules(ctx, send)
    if found is None:
        return None
    due, reason = found
    decision = _current_decision(ctx)
    if decision is not None and send.astimezone(ctx.settings.tz).date() <= decision:
        return CheckResult(
            "timing",
            WARN,
            f"They said they would decide by {day_words(decision)}: give them until then "
            f"(follow up from {_instant_words(due, ctx)}).",
        )
    if send < due:
        return CheckResult("timing", WARN, f"Too early: {reason}. Wait until {_instant_words(due, ctx)}.")
    return CheckResult("timing", PASS, f"A good time to follow up: {reason}.")


def check_timing(draft: Draft, ctx: DraftContext) -> CheckResult | None:
    if ctx.send_at is None:
        return None
    if ctx.kind == "thank-you":
        return _thank_you(ctx, ctx.send_at)
    return _follow_up(ctx, ctx.send_at)
