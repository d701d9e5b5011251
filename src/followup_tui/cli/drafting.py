"""`followup check` and `followup draft`: the draft checks and the message
templates, for scripts and pipes."""

from __future__ import annotations

import dataclasses
import sys
from typing import TYPE_CHECKING

import click

from ..domain.errors import NotFoundError
from ..domain.model import MESSAGE_KINDS, Application
from ..domain.textsafe import printable_multiline
from ..domain.timeparse import (
    ACCEPTED_DATE_FORMS,
    ACCEPTED_WHEN_FORMS,
    parse_date,
    parse_when,
)
from .choices import Choice
from .context import (
    EXIT_NO_MATCH,
    EXIT_USAGE,
    CliContext,
    echo_json,
    fail,
    pass_ctx,
    run_guarded,
    terminal_safe,
)

if TYPE_CHECKING:
    from ..domain.checks import CheckResult

# The checks and templates are imported inside the commands: compiling their
# patterns would slow down every other `followup` command for nothing.

MARKS = {"pass": "PASS", "warn": "WARN", "fail": "FAIL"}


def _read_body(file: str) -> str:
    if file == "-" and sys.stdin.isatty():
        fail("give the draft as FILE, or pipe it in: followup check - < draft.txt")
    try:
        with click.open_file(file, encoding="utf-8-sig") as stream:
            return stream.read()
    except (OSError, UnicodeDecodeError) as exc:
        name = "stdin" if file == "-" else file
        fail(f"{name}: cannot read the draft: {exc}")


def _load(ctx: CliContext, app_id: int) -> Application:
    try:
        return ctx.repo.get(app_id)
    except NotFoundError as exc:
        fail(str(exc), EXIT_USAGE)  # for `check`, exit 1 means "a check failed"


def result_json(result: CheckResult) -> dict:
    return {"id": result.id, "status": result.status, "message": result.message}


def result_line(result: CheckResult) -> str:
    """One line per check, its verdict readable without colour."""
    return f"{MARKS[result.status]}  {result.id:<17}  {terminal_safe(result.message)}"


@click.command()
@click.argument("file", required=False, default="-", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--kind", type=Choice(MESSAGE_KINDS), help="Which message this is (required, unless --application: its next one)."
)
@click.option("--to", "to", metavar="ADDRESS", help="The recipient (default: the application's contact).")
@click.option("--subject", metavar="TEXT", help="The subject line.")
@click.option("--company", metavar="C", help="The company (default: the application's).")
@click.option("--role", metavar="R", help="The position (default: the application's).")
@click.option("--interview-at", metavar="WHEN", help=f"When the interview started: {ACCEPTED_WHEN_FORMS}.")
@click.option("--decision-by", metavar="DATE", help=f"When they said they would decide: {ACCEPTED_DATE_FORMS}.")
@click.option("--at", "at_text", metavar="WHEN", help="When you will send it (default now).")
@click.option("--application", "app_id", type=int, metavar="ID", help="Take the context from this application.")
@click.option("--json", "as_json", is_flag=True, help='Print {"ok": ..., "checks": [...]}.')
@pass_ctx
def check(
    ctx: CliContext,
    file: str,
    kind: str | None,
    to: str | None,
    subject: str | None,
    company: str | None,
    role: str | None,
    interview_at: str | None,
    decision_by: str | None,
    at_text: str | None,
    app_id: int | None,
    as_json: bool,
) -> None:
    """Check a draft read from FILE (or stdin) the way the article would.
    Exits 0 when no check fails, 1 when one does (or, with --application and
    no --kind, when nothing is to be written: "nothing to write, next: ..."),
    2 on bad input."""
    if kind is None and app_id is None:  # checked here: click's own message for a missing choice spans three lines
        raise click.UsageError(f"missing option '--kind' ({' or '.join(MESSAGE_KINDS)})")
    from ..domain.checks import DraftContext, is_ok, run_checks
    from ..domain.message_plan import draft_context as draft_context_for
    from ..domain.message_plan import plan_message

    settings = ctx.settings
    tz = settings.tz

    def context() -> tuple[DraftContext, str | None]:
        send_at = parse_when(at_text, tz, "--at") if at_text else ctx.now()
        recipient_address = to
        if app_id is not None:
            app = _load(ctx, app_id)
            plan = plan_message(app, send_at, settings, kind)
            if kind is None and plan.nothing_due:  # the same line as `draft`, the board and the agenda
                fail(f"application {app_id}: {plan.nothing_due}", EXIT_NO_MATCH)
            draft_context = draft_context_for(plan, app, send_at, settings)
            if recipient_address is None:
                recipient_address = plan.to or None
        else:
            assert kind is not None
            draft_context = DraftContext(kind=kind, send_at=send_at, settings=settings)
        overrides: dict = {}
        if company is not None:
            overrides["company"] = company
        if role is not None:
            overrides["role"] = role
        if interview_at is not None:
            overrides["interview_at"] = parse_when(interview_at, tz, "--interview-at")
        if decision_by is not None:
            overrides["decision_by"] = parse_date(decision_by, "--decision-by")
        return dataclasses.replace(draft_context, **overrides), recipient_address

    draft_context, recipient_address = run_guarded(context)
    body = _read_body(file)
    results = run_checks(subject, body, recipient_address, draft_context)
    ok = is_ok(results)
    if as_json:
        echo_json({"ok": ok, "checks": [result_json(r) for r in results]})
    else:
        for result in results:
            click.echo(result_line(result))
    sys.exit(0 if ok else EXIT_NO_MATCH)


@click.command()
@click.argument("app_id", type=int)
@click.option("--kind", type=Choice(MESSAGE_KINDS), help="Which message (default: the next one due).")
@click.option("--json", "as_json", is_flag=True, help="Print {to, subject, body} as JSON.")
@pass_ctx
def draft(ctx: CliContext, app_id: int, kind: str | None, as_json: bool) -> None:
    """Print the filled template for an application's next message (the
    same one the composer writes). Exits 1 when no message may be written,
    with the reason on stderr: nothing is to be written now ("nothing to
    write, next: prepare for the interview", the line the board and the
    agenda show), they asked not to be contacted, the follow-ups are used
    up, or no interview yet for a thank-you. --kind writes that kind anyway
    (within the same guards).

    \b
    Example:
      followup draft 3 > note.txt && followup check note.txt --application 3"""
    from ..domain.message_plan import fill, plan_message
    from ..domain.templates import NO_NAME_HINT, signing_name

    settings = ctx.settings
    now = ctx.now()
    app = run_guarded(lambda: ctx.repo.get(app_id))
    plan = plan_message(app, now, settings, kind)
    if plan.refusal:
        fail(f"application {app_id}: {plan.refusal}", EXIT_NO_MATCH)
    if kind is None and plan.nothing_due:
        fail(f"application {app_id}: {plan.nothing_due}", EXIT_NO_MATCH)
    filled = run_guarded(lambda: fill(plan, app, settings, now))
    if not signing_name(settings):
        click.echo(f"followup: {NO_NAME_HINT}", err=True)
    if as_json:
        echo_json(
            {
                "kind": plan.kind,
                "number": plan.number,
                "to": filled.to,
                "to_name": plan.to_name,
                "subject": filled.subject,
                "body": filled.body,
                "note": plan.note,
            }
        )
        return
    click.echo(f"To: {terminal_safe(filled.to)}")
    click.echo(f"Subject: {terminal_safe(filled.subject)}")
    click.echo("")
    click.echo(printable_multiline(filled.body), nl=False)
