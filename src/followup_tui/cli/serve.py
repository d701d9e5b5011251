"""`followup serve`: the same app in a browser tab, its owner's only.

Every browser tab runs its own `followup` process on the same data file, as
two SSH logins would: the file lock and the revision per application keep
their changes apart (DESIGN §9). The server prints a URL with a random
token and serves nothing without it (web/guard.py); it listens on 127.0.0.1
unless told otherwise, and an address other machines can reach needs
--allow-remote (and TLS in front, which this server does not do).
"""

from __future__ import annotations

import os
import shlex
import sys

import click

from .context import CliContext, fail, pass_ctx

WEB_DRIVER = "textual.drivers.web_driver:WebDriver"
WEB_SESSION_ENV = "FOLLOWUP_WEB_SESSION"  # set for each tab's process: settings that run commands stay locked
NO_EXTRA = "web mode needs the optional extra: pip install 'followup-tui[web]'"


def remote_refusal(host: str) -> str:
    return (f"--host {host or repr(host)} lets other machines reach the server; add --allow-remote if you mean "
            "it, and put TLS in front (a reverse proxy): the token and the cookie would cross the network in "
            "clear. Better: keep 127.0.0.1 and use an SSH tunnel (ssh -L 8000:127.0.0.1:8000 your-server)")


def exposure_warning(host: str, port: int) -> str:
    return (
        f"followup: WARNING: serving on {host or '*'}:{port}, reachable from other machines. Only the URL's "
        "token lets anyone in, and without TLS in front it crosses the network in clear: put a TLS reverse "
        f"proxy in front, or prefer 127.0.0.1 and an SSH tunnel (ssh -L {port}:127.0.0.1:{port} your-server)."
    )


def session_command(ctx: CliContext) -> str:
    """The command each browser tab's process runs."""
    argv = [sys.executable, "-m", "followup_tui", "--db", str(ctx.db)]
    if ctx.config_option:
        argv += ["--config", ctx.config_option]
    return shlex.join([*argv, "web-session"])


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--allow-remote", is_flag=True, help="Allow an address other machines can reach (put TLS in front).")
@click.option("--public-host", "public_hosts", multiple=True, metavar="NAME",
              help="The name a TLS proxy in front serves this as (https://NAME); its Host and Origin are accepted.")
@pass_ctx
def serve(ctx: CliContext, host: str, port: int, allow_remote: bool, public_hosts: tuple[str, ...]) -> None:
    """Run the app in your browser (needs the `web` extra). Prints an address
    with a secret token: open it; without the token nothing is served. Each
    tab is its own session on the same data file; exports download.

    \b
    Example (on a server, reached through an SSH tunnel):
      followup serve --port 8000
      ssh -L 8000:127.0.0.1:8000 your-server   # then open the printed address
    """
    try:
        from ..web.guard import Guard, is_loopback
        from ..web.server import GuardedServer
    except ImportError:
        fail(NO_EXTRA)
    if not is_loopback(host) and not allow_remote:
        fail(remote_refusal(host))
    _ = ctx.repo  # a missing folder is made, a bad file stops here (exit 2), not in every tab
    guard = Guard(host, port, public_hosts)
    if not is_loopback(host):
        click.echo(exposure_warning(host, port), err=True)
    server = GuardedServer(session_command(ctx), guard, ctx.settings.web_sessions)
    click.echo(f"followup: serving {ctx.db} (at most {ctx.settings.web_sessions} tabs; ctrl+c stops); open:", err=True)
    click.echo(guard.url())  # on stdout: the one line a script reads
    sys.stdout.flush()
    os.environ[WEB_SESSION_ENV] = "1"  # inherited by every tab's process
    try:
        server.serve()
    except OSError as exc:
        fail(f"cannot listen on {host}:{port} ({exc.strerror or exc})")


@click.command("web-session", hidden=True)
@pass_ctx
def web_session(ctx: CliContext) -> None:
    """One browser tab's app (started by `followup serve`, not by hand)."""
    from .tui import launch

    if os.environ.get("TEXTUAL_DRIVER") != WEB_DRIVER or os.environ.get(WEB_SESSION_ENV) != "1":
        fail("web-session is started by `followup serve` for each browser tab")
    launch(ctx, ctx.db, need_terminal=False, web=True)
