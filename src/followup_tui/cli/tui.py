"""Starting the full-screen app: on the user's data, or on demo data."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from ..domain.demo import demo_applications
from ..domain.errors import FollowupError
from ..paths import config_path
from .context import CliContext, clock_from_env, fail, pass_ctx


def launch(ctx: CliContext, db: Path) -> None:
    from ..factory import build_app  # textual is imported only when the TUI runs

    settings = ctx.settings
    try:
        app = build_app(db, settings, clock_from_env, config_file=config_path(ctx.config_option))
    except FollowupError as exc:
        fail(str(exc))
    app.run()


def run_tui(ctx: CliContext) -> None:
    launch(ctx, ctx.db)


@click.command()
@click.option("--keep", type=click.Path(file_okay=False), help="Put the demo database in this folder and keep it.")
@pass_ctx
def demo(ctx: CliContext, keep: str | None) -> None:
    """Start the TUI on a fresh demo database (a dozen sample applications)."""
    from ..store import TinyDBRepository

    with tempfile.TemporaryDirectory(prefix="followup-demo-") as tmp:
        folder = Path(keep) if keep else Path(tmp)
        db = folder / "demo.json"
        if db.exists():
            fail(f"{db} exists already; choose an empty folder for --keep")
        repo = TinyDBRepository.open(db, clock=clock_from_env)
        repo.add_many(demo_applications(clock_from_env()))
        launch(ctx, db)
