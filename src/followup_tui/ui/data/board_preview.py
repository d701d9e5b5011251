"""The board at once, for a big file: the first cards of each column and the
column counts as the board last showed them, painted while the file itself is
read and checked in the background (the session's worker); the board is
rebuilt from the file as soon as it is loaded.

What is kept (by a store object the factory hands to the session, which knows
where and whether it still matches the data file): each column's first
PREVIEW_CARDS applications in the board's order, as stored records, and each
column's count. The cards are computed again from those records at start, so
due words and urgencies are those of now.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import msgspec

from ...domain.cadence import next_actions
from ...domain.model import STAGES, Application
from ...domain.settings import Settings
from ..board.cards import order_key

PREVIEW_CARDS = 20  # a column's first screenful on a tall terminal


class Preview(msgspec.Struct, frozen=True):
    """Applications to paint at once (with their next actions) and the counts
    of every column."""

    applications: list[tuple[Application, tuple]]  # (application, its next actions)
    counts: dict[str, int]


def preview_of(entries: Iterable[Any]) -> dict[str, Any]:
    """What to keep of the loaded entries (session.Entry: application, actions)."""
    by_stage: dict[str, list[Any]] = {}
    for entry in entries:
        by_stage.setdefault(entry.application.stage, []).append(entry)
    records: dict[str, dict] = {}
    for stage_entries in by_stage.values():
        first = heapq.nsmallest(PREVIEW_CARDS, stage_entries, key=lambda e: order_key(e.action, e.application.company))
        for entry in first:
            records[str(entry.application.id)] = entry.application.to_dict()
    return {"counts": {stage: len(group) for stage, group in by_stage.items()}, "records": records}


def read_preview(data: dict[str, Any], now: datetime, settings: Settings) -> Preview | None:
    """The preview to paint (`data` as the preview store loaded it: the
    counts, and the records as `Application`s), or None when it is not usable."""
    try:
        counts = {stage: int(data["counts"].get(stage, 0)) for stage in STAGES}
        applications = []
        for application in data["records"]:
            if not isinstance(application, Application) or application.stage not in STAGES:
                return None
            applications.append((application, tuple(next_actions(application, now, settings))))
    except Exception:  # a cache: anything wrong in it means "not used", never a crash
        return None
    return Preview(applications, counts)
