"""The storage interface the app is given. The TinyDB file backend in
`followup_tui.store` implements it; the UI and CLI only know this."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from .model import Application


class ApplicationRepository(Protocol):
    def list(self) -> list[Application]:
        """Every application, ordered by id (the same as load_all)."""

    def load_all(self) -> list[Application]:
        """Every application, ordered by id, read and checked in one pass: the
        fast path for loading everything (the TUI's start, `list`, `due`)."""

    def get(self, app_id: int) -> Application:
        """Raises NotFoundError."""

    def add(self, application: Application) -> Application:
        """Store a new application; returns it with `id` and `rev` set."""

    def update(self, application: Application) -> Application:
        """Store changes made to an application read earlier.

        Raises ConflictError when its `rev` is no longer the stored one.
        Returns the stored application (rev incremented)."""

    def modify(self, app_id: int, change: Callable[[Application], None]) -> Application:
        """Read, change and store in one locked step (no conflict possible)."""

    def delete(self, app_id: int, expected_rev: int | None = None) -> None:
        """Raises NotFoundError, or ConflictError when `expected_rev` is stale."""

    def restore_deleted(self, application: Application) -> Application:
        """Store a deleted application again under its own id (undoing a
        delete), so ids given out before (CLI, exports) stay valid. Raises
        ConflictError when a record holds that id again. Returns it stored
        (rev one past the deleted revision)."""

    def add_many(self, applications: Iterable[Application]) -> list[Application]:
        """Store all or none (used by import)."""

    def add_and_update(
        self, new: Iterable[Application], changed: Iterable[Application]
    ) -> tuple[list[Application], list[Application]]:
        """Store new applications and changes to stored ones in one write, all
        or none (used by import); ConflictError when a change's `rev` is stale."""

    def change_token(self) -> object:
        """Cheap value that changes whenever the data changes (any session)."""

    last_write: tuple[object, object] | None
    """change_token() just before and just after this object's last save."""
