"""`followup stats`: the figures of the search, with small text charts."""

from __future__ import annotations

import textwrap

import click

from ..domain.stats import (
    ANSWER_MEANS,
    FUNNEL_LABELS,
    GroupOutcomes,
    SearchStats,
    bar,
    days_text,
    percent,
    search_stats,
    sparkline,
)
from ..domain.timeparse import ACCEPTED_DATE_FORMS, ACCEPTED_NATURAL_DATE_FORMS
from .context import CliContext, echo_json, pass_ctx, run_guarded, terminal_safe
from .dates import read_day

BAR_WIDTH = 40  # fits 80 columns beside a 16-column label and the number
RECENT_WEEKS = 8  # weeks listed one per line; the sparkline shows them all


def _plural(number: int, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"


def _group_line(name: str, group: GroupOutcomes) -> str:
    closed = ", ".join(f"{k} {v}" for k, v in group.closed.items()) or "-"
    label = terminal_safe(name)
    if len(label) > 14:
        label = label[:13] + "…"
    return f"  {label:<14} {group.applications:>4} {group.answered:>8} {group.interviewed:>9} {group.offers:>6}  {closed}"


def report_lines(stats: SearchStats) -> list[str]:
    """The plain-text report: readable at 80 columns, charts beside numbers."""
    lines = []
    scope = f" applied since {stats.since.isoformat()}" if stats.since else ""
    lines.append(f"Job search{scope}: {_plural(stats.applications, 'application')}")
    lines.append("")
    lines.append("Funnel (applications that really reached each stage)")
    largest = max((n for _, n in stats.funnel), default=0)
    for stage, reached in stats.funnel:
        lines.append(f"  {FUNNEL_LABELS[stage]:<13} {reached:>4} {bar(reached, largest, BAR_WIDTH)}")
    lines.append("")
    rate = stats.response_rate
    lines.append(f"Response rate         {percent(rate)} ({rate.part} of {rate.whole} applied got an answer)")
    lines.append(f"  (an answer is {ANSWER_MEANS})")
    first = stats.days_to_first_response
    lines.append(f"First response        median {days_text(first)} after applying ({len(first.days)} answered)")
    decision = stats.days_interview_to_decision
    lines.append(f"Interview to decision median {days_text(decision)} after the last round ({len(decision.days)} decided)")
    notes = stats.thank_you_on_time
    lines.append(
        f"Thank-you notes       {percent(notes)} sent within {stats.thank_you_hours} hours ({notes.part} of {notes.whole})"
    )
    answered = stats.follow_ups_answered
    per = stats.follow_ups_per_application
    per_text = "n/a" if per is None else f"{per:.1f}"
    lines.append(f"Follow-ups            {stats.follow_ups_sent} sent, {per_text} per interviewed application")
    lines.append(f"Follow-ups answered   {percent(answered)} ({answered.part} of {answered.whole})")
    most = max((n for _, n in stats.follow_up_counts), default=0)
    for count, apps in stats.follow_up_counts:
        label = _plural(count, "follow-up")
        lines.append(f"  {label:<13} {apps:>4} {bar(apps, most, BAR_WIDTH)}")
    # five outcomes (ghosted included) do not fit one 80-column line: wrap them
    outcome_lines = textwrap.wrap(" · ".join(f"{k}\u00a0{v}" for k, v in stats.outcomes), 80 - 22)
    for index, text in enumerate(outcome_lines or [""]):
        lines.append(("Outcomes" if index == 0 else "").ljust(22) + text.replace("\u00a0", " "))
    for title, groups in (("By source", stats.by_source), ("By channel", stats.by_channel)):
        lines.append("")
        lines.append(f"{title:<16} apps answered interview offers  closed")
        lines.extend(_group_line(name, group) for name, group in groups)
    lines.append("")
    if stats.per_week:
        counts = [n for _, n in stats.per_week]
        lines.append(f"Applications per week (most {max(counts)}, this week {counts[-1]})")
        if len(counts) > RECENT_WEEKS:  # the whole search at a glance, then the recent weeks
            spark = sparkline(counts)
            first = stats.per_week[0][0].isoformat()
            for start in range(0, len(spark), 60):
                lines.append(f"  since {first} {spark[start : start + 60]}")
        recent = stats.per_week[-RECENT_WEEKS:]
        most = max(n for _, n in recent)
        for week, count in recent:
            lines.append(f"  {week.isoformat()} {count:>4} {bar(count, most, BAR_WIDTH)}")
    else:
        lines.append("Applications per week: none yet")
    return lines


@click.command()
@click.option(
    "--since",
    "since_text",
    metavar="DATE",
    help=f"Only applications applied on or after this date ({ACCEPTED_DATE_FORMS}, or {ACCEPTED_NATURAL_DATE_FORMS}).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@pass_ctx
def stats(ctx: CliContext, since_text: str | None, as_json: bool) -> None:
    """Figures of your search: the funnel, response rate, days to an answer,
    thank-yous on time, follow-ups, outcomes by source and channel, and
    applications per week.

    \b
    Example:
      followup stats --since 2026-09-01
    """
    settings = ctx.settings
    since = run_guarded(lambda: read_day(ctx, since_text, "--since")) if since_text else None
    figures = run_guarded(
        lambda: search_stats(
            ctx.repo.list(), ctx.now(), settings.tz, thank_you_hours=settings.cadence.thank_you_hours, since=since
        )
    )
    if as_json:
        echo_json(figures.to_dict())
        return
    for line in report_lines(figures):
        click.echo(line)
