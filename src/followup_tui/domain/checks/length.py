"""brevity, subject and readability: is the note short and easy to read?

Defaults from Boomerang's study of 40 million emails (DESIGN §6): bodies of
50-125 words and subjects of 3-4 words got the most replies.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .context import DraftContext
from .result import FAIL, PASS, WARN, CheckResult, plural
from .text import WORD_RE, Draft

_REPLY_PREFIX_RE = re.compile(r"^(?:\s*(?:re|fwd?|aw|sv|tr)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)
_URL_OR_EMAIL_RE = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+", re.IGNORECASE)
_ENDS_SENTENCE = (".", "!", "?", ":", ";")
_MIN_WORDS_TO_GRADE = 30  # reading grades mean little on a few lines


def check_brevity(draft: Draft, ctx: DraftContext) -> CheckResult:
    c = ctx.settings.checks
    low, high = c.thank_you_words if ctx.kind == "thank-you" else c.follow_up_words
    words = draft.body.words
    count = len(words)
    note = "thank-you note" if ctx.kind == "thank-you" else "follow-up"
    aim = f"aim for {low}-{high} words"
    beyond = ()
    if count > high:  # highlight what runs past the recommended length
        beyond = ((words[high][0], words[-1][1]),)
    if count < c.fail_min_words:
        return CheckResult("brevity", FAIL, f"{plural(count, 'word')}: too short to be a {note}; {aim}.")
    if count > c.max_words:
        return CheckResult(
            "brevity", FAIL, f"{count} words: too long, busy people skim; cut it below {c.max_words} ({aim}).", beyond
        )
    if count < c.warn_min_words:
        return CheckResult("brevity", WARN, f"{count} words: very short; add a sentence or two ({aim}).")
    if count < low:
        return CheckResult("brevity", WARN, f"{count} words: a little short; {aim}.")
    if count > high:
        return CheckResult("brevity", WARN, f"{count} words: a little long for a {note}; {aim}.", beyond)
    return CheckResult("brevity", PASS, f"{count} words: brief, as it should be ({low}-{high}).")


def check_subject(draft: Draft, ctx: DraftContext) -> CheckResult | None:
    if draft.subject is None:
        return None
    subject = _REPLY_PREFIX_RE.sub("", draft.subject).strip()
    limit = ctx.settings.checks.subject_max_words
    count = len(WORD_RE.findall(subject))
    if count == 0:
        example = "Thank you: " if ctx.kind == "thank-you" else "Following up: "
        example += ctx.role or ctx.company or "your interview"
        return CheckResult("subject", WARN, f'No subject: add a short one, such as "{example}".')
    if count > limit:
        return CheckResult(
            "subject", WARN, f"The subject has {count} words: keep it to {limit} or fewer (3-4 get the most replies)."
        )
    return CheckResult("subject", PASS, f"The subject is short and clear ({plural(count, 'word')}).")


def _gradable(text: str) -> str:
    """Lines without an end mark (list items, short lines) become sentences;
    addresses and links are not words a reader has to read."""
    if "@" in text or "://" in text or "www." in text:
        text = _URL_OR_EMAIL_RE.sub("", text)
    lines = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            lines.append(line if line.endswith(_ENDS_SENTENCE) else line + ".")
    return "\n".join(lines)


# Flesch-Kincaid grade, computed as textstat 0.7.3 computes it (its word,
# sentence and syllable counts, pyphen's en_US dictionary, its rounding) but
# without importing textstat, which imports pkg_resources: ~8 MB of memory
# and 0.1 s for one formula (tests/domain/test_reading_grade.py holds the two
# to the same figures).
_PUNCTUATION_RE = re.compile(r"[^\w\s]")
_SENTENCE_RE = re.compile(r"\b[^.!?]+[.!?]*")


def _word_count(text: str) -> int:
    return len(_PUNCTUATION_RE.sub("", text).split())


def _round_1(number: float) -> float:
    return math.floor(number * 10 + math.copysign(0.5, number)) / 10


@lru_cache(maxsize=1)
def _hyphenator():
    from pyphen import Pyphen  # its dictionary loads on first use

    return Pyphen(lang="en_US")


@lru_cache(maxsize=64)
def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade, cached: the composer asks often."""
    words = _word_count(text)
    sentences = _SENTENCE_RE.findall(text)
    counted = max(1, len(sentences) - sum(1 for sentence in sentences if _word_count(sentence) <= 2))
    sentence_length = _round_1(words / counted)
    hyphenator = _hyphenator()
    syllables = sum(len(hyphenator.positions(word)) + 1 for word in _PUNCTUATION_RE.sub("", text.lower()).split())
    syllables_per_word = _round_1(syllables / words) if words else 0.0
    return _round_1(0.39 * sentence_length + 11.8 * syllables_per_word - 15.59)


def check_readability(draft: Draft, ctx: DraftContext) -> CheckResult:
    body = draft.body
    text = _gradable(body.main)
    if len(WORD_RE.findall(text)) < _MIN_WORDS_TO_GRADE:
        return CheckResult("readability", PASS, "Too short to grade; short notes read easily.")
    grade = reading_grade(text)
    limit = ctx.settings.checks.readability_max_grade
    if grade > limit:
        longest = max(body.sentences, key=lambda s: len(WORD_RE.findall(body.text, s[0], s[1])), default=None)
        spans = (longest,) if longest else ()
        return CheckResult(
            "readability",
            WARN,
            f"Reading grade {grade:.1f} (aim for {limit:g} or lower): shorter sentences and plainer words read faster.",
            spans,
        )
    return CheckResult("readability", PASS, f"Reading grade {grade:.1f}: easy to read.")
