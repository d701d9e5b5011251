"""The demo_db fixture copies a file built once per test process: the copy
is what the store builds for the demo, byte for byte, with the same files
and modes."""

from __future__ import annotations

import os
from pathlib import Path

from fixed import FIXED_NOW

from followup_tui.domain.demo import demo_applications
from followup_tui.store import TinyDBRepository


def contents(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (os.lstat(p).st_mode, p.read_bytes()) for p in sorted(folder.iterdir())}


def test_demo_db_is_the_file_the_store_builds(demo_db: Path, tmp_path: Path) -> None:
    built = tmp_path / "built" / "data" / "followup.json"
    TinyDBRepository.open(built, clock=lambda: FIXED_NOW).add_many(demo_applications(FIXED_NOW))
    assert os.lstat(demo_db.parent).st_mode == os.lstat(built.parent).st_mode
    assert contents(demo_db.parent) == contents(built.parent)
    assert demo_db.stat().st_size > 0
