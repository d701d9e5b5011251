"""export / import."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..domain.errors import ValidationError
from ..domain.import_plan import ImportPlan, plan_import
from ..domain.model import Application
from ..domain.scale import MAX_APPLICATIONS, beyond_scale, too_many_rows
from ..transfer import export_csv, export_json
from ..transfer.calendar_export import export_ics
from ..transfer.import_file import read_import_stream
from ..transfer.import_sources import SOURCES
from ..transfer.importers import ParsedImport, TooManyRows
from .choices import Choice
from .context import CliContext, fail, pass_ctx, run_guarded, terminal_safe

LISTED_AT_MOST = 30  # a dry run names this many applications per group, then counts


@click.command()
@click.option("--format", "fmt", type=Choice(["json", "csv", "ics"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="File to write (default stdout).")
@pass_ctx
def export(ctx: CliContext, fmt: str, output: str | None) -> None:
    """Export every application (JSON: the exact copy; CSV: every field,
    contact, round and history line in readable columns, importable again;
    ICS puts each next action in your calendar)."""
    apps = run_guarded(ctx.repo.list)
    summary = f"exported {len(apps)} applications"
    if fmt == "json":
        text = export_json(apps)
    elif fmt == "csv":
        text = export_csv(apps, ctx.settings.tz)
    else:
        # the earlier export being replaced lets moved events carry a new
        # SEQUENCE and vanished ones be cancelled
        previous = _read_previous(Path(output)) if output else None
        calendar = export_ics(apps, ctx.now(), ctx.settings, previous=previous)
        text = calendar.text
        summary = f"exported {calendar.active} calendar events and {calendar.cancelled} cancelled ones"
    if output:
        write_export(Path(output), text)
        click.echo(f"{summary} to {output}", err=True)
    else:
        click.echo(text, nl=False)


def _read_previous(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8") if path.is_file() else None
    except (OSError, UnicodeDecodeError):
        return None


def _name(app: Application) -> str:
    return terminal_safe(f"{app.company} | {app.role}" if app.role else app.company)


IGNORED_NAMED = 12  # a long list of ignored columns is cut, with a count
COLUMN_NAME_SHOWN = 40


def _cut(name: str) -> str:
    return name if len(name) <= COLUMN_NAME_SHOWN else name[:COLUMN_NAME_SHOWN - 1] + "…"


def _report(parsed: ParsedImport, plan: ImportPlan, dry_run: bool) -> None:
    how = "as chosen with --from" if not parsed.detected else (
        "recognised from its content" if parsed.source == "json" else "recognised from the header row")
    where = f"{parsed.encoding}" + (f", delimiter {parsed.delimiter!r}" if parsed.source != "json" else "")
    click.echo(f"read {len(parsed.rows)} rows as {parsed.title} ({how}; {where})")
    verb = "would add" if dry_run else "added"
    click.echo(f"{verb} {len(plan.added)}, {'would update' if dry_run else 'updated'} {len(plan.updated)}, "
               f"unchanged {len(plan.unchanged)}")
    if dry_run:
        changes = {id(a): keys for a, keys in plan.updated}
        for label, apps in (("add", plan.added), ("update", [a for a, _ in plan.updated]), ("unchanged", plan.unchanged)):
            for app in apps[:LISTED_AT_MOST]:
                # the stored application a row was recognised as: "matches #3"
                said = [f"matches #{app.id}"] if app.id is not None else []
                said += [", ".join(changes[id(app)])] if id(app) in changes else []
                detail = f" ({': '.join(said)})" if said else ""
                click.echo(f"  {label}: {_name(app)}{detail}")
            if len(apps) > LISTED_AT_MOST:
                click.echo(f"  ... and {len(apps) - LISTED_AT_MOST} more to {label}")
    if parsed.ignored:
        named = [terminal_safe(_cut(h)) + (f" ({parsed.ignored_reasons[h]})" if h in parsed.ignored_reasons else "")
                 for h in parsed.ignored[:IGNORED_NAMED]]
        more = len(parsed.ignored) - IGNORED_NAMED
        click.echo(f"ignored: {', '.join(named)}" + (f" and {more:,} more columns" if more > 0 else ""))
    if dry_run:
        click.echo("dry run: nothing was saved")


def write_export(target: Path, text: str) -> None:
    """Atomically, privately (0600): a full disk leaves the old file (or none),
    never a truncated one, and says so in one line."""
    from ..store.atomic_file import write_atomic

    try:
        write_atomic(target, text.encode("utf-8"))
    except OSError as exc:
        fail(f"{target}: could not write the export ({exc.strerror or exc}); nothing was written")


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--from", "source", type=Choice(SOURCES),
              help="What wrote the file (default: recognised from its header row).")
@click.option("--dry-run", is_flag=True, help="Show what would be added, updated and ignored; save nothing.")
@pass_ctx
def import_file(ctx: CliContext, file: str, source: str | None, dry_run: bool) -> None:
    """Import applications (all or nothing): our JSON or CSV export, LinkedIn's
    Job Applications.csv, a Huntr or Teal export, or any CSV with a header row.
    Importing a file again updates what it imported before.

    \b
    Examples:
      followup import "Job Applications.csv" --dry-run
      followup import huntr-jobs.csv --from huntr
    """
    existing = run_guarded(ctx.repo.list)
    try:
        # streamed: the reading stops at the first row beyond the app's scale (domain/scale.py)
        if file == "-":
            parsed = read_import_stream(sys.stdin.buffer, ctx.settings.tz, source, MAX_APPLICATIONS)
        else:
            with open(file, "rb") as stream:
                parsed = read_import_stream(stream, ctx.settings.tz, source, MAX_APPLICATIONS)
    except OSError as exc:
        fail(f"{file}: cannot read: {exc.strerror or exc}")
    except TooManyRows as exc:
        fail(f"{file}: {too_many_rows(exc.limit)}; nothing was imported")
    except ValidationError as exc:
        fail(f"{file}: {exc}; nothing was imported")
    now = ctx.now()
    plan = plan_import(existing, parsed.rows, now)
    if len(existing) + len(plan.added) > MAX_APPLICATIONS:
        fail(f"{file}: {beyond_scale(len(existing) + len(plan.added))}; nothing was imported")
    if not dry_run:
        ctx.backup_before("imported")
        run_guarded(lambda: ctx.repo.add_and_update(plan.added, [app for app, _ in plan.updated]))
        if plan.added or plan.updated:
            _keep_board_preview(ctx)
    _report(parsed, plan, dry_run)


def _keep_board_preview(ctx: CliContext) -> None:
    """The TUI's first start after an import paints the imported board at once
    (store/preview.py): at 10,000 applications there is no time to read them
    all before the first paint."""
    from ..store.preview import BoardPreviewFile
    from ..ui.data.board_preview import preview_of
    from ..ui.data.loaded import entries_for

    repo = ctx.repo
    token = repo.change_token()
    entries = entries_for(run_guarded(repo.load_all), ctx.now(), ctx.settings)
    BoardPreviewFile(repo.path).save(token, preview_of(entries.values()))
