"""Shared fixtures: tests never touch the real home."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from fixed import FIXED_NOW


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


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "followup.json"


@pytest.fixture
def fixed_now() -> datetime:
    return FIXED_NOW
