"""Where the history makes the stage sure (issue 21 item 2): a new round
coming for a card past Interview puts it back in Interview; a response that
reads as an offer proposes Offer (the user says yes). The form, the CLI and
the mailbox call these; nothing else moves a card by itself."""

from __future__ import annotations

import re
from datetime import datetime

from .model import STAGE_TITLES, Application

PAST_INTERVIEW = ("thanked", "following-up")  # waiting after a round: a new round means interviewing again


def follow_new_round(before: Application | None, after: Application, now: datetime) -> str:
    """Move `after` to Interview when it gained a round that has not ended by
    `now` while it sat past Interview; returns what was done ("" if nothing)."""
    if after.stage not in PAST_INTERVIEW or (before is not None and before.stage != after.stage):
        return ""  # a stage chosen by hand in the same edit wins
    known = {(i.at, i.duration_minutes) for i in (before.interviews if before is not None else [])}
    coming = [i for i in after.interviews if (i.at, i.duration_minutes) not in known and i.ends_at > now]
    if not coming:
        return ""
    from_title = STAGE_TITLES[after.stage]
    after.move_to("interview", now)
    return f"moved from {from_title} to Interview: a new round is coming"


# An offer made to you: "we would like to offer you the position", "pleased to
# extend an offer", "your offer letter", "job offer"; not "thank you for the
# offer to meet" or "we can offer a call next week".
_OFFER = re.compile(
    r"\b(?:offer(?:ing)?\s+you\s+(?:the|a|this|our)\s+(?:\w+\s+){0,3}(?:position|role|job|post)"
    r"|(?:extend(?:ing)?|mak(?:e|ing)|send(?:ing)?)\s+(?:you\s+)?(?:an?\s+)?(?:formal\s+|written\s+|verbal\s+)?offer\b"
    r"|offer\s+(?:letter|of\s+employment)"
    r"|job\s+offer|(?:formal|verbal|written)\s+offer)",
    re.IGNORECASE,
)


def reads_as_offer(text: str) -> bool:
    """Does a response's text say they offer you the job?"""
    return bool(_OFFER.search(text))


def offer_proposal(app: Application, text: str) -> str:
    """The question to ask after recording response `text`: "" unless it
    reads as an offer and the card is not at Offer or Closed yet."""
    if app.stage in ("offer", "closed") or not reads_as_offer(text):
        return ""
    return f"{app.company}: this reads as an offer. Move it to Offer?"
