"""Which message the composer writes, and whether it may: pure, no Textual.

The kind comes from the caller (the agenda, a picked kind) or from the card's
next action; the guards are the article's: never write to someone who asked
not to be contacted, and after the last follow-up, let go.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.cadence import next_action
from ..domain.checks import DraftContext
from ..domain.checks.application import follow_ups_this_round
from ..domain.model import MESSAGE_KINDS, Application
from ..domain.settings import Settings

KIND_TITLES = {"thank-you": "Thank-you note", "follow-up": "Follow-up"}

LET_GO_ADVICE = (
    "The article's advice: follow up once, wait, follow up again; "
    "if you still hear nothing, let go and move on. Close the card as moved on (x on the board)."
)
DO_NOT_CONTACT_ADVICE = "They asked not to be contacted: no messages. The article's advice: respect it and wait."


@dataclass(frozen=True)
class MessagePlan:
    kind: str  # thank-you / follow-up
    number: int  # which follow-up (1 for a thank-you)
    refusal: str = ""  # why the composer must not open; empty when it may
    note: str = ""  # one line for the user: why this kind, when it is due
    who: tuple[str, ...] = ()  # interviewers still to thank, first one first

    @property
    def title(self) -> str:
        if self.kind == "follow-up":
            return f"Follow-up {self.number}"
        return KIND_TITLES[self.kind]


def plan_message(app: Application, now: datetime, settings: Settings, kind: str | None = None) -> MessagePlan:
    """The message to write for `app` (the card's next one unless `kind`)."""
    action = next_action(app, now, settings)
    note = ""
    if kind is None:
        if action is not None and action.is_message:
            kind = action.kind
        else:
            kind = _fallback_kind(app, now)
            if action is not None:
                note = f"No message is due (next: {action.kind.replace('-', ' ')})."
    if kind not in MESSAGE_KINDS:
        raise ValueError(f"not a message kind: {kind!r}")
    sent = follow_ups_this_round(DraftContext.from_application(app, kind, now, settings))
    number = sent + 1 if kind == "follow-up" else 1
    if app.do_not_contact:
        return MessagePlan(kind, number, refusal=f"{app.company}: {DO_NOT_CONTACT_ADVICE}")
    most = settings.cadence.max_follow_ups
    if kind == "follow-up" and number > most:
        already = f"{sent} follow-up" + ("" if sent == 1 else "s")
        return MessagePlan(kind, number, refusal=f"{app.company}: you already sent {already}. {LET_GO_ADVICE}")
    who: tuple[str, ...] = ()
    if action is not None and action.kind == kind:
        note = note or action.reason
        who = action.who
    return MessagePlan(kind, number, note=note, who=who)


def addressed_to_first_unthanked(app: Application, now: datetime, who: tuple[str, ...]) -> Application:
    """A copy of `app` whose last round lists the people still to thank
    first: the template writes to the first interviewer of the last round,
    so after thanking Maya the next note goes to Jon (and mentions Maya)."""
    last = app.last_interview(before=now)
    if not who or last is None or not set(who) & set(last.with_names):
        return app
    copy = app.copy()
    round_ = copy.last_interview(before=now)
    assert round_ is not None
    round_.with_names = [n for n in who if n in round_.with_names] + [n for n in round_.with_names if n not in who]
    return copy


def _fallback_kind(app: Application, now: datetime) -> str:
    """A thank-you after an interview nobody was thanked for, else a follow-up."""
    last = app.last_interview(before=now)
    if last is not None and not any(e.at >= last.at for e in app.messages_sent("thank-you")):
        return "thank-you"
    return "follow-up"
