"""The `followup` command: the TUI by default, subcommands for scripts.

Exit codes: 0 success, 1 a check failed / nothing matched, 2 usage or input error.
"""

from __future__ import annotations

import click

from .. import __version__
from .backups import list_backups, restore
from .config_command import config
from .context import CliContext, crash_logged, fail, one_line_usage_errors
from .drafting import check, draft
from .due import due
from .records import add, delete, edit, list_apps, log, move, show
from .serve import serve, web_session
from .stats import stats
from .transfer_commands import export, import_file
from .tui import demo, run_tui


class FollowupGroup(click.Group):
    def main(self, *args, **kwargs):
        kwargs.setdefault("prog_name", "followup")
        return super().main(*args, **kwargs)

    # usage errors: exit 2 with a one-line message (parsing and subcommands)
    def make_context(self, *args, **kwargs):
        with one_line_usage_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        with one_line_usage_errors(), crash_logged(ctx):
            return super().invoke(ctx)


@click.group(cls=FollowupGroup, invoke_without_command=True)
@click.option("--db", "db_option", metavar="PATH", envvar="FOLLOWUP_DB", help="Data file (default: your user data dir).")
@click.option("--config", "config_option", metavar="PATH", envvar="FOLLOWUP_CONFIG", help="Settings TOML file.")
@click.version_option(__version__, prog_name="followup")
@click.pass_context
def main(ctx: click.Context, db_option: str | None, config_option: str | None) -> None:
    """Follow up after job interviews: a board of your applications, what is
    due, and a composer that checks each message. Runs the TUI by default."""
    ctx.obj = CliContext(db_option=db_option, config_option=config_option)
    if ctx.invoked_subcommand != "config":  # `config` must work to repair a bad file
        _ = ctx.obj.settings  # a bad config stops every command here (exit 2, naming the key)
    if ctx.invoked_subcommand is None:
        run_tui(ctx.obj)


for command in (add, list_apps, show, edit, move, delete, log, due, check, draft, stats, export, import_file, serve,
                web_session, demo, config, list_backups, restore):
    main.add_command(command)

__all__ = ["main", "fail"]
