"""The loaded data: every application with its next actions, computed once
per change and shared by every screen. Screens read it; only the session's
parts (the loader, the writer) change it, on the UI thread."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import msgspec

from ...domain.cadence import NextAction, next_actions, sort_key
from ...domain.model import Application
from ...domain.settings import Settings
from .board_preview import Preview


class Entry(msgspec.Struct, frozen=True):
    """One application as loaded, with what is owed at the data's `now`
    (soonest first; one thank-you per owed round)."""

    application: Application
    actions: tuple[NextAction, ...]

    @property
    def action(self) -> NextAction | None:
        return self.actions[0] if self.actions else None


def entry_for(application: Application, now: datetime, settings: Settings) -> Entry:
    return Entry(application, tuple(next_actions(application, now, settings)))


def entries_for(applications: Iterable[Application], now: datetime, settings: Settings) -> dict[int, Entry]:
    return {a.id or 0: entry_for(a, now, settings) for a in applications}


class LoadedData:
    """The applications as the screens show them (read-only to screens: they
    edit copies and hand changes to the writer)."""

    def __init__(self, settings: Settings, clock) -> None:
        self.settings = settings
        self.clock = clock
        self._entries: dict[int, Entry] = {}
        self._agenda: list[tuple[Application, NextAction]] | None = None  # sorted once per change
        self.loaded = False
        self.computed_at: datetime | None = None  # the `now` of the next actions
        self.token: object = None  # the file as the entries show it (the store's change token)
        self.changes = 0  # moves on with every change shown here: a read begun before one is stale
        # A big file's board as it was last shown, painted while the file
        # loads (board_preview.py); None once loaded, or when there is none.
        self.provisional: Preview | None = None
        self.provisional_is_stale = False  # the preview of an older version of the file

    @property
    def entries(self) -> dict[int, Entry]:
        return self._entries

    @entries.setter
    def entries(self, entries: dict[int, Entry]) -> None:
        self._entries = entries
        self._agenda = None

    # -- reading (screens) ---------------------------------------------------------

    def agenda(self) -> list[tuple[Application, NextAction]]:
        """Every next action of every application, most urgent first (a new
        list: the caller's to keep). Sorted once per change: at 10,000
        applications that was 10,000 rows sorted each time the agenda opened."""
        if self._agenda is None:
            rows = [(entry.application, action) for entry in self._entries.values() for action in entry.actions]
            rows.sort(key=lambda row: sort_key(row[1]))
            self._agenda = rows
        return list(self._agenda)

    def now(self) -> datetime:
        return self.clock()

    def get(self, app_id: int | None) -> Application | None:
        """The application as shown (do not change it: screens work on copies)."""
        entry = self.entries.get(app_id) if app_id is not None else None
        return entry.application if entry else None

    def editable(self, app_id: int) -> Application | None:
        """A copy to edit in a form."""
        application = self.get(app_id)
        return application.copy() if application else None

    def action(self, app_id: int) -> NextAction | None:
        entry = self.entries.get(app_id)
        return entry.action if entry else None

    def actions(self, app_id: int) -> tuple[NextAction, ...]:
        entry = self.entries.get(app_id)
        return entry.actions if entry else ()

    def all(self) -> Iterable[Entry]:
        return self.entries.values()

    def find(self, company: str) -> Application | None:
        """The first application of that company (tests, the command palette)."""
        return next((e.application for e in self.entries.values() if e.application.company == company), None)

    # -- changing (the session's parts, on the UI thread) ----------------------------

    def show(self, app_id: int, application: Application | None) -> None:
        """Show one application as it is now (None: it is gone)."""
        self._agenda = None
        if application is None:
            self.entries.pop(app_id, None)
        else:
            self.entries[app_id] = entry_for(application, self.clock(), self.settings)

    def restamp(self, app_id: int, shown: Application, stored: Application) -> None:
        """Our save of `shown` came back as `stored` (same content, the store's
        stamp): keep the computed actions, take the stored revision."""
        entry = self.entries.get(app_id)
        if entry is not None and entry.application is shown:
            self.entries[app_id] = Entry(stored, entry.actions)
            self._agenda = None

    def replace_all(self, token: object, entries: dict[int, Entry], now: datetime | None = None) -> None:
        self.entries = entries
        self.token = token
        self.computed_at = now or self.clock()
        self.loaded = True
        self.provisional = None
        self.provisional_is_stale = False
