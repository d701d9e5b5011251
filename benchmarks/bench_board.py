"""How the board copes with many applications.

    .venv/bin/python benchmarks/bench_board.py [COUNT]   (default 10000)

Prints absolute times and ratios against a baseline measured in the same run
(plain `json.loads` of the same data file), since this machine is shared and
noisy: the ratios are what to compare between runs.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from followup_tui.domain.demo import demo_applications
from followup_tui.domain.settings import Settings
from followup_tui.factory import build_app
from followup_tui.store import TinyDBRepository
from followup_tui.ui.board.cards import build_card

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from fixed import FIXED_NOW  # noqa: E402


def make_db(path: Path, count: int) -> None:
    template = demo_applications(FIXED_NOW)
    apps = []
    for index in range(count):
        app = template[index % len(template)].copy()
        app.company = f"{app.company} {index}"
        for interview in app.interviews:
            interview.at -= timedelta(hours=index % 48)
        apps.append(app)
    TinyDBRepository.open(path).add_many(apps)


def timed(func, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


async def board_timings(db: Path) -> tuple[float, float, float, float, float]:
    app = build_app(db, Settings(timezone="UTC"), lambda: FIXED_NOW, backups=False)
    start = time.perf_counter()
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        first_frame = time.perf_counter() - start
        while not app.screen.cards:  # a big file loads in a worker
            await pilot.pause(0.01)
        mounted = time.perf_counter() - start
        start = time.perf_counter()
        for _ in range(20):
            await pilot.press("j")
        await pilot.pause()
        per_key = (time.perf_counter() - start) / 20
        start = time.perf_counter()
        app.screen.reload()
        await pilot.pause()
        reload = time.perf_counter() - start
        start = time.perf_counter()
        for key in ("L", "H", "L", "H"):  # move a card: save + redraw
            await pilot.press(key)
        await pilot.pause()
        move = (time.perf_counter() - start) / 4
    return first_frame, mounted, per_key, reload, move


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.json"
        make_db(db, count)
        size_mb = db.stat().st_size / 1e6
        baseline = timed(lambda: json.loads(db.read_text()))
        repo = TinyDBRepository.open(db)
        listed = timed(repo.list)
        apps = repo.list()
        settings = Settings(timezone="UTC")
        tz = settings.tz
        cards = timed(lambda: [build_card(a, FIXED_NOW, settings, tz) for a in apps])
        first_frame, mounted, per_key, reload, move = asyncio.run(board_timings(db))
    print(f"{count} applications, data file {size_mb:.1f} MB")
    print(f"baseline json.loads      {baseline * 1000:8.1f} ms   1.0x")
    for label, value in [
        ("repo.list()", listed),
        ("cards (cadence) for all", cards),
        ("board start until idle (Pilot)", first_frame),
        ("board start to cards shown", mounted),
        ("board reload (other session)", reload),
        ("cursor key (j), per press", per_key),
        ("move a card (H/L), per move", move),
    ]:
        print(f"{label:<28} {value * 1000:8.1f} ms  {value / baseline:5.1f}x")


if __name__ == "__main__":
    main()
