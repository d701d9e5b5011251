"""Write SVG screenshots of every screen into screenshots/, from demo data.

    .venv/bin/python tools/screenshots.py

Fixed clock and fixed demo data, at 80x24 and 120x35, so the pictures only
change when the screens do.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from followup_tui.domain.demo import demo_applications
from followup_tui.domain.settings import Settings
from followup_tui.factory import build_app
from followup_tui.store import TinyDBRepository

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)
SIZES = [(80, 24), (120, 35)]
# screen name -> keys pressed on the board to reach it
SCREENS = {
    "board": [],
    "detail": ["l", "j", "enter"],
    "form": ["l", "j", "e"],
    "agenda": ["a"],
    "help": ["question_mark"],
    "composer": ["l", "j", "c"],
}


async def shoot(db: Path, name: str, keys: list[str], size: tuple[int, int], out: Path) -> None:
    app = build_app(db, Settings(timezone="UTC", user_name="Sam Rivera"), lambda: NOW, backups=False)
    async with app.run_test(size=size) as pilot:
        app.sub_title = "demo.json"
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await pilot.pause(0.5)
        app.save_screenshot(filename=f"{name}-{size[0]}x{size[1]}.svg", path=str(out))


def main() -> int:
    out = Path(__file__).resolve().parent.parent / "screenshots"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, keys in SCREENS.items():
            for size in SIZES:
                db = Path(tmp) / f"{name}-{size[0]}.json"
                TinyDBRepository.open(db, clock=lambda: NOW).add_many(demo_applications(NOW))
                asyncio.run(shoot(db, name, keys, size, out))
                print(f"screenshots/{name}-{size[0]}x{size[1]}.svg")
    return 0


if __name__ == "__main__":
    sys.exit(main())
