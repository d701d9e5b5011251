"""Every date and time option reads the same typed forms (domain/timeparse.py):
explicit ones (2026-11-25, 2026-11-25 14:00, ISO 8601) and the words people
type ("yesterday", "friday 10:00", "in 3 days"). Words are echoed back as an
absolute date on stderr, so a script's log says what was meant."""

from __future__ import annotations

from datetime import date, datetime, timezone

import click

from ..domain.errors import ValidationError
from ..domain.timeparse import absolute_text, parse_day, parse_when, repeated_time_note
from .context import CliContext


def read_when(ctx: CliContext, text: str, field: str, *, day_alone: bool = False) -> datetime:
    """A time. With `day_alone`, a day said in words ("yesterday", "friday")
    is the start of that day, as a bare YYYY-MM-DD is (a point to look from,
    `due --at`); where a time of day matters (an interview) it is asked for."""
    tz = ctx.settings.tz
    try:
        at = parse_when(text, tz, field)
    except ValidationError:
        pass
    else:
        _say_if_repeated(at, tz, field)
        return at
    try:
        at = parse_when(text, tz, field, now=ctx.now())
    except ValidationError:
        if not day_alone:
            raise
        try:
            day = parse_day(text, ctx.now(), tz, field)
        except ValidationError:
            raise ValidationError(field, _unreadable(text)) from None
        at = datetime(day.year, day.month, day.day, tzinfo=tz).astimezone(timezone.utc)
    click.echo(f"{field} {text!r}: {absolute_text(at, tz)}", err=True)
    _say_if_repeated(at, tz, field)
    return at


def _say_if_repeated(at: datetime, tz, field: str) -> None:
    note = repeated_time_note(at, tz)  # a time the clocks pass twice: say which one was taken
    if note:
        click.echo(f"followup: note: {field}: {note}", err=True)


def read_day(ctx: CliContext, text: str, field: str) -> date:
    """A calendar date: YYYY-MM-DD or a day in words, in the user's timezone."""
    return parse_day(text, ctx.now(), ctx.settings.tz, field)


def _unreadable(text: str) -> str:
    from ..domain.timeparse import ACCEPTED_NATURAL_DATE_FORMS, ACCEPTED_NATURAL_WHEN_FORMS, ACCEPTED_WHEN_FORMS

    return (
        f"cannot read {text!r} as a time or a day; use {ACCEPTED_WHEN_FORMS}; "
        f"or {ACCEPTED_NATURAL_WHEN_FORMS}; or a day: {ACCEPTED_NATURAL_DATE_FORMS}"
    )
