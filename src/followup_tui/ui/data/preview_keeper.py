"""Keeping the board preview (board_preview.py) up to date: written in a
worker once changes have been quiet for a while, and at quit, for a big file
only; read back at the next start."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .board_preview import Preview, preview_of, read_preview

if TYPE_CHECKING:
    from textual.app import App

    from .loaded import LoadedData

PREVIEW_DELAY = 2.0  # seconds of quiet after a change before the board preview is written


class PreviewStore(Protocol):
    """Where the board preview is kept (store/preview.py, given by the factory)."""

    def load(self, token: object) -> dict | None: ...

    def load_latest(self) -> dict | None: ...

    def save(self, token: object, preview: dict) -> None: ...


class PreviewKeeper:
    def __init__(self, store: PreviewStore | None, data: LoadedData, db_path: Path, is_big: Callable[[Path], bool]) -> None:
        self._store = store
        self._data = data
        self._db_path = db_path
        self._is_big = is_big
        self._timer = None

    def kept(self, token: object) -> tuple[Preview | None, bool]:
        """The preview to paint, and whether it is stale: the one kept for the
        file as it is now (`token`), else the last one kept (another process
        wrote the file since: the board is the last one seen until the file is
        read, a second or so; keys that change anything wait for that)."""
        if self._store is None:
            return None, False
        try:
            kept, stale = self._store.load(token), False
            if kept is None:
                kept, stale = self._store.load_latest(), True
        except OSError:
            return None, False
        if kept is None:
            return None, False
        return read_preview(kept, self._data.clock(), self._data.settings), stale

    def later(self, app: App) -> None:
        """Write the preview once changes have been quiet for PREVIEW_DELAY."""
        if self._store is None:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = app.set_timer(PREVIEW_DELAY, lambda: self._save(app), name="board-preview")

    def save_now(self) -> None:
        """At quit: a change not yet in the preview is written now."""
        if self._timer is not None:
            self._timer.stop()
            self._save(None)

    def _save(self, app: App | None) -> None:
        self._timer = None
        store, data = self._store, self._data
        token = data.token
        if store is None or token is None or not data.loaded or not self._is_big(self._db_path):
            return
        entries = list(data.all())  # the entries as of `token`

        def save() -> None:
            store.save(token, preview_of(entries))

        if app is not None:
            app.run_worker(save, name="board-preview", group="preview", thread=True, exit_on_error=False)
        else:
            save()
