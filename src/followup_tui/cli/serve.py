"""`followup serve`: the same app in a browser tab, through textual-serve.

Every browser tab runs its own `followup` process on the same data file, as
two SSH logins would: the file lock and the revision per application keep
their changes apart (DESIGN §9). There is no authentication, so the server
listens on 127.0.0.1 unless told otherwise, and says loudly when it is not.
"""

from __future__ import annotations

import os
import shlex
import sys

import click

from .context import CliContext, fail, pass_ctx

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"
NO_EXTRA = "web mode needs the optional extra: pip install 'followup-tui[web]'"


def exposure_warning(host: str, port: int) -> str:
    return (
        f"followup: WARNING: serving on {host}:{port} with NO authentication: anyone who can reach "
        "this address can read and change your applications. Prefer the default 127.0.0.1 and an "
        f"SSH tunnel (ssh -L {port}:127.0.0.1:{port} your-server)."
    )


def session_command(ctx: CliContext) -> str:
    """The command textual-serve starts for each browser tab."""
    argv = [sys.executable, "-m", "followup_tui", "--db", str(ctx.db)]
    if ctx.config_option:
        argv += ["--config", ctx.config_option]
    return shlex.join([*argv, "web-session"])


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@pass_ctx
def serve(ctx: CliContext, host: str, port: int) -> None:
    """Run the app in your browser (needs the `web` extra). Each tab is its
    own session on the same data file; exports and .eml files download.

    \b
    Example (on a server, reached through an SSH tunnel):
      followup serve --port 8000
      ssh -L 8000:127.0.0.1:8000 your-server   # then open http://127.0.0.1:8000
    """
    try:
        from textual_serve.server import Server
    except ImportError:
        fail(NO_EXTRA)
    _ = ctx.repo  # a missing folder is made, a bad file stops here (exit 2), not in every tab
    if host not in LOCAL_HOSTS:
        click.echo(exposure_warning(host, port), err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"followup: serving {ctx.db} on http://{shown}:{port} (ctrl+c stops)", err=True)
    Server(session_command(ctx), host=host, port=port, title="followup").serve()


@click.command("web-session", hidden=True)
@pass_ctx
def web_session(ctx: CliContext) -> None:
    """One browser tab's app (started by `followup serve`, not by hand)."""
    from .tui import launch

    if os.environ.get("TEXTUAL_DRIVER") != WEB_DRIVER:
        fail("web-session is started by `followup serve` for each browser tab")
    launch(ctx, ctx.db, need_terminal=False)
