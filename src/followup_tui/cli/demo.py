"""`followup demo`: the TUI on a fresh demo database."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from .context import CliContext, clock_from_env, fail, pass_ctx
from .tui import NO_TERMINAL, demo_notice, has_terminal, launch


@click.command()
@click.option("--keep", type=click.Path(file_okay=False), help="Put the demo database in this folder and keep it.")
@pass_ctx
def demo(ctx: CliContext, keep: str | None) -> None:
    """Start the TUI on a fresh demo database (a dozen sample applications).

    The data is temporary (deleted when you quit) unless --keep names a folder."""
    from ..domain.demo import demo_applications
    from ..store import TinyDBRepository

    if not has_terminal():
        fail(NO_TERMINAL)
    with tempfile.TemporaryDirectory(prefix="followup-demo-") as tmp:
        folder = Path(keep) if keep else Path(tmp)
        db = folder / "demo.json"
        if db.exists():
            fail(f"{db} exists already; choose an empty folder for --keep")
        repo = TinyDBRepository.open(db, clock=clock_from_env)
        repo.add_many(demo_applications(clock_from_env()))
        launch(ctx, db, notice=demo_notice(folder if keep else None))
        if not keep:
            click.echo("followup: the demo data was deleted; `followup demo --keep DIR` keeps it", err=True)
