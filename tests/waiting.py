"""Waiting on a condition in Pilot tests: never a fixed pause, so the suite
passes on a loaded machine."""

from __future__ import annotations

import gc
import time


async def wait_until(pilot, condition, timeout: float = 10.0, what: str = "") -> None:
    """Let the app run until `condition()` holds (a screen is active, a worker
    finished, a value is stored); fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not _holds(condition):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what or condition}")
        await pilot.pause(0.02)


def holds_within(condition, seconds: float, every: float = 0.05) -> bool:
    """Outside an app (another process, a file): whether `condition()` comes
    to hold within `seconds`, looked at every `every` s."""
    deadline = time.monotonic() + seconds
    while not _holds(condition):
        if time.monotonic() > deadline:
            return False
        time.sleep(every)  # polling another process's doing, with a deadline
    return True


def _holds(condition) -> bool:
    """A condition that looks up what is not there yet (a screen's widget, a
    stored event: IndexError, KeyError) does not hold yet."""
    try:
        return bool(condition())
    except LookupError:
        return False


# Workers that run as long as the app (the session's file watcher and writer):
# waiting for every worker means every other one.
LONG_LIVED_GROUPS = frozenset({"session"})


async def wait_for_workers(pilot, timeout: float = 10.0) -> None:
    """Until every worker the app started for a task (a send, an export, the
    editor, a clock rebuild...) has finished; the long-lived ones aside."""

    def idle() -> bool:
        return all(w.is_finished for w in pilot.app.workers if w.group not in LONG_LIVED_GROUPS)

    await wait_until(pilot, idle, timeout, "the app's workers")


def start_when_ready(argv: list[str], *, stdin: bool = False):
    """A subprocess started and past its first line, which must be "ready"
    (it has taken what it needs and waits: the crash and pause writers);
    else the test fails with what it said."""
    import subprocess

    import pytest

    proc = subprocess.Popen(
        argv, stdin=subprocess.PIPE if stdin else None, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    line = proc.stdout.readline()
    if line != b"ready\n":
        proc.kill()
        proc.wait()
        pytest.fail(f"{argv[2] if len(argv) > 2 else argv[0]} did not start: {line!r} {proc.stderr.read().decode()}")
    return proc


# The app lets go 0.5, 1.5, 3.5 and 7.5 s after a screen closes (FollowupApp.
# _drop_watchers_later): on a loaded machine the last look can be the one.
LET_GO_SECONDS = 20.0


def collected_then(condition):
    """`condition`, checked after a full collection at most every half
    second (one takes tens of ms with an app running: every 20 ms poll
    would starve the app whose timers are awaited)."""
    last = [0.0]

    def check() -> bool:
        if time.monotonic() - last[0] < 0.5:
            return False
        gc.collect()
        last[0] = time.monotonic()
        return condition()

    return check
