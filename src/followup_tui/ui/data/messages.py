"""What the session's parts tell the screens: three small messages.

- `DataChanged`: the loaded data (or the time) changed; redraw what it touches.
- `WriteDone`: one write ended, saved, or refused because of a conflict with
  another session, or refused for another reason (with why). Every write ends
  in exactly one of these.
- `Notice`: a word for the user. Posted to the current screen; a screen with
  a status line shows plain ones there and stops them, any other bubbles up to
  the app, which shows it as a toast (no duck typing on screens).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.message import Message

from ...domain.model import Application

Outcome = Literal["saved", "conflict", "refused"]


@dataclass
class DataChanged(Message):
    """The loaded data (or the time) changed: redraw what it touches.

    `app_ids` names the applications that changed, or is None when anything
    may have (a reload after another session's write, a clock tick)."""

    app_ids: frozenset[int] | None
    origin: str  # "here" (this session), "elsewhere" (another session), "clock", "load", "put back" (a save failed)

    def touches(self, app_id: int | None) -> bool:
        return self.app_ids is None or app_id in self.app_ids


@dataclass
class WriteDone(Message):
    """One write ended (the writer's one result contract).

    `application` is, when saved, the application as stored; after a
    conflict, as stored now (None: deleted elsewhere); when refused, as shown
    again (nothing was stored)."""

    ticket: int  # what `Writer.submit` returned
    app_id: int | None
    label: str
    outcome: Outcome
    why: str  # empty when saved
    application: Application | None

    @property
    def saved(self) -> bool:
        return self.outcome == "saved"


@dataclass
class Notice(Message):
    """A word for the user about what just happened."""

    text: str
    title: str = ""
    severity: str = "information"
    timeout: float = 4

    @property
    def for_status_line(self) -> bool:
        """A plain word on a change (moved, undone): the status line, where the screen has one."""
        return not self.title and self.severity == "information"
