"""The `followup` command's click group: every subcommand, and the TUI when
none is given (`start` in __init__.py takes the plain TUI start without it).

Exit codes: 0 success, 1 a check failed / nothing matched, 2 usage or input error.
"""

from __future__ import annotations

import importlib
import sys

import click

from .. import __version__
from . import SUBCOMMANDS
from .context import CliContext, begin, crash_logged, end_on_closed_pipe, fail, one_line_usage_errors


class FollowupGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*SUBCOMMANDS, *super().list_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in SUBCOMMANDS and cmd_name not in self.commands:
            module, _, attr = SUBCOMMANDS[cmd_name].partition(":")
            command = getattr(importlib.import_module(f".{module}", __package__), attr)
            assert command.name == cmd_name, (command.name, cmd_name)
            self.add_command(command)
        return super().get_command(ctx, cmd_name)

    def main(self, *args, **kwargs):
        kwargs.setdefault("prog_name", "followup")
        try:
            try:
                return super().main(*args, **kwargs)
            finally:
                sys.stdout.flush()  # into a closed pipe, it fails here, not in the interpreter's exit
        except BrokenPipeError:
            end_on_closed_pipe()

    # usage errors: exit 2 with a one-line message (parsing and subcommands)
    def make_context(self, *args, **kwargs):
        with one_line_usage_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        with one_line_usage_errors(), crash_logged(lambda: ctx.obj):
            return super().invoke(ctx)


@click.group(cls=FollowupGroup, invoke_without_command=True)
@click.option("--db", "db_option", metavar="PATH", envvar="FOLLOWUP_DB", help="Data file (default: your user data dir).")
@click.option("--config", "config_option", metavar="PATH", envvar="FOLLOWUP_CONFIG", help="Settings TOML file.")
@click.version_option(__version__, prog_name="followup")
@click.pass_context
def main(ctx: click.Context, db_option: str | None, config_option: str | None) -> None:
    """Follow up after job interviews: a board of your applications, what is
    due, and a composer that checks each message. Runs the TUI by default.

    Exit codes: 0 success, 1 a check failed or nothing matched, 2 a usage or
    input error (one line on stderr naming it).

    To try out dates, or in scripts, set the current time with FOLLOWUP_NOW
    (ISO 8601 or YYYY-MM-DD HH:MM; without an offset, UTC), e.g.
    FOLLOWUP_NOW=2026-12-01T09:00Z followup due: every command and the TUI
    take it as now.
    """
    ctx.obj = CliContext(db_option=db_option, config_option=config_option)
    begin(ctx.obj, ctx.invoked_subcommand)


__all__ = ["main", "fail"]
