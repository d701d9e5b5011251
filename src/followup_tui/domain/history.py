"""Reading an application's history in the order things happened.

Events are kept in the order they were recorded and shown in date order.
Two rules decide how the cadence reads them when the two orders differ:

- A message you sent counts no earlier than the messages recorded before it:
  a follow-up logged on a laptop whose clock went back (dated before the
  thank-you it followed, even before the interview) is still the follow-up
  after that thank-you, so nobody is asked to send it twice.
- Anything else keeps its own date (a response you log today as having
  come yesterday happened yesterday).

`dated_before` names the event a new one is dated before, so the CLI can
accept it with a warning.
"""

from __future__ import annotations

from datetime import datetime

from .model import Application, Event


def sent_messages(app: Application, kind: str | None = None) -> list[tuple[Event, datetime]]:
    """Each message you sent (of `kind`, if given) with when it counts, in
    the order recorded."""
    found: list[tuple[Event, datetime]] = []
    latest: datetime | None = None
    for event in app.events:
        if event.kind != "message-sent":
            continue
        latest = event.at if latest is None or event.at > latest else latest
        if kind is None or event.message_kind == kind:
            found.append((event, latest))
    return found


def sent_times(app: Application, kind: str | None = None) -> list[datetime]:
    """When each message you sent (of `kind`) counts, soonest first."""
    return sorted(at for _event, at in sent_messages(app, kind))


def dated_before(app: Application, event: Event) -> Event | None:
    """The latest event recorded before `event` that is dated after it (a
    back-dated entry, or a clock that went back); None when in order."""
    earlier = []
    for other in app.events:
        if other is event:
            break
        earlier.append(other)
    later = [e for e in earlier if e.at > event.at]
    return max(later, key=lambda e: e.at) if later else None
