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


@lru_cache(maxsize=32)
def placeholder_spans(text: str) -> tuple[Span, ...]:
    return tuple(m.span() for m in PLACEHOLDER_RE.finditer(text))


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
