"""What an attacker (or a broken sync tool, or a hand edit) puts in front of the app."""

from __future__ import annotations

import json

META = {"_meta": {"1": {"schema": 1, "next_id": 2}}}
GOOD_RECORD = {"company": "Acme", "role": "Engineer", "stage": "applied", "rev": 1,
               "created": "2026-11-01T10:00:00Z", "updated": "2026-11-01T10:00:00Z"}


def _doc(meta: dict | None = None, apps: object = None) -> bytes:
    return json.dumps({"_meta": {"1": {**META["_meta"]["1"], **(meta or {})}},
                       "applications": {"1": GOOD_RECORD} if apps is None else apps}).encode()


def _record(**fields) -> bytes:
    return _doc(apps={"1": {**GOOD_RECORD, **fields}})


def _raw_meta(fragment: str) -> bytes:
    return ('{"_meta": {"1": {' + fragment + '}}, "applications": {}}').encode()


# name -> (file content, words the one-line message must contain)
BAD_FILES: dict[str, tuple[bytes, tuple[str, ...]]] = {
    "schema 0": (_doc({"schema": 0}), ("schema 0",)),
    "schema -1": (_doc({"schema": -1}), ("schema -1",)),
    "schema true": (_doc({"schema": True}), ("schema",)),
    "schema 1e400": (_raw_meta('"schema": 1e400, "next_id": 2'), ("out of range",)),
    "schema NaN": (_raw_meta('"schema": NaN, "next_id": 2'), ("NaN",)),
    "rev 1e400": (_record(rev=0).replace(b'"rev": 0', b'"rev": 1e400'), ("out of range",)),
    "duration 1e400": (_record(interviews=[{"at": "2026-11-02T10:00:00Z", "duration_minutes": 7}])
                       .replace(b'"duration_minutes": 7', b'"duration_minutes": 1e400'), ("out of range",)),
    "5000-digit integer": (_record(rev=0).replace(b'"rev": 0', b'"rev": ' + b"9" * 5000), ("too many digits",)),
    "4000-digit rev": (_record(rev=0).replace(b'"rev": 0', b'"rev": ' + b"9" * 4000), ("application 1", "rev")),
    "200,000 levels of nesting": (b'{"_meta": {"1": {"schema": 1}}, "x": ' + b"[" * 200_000 + b"]" * 200_000 + b"}",
                                  ("nested too deeply",)),
    "next_id not a number": (_doc({"next_id": "abc"}), ("next_id",)),
    "next_id negative": (_doc({"next_id": -5}), ("next_id",)),
    "application keyed x": (_doc(apps={"x": GOOD_RECORD}), ("'x'",)),
    "application keyed 0": (_doc(apps={"0": GOOD_RECORD}), ("'0'",)),
    "application a string": (_doc(apps={"1": "Acme"}), ("application 1",)),
    "application null": (_doc(apps={"1": None}), ("application 1",)),
    "events a string": (_record(events="x"), ("application 1", "events")),
    "event without time": (_record(events=[{"kind": "note"}]), ("application 1", "event 1 at")),
    "event kind unknown": (_record(events=[{"at": "2026-11-01T10:00:00Z", "kind": "hack"}]), ("event 1 kind",)),
    "stage 5": (_record(stage=5), ("application 1", "stage")),
    "stage limbo": (_record(stage="limbo"), ("application 1", "stage", "limbo")),
    "contacts a string": (_record(contacts="Bob"), ("application 1", "contacts")),
    "contact name a number": (_record(contacts=[{"name": 7}]), ("contact 1 name",)),
    "bad date": (_record(decision_by="2026-13-45"), ("application 1", "decision_by")),
    "bad instant": (_record(created="yesterday"), ("application 1", "created")),
    "time without offset": (_record(events=[{"at": "2026-11-01T10:00:00", "kind": "note"}]), ("event 1 at",)),
    "company null": (_record(company=None), ("application 1", "company", "null")),
    "company a number": (_record(company=42), ("application 1", "company")),
    "do_not_contact a string": (_record(do_not_contact="no"), ("do_not_contact",)),
    "negative rev": (_record(rev=-1), ("rev",)),
    "interview 0 minutes": (_record(interviews=[{"at": "2026-11-02T10:00:00Z", "duration_minutes": 0}]),
                            ("duration_minutes",)),
    "outcome unknown": (_record(stage="closed", outcome="won"), ("outcome",)),
    "drafts a list": (_record(drafts=["x"]), ("drafts",)),
}

# Each one alone, so a leak can be traced to its payload.
HOSTILE_STRINGS: dict[str, str] = {
    "OSC 0 title": "\x1b]0;PWNED-TITLE\x07",
    "OSC 52 clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "CSI 2J clear": "\x1b[2J",
    "CSI 6n report": "\x1b[6n",
    "C1 CSI": "\x9b31m",
    "C1 OSC": "\x9d0;PWNED\x9c",
    "DCS": "\x1bP1$qm\x1b\\",
    "DEL": "a\x7fb",
    "bidi override": "abc\u202edcba",
    "zero width": "pay\u200bpal\u2060x\ufeff",
    "markup close": "[/]",
    "markup bold": "[bold]x",
}

# Raw bytes that must never reach the terminal from user text.
FORBIDDEN_BYTES: tuple[bytes, ...] = (
    b"\x1b]0;PWNED", b"\x1b]52;", b"\x1b[6n", b"\xc2\x9b", b"\xc2\x9d", b"\x1bP1$q", b"\x7f",
    "\u202e".encode(), "\u200b".encode(), "\u2060".encode(), "\ufeff".encode(),
)
