"""UI fixtures: the real app from the one factory, on a temp file, fixed clock."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from followup_tui.domain.demo import demo_applications
from followup_tui.domain.settings import Settings
from followup_tui.factory import build_app
from followup_tui.store import TinyDBRepository

from fixed import FIXED_NOW

UTC_SETTINGS = Settings(timezone="UTC", user_name="Sam Rivera")


def fixed_clock():
    return FIXED_NOW


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "data" / "followup.json"
    repo = TinyDBRepository.open(db, clock=fixed_clock)
    repo.add_many(demo_applications(FIXED_NOW))
    return db


@pytest.fixture
def make_app():
    def make(db: Path, clock=fixed_clock, **kwargs):
        kwargs.setdefault("backups", False)
        return build_app(db, UTC_SETTINGS, clock, **kwargs)

    return make


async def _wait_until(pilot, condition, timeout: float = 10.0, what: str = "") -> None:
    """Let the app run until `condition()` holds (a screen is active, a worker
    finished, a value is stored); fail after `timeout` seconds. A wait on a
    condition, never a fixed pause: it passes on a loaded machine."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what or condition}")
        await pilot.pause(0.02)


@pytest.fixture
def wait_until():
    """`await wait_until(pilot, lambda: ..., what="...")`."""
    return _wait_until


@pytest.fixture
def wait_for_screen():
    """`await wait_for_screen(pilot, ScreenClass)`: until it is the active screen."""

    async def wait(pilot, screen_type, timeout: float = 10.0):
        await _wait_until(pilot, lambda: isinstance(pilot.app.screen, screen_type), timeout, screen_type.__name__)
        return pilot.app.screen

    return wait


@pytest.fixture
def wait_for_stored():
    """`await wait_for_stored(pilot, db, lambda apps: ...)`: until the file on
    disk (read by a second, independent repository) satisfies the predicate."""

    async def wait(pilot, db: Path, predicate, timeout: float = 10.0, what: str = "a stored value"):
        def check() -> bool:
            return bool(predicate({a.company: a for a in TinyDBRepository.open(db).list()}))

        await _wait_until(pilot, check, timeout, what)

    return wait
