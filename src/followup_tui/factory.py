"""The one place that wires storage, settings, clock and outbox into the app,
used by the CLI and by the tests (so tests run the real thing on a temp file)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from . import paths
from .config import SettingsFile
from .domain.errors import StoreError
from .domain.settings import Settings
from .messaging.outbox import Outbox
from .store import TinyDBRepository
from .ui.app import FollowupApp
from .ui.session import Session

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(timezone.utc)


def open_repository(db: Path, clock: Clock = system_clock) -> TinyDBRepository:
    return TinyDBRepository.open(db, clock=clock)


def build_app(
    db: Path,
    settings: Settings | None = None,
    clock: Clock = system_clock,
    *,
    backups: bool = True,
    watch_interval: float = 1.0,
    tick_interval: float = 30.0,
    config_file: Path | None = None,
    first_run: bool = False,
) -> FollowupApp:
    """`first_run`: offer the first-run screen when the config file does not
    exist yet (the user's own data only: never the demo, never the tests)."""
    settings = settings or Settings()
    repo = open_repository(db, clock)
    warning = backup_at_start(repo) if backups else None
    session = Session(repo, settings, clock, db, watch_interval=watch_interval, tick_interval=tick_interval)
    config_file = config_file or paths.config_path()
    outbox = Outbox(settings, paths.exports_dir(db), config_file)
    settings_file = SettingsFile(config_file)
    app = FollowupApp(
        session=session, outbox=outbox, settings_store=settings_file,
        first_run=first_run and settings_file.needs_first_run(),
    )
    # queued now, shown once the app runs
    for notice in repo.notices:
        app.notify(notice, title="Data folder", severity="warning", timeout=15)
    if warning:
        app.notify(warning, title="No backup", severity="warning", timeout=30)
    return app


def backup_at_start(repo: TinyDBRepository) -> str | None:
    """Back up at start; a backup that cannot be written (full disk, read-only
    folder) is a warning, not a reason to refuse to start."""
    try:
        repo.rotate_backups()
    except StoreError as exc:
        return f"{exc}. The app works; no backup was made at this start."
    return None
