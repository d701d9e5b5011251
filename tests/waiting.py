"""Waiting on a condition in Pilot tests: never a fixed pause, so the suite
passes on a loaded machine."""

from __future__ import annotations

import time


async def wait_until(pilot, condition, timeout: float = 10.0, what: str = "") -> None:
    """Let the app run until `condition()` holds (a screen is active, a worker
    finished, a value is stored); fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what or condition}")
        await pilot.pause(0.02)
