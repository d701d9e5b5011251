"""What every subcommand shares: the data file, settings, clock, output helpers."""

from __future__ import annotations

import functools
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from ..domain.errors import FollowupError, NotFoundError
from ..domain.settings import Settings
from ..domain.textsafe import json_safe, printable
from ..domain.timeparse import parse_instant_iso, parse_when, system_timezone_problem
from ..settings.paths import config_path, db_path

if TYPE_CHECKING:
    from ..store import TinyDBRepository

# click is imported where it is used, not here: a plain start of the TUI
# (cli/__init__.py, start) runs without it until the board is painted.

NOW_ENV = "FOLLOWUP_NOW"  # a fixed "now": trying out dates, scripts, demos, tests (documented in `followup --help`)

EXIT_OK, EXIT_NO_MATCH, EXIT_USAGE = 0, 1, 2
EXIT_CRASH = 1
EXIT_CLOSED_PIPE = 128 + signal.SIGPIPE  # what a shell shows for a tool stopped by SIGPIPE (head, grep -q)


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """One line on stderr naming the problem, then exit."""
    say(f"followup: {printable(message)}")  # paths and values may hold controls
    sys.exit(code)


def say(line: str) -> None:
    """One line on stderr."""
    import click

    click.echo(line, err=True)


@contextmanager
def one_line_usage_errors() -> Iterator[None]:
    """Click prints a usage error as usage, hint, blank line, error; the CLI
    promises one line on stderr naming the problem (and exit 2)."""
    import click

    try:
        yield
    except click.UsageError as exc:
        where = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
        message = " ".join(exc.format_message().split())  # some click messages span lines
        fail(f"{message}{where}", exc.exit_code)


@contextmanager
def crash_logged(context: Callable[[], object]) -> Iterator[None]:
    """An unexpected error: the traceback (no locals) to a log file in the data
    directory (that of `context()`, the command's CliContext), one line
    naming it, exit 1. Click's own exits pass through."""
    try:
        yield
    except BrokenPipeError:
        end_on_closed_pipe()
    except Exception as exc:
        import click

        if isinstance(exc, (click.ClickException, click.exceptions.Exit, click.Abort)):
            raise
        from .crashlog import crash_line, write_crash_log

        obj = context()
        obj = obj if isinstance(obj, CliContext) else CliContext()
        fail(crash_line(exc, write_crash_log(obj.db.parent, exc)), EXIT_CRASH)


def end_on_closed_pipe() -> NoReturn:
    """The reader went away (`followup list | head -1`): stop quietly, as Unix
    tools do, with the status of a tool stopped by SIGPIPE; no message, no
    crash log. What is still buffered goes nowhere instead of failing again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout closed or replaced: nothing left to quiet
        pass
    sys.exit(EXIT_CLOSED_PIPE)


def clock_from_env() -> datetime:
    fixed = os.environ.get(NOW_ENV)
    if fixed:
        return _fixed_now(fixed)
    return datetime.now(timezone.utc)


@functools.lru_cache(maxsize=4)
def _fixed_now(text: str) -> datetime:
    """FOLLOWUP_NOW: ISO 8601 or YYYY-MM-DD[ HH:MM]; without an offset, UTC
    (the settings, with their timezone, are not read yet when it is first asked)."""
    return parse_when(text, timezone.utc, NOW_ENV)


class CliContext:
    """The command line's data file and config file, and what is read from them
    (when first asked for). A plain class: made before the TUI's first paint."""

    def __init__(self, db_option: str | None = None, config_option: str | None = None) -> None:
        self.db_option = db_option
        self.config_option = config_option
        self._settings: Settings | None = None
        self._repo: TinyDBRepository | None = None

    @property
    def db(self) -> Path:
        return db_path(self.db_option)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            path = config_path(self.config_option)
            if not path.exists():  # the defaults, without reading TOML
                self._settings = Settings()
            else:
                from ..settings.schema import load_settings

                try:
                    self._settings = load_settings(path)
                except FollowupError as exc:
                    fail(f"config: {exc}")
            problem = None if self._settings.timezone else system_timezone_problem(os.environ.get("TZ"))
            if problem:  # once per command: the settings are read once
                say(f"followup: note: {problem}")
        return self._settings

    def now(self) -> datetime:
        return clock_from_env()

    @property
    def repo(self) -> TinyDBRepository:
        if self._repo is None:
            from ..store import TinyDBRepository

            try:
                self._repo = TinyDBRepository.open(self.db, clock=clock_from_env)
            except FollowupError as exc:
                fail(str(exc))
            for notice in self._repo.notices:  # e.g. a data folder made private
                say(f"followup: note: {printable(notice)}")
        return self._repo


    def backup_before(self, change: str) -> None:
        """Back up the data file before a destructive command (store/backups.py);
        if no backup can be written, the command is refused."""
        try:
            self.repo.rotate_backups()
        except FollowupError as exc:
            fail(f"{exc}; nothing was {change}")


def begin(obj: CliContext, subcommand: str | None) -> None:
    """What every `followup` command line does first (the click group's
    callback; a plain start of the TUI, cli/__init__.py): a FOLLOWUP_NOW that
    cannot be read stops here, naming it; so does a bad config (exit 2, naming
    the key); with no subcommand, the TUI starts."""
    try:
        clock_from_env()
    except FollowupError as exc:
        fail(str(exc))
    if subcommand != "config":  # `config` must work to repair a bad file
        _ = obj.settings
    if subcommand is None:
        from .tui import run_tui

        run_tui(obj)


def __getattr__(name: str):
    if name == "pass_ctx":  # for the subcommands (click is loaded with them)
        import click

        global pass_ctx
        pass_ctx = click.make_pass_decorator(CliContext)
        return pass_ctx
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")




def terminal_safe(text: str) -> str:
    """User text for human output, never as control sequences (DESIGN §9)."""
    return printable(text)


def echo_json(data: Any) -> None:
    import orjson  # (here: the TUI's start does not load it)

    try:
        # the same text as json.dumps(indent=2, ensure_ascii=False), ~20x faster
        text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8")
    except TypeError:  # what orjson does not write (lone surrogates, huge ints): as before
        import json

        text = json.dumps(data, indent=2, ensure_ascii=False)
    import click

    click.echo(json_safe(text))  # C1, DEL, bidi, zero-width: escaped as \u009b


def run_guarded(action):
    """Turn domain errors into one-line messages and exit codes."""
    try:
        return action()
    except NotFoundError as exc:
        fail(str(exc), EXIT_NO_MATCH)
    except FollowupError as exc:
        fail(str(exc))
