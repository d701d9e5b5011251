"""`followup due`: what to do next and by when, for cron or a login script."""

from __future__ import annotations

import gc
import math
from datetime import datetime, timedelta, timezone, tzinfo

import click

from ..domain.cadence import NextAction, action_label, due_actions
from ..domain.due_words import due_in_words
from ..domain.model import Application
from ..domain.timeparse import ACCEPTED_NATURAL_DATE_FORMS, ACCEPTED_WHEN_FORMS, format_instant, local_text
from .context import CliContext, echo_json, pass_ctx, run_guarded, terminal_safe
from .dates import read_when

MAX_WITHIN_DAYS = 3660.0


def _days(value: str | float) -> float:
    """--within: a finite, non-negative number of days (decimals allowed)."""
    try:
        days = float(value)
    except (TypeError, ValueError):
        raise click.BadParameter(f"{value!r} is not a number of days") from None
    if not math.isfinite(days) or not 0 <= days <= MAX_WITHIN_DAYS:
        raise click.BadParameter(f"{value!r} must be between 0 and {MAX_WITHIN_DAYS:g} days")
    return days


def later_by_days(start: datetime, days: float, tz: tzinfo) -> datetime:
    """`days` later on the local wall clock (a day is 23 or 25 hours across DST)."""
    return (start.astimezone(tz) + timedelta(days=days)).astimezone(timezone.utc)


def action_json(app: Application, action: NextAction) -> dict:
    data = {
        "id": app.id,
        "company": app.company,
        "role": app.role,
        "action": action.kind,
        "due": format_instant(action.due),
        "urgency": action.urgency,
        "reason": action.reason,
    }
    if action.kind == "follow-up":
        data["number"] = action.number
    if action.who:
        data["who"] = list(action.who)
    if action.round_at is not None:
        data["round"] = format_instant(action.round_at)
    if action.hint:
        data["hint"] = action.hint
    return data


def action_line(app: Application, action: NextAction, now: datetime, tz: tzinfo) -> str:
    """One readable line per action, no colour needed."""
    what = terminal_safe(action_label(action))
    when = f"{due_in_words(action.due, now, tz)} ({local_text(action.due, tz)})"
    hint = f" (hint: {action.hint})" if action.hint else ""
    return (
        f"{action.urgency:<9}  #{app.id} {terminal_safe(app.company)} | {terminal_safe(app.role)}: "
        f"{what}, {when} - {action.reason}{hint}"
    )


@click.command()
@click.option("--at", "at_text", metavar="WHEN", help=f"Look from this time instead of now: {ACCEPTED_WHEN_FORMS}, 'friday 10:00', or a day ({ACCEPTED_NATURAL_DATE_FORMS}: its start).")
@click.option(
    "--within",
    "within_days",
    default="1",
    metavar="DAYS",
    callback=lambda _ctx, _param, value: _days(value),
    show_default=True,
    help="Also list what falls due this many days after --at (decimals allowed).",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option("--mail", "by_mail", is_flag=True,
              help="Send yourself (smtp.from_address) today's digest by SMTP; nothing is sent when nothing is due.")
@pass_ctx
def due(ctx: CliContext, at_text: str | None, within_days: float, as_json: bool, by_mail: bool) -> None:
    """Next actions due by --at (default now) plus --within days, overdue
    first. Exits 0 even when nothing is due.

    \b
    Example (cron, every weekday at 8:00):
      0 8 * * 1-5  followup due --mail
    """
    settings = ctx.settings
    tz = settings.tz
    if by_mail:
        mail_digest(ctx, at_text)
        return

    def collect():
        now = read_when(ctx, at_text, "--at", day_alone=True) if at_text else ctx.now()
        until = later_by_days(now, within_days, tz)
        return now, until, due_actions(ctx.repo.list(), now, settings, until)

    collecting = gc.isenabled()
    gc.disable()  # the whole file's objects, no cycles: a collection would only walk them again (10,000: ~10% of the time)
    try:
        now, until, found = run_guarded(collect)
    finally:
        if collecting:
            gc.enable()
    if as_json:
        echo_json([action_json(app, action) for app, action in found])
        return
    if not found:
        click.echo(f"nothing due by {local_text(until, tz)}")
        return
    for app, action in found:
        click.echo(action_line(app, action, now, tz))


def mail_digest(ctx: CliContext, at_text: str | None) -> None:
    """What is due by the end of today (overdue first), mailed to yourself."""
    from ..messaging.digest import digest_message
    from ..messaging.smtp_send import configure_hint, send_message
    from .context import fail

    settings = ctx.settings
    tz = settings.tz
    if not settings.smtp.configured:
        fail(configure_hint().splitlines()[0] + " (set [smtp] host and from_address)")
    if not settings.smtp.from_address:
        fail("no address to send the digest to: set smtp.from_address")

    def collect():
        now = read_when(ctx, at_text, "--at", day_alone=True) if at_text else ctx.now()
        local = now.astimezone(tz)
        end_of_day = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), tz).astimezone(timezone.utc)
        return now, due_actions(ctx.repo.list(), now, settings, end_of_day)

    now, found = run_guarded(collect)
    if not found:
        click.echo("nothing due today: no digest sent")
        return
    lines = [action_line(app, action, now, tz) for app, action in found]
    run_guarded(lambda: send_message(digest_message(lines, settings, now), settings.smtp))
    click.echo(f"digest of {len(lines)} sent to {terminal_safe(settings.smtp.from_address)}")
