"""export / import."""

from __future__ import annotations

from pathlib import Path

import click

from ..domain.errors import ValidationError
from ..calendar_export import export_ics
from ..transfer import export_csv, export_json, parse_import
from .context import CliContext, fail, pass_ctx, run_guarded


@click.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "ics"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="File to write (default stdout).")
@pass_ctx
def export(ctx: CliContext, fmt: str, output: str | None) -> None:
    """Export every application (JSON re-imports; CSV is a readable record;
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
@pass_ctx
def import_file(ctx: CliContext, file: str) -> None:
    """Import a JSON export or a CSV with a header row (all or nothing)."""
    try:
        text = click.open_file(file, encoding="utf-8-sig").read()
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{file}: cannot read: {exc}")
    try:
        apps = parse_import(text, ctx.settings.tz)
    except ValidationError as exc:
        fail(f"{file}: {exc}; nothing was imported")
    ctx.backup_before("imported")
    stored = run_guarded(lambda: ctx.repo.add_many(apps))
    click.echo(f"imported {len(stored)} applications")
