"""What the session keeps for as long as the app runs is compact: equal texts
that repeat from application to application (titles, kinds, names, subjects)
are one object each once loaded, values unchanged (issue 10's memory)."""

from __future__ import annotations

import gc
import subprocess
import sys
from datetime import timedelta

import pytest

from fixed import FIXED_NOW

from followup_tui.domain.model import Application, Contact, Event, Interview
from followup_tui.domain.repeated_values import share_repeated_values
from followup_tui.domain.settings import Settings
from followup_tui.store import TinyDBRepository
from followup_tui.ui.data.session import Session


def applications(count: int) -> list[Application]:
    made = []
    for n in range(count):
        application = Application(
            company=f"Co {n}", role="Data Analyst", source="LinkedIn", location="Remote",
            contacts=[Contact(name="Dana Reyes", title="Recruiter", email=f"dana@co{n}.com")],
            interviews=[Interview(at=FIXED_NOW - timedelta(days=3), kind="phone screen", with_names=["Dana Reyes"])],
        )
        application.events.append(Event(at=FIXED_NOW, kind="message-sent", message_kind="thank-you",
                                        recipient="dana@co0.com", subject="Thank you", body=f"Body {n}"))
        made.append(application)
    return made


def repeated(apps: list[Application]) -> dict[str, int]:
    """How many distinct objects hold each repeated text."""
    return {
        "role": len({id(a.role) for a in apps}),
        "title": len({id(a.contacts[0].title) for a in apps}),
        "name": len({id(a.contacts[0].name) for a in apps} | {id(a.interviews[0].with_names[0]) for a in apps}),
        "kind": len({id(a.interviews[0].kind) for a in apps}),
        "subject": len({id(a.events[0].subject) for a in apps}),
        "recipient": len({id(a.events[0].recipient) for a in apps}),
        "event time": len({id(a.events[0].at) for a in apps}),
        "round time": len({id(a.interviews[0].at) for a in apps}),
    }


def test_share_repeated_values_makes_equal_texts_and_times_one_object_and_changes_no_value(db_file):
    """(And the records, which hold no cycles, are not tracked by the cyclic
    collector: 16 bytes less each, fewer objects for each collection.)"""
    TinyDBRepository.open(db_file).add_many(applications(20))
    loaded = TinyDBRepository.open(db_file).load_all()
    before = [a.to_dict() for a in loaded]
    assert min(repeated(loaded).values()) == 20  # as decoded: each its own
    share_repeated_values(loaded)
    assert not any(gc.is_tracked(thing) for a in loaded for thing in (a, *a.contacts, *a.interviews, *a.events))
    assert repeated(loaded) == dict.fromkeys(
        ("role", "title", "name", "kind", "subject", "recipient", "event time", "round time"), 1
    )
    assert [a.to_dict() for a in loaded] == before
    assert len({id(a.events[0].body) for a in loaded}) == 20  # texts that differ stay their own


def test_equal_instants_written_with_other_offsets_keep_their_own():
    from datetime import timezone

    paris = timezone(timedelta(hours=1))
    first, second = applications(2)
    first.events[0].at = FIXED_NOW.astimezone(paris)
    second.events[0].at = FIXED_NOW.astimezone(timezone.utc)
    share_repeated_values([first, second])
    assert first.events[0].at.utcoffset() == timedelta(hours=1) and second.events[0].at.utcoffset() == timedelta(0)


def test_the_sessions_loaded_applications_share_their_repeated_texts(db_file):
    TinyDBRepository.open(db_file).add_many(applications(20))
    clock = lambda: FIXED_NOW  # noqa: E731
    session = Session(TinyDBRepository.open(db_file, clock=clock), Settings(timezone="UTC"), clock, db_file)
    session.load_now()
    loaded = [entry.application for entry in session.all()]
    assert len(loaded) == 20 and max(repeated(loaded).values()) == 1


async def test_what_the_app_loaded_is_kept_out_of_the_collectors_sweeps(db_file, make_app, wait_until):
    """Loaded data (and the cards made of it) lives until the next load and
    holds no cycles: once taken in, the cyclic collector no longer walks it
    (at 10,000 applications it cost 100-180 ms of each form opening)."""
    import gc

    TinyDBRepository.open(db_file).add_many(applications(20))
    app = make_app(db_file)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: app.session.loaded and app.screen.current_card is not None)
        entry = next(iter(app.session.all()))
        kept = [app.session.data.entries, entry, entry.application.contacts]
        assert all(gc.is_tracked(thing) for thing in kept)

        def swept() -> list:
            ids = {id(thing) for thing in kept}
            return [thing for thing in gc.get_objects() if id(thing) in ids]

        await wait_until(pilot, lambda: not swept(), what="the loaded data frozen out of the collector's sweeps")


FREED_BLOCKS_KEPT = """
import sys
def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) // 1024
if sys.argv[1] == "tuned":
    from followup_tui.cli.tui import give_big_buffers_back
    give_big_buffers_back()
before = rss_mb()
for _ in range(3):  # a whole-file read, again and again (17 MB at 10,000 applications)
    block = b"x" * (20 << 20)
    del block
print(rss_mb() - before)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator (Linux)")
def test_big_blocks_freed_by_the_tui_go_back_to_the_system():
    """By default glibc keeps a freed block of the size of the last whole-file
    read in its heap once one such was freed (45 MB of RSS at 10,000 applications,
    issue 19); the TUI asks it to hand every big block back."""

    def kept_mb(mode: str) -> int:
        done = subprocess.run([sys.executable, "-B", "-c", FREED_BLOCKS_KEPT, mode],
                              capture_output=True, text=True, check=True)
        return int(done.stdout)

    assert kept_mb("plain") >= 15  # the default this works around (if it ever changes, drop the tuning)
    assert kept_mb("tuned") <= 5
