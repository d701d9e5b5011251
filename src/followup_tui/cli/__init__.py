"""The `followup` command: the TUI by default, subcommands for scripts.

Exit codes: 0 success, 1 a check failed / nothing matched, 2 usage or input error.

`start` is the command (the `followup` script, `python -m followup_tui`).
`main`, the click group that parses every other command line, is in
commands.py. A plain start of the TUI (no subcommand; at most --db and
--config) does not need it: `start` runs it the way `main` would, and
click, some 15 ms of imports, is not loaded before the board's first paint.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .commands import main
    from .context import fail

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
    "demo": "demo:demo",
    "config": "config_command:config",
    "backups": "backups:list_backups",
    "restore": "backups:restore",
    "mail": "mail_commands:mail",
}

# The group's options (commands.py) that a plain start may give: option -> its environment variable.
TUI_OPTIONS = {"--db": "FOLLOWUP_DB", "--config": "FOLLOWUP_CONFIG"}
COMPLETION_VARIABLE = "_FOLLOWUP_COMPLETE"  # click's shell completion (`followup` as prog_name)


def plain_tui_start(args: Sequence[str]) -> dict[str, str] | None:
    """The options of a command line that only starts the TUI (`--db PATH`,
    `--config=PATH`, each at most once), else None: anything else, even an
    odd but valid spelling, is for click to parse."""
    given: dict[str, str] = {}
    rest = list(args)
    while rest:
        option, equals, value = rest.pop(0).partition("=")
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        if option not in TUI_OPTIONS or option in given or not value or value.startswith("-"):
            return None
        given[option] = value
    return given


def start(argv: Sequence[str] | None = None) -> None:
    """The `followup` command."""
    args = sys.argv[1:] if argv is None else list(argv)
    given = plain_tui_start(args)
    if given is None or os.environ.get(COMPLETION_VARIABLE):
        from .commands import main

        main(None if argv is None else args)
        return
    from .context import CliContext, begin, crash_logged, end_on_closed_pipe

    # What the click group does for the same command line (commands.py:
    # FollowupGroup.main and .invoke, click's standalone main): an option
    # not given is taken from its environment variable, if set and not empty.
    options = {option: given.get(option) or os.environ.get(variable) or None for option, variable in TUI_OPTIONS.items()}
    obj = CliContext(db_option=options["--db"], config_option=options["--config"])
    try:
        try:
            with crash_logged(lambda: obj):
                begin(obj, None)
        finally:
            sys.stdout.flush()  # into a closed pipe, it fails here, not in the interpreter's exit
    except BrokenPipeError:
        end_on_closed_pipe()
    except KeyboardInterrupt:  # before the TUI took the terminal, or after it let go: as click says it
        import click

        click.echo(file=sys.stderr)
        click.echo("Aborted!", file=sys.stderr)
        sys.exit(1)
    sys.exit(0)


def __getattr__(name: str):
    if name == "main":  # the click group, loaded when first asked for
        from .commands import main

        return main
    if name == "fail":
        from .context import fail

        return fail
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["main", "fail", "start"]
