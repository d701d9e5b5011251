"""The one place that wires storage, settings, clock, outbox and mailbox into the app,
used by the CLI and by the tests (so tests run the real thing on a temp file)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from .domain.errors import StoreError
from .domain.settings import Settings
from .messaging.mailbox import Mailbox
from .messaging.outbox import Outbox
from .settings import paths
from .settings.config_file import SettingsFile
from .store import TinyDBRepository
from .store.mail_state import MailStateFile
from .store.preview import BoardPreviewFile
from .ui.app import FollowupApp
from .ui.data.session import Session, big_file

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(timezone.utc)


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
    web: bool = False,
) -> FollowupApp:
    """`first_run`: offer the first-run screen when the config file does not
    exist yet (the user's own data only: never the demo, never the tests).
    `web`: a browser tab of `followup serve`, where settings that run a
    command cannot be changed."""
    settings = settings or Settings()
    # A small file is read and checked now (a bad one is refused before the
    # app starts); a big one after the board is painted, in the session's
    # worker, which refuses it then (the app exits 2 naming the problem).
    deferred = big_file(db)
    repo = TinyDBRepository.open(db, clock=clock, verify=not deferred)

    def start_up() -> list[str]:
        """In the session's worker, once the board is painted."""
        if deferred:
            repo.verify()
        warning = backup_at_start(repo) if backups else None
        if settings.country:  # for the next start (holiday_cache.py); nothing when already kept
            from .settings.holiday_cache import keep_holidays

            keep_holidays(settings.country, clock().date())
        app.startup_steps.append("backup" if backups else "checked")
        return [warning] if warning else []

    session = Session(
        repo, settings, clock, db, watch_interval=watch_interval, tick_interval=tick_interval,
        start_up=start_up, big=deferred, preview=BoardPreviewFile(repo.path),
    )
    config_file = config_file or paths.config_path()
    outbox = Outbox(settings, paths.exports_dir(db), config_file)
    mailbox = Mailbox(settings, MailStateFile(repo.path), config_file)
    settings_file = SettingsFile(config_file, commands_locked=web)
    app = FollowupApp(
        session=session, outbox=outbox, settings_store=settings_file,
        first_run=first_run and settings_file.needs_first_run(), mailbox=mailbox,
    )
    # queued now, shown once the app runs
    for notice in repo.notices:
        app.notify(notice, title="Data folder", severity="warning", timeout=15)
    return app


def backup_at_start(repo: TinyDBRepository) -> str | None:
    """Back up at start; a backup that cannot be written (full disk, read-only
    folder) is a warning, not a reason to refuse to start."""
    try:
        repo.rotate_backups()
    except StoreError as exc:
        return f"{exc}. The app works; no backup was made at this start."
    return None
