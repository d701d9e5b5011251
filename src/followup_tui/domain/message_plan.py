"""Which message comes next, to whom, and whether it may be written at all.

The one rule behind `followup draft`, the composer and the agenda (DESIGN
§2, STYLE 2b): the kind comes from the caller (a picked kind, an agenda row)
or from the card's next action; the guards are the article's: never write to
someone who asked not to be contacted, no thank-you before an interview, and
after the last follow-up, let go.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from .cadence import NextAction, action_label, next_actions, step_label
from .history import sent_times
from .model import MESSAGE_KINDS, Application, Contact, Interview
from .settings import Settings
from .templates import FilledTemplate, fill_template

if TYPE_CHECKING:  # the checks load after the first paint, not with the app
    from .checks.context import DraftContext

KIND_TITLES = {"thank-you": "Thank-you note", "follow-up": "Follow-up"}
TEMPLATE_FOLLOW_UPS = 2  # templates exist for follow-up 1 and 2; with a higher limit the last one repeats

DO_NOT_CONTACT = "they asked not to be contacted: no messages. The article's advice: respect it and wait."
NOTHING_TO_WRITE = "nothing to write, next: "
LET_GO_ADVICE = (
    "The article's advice: follow up once, wait, follow up again; "
    "if you still hear nothing, let go and move on. Close the card as moved on (x on the board)."
)


@dataclass(frozen=True)
class MessagePlan:
    kind: str  # thank-you / follow-up
    number: int  # which follow-up (1 for a thank-you)
    refusal: str = ""  # why this message must not be written; empty when it may
    note: str = ""  # one line for the user: why this kind, when it is due
    round_at: datetime | None = None  # start of the interview round the message is about
    who: tuple[str, ...] = ()  # that round's people still to thank (thank-you), addressee first
    to_name: str = ""  # who the message is addressed to
    to: str = ""  # their address, "" when none is known
    action: NextAction | None = None  # the cadence's action this message answers, if any
    nothing_due: str = ""  # asked for the next message when none is next: "nothing to write, next: ..."

    @property
    def title(self) -> str:
        if self.kind == "follow-up":
            return f"Follow-up {self.number}"
        return KIND_TITLES[self.kind]

    @property
    def may_write(self) -> bool:
        return not self.refusal

    @property
    def template_number(self) -> int:
        return min(self.number, TEMPLATE_FOLLOW_UPS)


def plan_message(
    app: Application,
    now: datetime,
    settings: Settings,
    kind: str | None = None,
    round_at: datetime | None = None,
) -> MessagePlan:
    """The message to write for `app`: the card's next one unless `kind`
    (and, for a thank-you, the round that started at `round_at`) is given."""
    actions = next_actions(app, now, settings)
    message_actions = [a for a in actions if a.is_message]
    note = nothing_due = ""
    if kind is None:
        if message_actions and message_actions[0] is actions[0]:
            kind = message_actions[0].kind
        else:
            kind = _fallback_kind(app, now)
            nothing_due = NOTHING_TO_WRITE + step_label(app, actions, now, settings)
            note = f"{nothing_due[0].upper()}{nothing_due[1:]}."
    if kind not in MESSAGE_KINDS:
        raise ValueError(f"not a message kind: {kind!r}")
    action = _matching_action(message_actions, kind, round_at)
    if action is not None:
        note = note or action.reason

    # The round and the person first: a refused plan still says whom it
    # would have gone to (the checks of a draft written anyway use it).
    if kind == "thank-you":
        round_ = _round(app, now, action.round_at if action is not None else round_at)
        who = action.who if action is not None and action.who else _names(round_)
    else:
        round_ = _round(app, now, None)
        who = _names(round_)
    contact = _addressee(app, who)
    sent = follow_ups_since(app, round_)
    number = 1 if kind == "thank-you" else (action.number if action is not None and action.number else sent + 1)
    plan = MessagePlan(
        kind, number, note=note, round_at=round_.at if round_ else None, who=who,
        to_name=contact.name if contact else "", to=contact.email if contact else "", action=action,
        nothing_due=nothing_due,
    )
    refusal = _refusal(app, plan, round_, sent, settings)
    if refusal:
        # Asked for the next message: the refusal starts with the same line as every other place.
        lead = f"{nothing_due}. " if nothing_due else ""
        return dataclasses.replace(plan, refusal=f"{app.company}: {lead}{refusal}")
    return plan


def _refusal(app: Application, plan: MessagePlan, round_: Interview | None, sent: int, settings: Settings) -> str:
    """Why this message must not be written (the article's guards); "" when it may."""
    if app.do_not_contact:
        return DO_NOT_CONTACT
    if plan.kind == "thank-you" and round_ is None:
        coming = app.interviews_sorted()
        when = f" (the interview is at {coming[0].at.astimezone(settings.tz):%Y-%m-%d %H:%M})" if coming else ""
        return f"no interview yet{when}: a thank-you note follows an interview."
    if plan.kind == "follow-up" and plan.number > settings.cadence.max_follow_ups:
        already = f"{sent} follow-up" + ("" if sent == 1 else "s")
        return f"you already sent {already}. {LET_GO_ADVICE}"
    return ""


@dataclass(frozen=True)
class NextStep:
    """The next step as every place names it: a message to write, or
    "nothing to write, next: ..." (board card, agenda, detail, composer,
    `draft`, `check --application`, `due`)."""

    kind: str | None  # thank-you / follow-up; None when nothing is to be written
    number: int  # which follow-up (1 for a thank-you, 0 when nothing is to be written)
    label: str  # the card's words: "follow-up 2", "prepare for the interview", "waiting to hear"

    @property
    def line(self) -> str:
        return self.label if self.kind else NOTHING_TO_WRITE + self.label


def next_step(
    app: Application, now: datetime, settings: Settings, actions: Sequence[NextAction] | None = None
) -> NextStep:
    """What to do next for `app`, named the one way every place names it
    (`actions`: its next actions when the caller has them already)."""
    actions = next_actions(app, now, settings) if actions is None else actions
    label = step_label(app, actions, now, settings)
    if not actions or not actions[0].is_message:
        return NextStep(None, 0, label)
    plan = plan_message(app, now, settings)
    return NextStep(plan.kind, plan.number, label)


def step_line(app: Application, actions: Sequence[NextAction], now: datetime, settings: Settings) -> str:
    """The next step in one line: "write: follow-up 2" or "nothing to write, next: ..."."""
    step = next_step(app, now, settings, actions)
    return f"write: {step.line}" if step.kind else step.line


def _names(round_: Interview | None) -> tuple[str, ...]:
    return tuple(n for n in round_.with_names if n.strip()) if round_ is not None else ()


def fill(plan: MessagePlan, app: Application, settings: Settings, now: datetime, forgot: str = "") -> FilledTemplate:
    """The plan's template, about the plan's round, addressed to the plan's person."""
    to = Contact(name=plan.to_name, email=plan.to) if plan.to_name or plan.to else None
    return fill_template(plan.kind, app, settings, now, plan.template_number, forgot, round_at=plan.round_at, to=to)


def draft_context(plan: MessagePlan, app: Application, now: datetime, settings: Settings) -> DraftContext:
    """What the checks know about this message: the same round as the plan,
    so the timing check talks about the interview the note is about."""
    from .checks.context import DraftContext

    context = DraftContext.from_application(app, plan.kind, now, settings)
    if plan.round_at is not None and plan.round_at != context.interview_at:
        context = dataclasses.replace(context, interview_at=plan.round_at)
    return context


def follow_ups_since(app: Application, round_: Interview | None) -> int:
    """Follow-ups sent since `round_` began (a new round starts the count
    again, as the cadence does)."""
    return sum(1 for at in sent_times(app, "follow-up") if round_ is None or at >= round_.at)


def same_person(contact_name: str, name: str) -> bool:
    """'Ann Lee' and 'ann  lee', or 'Ann' and 'Ann Lee'."""
    a, b = " ".join(contact_name.casefold().split()), " ".join(name.casefold().split())
    return bool(a and b) and (a == b or a.startswith(b + " ") or b.startswith(a + " "))


def _addressee(app: Application, who: tuple[str, ...]) -> Contact | None:
    """The first of `who` with a known address; else the first contact with
    an address; else the first of `who` by name only."""
    for name in who:
        for contact in app.contacts:
            if contact.email and same_person(contact.name, name):
                return contact
    for contact in app.contacts:
        if contact.email:
            return contact
    if who:
        return Contact(name=who[0])
    return app.primary_contact


def _matching_action(actions: list[NextAction], kind: str, round_at: datetime | None) -> NextAction | None:
    for action in actions:
        if action.kind == kind and (round_at is None or action.round_at == round_at):
            return action
    return None


def _round(app: Application, now: datetime, round_at: datetime | None) -> Interview | None:
    """The round that started at `round_at`, else the last one started by `now`."""
    if round_at is not None:
        for interview in app.interviews:
            if interview.at == round_at:
                return interview
    return app.last_interview(before=now)


def _fallback_kind(app: Application, now: datetime) -> str:
    """No message is due: a thank-you after an interview no message went out
    for yet, else a follow-up (on the interview, or on the application)."""
    last = app.last_interview(before=now)
    if last is not None and not any(at >= last.at for at in sent_times(app)):
        return "thank-you"
    return "follow-up"
