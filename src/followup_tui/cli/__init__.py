"""The `followup` command: the TUI by default, subcommands for scripts.

Exit codes: 0 success, 1 a check failed / nothing matched, 2 usage or input error.
"""

from __future__ import annotations

import importlib
import sys

import click

from .. import __version__
from ..domain.errors import FollowupError
from .context import CliContext, clock_from_env, crash_logged, end_on_closed_pipe, fail, one_line_usage_errors

# Each subcommand's module is imported only when that subcommand runs (or
# --help lists them): `followup list` never loads the importers
# (charset-normalizer), the calendar export or the draft checks. Name -> "module:function".
SUBCOMMANDS: dict[str, str] = {
    "add": "records:add",
    "list": "records:list_apps",
    "show": "records:show",
    "edit": "records:edit",
    "move": "records:move",
    "delete": "records:delete",
    "log": "records:log",
    "due": "due:due",
    "check": "drafting:check",
    "draft": "drafting:draft",
    "stats": "stats:stats",
    "export": "transfer_commands:export",
    "import": "transfer_commands:import_file",
    "serve": "serve:serve",
    "web-session": "serve:web_session",
    "demo": "tui:demo",
    "config": "config_command:config",
    "backups": "backups:list_backups",
    "restore": "backups:restore",
    "mail": "mail_commands:mail",
}


class FollowupGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*SUBCOMMANDS, *super().list_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in SUBCOMMANDS and cmd_name not in self.commands:
            module, _, attr = SUBCOMMANDS[cmd_name].partition(":")
            command = getattr(importlib.import_module(f".{module}", __name__), attr)
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
        with one_line_usage_errors(), crash_logged(ctx):
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
    try:
        clock_from_env()  # a FOLLOWUP_NOW that cannot be read stops here, naming it
    except FollowupError as exc:
        fail(str(exc))
    if ctx.invoked_subcommand != "config":  # `config` must work to repair a bad file
        _ = ctx.obj.settings  # a bad config stops every command here (exit 2, naming the key)
    if ctx.invoked_subcommand is None:
        from .tui import run_tui

        run_tui(ctx.obj)


__all__ = ["main", "fail"]
