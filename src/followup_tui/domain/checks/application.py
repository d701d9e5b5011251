"""channel, do-not-contact, follow-up-count: what the application knows
about this employer (checked only when the draft comes with one)."""

from __future__ import annotations

from .context import DraftContext
from .result import FAIL, PASS, WARN, CheckResult
from .text import Draft

_CHANNEL_ADVICE = {
    "phone": "They first reached you by phone: a short call may suit them better than an email.",
    "linkedin": "They first reached you on LinkedIn: consider sending this as a LinkedIn message.",
    "portal": "They first reached you through their hiring portal: use its messages if it has them.",
    "other": "They first reached you another way than email: consider answering the way they wrote.",
}


def check_channel(draft: Draft, ctx: DraftContext) -> CheckResult | None:
    app = ctx.application
    if app is None:
        return None
    if app.channel == "email":
        return CheckResult("channel", PASS, "They first wrote to you by email, so email is the right medium.")
    return CheckResult("channel", WARN, _CHANNEL_ADVICE.get(app.channel, _CHANNEL_ADVICE["other"]))


def check_do_not_contact(draft: Draft, ctx: DraftContext) -> CheckResult | None:
    app = ctx.application
    if app is None:
        return None
    if app.do_not_contact:
        return CheckResult(
            "do-not-contact", FAIL, "They asked not to be contacted: don't send this; wait for them to get in touch."
        )
    return CheckResult("do-not-contact", PASS, "They did not ask you to hold off contacting them.")


def follow_ups_this_round(ctx: DraftContext) -> int:
    """Follow-ups sent since the current interview round began (a new round
    starts the count again, as the cadence does)."""
    app = ctx.application
    if app is None:
        return 0
    since = ctx.interview_at
    return sum(1 for e in app.messages_sent("follow-up") if since is None or e.at >= since)


def check_follow_up_count(draft: Draft, ctx: DraftContext) -> CheckResult | None:
    if ctx.application is None:
        return None
    most = ctx.settings.cadence.max_follow_ups
    sent = follow_ups_this_round(ctx)
    if ctx.kind == "thank-you":
        return CheckResult("follow-up-count", PASS, f"A thank-you note; {sent} of {most} follow-ups sent so far.")
    number = sent + 1
    if number > most:
        return CheckResult(
            "follow-up-count",
            FAIL,
            f"This would be follow-up {number}; after {most} with no answer, it is time to let go and move on.",
        )
    return CheckResult("follow-up-count", PASS, f"This is follow-up {number} of at most {most}.")
