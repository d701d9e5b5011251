"""CI's corpus gate (issue 21 item 5): `tools/corpus_report.py --check` exits 0
at the recorded floors and 1, naming the check, when a floor is above what a
check reaches on the held-out split."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "tests/domain/corpus/floors.toml"


def gate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-B", str(ROOT / "tools/corpus_report.py"), "--check", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_the_recorded_floors_hold_and_a_higher_held_out_floor_fails(tmp_path):
    ok = gate()
    assert ok.returncode == 0, ok.stderr
    assert "every check is at or above its floor" in ok.stdout
    text = FLOORS.read_text(encoding="utf-8")
    held_out = text.index("[held-out]")
    raised = text[:held_out] + text[held_out:].replace("tone = ", "tone = 0.999 #", 1)
    (tmp_path / "floors.toml").write_text(raised, encoding="utf-8")
    low = gate(f"--floors={tmp_path / 'floors.toml'}")
    assert low.returncode == 1
    assert "BELOW FLOOR: tone on held-out" in low.stderr
