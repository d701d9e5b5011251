"""Applications for the store's tests: small, each with a contact and an
event, every third with text that JSON and terminals make hard (non-ASCII,
markup, a line separator, quotes)."""

from __future__ import annotations

from datetime import datetime, timezone

from followup_tui.domain.model import Application, Contact, Event

T0 = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)


def some_applications(count: int) -> list[Application]:
    return [
        Application(
            company=f"Co {n}",
            role="Engineer" if n % 3 else "Ünïcødé ✓ [bold]x \u2028 \"quoted\"",
            contacts=[Contact(name=f"Person {n}", email=f"p{n}@co{n}.com")],
            events=[Event(at=T0, kind="note", text=f"note {n} " * (n % 7))],
        )
        for n in range(count)
    ]
