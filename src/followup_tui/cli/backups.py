"""`followup backups` and `followup restore`: the history of the data file."""

from __future__ import annotations

from pathlib import Path

import click

from ..domain.errors import FollowupError
from ..store import TinyDBRepository
from ..store.backups import Backup, from_future, intact
from ..store.special_files import resolve_data_path
from .context import CliContext, clock_from_env, echo_json, fail, pass_ctx, terminal_safe


def _unopened(ctx: CliContext) -> TinyDBRepository:
    # not ctx.repo: listing and restoring must work when the data file is damaged
    try:
        return TinyDBRepository(resolve_data_path(ctx.db), clock=clock_from_env)
    except FollowupError as exc:
        fail(str(exc))


@click.command("backups")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@pass_ctx
def list_backups(ctx: CliContext, as_json: bool) -> None:
    """List the backups of the data file, newest first.

    A backup is made at every start of the TUI and before `delete` and
    `import`, only when the file changed since the newest one. Example:
    `followup backups` then `followup restore 2`.
    """
    try:
        found = _unopened(ctx).list_backups()
    except FollowupError as exc:
        fail(str(exc))
    now = clock_from_env()
    # read from each copy's content, not its name: a truncated copy is damaged, whatever its name counts
    rows = [(backup, intact(backup), from_future(backup, now)) for backup in found]
    if as_json:
        echo_json([{"number": n, "taken": b.taken.isoformat().replace("+00:00", "Z"),
                    "applications": b.applications if good else None, "intact": good, "from_future": future,
                    "file": str(b.path)} for n, (b, good, future) in enumerate(rows, 1)])
        return
    if not found:
        click.echo(f"no backups of {terminal_safe(str(ctx.db))} yet", err=True)
        return
    tz = ctx.settings.tz
    click.echo(f"{'#':>3}  {'taken':<16}  {'applications':>12}  file")
    for number, (backup, good, future) in enumerate(rows, start=1):
        taken = backup.taken.astimezone(tz).strftime("%Y-%m-%d %H:%M")
        held = str(backup.applications) if good else "damaged"
        flag = "  (stamped in the future: made while the clock was wrong?)" if future else ""
        click.echo(terminal_safe(f"{number:>3}  {taken:<16}  {held:>12}  {backup.path}{flag}"))


def _choose(found: list[Backup], which: str) -> Path:
    if which.isdigit():
        number = int(which)
        if not 1 <= number <= len(found):
            fail(f"no backup number {number} (there are {len(found)}; see `followup backups`)")
        return found[number - 1].path
    path = Path(which).expanduser()
    if not path.is_file():
        fail(f"{which}: not a backup number or a file")
    return path


@click.command("restore")
@click.argument("which", default="1")
@pass_ctx
def restore(ctx: CliContext, which: str) -> None:
    """Put a backup back in place of the data file (default: the newest).

    WHICH is a number from `followup backups` or a file. The current file is
    backed up first (or, if damaged, kept aside), so a restore can be undone
    by restoring again. Example: `followup restore 2`.
    """
    repo = _unopened(ctx)
    try:
        found = repo.list_backups()
    except FollowupError as exc:
        fail(str(exc))
    source = _choose(found, which)
    try:
        kept, count = repo.restore(source)
    except FollowupError as exc:
        fail(str(exc))
    before = f"; the file as it was is in {kept}" if kept else ""
    click.echo(terminal_safe(f"restored {count} applications from {source}{before}"))
