"""followup config: where the settings file is, and a commented one to start from."""

from __future__ import annotations

import click

from ..domain.errors import FollowupError
from ..settings.config_file import written_path
from ..settings.paths import config_path
from ..store.atomic_file import write_atomic
from ..settings.schema import init_text, load_settings
from .context import CliContext, fail, pass_ctx


@click.command("config")
@click.option("--path", "show_path", is_flag=True, help="Print where the settings file is (or would be).")
@click.option("--init", "init", is_flag=True, help="Write a settings file with every setting, its default and what it does.")
@click.option("--force", is_flag=True, help="With --init: replace an existing file.")
@pass_ctx
def config(ctx: CliContext, show_path: bool, init: bool, force: bool) -> None:
    """Your settings: name, signature, timezone, country, cadence, checks, SMTP.

    \b
    Examples:
      followup config --path
      followup config --init && $EDITOR "$(followup config --path)"
    """
    path = config_path(ctx.config_option)
    if show_path:
        click.echo(str(path))
    if init:
        if path.exists() and not force:
            fail(f"{path} exists already; edit it, or add --force to replace it with the defaults")
        try:
            target = written_path(path)  # a symlinked config: its target
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, init_text())  # 0600, like a key: it may name a password command
        except OSError as exc:
            fail(f"{path}: cannot write ({exc.strerror or exc})")
        click.echo(f"wrote {path}", err=True)
    if not show_path and not init:
        try:
            load_settings(path)
        except FollowupError as exc:
            fail(f"config: {exc}")
        state = "checked, all values valid" if path.exists() else "not there: every setting has its default"
        click.echo(f"{path}: {state}")
