"""UI fixtures: the real app from the one factory, on a temp file, fixed clock."""

from __future__ import annotations

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
    def make(db: Path, **kwargs):
        kwargs.setdefault("backups", False)
        return build_app(db, UTC_SETTINGS, fixed_clock, **kwargs)

    return make
