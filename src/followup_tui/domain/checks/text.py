"""A draft's body read once: words, sentences, greeting and sign-off.

Every check works on a `BodyText`. It is cached per body, so a composer that
re-checks on every keystroke reads each text once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .result import Span

# Curly quotes and dashes to plain ones, one character for one: the offsets
# the checks report stay valid for the original body.
PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u2013": "-", "\u2014": "-"})

WORD_RE = re.compile(r"\S*[^\W_]\S*")  # a word as a reader counts it
TOKEN_RE = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")  # letters and digits, for matching names

GREETING_RE = re.compile(
    r"(?:hi|hello|hey|dear|good (?:morning|afternoon|evening|day)|greetings|to whom it may concern)\b.{0,50}$",
    re.IGNORECASE,
)
VALEDICTION_RE = re.compile(
    r"(?:(?:with )?(?:best|kind|kindest|warm|warmest|many|sincere|my best|all the best)?\s*(?:regards|wishes|thanks)"
    r"|best|all the best|sincerely|yours(?: sincerely| truly| faithfully)?|(?:sincerely|faithfully|truly),? yours"
    r"|cheers|thanks(?: again| so much| a lot)?|thank you(?: again| so much)?|respectfully|cordially"
    r"|(?:talk|speak) (?:to you )?soon|take care|with (?:gratitude|appreciation))"
    r"\s*[,.!]?\s*$",
    re.IGNORECASE,
)
# Where the message being replied to starts: everything after it is theirs.
REPLY_HEADER_RE = re.compile(
    r"^(?:On\s[^\n]{3,160}(?:\n[^\n]{0,100})?\bwrote:"
    r"|Le\s[^\n]{3,160}a\s+écrit\s*:|Am\s[^\n]{3,160}schrieb[^\n]*:"
    r"|-{2,}\s*(?:Original Message|Forwarded message)\s*-{2,}"
    r"|From:[^\n]*\n(?:Sent|Date):[^\n]*)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
SIGNATURE_SEPARATOR = "-- "
_SIGN_OFF_LOOKBACK = 6  # non-empty lines at the end where a sign-off may start
_NAME_LINE_RE = re.compile(r"[A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,3}$")
_SHORT_LINE = 45  # a line shorter than this ends a sentence (greeting, list item, sign-off)
_SENTENCE_END_RE = re.compile(r"[.!?]+[\"')\]]*(?=\s|$)")
_ABBREVIATIONS = frozenset({"e.g", "i.e", "mr", "mrs", "ms", "dr", "vs", "approx", "no", "st", "jr", "sr", "etc"})


_ESCAPE_OR_CAPITAL_RE = re.compile(r"\\.|[A-Z]")


def lowered(pattern: str) -> str:
    """A pattern written naturally ("I need"), for lower-cased text."""
    return _ESCAPE_OR_CAPITAL_RE.sub(lambda m: m.group() if m.group().startswith("\\") else m.group().lower(), pattern)


def phrases(*patterns: str) -> re.Pattern[str]:
    """One case-sensitive pattern for lower-cased text, from patterns written
    naturally ("I need"): matching lower-cased text is several times faster
    than re.IGNORECASE, which matters on every keystroke."""
    # Most patterns start at a word boundary: testing it once, before the
    # alternatives, rather than once per alternative at every position, makes
    # the scan several times faster.
    # ("\bI need" can only match where a word starts: testing that first,
    # before any letter, lets the engine skip most positions quickly.)
    word_start = [p[2:] for p in patterns if p.startswith(r"\b") and p[2:3].isalpha()]
    at_word = [p[2:] for p in patterns if p.startswith(r"\b") and not p[2:3].isalpha()]
    others = [p for p in patterns if not p.startswith(r"\b")]
    parts = [r"(?<!\w)(?=\w)(?:" + "|".join(f"(?:{p})" for p in word_start) + ")"] if word_start else []
    parts += [r"\b(?:" + "|".join(f"(?:{p})" for p in at_word) + ")"] if at_word else []
    parts += [f"(?:{p})" for p in others]
    joined = "|".join(parts)
    lowered = _ESCAPE_OR_CAPITAL_RE.sub(lambda m: m.group() if m.group().startswith("\\") else m.group().lower(), joined)
    return re.compile(lowered)


def same_length_lower(text: str) -> str:
    """text.lower(), keeping every offset (a few letters grow when lowered)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@dataclass(frozen=True)
class BodyText:
    raw: str  # the body as given
    text: str  # same length, plain quotes and dashes
    lower: str  # same length, lower-cased: phrase patterns run on this
    main_start: int  # after the greeting line
    main_end: int  # where the sign-off starts (own_end when there is none)
    own_end: int  # where a quoted message being replied to starts (len(text) when there is none)
    words: tuple[Span, ...]  # greeting and main part, not the sign-off
    sentences: tuple[Span, ...]  # of the main part

    @property
    def word_count(self) -> int:
        return len(self.words)

    @property
    def main(self) -> str:
        return self.text[self.main_start : self.main_end]


def _lines(text: str) -> list[Span]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _greeting_end(text: str, lines: list[Span]) -> int:
    for start, end in lines:
        line = text[start:end].strip()
        if not line:
            continue
        if len(line) <= 60 and GREETING_RE.match(line):
            return end
        return 0
    return 0


def _sign_off_start(text: str, lines: list[Span], floor: int, end: int) -> int:
    """Start of the valediction ("Best regards,") or the signature."""
    filled = [(s, e) for s, e in lines if s >= floor and text[s:e].strip()]
    for line_start, line_end in filled[-_SIGN_OFF_LOOKBACK:]:
        line = text[line_start:line_end].strip()
        if line == SIGNATURE_SEPARATOR.strip() or (len(line) <= 40 and VALEDICTION_RE.match(line)):
            return line_start
    # No valediction: a last line that is only a name ("Sam Doe") is a signature.
    if len(filled) >= 2:
        (previous_start, previous_end), (last_start, last_end) = filled[-2:]
        if _NAME_LINE_RE.match(text[last_start:last_end].strip()) and text[previous_start:previous_end].rstrip().endswith(
            (".", "!", "?", ",")
        ):
            return last_start
    return end


def _quote_start(text: str, lines: list[Span]) -> int:
    """Start of the quoted message below a reply: a reply header ("On ...
    wrote:"), or a last block of "> " lines."""
    header = REPLY_HEADER_RE.search(text)
    end = header.start() if header else len(text)
    quoted_from = end
    for start, line_end in reversed(lines):
        if start >= end:
            continue
        line = text[start:line_end].strip()
        if line.startswith(">"):
            quoted_from = start
        elif line:
            break
    return quoted_from


def _sentences(text: str, start: int, end: int) -> list[Span]:
    found: list[Span] = []
    current = start

    def close(at: int) -> None:
        nonlocal current
        piece = text[current:at]
        stripped = piece.strip()
        if stripped:
            left = current + (len(piece) - len(piece.lstrip()))
            found.append((left, left + len(stripped)))
        current = at

    for line_start, line_end in _lines(text[start:end]):
        line_start += start
        line_end += start
        line = text[line_start:line_end]
        if not line.strip():
            close(line_start)
            continue
        for match in _SENTENCE_END_RE.finditer(line):
            before = line[: match.start()].rsplit(None, 1)
            last_word = before[-1].lower() if before else ""
            if match.group().startswith(".") and (last_word in _ABBREVIATIONS or len(last_word) == 1):
                continue
            close(line_start + match.end())
        if len(line.strip()) < _SHORT_LINE:
            close(line_end)
    close(end)
    return found


@lru_cache(maxsize=32)
def read_body(body: str) -> BodyText:
    text = body.translate(PLAIN)
    lines = _lines(text)
    own_end = _quote_start(text, lines)
    own_lines = [(s, e) for s, e in lines if e <= own_end]
    main_start = _greeting_end(text, own_lines)
    main_end = max(main_start, min(own_end, _sign_off_start(text, own_lines, main_start, own_end)))
    words = tuple(m.span() for m in WORD_RE.finditer(text, 0, main_end))
    return BodyText(
        raw=body,
        text=text,
        lower=same_length_lower(text),
        main_start=main_start,
        main_end=main_end,
        own_end=own_end,
        words=words,
        sentences=tuple(_sentences(text, main_start, main_end)),
    )


@dataclass(frozen=True)
class Draft:
    """Subject, body and recipient as the checks see them. None means the
    value was not given at all (the check that needs it does not apply)."""

    subject: str | None
    body: BodyText
    to: str | None
