"""UI fixtures: the real app from the one factory, on a temp file, fixed clock."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from followup_tui.domain.demo import demo_applications
from followup_tui.domain.settings import Settings
from followup_tui.factory import build_app
from followup_tui.store import TinyDBRepository

from fixed import FIXED_NOW
from waiting import wait_until as _wait_until

UTC_SETTINGS = Settings(timezone="UTC", user_name="Sam Rivera")


def fixed_clock():
    return FIXED_NOW


def build_demo_db(db: Path) -> Path:
    TinyDBRepository.open(db, clock=fixed_clock).add_many(demo_applications(FIXED_NOW))
    return db


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data file, built once per test process (the same bytes at
    every build: fixed clock, any TZ; test_demo_db_is_the_file_the_store_builds)."""
    return build_demo_db(tmp_path_factory.mktemp("demo-template") / "data" / "followup.json")


@pytest.fixture
def demo_db(tmp_path: Path, demo_template: Path) -> Path:
    """The test's own real data file: a copy of the demo template's folder
    (the file 0600, its lock file, the folder 0700), new times on disk."""
    db = tmp_path / "data" / "followup.json"
    shutil.copytree(demo_template.parent, db.parent, copy_function=shutil.copy)
    return db


@pytest.fixture(autouse=True)
def unicode_terminal(monkeypatch):
    """The glyphs a terminal emulator has, whatever TERM the suite runs under
    (a Linux console's are chosen by TERM=linux: ui/glyphs.py)."""
    monkeypatch.setenv("TERM", "xterm-256color")


@pytest.fixture
def make_app():
    def make(db: Path, clock=fixed_clock, **kwargs):
        kwargs.setdefault("backups", False)
        return build_app(db, UTC_SETTINGS, clock, **kwargs)

    return make




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
            try:
                return bool(predicate({a.company: a for a in TinyDBRepository.open(db).list()}))
            except LookupError:  # the record or the event it looks for is not stored yet
                return False

        await _wait_until(pilot, check, timeout, what)

    return wait
