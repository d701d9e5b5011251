"""Shared fixtures: tests never touch the real home."""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

import pilot_keys
import pytest
from fixed import FIXED_NOW


@pytest.hookimpl(tryfirst=True)  # before pytest's tmp_path factory reads --basetemp
def pytest_configure(config: pytest.Config) -> None:
    """A test process builds and drops a few hundred apps: with Python's
    default thresholds its collector ran a full sweep of a 300,000-object
    heap every few tests (about a sixth of the UI tests' time). Young
    collections less often, full ones at most every 20 of the middle ones.
    The app's own use of the collector (cli/tui.py, ui/data/loader.py) is
    unchanged: this is the test process only."""
    gc.set_threshold(10_000, 20, 20)
    use_memory_for_tmp_path(config)


def use_memory_for_tmp_path(config: pytest.Config) -> None:
    """Every test's files (real data files, saved with fsync) in a folder of
    /dev/shm when the machine has one: the store fsyncs each save, its
    backups and its folder, and on a disk those waits were a fifth of the
    store and CLI tests' time. The same calls run; only the disk's wait goes.
    The folder is this run's own and is removed at its end (pytest_unconfigure).
    Not when --basetemp is given, nor in xdist's workers (they are handed the
    controller's folder)."""
    ram = Path("/dev/shm")
    if config.option.basetemp or hasattr(config, "workerinput") or not (ram.is_dir() and os.access(ram, os.W_OK)):
        return
    config.option.basetemp = tempfile.mkdtemp(prefix=f"followup-tests-{os.getuid()}-", dir=ram)
    config.stash[RAM_TMP] = Path(config.option.basetemp)


RAM_TMP = pytest.StashKey[Path]()


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(RAM_TMP, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The tests marked slow (subprocesses, kills, real servers: a fifth of
    the suite's time in 82 tests) first. xdist hands each worker its share
    of this order and a worker that runs out takes tests from the end of the
    other's: a run whose last tests were kill -9 rounds ended with one
    worker idle for 10 s. The sort is stable: within each group the order
    stays (the files', or pytest-randomly's shuffle, the same in every worker)."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("FOLLOWUP_DB", raising=False)
    monkeypatch.delenv("FOLLOWUP_CONFIG", raising=False)
    monkeypatch.delenv("FOLLOWUP_NOW", raising=False)
    monkeypatch.setenv("TZ", "UTC")
    # Subprocesses the tests start never write bytecode into src/: one run under a
    # file-size limit once left truncated .pyc files that broke the installed app.
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    return home


@pytest.fixture(autouse=True)
def keys_without_idle_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """pilot.press waits until each key is handled, not until the CPU is
    idle (tests/pilot_keys.py)."""
    pilot_keys.install(monkeypatch)


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "followup.json"


@pytest.fixture
def fixed_now() -> datetime:
    return FIXED_NOW


# CI (.ci/run) sets FOLLOWUP_REQUIRE_SERVERS=1: a test skipped because a real
# server or program it needs (Chromium, tmux, Dovecot...) could not be found or
# started fails there instead, so CI never passes without them. On a developer's
# machine the skip stays, with its reason. Skips that are about the machine
# itself rather than a missing part are allowed.
ALLOWED_SKIPS = ("root can read",)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("FOLLOWUP_REQUIRE_SERVERS") == "1":
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if not any(allowed in reason for allowed in ALLOWED_SKIPS):
            report.outcome = "failed"
            report.longrepr = f"FOLLOWUP_REQUIRE_SERVERS=1 but the test was skipped: {reason}"
