"""Thank-you notes against interview rounds: which interviewers each note
went to (by a contact's address, or by the name itself) and which ended
round still owes one. The cadence (cadence.py) turns what is owed into a
next action."""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from .model import Contact, Event, Interview

_EMAIL = re.compile(r"[^\s<>,;:\"'()]+@[^\s<>,;:\"'()]+")


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


class Recipients:
    """Which interviewers each of an application's thank-you notes went to:
    worked out once per note for every round (a note goes to a person by the
    address of a contact with that name, or by the name itself)."""

    def __init__(self, contacts: list[Contact], interviewers: set[str]) -> None:
        self.contacts = contacts
        self.interviewers = interviewers
        self._thanked: dict[int, set[str]] = {}  # id(note) -> the interviewers it went to
        self._addresses: dict[str, set[str]] = {}  # normal name -> its contacts' addresses

    def thanked(self, note: Event) -> set[str]:
        found = self._thanked.get(id(note))
        if found is None:
            recipient = note.recipient
            normal = _normal(recipient)
            addresses = {a.casefold() for a in _EMAIL.findall(recipient)}
            found = self._thanked[id(note)] = {n for n in self.interviewers if self._to(n, normal, addresses)}
        return found

    def _to(self, name: str, recipient: str, addresses: set[str]) -> bool:
        """Did a note to `recipient` (normalised) with `addresses` go to `name`?"""
        wanted = _normal_name(name)
        if not wanted:
            return False
        known = self._addresses.get(wanted)
        if known is None:
            known = self._addresses[wanted] = {
                c.email.casefold() for c in self.contacts if c.email and _normal_name(c.name) == wanted
            }
        if not known.isdisjoint(addresses):
            return True
        return _has_whole_words(recipient, wanted)


@lru_cache(maxsize=1024)
def _normal_name(name: str) -> str:
    """`_normal` of a person's name (the same few names, application after application)."""
    return _normal(name)


def _has_whole_words(text: str, words: str) -> bool:
    r"""Whether `words` (not empty) appear in `text` as whole words: what the
    pattern (?<!\w)words(?!\w) finds, without compiling one per name (a
    word character is one str.isalnum() accepts, or "_", as for re's \w)."""
    start = text.find(words)
    while start != -1:
        end = start + len(words)
        if (start == 0 or not _word_character(text[start - 1])) and (end == len(text) or not _word_character(text[end])):
            return True
        start = text.find(words, start + 1)
    return False


def _word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def missing_thanks(
    round_: Interview, follow_ups: list[datetime], notes: list[tuple[Event, datetime]], to: Recipients
) -> tuple[bool, list[str]]:
    """(still owed, names not yet thanked) for one ended round."""
    if any(at >= round_.at for at in follow_ups):
        return False, []
    after = [note for note, at in notes if at >= round_.at]
    if not round_.with_names:
        return not after, []
    # A note we cannot tie to any interviewer (to a recruiter, or with no
    # recipient recorded) counts as the thank-you for the whole round.
    thanked = [to.thanked(note) for note in after]
    if not all(thanked):
        return False, []
    missing = [n for n in round_.with_names if not any(n in names for names in thanked)]
    return bool(missing), missing
