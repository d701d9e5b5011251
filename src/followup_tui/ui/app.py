"""The Textual application: holds the repository, settings and clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual.app import App

from ..domain.repository import ApplicationRepository
from ..domain.settings import Settings
from .screens.board import BoardScreen


class FollowupApp(App[None]):
    TITLE = "followup"
    CSS_PATH = "app.tcss"

    def __init__(
        self,
        repo: ApplicationRepository,
        settings: Settings,
        clock: Callable[[], datetime],
        db_path: Path,
        watch_interval: float = 1.0,
    ) -> None:
        super().__init__()
        self.repo = repo
        self.settings = settings
        self.clock = clock
        self.db_path = db_path
        self.watch_interval = watch_interval
        self.sub_title = str(db_path)

    def on_mount(self) -> None:
        self.push_screen(BoardScreen())
