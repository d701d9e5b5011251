"""placeholders: template bits left unfilled ({company}, [Name], <role>, TODO)."""

from __future__ import annotations

import re
from functools import lru_cache

from .context import DraftContext
from .result import FAIL, PASS, CheckResult, Span
from .text import Draft

# Tags mail systems put in subjects and bodies: "[EXTERNAL] Re: interview".
_MAIL_TAGS = r"(?i:external|ext|extern|spam|suspected spam|secure|encrypt|encrypted|caution|warning|sic|cid:[^\]]*)"
_HTML_TAGS = r"(?:/?(?:br|p|b|i|u|em|strong|div|span|hr|ul|ol|li)\s*/?)"
PLACEHOLDER_RE = re.compile(
    r"\{\{?\s*[^\W\d][^{}\n]{0,40}?\}\}?"  # {company}, {{ name }}
    rf"|\[(?!{_MAIL_TAGS}\])(?![^\[\]\n]*(?:@|://|mailto:))(?=[^\[\]\n]*[^\W\d_])[^\[\]\n]{{1,50}}\](?!\()"
    rf"|<(?!{_HTML_TAGS}>)(?![^<>\n]*(?:@|://|www\.))[^\W\d_][^<>\n]{{0,40}}>"  # <role>; not <a@b.com> or <https://...>
    r"|\b(?:TODO|FIXME)\b|\b[Xx]{3,}\b|\bXX\b"
    r"|_{3,}"  # a blank to fill in: Dear ____,
    r"|\blorem\s+ipsum\b"
    r"|\binsert\s+(?:\w+\s+){0,2}here\b",
)


# Slot styles with a character few notes use: looked for only when the text
# has one (the composer checks on every keystroke).
_GATED: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    (("…", "...", "....."), re.compile(r"(?<![^\s(\[])(?:…+|\.{3,})(?=[\s,;:!?)\]]|$)|\.{5,}")),
    (("(",), re.compile(
        r"\((?i:insert|add|enter|type|fill\s+in|include|mention|name\s+of|your)\b[^()\n]{0,60}\)"
        r"|\((?i:company(?:\s+name)?|employer|organi[sz]ation|position|job(?:\s+title)?|role|title|name|date|department)\)"
        # whose name goes there: "(interviewer's name)", "(hiring manager’s first name)"
        r"|\((?i:(?:the\s+)?(?:interviewer|hiring\s+manager|recruiter|recipient|contact|manager|company|employer|person)"
        r"(?:['\u2019]s|s['\u2019])?\s+(?:first\s+|last\s+|full\s+)?name)\)"
    )),
    (("Name", "Title", "Your ", "Mr./", "Ms./", "Mrs./"), re.compile(
        # a template's label left as written: "Your Name", "Company Name", "Mr./Ms."
        r"\b(?:Your|First|Last|Full|Company|Organi[sz]ation|Employer|Interviewer'?s?|Hiring\s+Manager'?s?|Recipient'?s?|Contact'?s?"
        r"|Candidate'?s?)\s+Name\b|\b(?:Job|Position)\s+Title\b|\bYour\s+(?:Email(?:\s+Address)?|Phone(?:\s+Number)?|Address"
        r"|Signature|Title)\b|\bMrs?\./Ms\.|\bMs\./Mrs?\."
    )),
)


@lru_cache(maxsize=32)
def placeholder_spans(text: str) -> tuple[Span, ...]:
    spans = [m.span() for m in PLACEHOLDER_RE.finditer(text)]
    for needles, pattern in _GATED:
        if any(n in text for n in needles):
            spans += [m.span() for m in pattern.finditer(text) if not any(s <= m.start() < e for s, e in spans)]
    return tuple(sorted(spans))


def check_placeholders(draft: Draft, ctx: DraftContext) -> CheckResult:
    body = draft.body
    spans = placeholder_spans(body.text[: body.own_end])
    subject = draft.subject or ""
    in_subject = [subject[s:e] for s, e in placeholder_spans(subject)]
    if not spans and not in_subject:
        return CheckResult("placeholders", PASS, "No template placeholders left.")
    shown = [f'"{body.raw[s:e]}"' for s, e in spans] + [f'"{p}" (subject)' for p in in_subject]
    shown = list(dict.fromkeys(shown))
    listing = ", ".join(shown[:4]) + (f" and {len(shown) - 4} more" if len(shown) > 4 else "")
    return CheckResult("placeholders", FAIL, f"Fill in or remove the template placeholders: {listing}.", tuple(spans))
