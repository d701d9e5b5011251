"""Where the TUI's peak memory comes from: the terminal run's flow (run.py,
`--only terminal`), step by step, with the TUI's RSS sampled every 20 ms
from outside.

    .venv/bin/python benchmarks/rss_steps.py [--size 10000] [--db FILE]

For each step it prints the highest RSS sampled during the step, the RSS
at its end and the peak so far (VmHWM). One run takes about a minute at
10,000 applications; the data file is made once in a temporary folder
unless --db names one (it is copied, never written). With --signal the TUI
gets SIGUSR1 at the end of each step: a `sitecustomize.py` of one's own on
PYTHONPATH can answer it with the allocator's statistics
(`sys._debugmallocstats()`, glibc's `malloc_stats()`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

from run import CARD, COMPOSE_TO, PYTHON, app_env, filter_to_the_card_to_write_to, make_db
from terminal import Terminal, peak_rss_mb, rss_mb

from followup_tui.store.preview import preview_path


class Sampler:
    """The RSS of one process, sampled in a thread; the highest since `mark`."""

    def __init__(self, pid: int, every: float = 0.02) -> None:
        self.pid, self.every = pid, every
        self.highest = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            try:
                self.highest = max(self.highest, rss_mb(self.pid))
            except (OSError, ValueError):
                return

    def mark(self) -> float:
        highest, self.highest = self.highest, 0.0
        return highest

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--db", type=Path, help="an existing data file to copy (default: generate one)")
    parser.add_argument("--signal", action="store_true",
                        help="send the TUI SIGUSR1 at the end of each step (for a probe of one's own: see the docstring)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rss-steps-") as tmp:
        folder = Path(tmp)
        if args.db:
            db = folder / args.db.name
            shutil.copyfile(args.db, db)
        else:
            print(f"generating {args.size:,} applications...", flush=True)
            db = make_db(folder, args.size)
        config = folder / "home" / "config" / "followup-tui" / "config.toml"  # as run.py writes it
        config.parent.mkdir(parents=True)
        config.write_text('timezone = "UTC"\nuser_name = "Sam Rivera"\n', encoding="utf-8")
        env = app_env(folder / "home")
        term = Terminal(120, 35)
        try:
            # a first start leaves the board preview the measured start paints from
            term.start([PYTHON, "-m", "followup_tui", "--db", str(db)], env)
            term.wait_for(lambda s: bool(CARD.search(s)))
            deadline = time.perf_counter() + 60
            while not preview_path(db).exists() and time.perf_counter() < deadline:
                time.sleep(0.1)
            term.wait_for(lambda s: "The board as last seen" not in s)
            term.stop()

            term.start([PYTHON, "-m", "followup_tui", "--db", str(db)], env)
            time.sleep(0.05)
            sampler = Sampler(term.pid())
            pid = term.pid()
            rows = []

            def step(name: str) -> None:
                term.settle(quiet=1.5)  # a background save or read has time to finish
                rows.append((name, sampler.mark(), rss_mb(pid), peak_rss_mb(pid)))
                if args.signal:
                    os.kill(pid, signal.SIGUSR1)
                    time.sleep(0.5)

            term.wait_for(lambda s: bool(CARD.search(s)))
            step("first card, then the file read and checked")
            for _ in range(6):
                term.keys("j")
            step("j x6")
            titles = lambda shown: shown.split("\n")[1]  # noqa: E731
            for key in "LHLHLH":
                before = titles(term.screen())
                term.keys(key)
                term.wait_for(lambda s, b=before: titles(s) != b)
                term.settle(quiet=0.3)
            step("L H x3 (6 saves)")
            for _ in range(3):
                term.key_to("a", lambda s: " overdue · " in s)
                term.key_to("Escape", lambda s: "Applied (" in s)
            step("agenda x3")
            filter_to_the_card_to_write_to(term)
            step("filter")
            for _ in range(3):
                term.key_to("c", lambda s: "\n Subject " in s)
                term.key_to("Escape", lambda s: "Applied (" in s)
            step("composer x3")
            for _ in range(3):
                term.key_to("e", lambda s: f"Edit {COMPOSE_TO}" in s)
                term.key_to("Escape", lambda s: "Applied (" in s)
                term.key_to("n", lambda s: "New application" in s)
                term.key_to("Escape", lambda s: "Applied (" in s)
            step("forms x6")
            term.key_to("c", lambda s: "\n Subject " in s)
            for _ in range(5):
                term.keys("x")
            step("composer, 5 characters typed")
            sampler.stop()
            term.stop()
        finally:
            term.close()
    print(f"{'step (' + format(args.size, ',') + ' applications)':<48} {'highest':>8} {'at end':>8} {'VmHWM':>8}")
    for name, highest, now, peak in rows:
        print(f"{name:<48} {highest:>5.0f} MB {now:>5.0f} MB {peak:>5.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
