"""One set of rules, two readers (store/data_file.py): the one msgspec pass
that checks a file as the app writes it never accepts what the strict,
record-by-record reading (which words every refusal) refuses, and what it
accepts equals what that reading builds; files this app writes take the
one pass."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from adversarial.hostile import BAD_FILES
from fixed import FIXED_NOW

from followup_tui.domain.demo import demo_applications
from followup_tui.domain.errors import StoreError
from followup_tui.domain.model import Application, Contact, Draft, Event, Interview
from followup_tui.store import data_file
from followup_tui.store.migrations import SCHEMA_VERSION
from followup_tui.store.tinydb_store import TinyDBRepository

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent / "benchmarks"))
from datagen import generate  # noqa: E402

PATH = Path("/data/followup.json")
HOSTILE = "Ünïcødé ✓ [bold]x[/] \\ \" \x1b[31m \x9b \x7f \u202e \u200b 😀"


def slow(raw: bytes) -> list[Application]:
    """The strict reader, record by record: what words every refusal."""
    return data_file._check_slowly(PATH, raw).applications  # noqa: SLF001


def fast(raw: bytes) -> list[Application] | None:
    checked = data_file._check_quickly(PATH, raw)  # noqa: SLF001
    return None if checked is None else checked.applications


def assert_agrees(raw: bytes) -> list[Application] | None:
    """Fast steps aside or agrees with the slow path; returns fast's answer."""
    got = fast(raw)
    try:
        expected = slow(raw)
    except StoreError:
        assert got is None, "the fast path accepted a file the slow path refuses"
        return None
    if got is not None:
        assert got == expected
        assert [a.id for a in got] == [a.id for a in expected]
    return got


def written_by_the_app(tmp_path: Path, apps: list[Application]) -> bytes:
    db = tmp_path / "apps.json"
    TinyDBRepository.open(db, clock=lambda: FIXED_NOW).add_many(apps)
    return db.read_bytes()


def hostile_application() -> Application:
    return Application(
        company=HOSTILE, role="line\nbreak\ttab", notes=HOSTILE, tags=["a", HOSTILE],
        contacts=[Contact(name=HOSTILE, email="ada@acme.com")],
        interviews=[Interview(at=FIXED_NOW, kind=HOSTILE, with_names=[HOSTILE], duration_minutes=45)],
        events=[Event(at=FIXED_NOW, kind="note", text=HOSTILE),
                Event(at=FIXED_NOW, kind="stage-change", from_stage="applied", to_stage="closed", text="outcome: ghosted"),
                Event(at=FIXED_NOW, kind="snooze", until=FIXED_NOW)],
        drafts={"thank-you": Draft(kind="thank-you", to="a@b.com", subject=HOSTILE, body=HOSTILE, updated=FIXED_NOW)},
        stage="closed", outcome="ghosted", decision_by=FIXED_NOW.date(), applied_on=FIXED_NOW.date(),
    )


def test_files_the_app_writes_take_the_fast_path_and_read_back_the_same(tmp_path):
    apps = generate(300, FIXED_NOW) + demo_applications(FIXED_NOW) + [hostile_application()]
    raw = written_by_the_app(tmp_path, apps)
    got = assert_agrees(raw)
    assert got is not None, "a file the app wrote must not need the slow path"
    assert len(got) == len(apps) and [a.id for a in got] == list(range(1, len(apps) + 1))
    assert got[-1].company == HOSTILE and got[-1].drafts["thank-you"].updated == FIXED_NOW


def test_an_empty_store_takes_the_fast_path(tmp_path):
    db = tmp_path / "empty.json"
    TinyDBRepository.open(db)
    assert fast(db.read_bytes()) == []


@pytest.mark.parametrize("name", BAD_FILES)
def test_every_known_bad_file_is_left_to_the_slow_path(name):
    assert fast(BAD_FILES[name][0]) is None


def record_file(record: dict, meta: dict | None = None, key: str = "1", extra: dict | None = None) -> bytes:
    meta = {"schema": SCHEMA_VERSION, "next_id": 2, **(meta or {})}
    return json.dumps({"_meta": {"1": meta}, "applications": {key: record}, **(extra or {})}).encode()


def base_record() -> dict:
    return hostile_application().to_dict()


# name -> a change to one stored record (applied to a copy of base_record)
def _set(path: tuple, value):
    def change(record: dict) -> None:
        target = record
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value
    return change


def _drop(path: tuple):
    def change(record: dict) -> None:
        target = record
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]
    return change


CHANGES = {
    "time with a fraction": _set(("created",), "2026-11-20T12:00:00.5Z"),
    "fraction that msgspec would round up": _set(("events", 0, "at"), "2026-11-20T12:00:00.9999999Z"),
    "zero fraction longer than 40 characters": _set(("created",), "2026-11-20T12:00:00." + "0" * 30 + "Z"),
    "offset +02:00": _set(("updated",), "2026-11-20T12:00:00+02:00"),
    "offset +00:00": _set(("updated",), "2026-11-20T12:00:00+00:00"),
    "offset -00:00": _set(("updated",), "2026-11-20T12:00:00-00:00"),
    "year 1 at +01:00 (leaves the calendar in UTC)": _set(("interviews", 0, "at"), "0001-01-01T00:00:00+01:00"),
    "lower-case z": _set(("created",), "2026-11-20T12:00:00z"),
    "lower-case t": _set(("created",), "2026-11-20t12:00:00Z"),
    "space separator": _set(("created",), "2026-11-20 12:00:00Z"),
    "no seconds": _set(("created",), "2026-11-20T12:00Z"),
    "naive time": _set(("created",), "2026-11-20T12:00:00"),
    "time not a string": _set(("created",), 1700000000),
    "date as ISO week": _set(("decision_by",), "2026-W47-5"),
    "date that does not exist": _set(("applied_on",), "2026-02-30"),
    "date with a time": _set(("applied_on",), "2026-02-03T10:00:00Z"),
    "unknown field in the record": _set(("color",), "red"),
    "unknown field holding 1e400-free junk": _set(("x",), {"deep": [[[[]]]]}),
    "unknown field in a contact": _set(("contacts", 0, "linkedin"), "x"),
    "unknown field in an event": _set(("events", 0, "mood"), "ok"),
    "id inside the record": _set(("id",), 99),
    "id inside the record as text": _set(("id",), "x"),
    "drafts null": _set(("drafts",), None),
    "drafts false": _set(("drafts",), False),
    "drafts a list": _set(("drafts",), []),
    "rev negative": _set(("rev",), -1),
    "rev 2**53 + 1": _set(("rev",), 2**53 + 1),
    "rev 2**53": _set(("rev",), 2**53),
    "rev a float": _set(("rev",), 1.0),
    "rev true": _set(("rev",), True),
    "rev missing": _drop(("rev",)),
    "duration 0": _set(("interviews", 0, "duration_minutes"), 0),
    "duration a week and a minute": _set(("interviews", 0, "duration_minutes"), 7 * 24 * 60 + 1),
    "duration missing": _drop(("interviews", 0, "duration_minutes")),
    "unknown stage": _set(("stage",), "limbo"),
    "unknown outcome": _set(("outcome",), "won"),
    "outcome null": _set(("outcome",), None),
    "unknown channel": _set(("channel",), "fax"),
    "tag not text": _set(("tags",), ["ok", 3]),
    "tags not a list": _set(("tags",), "a,b"),
    "company null": _set(("company",), None),
    "company missing": _drop(("company",)),
    "do_not_contact as 0": _set(("do_not_contact",), 0),
    "interview without a time": _drop(("interviews", 0, "at")),
    "interview names not a list": _set(("interviews", 0, "with"), "Ann"),
    "event kind unknown": _set(("events", 0, "kind"), "party"),
    "event without a kind": _drop(("events", 0, "kind")),
    "event from an unknown stage": _set(("events", 1, "from"), "limbo"),
    "event to null": _set(("events", 1, "to"), None),
    "event message kind unknown": _set(("events", 0, "message_kind"), "love-letter"),
    "draft kind unknown": _set(("drafts", "thank-you", "kind"), "poem"),
    "draft not an object": _set(("drafts", "thank-you"), "text"),
    "contacts not a list": _set(("contacts",), {"name": "x"}),
    "contact not an object": _set(("contacts",), ["x"]),
    "contact email null": _set(("contacts", 0, "email"), None),
    "priority not a known one (not the file's business)": _set(("priority",), "urgent"),
    "lone surrogate in a note": _set(("notes",), "\ud800"),
    "a note that looks like a time": _set(("notes",), "call at 10:30:00 am, or 2026-11-20T12:00:00+01:00"),
}


@pytest.mark.parametrize("name", CHANGES)
def test_a_changed_record_is_decoded_the_same_or_left_to_the_slow_path(name):
    record = base_record()
    CHANGES[name](record)
    assert_agrees(record_file(record))


@pytest.mark.parametrize(
    "raw",
    [
        record_file(base_record(), key="0"),
        record_file(base_record(), key="01"),
        record_file(base_record(), key="abc"),
        record_file(base_record(), key="1" * 16),
        record_file(base_record(), meta={"schema": SCHEMA_VERSION - 1}),
        record_file(base_record(), meta={"schema": SCHEMA_VERSION + 1}),
        record_file(base_record(), meta={"next_id": 0}),
        record_file(base_record(), meta={"next_id": 2**53 + 1}),
        record_file(base_record(), meta={"note": "extra"}),
        record_file(base_record(), extra={"_default": {}}),
        json.dumps({"_meta": {"1": {"schema": SCHEMA_VERSION}}}).encode(),
        record_file(base_record()).replace(b'"company": "', b'"company": "x", "company": "'),  # duplicate key: last wins
        record_file(base_record()).replace(b'"stage": "closed"', b'"stage": "\\u0063losed"'),  # escaped ASCII
        record_file(base_record()).replace(b'"rev": 1', b'"rev": 1e400'),
        record_file(base_record()).replace(b'"rev": 1', b'"rev": ' + b"9" * 5000),
        b"\xef\xbb\xbf" + record_file(base_record()),  # a byte-order mark
        record_file(base_record()).replace(b'"notes": "', b'"notes": "\x01'),  # a raw control character
        record_file(base_record()) + b" trailing",
        # unknown keys holding what only the strict reader refuses
        record_file(base_record()).replace(b'"notes": ', b'"x": ' + b"[" * 200_000 + b"]" * 200_000 + b', "notes": '),
        record_file(base_record(), extra={"_default": {}}).replace(b'"_default": {}', b'"_default": ' + b"[" * 200_000 + b"]" * 200_000),
    ],
    ids=lambda raw: raw[:0].decode() or None,
)
def test_unusual_files_are_decoded_the_same_or_left_to_the_slow_path(raw):
    assert_agrees(raw)


def test_check_file_words_every_refusal_and_reads_a_hand_edit_as_the_same_instants():
    record = base_record()
    record["created"] = "2026-11-20T14:00:00+02:00"
    [application] = data_file.check_file(PATH, record_file(record)).applications
    assert application.created == FIXED_NOW.replace(2026, 11, 20, 12, 0, 0) and application.created.utcoffset().seconds == 0
    record["stage"] = "limbo"
    with pytest.raises(StoreError, match=r"application 1 is malformed \(stage: expected one of .*got 'limbo'\)"):
        data_file.check_file(PATH, record_file(record))


@pytest.mark.parametrize("value", [b"1e400", b"7" * 5000])
def test_what_a_key_the_model_does_not_know_holds_is_not_read(tmp_path, value):
    """A hand-made key is skipped by the one pass (and kept as it is in the
    file); only when the strict reader must word another problem does it
    refuse such a number."""
    raw = record_file(base_record(), extra={}).replace(b'"notes": ', b'"x": ' + value + b', "notes": ', 1)
    assert fast(raw) is not None
    db = tmp_path / "hand-made.json"
    db.write_bytes(raw)
    repo = TinyDBRepository.open(db)
    repo.add(Application(company="Beta"))  # a save: record 1, untouched, is written back as it was
    assert b'"x": ' + value in db.read_bytes()
    assert [a.company for a in repo.list()] == [HOSTILE, "Beta"]
