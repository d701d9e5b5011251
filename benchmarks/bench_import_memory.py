"""Import memory is bounded: the peak RSS of `followup import` of a
100,000-row CSV against the same of a 10,000-row one (same generator), each
into a fresh data file, in a fresh process. The 100,000-row import is beyond
the app's scale (domain/scale.py) and is refused once the rows the app
could keep are read, so its memory does not grow with the file.

    .venv/bin/python benchmarks/bench_import_memory.py

Target: the ratio at most 3 (it was ~10 when the whole file was read).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from datagen import csv_rows  # noqa: E402
from fixed import FIXED_NOW  # noqa: E402

TARGET_RATIO = 3.0
MEASURE = ("import resource, subprocess, sys; done = subprocess.run(sys.argv[1:], capture_output=True); "
           "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def peak_kb(db: Path, rows: Path) -> tuple[int, int]:
    """(peak RSS in KB, exit status) of one import in a fresh process."""
    env = {**os.environ, "FOLLOWUP_NOW": FIXED_NOW.strftime("%Y-%m-%dT%H:%M:%SZ"), "PYTHONDONTWRITEBYTECODE": "1"}
    argv = [sys.executable, "-m", "followup_tui", "--db", str(db), "import", str(rows)]
    done = subprocess.run([sys.executable, "-c", MEASURE, *argv], capture_output=True, text=True, env=env)
    status, peak = done.stdout.split()[-2:]
    return int(peak), int(status)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="followup-bench-") as tmp:
        folder = Path(tmp)
        small, large = folder / "10000.csv", folder / "100000.csv"
        small.write_text(csv_rows(10_000, FIXED_NOW), encoding="utf-8")
        large.write_text(csv_rows(100_000, FIXED_NOW), encoding="utf-8")
        small_kb, small_status = peak_kb(folder / "small.json", small)
        large_kb, large_status = peak_kb(folder / "large.json", large)
    ratio = large_kb / small_kb
    print(f"import peak RSS: 10,000 rows {small_kb / 1024:.0f} MB (exit {small_status}), "
          f"100,000 rows {large_kb / 1024:.0f} MB (exit {large_status}: refused beyond the scale); "
          f"ratio {ratio:.2f} (target <= {TARGET_RATIO:g}) {'met' if ratio <= TARGET_RATIO else 'MISSED'}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
