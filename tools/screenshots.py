"""Write SVG screenshots of every screen into screenshots/, from demo data.

    .venv/bin/python tools/screenshots.py            # every screen
    .venv/bin/python tools/screenshots.py stats      # only these

Fixed clock and fixed demo data, at 80x24 and 120x35, so the pictures only
change when the screens do. Each picture is taken once the expected screen
is active and idle (a condition, not a fixed wait), then made to render alike
in librsvg and browsers (tools/svg_lines.py: line characters drawn, spaces
kept). To look at one: `rsvg-convert screenshots/board-80x24.svg -o /tmp/board.png`.

A new screen is one line of SCREENS (tests/ui/test_screens_fit.py checks every
screen of it at 60x20, 80x24 and 120x35 too).
"""

from __future__ import annotations

import asyncio
import importlib.util
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from svg_lines import portable_svg

from followup_tui.domain.demo import demo_applications
from followup_tui.domain.settings import Settings
from followup_tui.factory import build_app
from followup_tui.store import TinyDBRepository

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)
SIZES = [(80, 24), (120, 35)]
# picture name -> (keys pressed on the board, the screen class they lead to);
# the board opens on its first column (the demo's saved job): "l l" is Interview
SCREENS: dict[str, tuple[list[str], str]] = {
    "board": ([], "BoardScreen"),
    "board-moved": (["l", "L"], "BoardScreen"),
    "board-empty": ([], "BoardScreen"),
    "detail": (["l", "l", "j", "enter"], "DetailScreen"),
    "form": (["l", "l", "j", "e"], "ApplicationFormScreen"),
    "agenda": (["a"], "AgendaScreen"),
    "composer": (["l", "l", "j", "c"], "ComposerScreen"),
    "stats": (["s"], "StatsScreen"),
    "settings": (["S"], "SettingsScreen"),
    "first-run": ([], "FirstRunScreen"),
    "help": (["question_mark"], "HelpScreen"),
    "mailbox": (["M"], "MailboxScreen"),
}
EMPTY = {"board-empty"}  # shot on a file without applications
TIME_LIMIT = 20.0  # seconds to reach a screen
# screens another issue is still adding: skipped (and said so) while their module is absent
PENDING: dict[str, str] = {"mailbox": "followup_tui.ui.screens.mailbox"}
# The settings screens read a config file: one that does not exist (so the
# defaults show, never the user's own), named as the usual place reads.
CONFIG = Path("~/.config/followup-tui/config.toml")


async def shoot(db: Path, name: str, keys: list[str], expected: str, size: tuple[int, int], out: Path) -> bool:
    app = build_app(db, Settings(timezone="UTC", user_name="Sam Rivera"), lambda: NOW, backups=False,
                    config_file=CONFIG, first_run=name == "first-run")
    async with app.run_test(size=size) as pilot:
        app.sub_title = "demo.json"
        deadline = time.monotonic() + TIME_LIMIT
        while type(app.screen).__name__ != ("BoardScreen" if keys else expected) or not app.session.loaded:
            if time.monotonic() > deadline:
                return False
            await pilot.pause(0.02)
        if keys:
            await pilot.press(*keys)
        while type(app.screen).__name__ != expected:
            if time.monotonic() > deadline:
                return False
            await pilot.pause(0.02)
        await pilot.wait_for_scheduled_animations()
        while getattr(app.session, "writing", False):  # a move's save: the picture shows it done
            if time.monotonic() > deadline:
                return False
            await pilot.pause(0.02)
        await pilot.pause()
        picture = out / f"{name}-{size[0]}x{size[1]}.svg"
        app.save_screenshot(filename=picture.name, path=str(out))
        picture.write_text(portable_svg(picture.read_text(encoding="utf-8")), encoding="utf-8")
    return True


def main(names: list[str]) -> int:
    out = Path(__file__).resolve().parent.parent / "screenshots"
    out.mkdir(exist_ok=True)
    unknown = [n for n in names if n not in SCREENS]
    if unknown:
        print(f"unknown screen(s): {', '.join(unknown)}; known: {', '.join(SCREENS)}", file=sys.stderr)
        return 2
    missing = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names or list(SCREENS):
            keys, expected = SCREENS[name]
            if name in PENDING and importlib.util.find_spec(PENDING[name]) is None:
                print(f"skipped {name}: no {PENDING[name]} yet", file=sys.stderr)
                continue
            for size in SIZES:
                db = Path(tmp) / f"{name}-{size[0]}.json"
                if name not in EMPTY:
                    TinyDBRepository.open(db, clock=lambda: NOW).add_many(demo_applications(NOW))
                if asyncio.run(shoot(db, name, keys, expected, size, out)):
                    print(f"screenshots/{name}-{size[0]}x{size[1]}.svg")
                else:
                    missing.append(f"{name}-{size[0]}x{size[1]}")
    if missing:
        print(f"not reached (no picture): {', '.join(missing)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
