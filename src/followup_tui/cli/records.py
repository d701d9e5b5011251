"""add / list / show / edit / move / delete / log."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timezone

import click

from ..domain.errors import ValidationError
from ..domain.model import (
    CHANNELS,
    MESSAGE_KINDS,
    OUTCOMES,
    PRIORITIES,
    STAGES,
    Application,
    Contact,
    Interview,
    check_job_url,
    default_stage,
    normalize_tags,
)
from ..domain.textsafe import json_safe_bytes
from ..domain.timeparse import absolute_text, local_text, parse_day, parse_when, repeated_time_note
from .context import CliContext, echo_json, pass_ctx, run_guarded, terminal_safe


def complete_app_id(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """Shell completion: application ids, found by id or by company name
    (`followup show acm<TAB>` offers Acme's id); the company shows as help in
    zsh and fish. Reads the data file only if it exists; never fails."""
    from click.shell_completion import CompletionItem

    from ..settings.paths import db_path
    from ..store import TinyDBRepository

    root = ctx.find_root()
    path = db_path(root.params.get("db_option"))
    if not path.is_file():
        return []
    try:
        apps = TinyDBRepository.open(path).list()
    except Exception:  # noqa: BLE001 - a completion never shows a traceback
        return []
    wanted = incomplete.casefold()
    return [
        CompletionItem(str(app.id), help=terminal_safe(f"{app.company} | {app.role}" if app.role else app.company))
        for app in apps
        if str(app.id).startswith(incomplete) or wanted in app.company.casefold()
    ]


def app_json(app: Application) -> dict:
    return {"id": app.id, **app.to_dict()}


def _times_as_stored(app: Application) -> bool:
    """Every time of `app` is UTC to the second, as `to_dict` writes it (true
    of everything read from a file this app wrote)."""
    for value in (app.created, app.updated, *(i.at for i in app.interviews),
                  *(e.at for e in app.events), *(e.until for e in app.events),
                  *(d.updated for d in app.drafts.values())):
        if value is not None and (value.tzinfo is not timezone.utc or value.microsecond):
            return False
    return True


def applications_json(apps: Iterable[Application]) -> bytes:
    """The same bytes as `echo_json([app_json(a) for a in apps])` prints,
    about ten times faster at 10,000 applications: msgspec encodes each
    application (its field order is `to_dict`'s, `id` last, moved first here)
    and indents the whole. An application whose times `to_dict` would
    rewrite goes through `to_dict`. Raises TypeError or UnicodeEncodeError
    for what only the standard module writes (lone surrogates, huge numbers)."""
    import msgspec
    import orjson

    encode = msgspec.json.Encoder().encode
    parts = []
    for app in apps:
        if _times_as_stored(app):
            encoded = encode(app)
            cut = encoded.rindex(b',"id":')
            parts.append(json_safe_bytes(b"{" + encoded[cut + 1 : -1] + b"," + encoded[1:cut] + b"}"))
        else:
            parts.append(json_safe_bytes(orjson.dumps(app_json(app))))
    return msgspec.json.format(b"[" + b",".join(parts) + b"]", indent=2)


def application_options(func):
    """The fields `add` and `edit` share; every one optional for `edit`."""
    options = [
        click.option("--company", help="Company name."),
        click.option("--role", help="The position you applied for."),
        click.option("--domain", "company_domain", help="The company's email/web domain, e.g. acme.com."),
        click.option("--stage", type=click.Choice(STAGES), help="Board column."),
        click.option("--contact-name", help="Your contact (interviewer or recruiter)."),
        click.option("--contact-email", help="Their business email address."),
        click.option("--channel", type=click.Choice(CHANNELS), help="How the employer first reached you."),
        click.option("--interview-at", metavar="WHEN", help="Interview start: YYYY-MM-DD HH:MM (your timezone), ISO 8601, or 'tomorrow 9:30', 'friday 10:00', 'in 3 days'."),
        click.option("--decision-by", metavar="DATE", help="When they said they would decide: YYYY-MM-DD, or friday, in 10 days..."),
        click.option("--do-not-contact/--may-contact", default=None, help="They asked not to be contacted."),
        click.option("--url", "job_url", metavar="URL", help="The job posting's address (http:// or https://)."),
        click.option("--location", help="Where the job is: a city, 'remote', 'hybrid (Lyon)'..."),
        click.option("--salary", help="Free text, e.g. '55-65k EUR' or '$120k + equity'."),
        click.option("--applied", "applied_on", metavar="DATE", help="When you applied: YYYY-MM-DD, 'today', 'yesterday'..."),
        click.option("--source", help="Where you found the job: LinkedIn, a referral, the company site..."),
        click.option("--resume", help="Which resume version you sent."),
        click.option("--tags", metavar="A,B", help="Comma-separated tags (replaces the current ones; '' clears them)."),
        click.option("--priority", type=click.Choice(PRIORITIES[1:] + ("none",)), help="How much you want this one."),
        click.option("--notes", help="Notes (several lines allowed; replaces the current notes)."),
        click.option("--json", "as_json", is_flag=True, help="Print the application as JSON."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def read_when(ctx: CliContext, text: str, field: str):
    """An explicit time, or one as people type it ("tomorrow 9:30"); the
    latter is echoed back as an absolute date on stderr."""
    tz = ctx.settings.tz
    try:
        at = parse_when(text, tz, field)
    except ValidationError:
        at = parse_when(text, tz, field, now=ctx.now())
        click.echo(f"{field} {text!r}: {absolute_text(at, tz)}", err=True)
    note = repeated_time_note(at, tz)  # a time the clocks pass twice: say which one was taken
    if note:
        click.echo(f"followup: note: {field}: {note}", err=True)
    return at


def apply_options(ctx: CliContext, app: Application, values: dict) -> None:
    tz = ctx.settings.tz
    for key in ("company", "role", "company_domain", "channel", "location", "salary", "source", "resume", "notes"):
        if values.get(key) is not None:
            setattr(app, key, values[key])
    if values.get("job_url") is not None:
        app.job_url = check_job_url(values["job_url"], "--url")
    if values.get("tags") is not None:
        app.tags = normalize_tags(values["tags"])
    if values.get("priority") is not None:
        app.priority = "" if values["priority"] == "none" else values["priority"]
    if values.get("applied_on") is not None:
        app.applied_on = parse_day(values["applied_on"], ctx.now(), tz, "--applied")
    if values.get("stage") is not None:
        app.move_to(values["stage"], ctx.now())
    if values.get("do_not_contact") is not None:
        app.do_not_contact = values["do_not_contact"]
    if values.get("decision_by") is not None:
        app.decision_by = parse_day(values["decision_by"], ctx.now(), tz, "--decision-by")
    if values.get("interview_at") is not None:
        at = read_when(ctx, values["interview_at"], "--interview-at")
        names = [values["contact_name"]] if values.get("contact_name") else []
        app.interviews.append(Interview(at=at, with_names=names))
    if values.get("contact_name") is not None or values.get("contact_email") is not None:
        if not app.contacts:
            app.contacts.append(Contact())
        if values.get("contact_name") is not None:
            app.contacts[0].name = values["contact_name"]
        if values.get("contact_email") is not None:
            app.contacts[0].email = values["contact_email"]


def _print_app(app: Application, as_json: bool) -> None:
    if as_json:
        echo_json(app_json(app))
    else:
        click.echo(app.id)


@click.command()
@application_options
@pass_ctx
def add(ctx: CliContext, as_json: bool, **values) -> None:
    """Add an application; prints its id."""

    def action():
        if not values.get("company"):
            raise ValidationError("--company", "company is required")
        app = Application(company=values["company"], created=ctx.now())
        stage = values.pop("stage", None)
        apply_options(ctx, app, values)
        app.stage = stage or default_stage(app)
        return ctx.repo.add(app)

    _print_app(run_guarded(action), as_json)


@click.command()
@click.argument("app_id", type=int, shell_complete=complete_app_id)
@application_options
@pass_ctx
def edit(ctx: CliContext, app_id: int, as_json: bool, **values) -> None:
    """Change fields of an application."""
    app = run_guarded(lambda: ctx.repo.modify(app_id, lambda a: apply_options(ctx, a, values)))
    _print_app(app, as_json)


@click.command("list")
@click.option("--stage", "stages", multiple=True, type=click.Choice(STAGES), help="Only this column (repeat for several).")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="Only applications with this tag (repeat: all of them).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@pass_ctx
def list_apps(ctx: CliContext, stages: tuple[str, ...], tags: tuple[str, ...], as_json: bool) -> None:
    """List applications.

    \b
    Example: followup list --stage interview --tag remote --json
    """
    wanted = {t.casefold() for t in normalize_tags(list(tags))}
    apps = [
        a for a in run_guarded(ctx.repo.list)
        if (not stages or a.stage in stages) and wanted <= {t.casefold() for t in a.tags}
    ]
    if as_json:
        try:
            click.echo(applications_json(apps))
        except (TypeError, UnicodeEncodeError):  # as before: the standard module decides
            echo_json([app_json(a) for a in apps])
        return
    for app in apps:
        tag_text = f"  [{', '.join(app.tags)}]" if app.tags else ""
        click.echo(terminal_safe(f"{app.id:>4}  {app.stage:<13} {app.company} | {app.role}{tag_text}"))


@click.command()
@click.argument("app_id", type=int, shell_complete=complete_app_id)
@click.option("--json", "as_json", is_flag=True, help="Print JSON, with the events.")
@pass_ctx
def show(ctx: CliContext, app_id: int, as_json: bool) -> None:
    """Show one application with its history."""
    app = run_guarded(lambda: ctx.repo.get(app_id))
    if as_json:
        echo_json(app_json(app))
        return
    tz = ctx.settings.tz

    def say(line: str) -> None:
        click.echo(terminal_safe(line))

    say(f"#{app.id} {app.company} | {app.role}")
    stage = f"{app.stage} ({app.outcome})" if app.outcome else app.stage
    say(f"stage: {stage}   channel: {app.channel}" + ("   DO NOT CONTACT" if app.do_not_contact else ""))
    if app.decision_by:
        say(f"decision by: {app.decision_by.isoformat()}")
    for label, value in (
        ("job url", app.job_url),
        ("location", app.location),
        ("salary", app.salary),
        ("applied", app.applied_on.isoformat() if app.applied_on else ""),
        ("source", app.source),
        ("resume", app.resume),
        ("tags", ", ".join(app.tags)),
        ("priority", app.priority),
    ):
        if value:
            say(f"{label}: {value}")
    if app.notes:
        say("notes:")
        for line in app.notes.splitlines():
            say(f"  {line}")
    for contact in app.contacts:
        say(f"contact: {contact.name} <{contact.email}> {contact.title}".rstrip())
    for interview in app.interviews_sorted():
        who = f" with {', '.join(interview.with_names)}" if interview.with_names else ""
        say(f"interview: {local_text(interview.at, tz)} {interview.kind}{who}".rstrip())
    for event in sorted(app.events, key=lambda e: e.at):
        say(f"  {local_text(event.at, tz)}  {event.describe()}")


@click.command()
@click.argument("app_id", type=int, shell_complete=complete_app_id)
@click.argument("stage", type=click.Choice(STAGES))
@click.option("--outcome", type=click.Choice(OUTCOMES), help="For closed: how it ended (default moved-on).")
@pass_ctx
def move(ctx: CliContext, app_id: int, stage: str, outcome: str | None) -> None:
    """Move an application to another stage (records the change)."""
    app = run_guarded(lambda: ctx.repo.modify(app_id, lambda a: a.move_to(stage, ctx.now(), outcome)))
    click.echo(f"{app.id} -> {app.stage}")


@click.command()
@click.argument("app_id", type=int, shell_complete=complete_app_id)
@pass_ctx
def delete(ctx: CliContext, app_id: int) -> None:
    """Delete an application and its history (backed up first: `followup backups`)."""
    ctx.backup_before("deleted")
    run_guarded(lambda: ctx.repo.delete(app_id))
    click.echo(f"deleted {app_id}")


@click.command()
@click.argument("app_id", type=int, shell_complete=complete_app_id)
@click.option("--sent", "sent_kind", type=click.Choice(MESSAGE_KINDS), help="You sent this message.")
@click.option("--to", "recipient", default="", help="Who you sent it to (default: the first contact).")
@click.option("--response", help="The employer answered; what they said.")
@click.option("--note", help="A note for the history.")
@click.option("--at", "at_text", metavar="WHEN", help="When it happened (default now).")
@pass_ctx
def log(ctx: CliContext, app_id: int, sent_kind, recipient, response, note, at_text) -> None:
    """Record a message you sent, a response, or a note."""
    chosen = [x for x in (sent_kind, response, note) if x]
    if len(chosen) != 1:
        raise click.UsageError("give exactly one of --sent, --response or --note")

    def change(app: Application) -> None:
        at = read_when(ctx, at_text, "--at") if at_text else ctx.now()
        if sent_kind:
            app.record_sent(sent_kind, at, recipient=recipient or app.primary_email)
        elif response:
            app.record_response(response, at)
        else:
            app.add_note(note, at)

    app = run_guarded(lambda: ctx.repo.modify(app_id, change))
    click.echo(f"{app.id} logged ({app.stage})")
