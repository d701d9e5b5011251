"""signature: a note is signed with the sender's name and goes to someone.

"Best regards," with nothing under it, a note that just stops, or a sign-off
that still says "Your Name", is not ready to send; nor is a message with no
recipient. (A recipient not given at all, None, is not checked here.)
"""

from __future__ import annotations

import re

from .context import DraftContext
from .placeholders import placeholder_spans
from .result import FAIL, PASS, CheckResult, Span
from .text import SIGNATURE_SEPARATOR, VALEDICTION_RE, Draft

# "Best, Sam" / "Thanks -- Sam Doe" on one line.
_VALEDICTION_WITH_NAME_RE = re.compile(
    r"^(?P<valediction>(?:with\s+)?(?:best|kind|kindest|warm|warmest|many|sincere|my\s+best|all\s+the\s+best)?\s*"
    r"(?:regards|wishes|thanks|best|sincerely|cheers|thank\s+you)(?:\s+again)?)\s*[,.!\-–—]+\s*(?P<name>[^\W\d_][\w.'\- ]{0,40})$",
    re.IGNORECASE,
)
_RUN_IN_SIGN_OFF_RE = re.compile(
    r"[.!?]\s+(?P<sign>(?:(?:with\s+)?(?:best|kind|kindest|warm|warmest|many)\s+)?(?:regards|wishes)|best|sincerely|yours\s+(?:truly"
    r"|sincerely|faithfully)|cheers|thanks|thank\s+you)\s*[,.!\-–—]\s*(?P<name>[^\W\d_][\w.'\-]*(?:\s+[^\W\d_][\w.'\-]*){0,3})\s*$",
    re.IGNORECASE,
)
_NOT_A_NAME_RE = re.compile(r"\b(?:your|my|first|last|full|sender'?s?)\s+name\b|\bname\s+here\b", re.IGNORECASE)
_HAS_LETTER_RE = re.compile(r"[^\W\d_]")
_CONTACT_RE = re.compile(r"\S+@\S+\.\S+|\+?[\d\s().\-]{7,}|(?:https?://|www\.)\S+|linkedin\.com/\S+", re.IGNORECASE)
_CONTACT_LINES = 3
_NAME_LINE_RE = re.compile(r"[^\W\d_][\w.'\-]*(?:\s+[^\W\d_][\w.'\-]*){0,3}$")


def _is_name_line(line: str) -> bool:
    return bool(_HAS_LETTER_RE.search(line)) and not _NOT_A_NAME_RE.search(line) and not placeholder_spans(line)


def _lines(text: str, start: int, end: int) -> list[tuple[int, str]]:
    found, offset = [], start
    for line in text[start:end].split("\n"):
        if line.strip():
            found.append((offset + len(line) - len(line.lstrip()), line.strip()))
        offset += len(line) + 1
    return found


def _how_to_sign(ctx: DraftContext) -> str:
    name = ctx.settings.user_name.strip()
    if name:
        return f'add your name under it: e.g. "Best regards,\\n{name}".'
    return 'add your name under it. Set your name in the settings ("user_name") and the templates sign for you.'


def check_signature(draft: Draft, ctx: DraftContext) -> CheckResult:
    if draft.to is not None and not draft.to.strip():
        return CheckResult("signature", FAIL, "No recipient: add the address of the person you are writing to.")
    body = draft.body
    own = _lines(body.text, body.main_start, body.own_end)
    if not own:
        return CheckResult("signature", FAIL, "The note is empty: write it, then sign it with your name.")
    sign_off = [(at, line) for at, line in own if at >= body.main_end]
    for index, (at, line) in enumerate(sign_off):
        if line == SIGNATURE_SEPARATOR.strip() or (len(line) <= 40 and VALEDICTION_RE.match(line)):
            below = sign_off[index + 1 :]
            span: tuple[Span, ...] = ((at, at + len(line)),)
            if any(_is_name_line(text) for _at, text in below):
                return CheckResult("signature", PASS, "Signed with your name.", span)
            if below:
                return CheckResult("signature", FAIL, f'The sign-off "{line}" has a placeholder, not your name: ' + _how_to_sign(ctx), span)
            return CheckResult("signature", FAIL, f'The sign-off "{line}" has no name under it: ' + _how_to_sign(ctx), span)
    # No valediction: a name line, perhaps followed by contact details
    # ("Sam Lee" / "sam@example.com" / "555-0134"), signs the note.
    tail = own[-_CONTACT_LINES - 1 :]
    while len(tail) > 1 and _CONTACT_RE.fullmatch(tail[-1][1]):
        tail = tail[:-1]
    if len(tail) < len(own[-_CONTACT_LINES - 1 :]) and _NAME_LINE_RE.match(tail[-1][1]) and _is_name_line(tail[-1][1]):
        at, line = tail[-1]
        return CheckResult("signature", PASS, "Signed with your name.", ((at, at + len(line)),))
    if sign_off and _is_name_line(sign_off[-1][1]):
        return CheckResult("signature", PASS, "Signed with your name.", ((sign_off[-1][0], sign_off[-1][0] + len(sign_off[-1][1])),))
    at, last = own[-1]
    one_line = _VALEDICTION_WITH_NAME_RE.match(last)
    if one_line and _is_name_line(one_line.group("name")):
        return CheckResult("signature", PASS, "Signed with your name.", ((at, at + len(last)),))
    # A sign-off run into the last paragraph: "... hear from you soon. Best regards, Sam Lee"
    run_in = _RUN_IN_SIGN_OFF_RE.search(last)
    if run_in and _is_name_line(run_in.group("name")):
        return CheckResult("signature", PASS, "Signed with your name.", ((at + run_in.start("sign"), at + len(last)),))
    return CheckResult("signature", FAIL, 'End with a sign-off such as "Best regards," and ' + _how_to_sign(ctx))
