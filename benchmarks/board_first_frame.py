"""The board's share of the first paint: from the board screen's mount to the
first frame written to the terminal, inside the process, in a real terminal
(a pane of a private tmux server), next to a bare Textual app's mount to
first frame. Medians of N runs.

    .venv/bin/python benchmarks/board_first_frame.py 7 DATA.json [MORE.json]
    PYTHONPATH=other/src .venv/bin/python benchmarks/board_first_frame.py ...   # another checkout
                                                  (give it its own copies of the data files)

Each data file is started once first so that its board preview exists (as on
every start but the first). The times come from time.perf_counter marks the
child process takes itself (the board screen's on_mount; the first write of
more than 2,000 bytes to the terminal after it, which is the first frame), and
its start to that frame.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402  (the benchmark's environment: a private home, the fixed clock)

# Run in the child: marks at the mount and at the first frame, written to argv[2].
CHILD = r"""
import sys, time
T0 = time.perf_counter()
marks = {}
from textual.drivers import linux_driver
write = linux_driver.LinuxDriver.write
def marked_write(self, data):
    if "mount" in marks and "frame" not in marks and len(data) > 2000:
        marks["frame"] = time.perf_counter()
    return write(self, data)
linux_driver.LinuxDriver.write = marked_write
if sys.argv[1] == "bare":
    sys.path.insert(0, sys.argv[3])
    import bare_app
    class Bare(bare_app.BareApp):
        def on_mount(self):
            marks["mount"] = time.perf_counter()
            self.set_timer(0.3, self.exit)
    Bare().run()
else:
    from followup_tui.ui import app as app_module
    from followup_tui.ui.screens import board
    mount = board.BoardScreen.on_mount
    def marked_mount(self):
        marks.setdefault("mount", time.perf_counter())
        mount(self)
    board.BoardScreen.on_mount = marked_mount
    painted = app_module.FollowupApp._painted
    def then_exit(self):
        painted(self)
        self.set_timer(0.3, self.exit)
    app_module.FollowupApp._painted = then_exit
    try:
        from followup_tui.cli import start  # the path `followup` takes
    except ImportError:  # a checkout from before it: the click group
        from followup_tui.cli import main
        start = lambda args: main(args, standalone_mode=False)
    try:
        start(["--db", sys.argv[1]])
    except SystemExit:
        pass
with open(sys.argv[2], "a") as out:
    out.write(f"{(marks['frame'] - marks['mount']) * 1000:.1f} {(marks['frame'] - T0) * 1000:.1f}\n")
"""


def run_once(server: str, target: str, out: Path, env: dict[str, str]) -> None:
    child = out.with_suffix(".py")
    child.write_text(CHILD, encoding="utf-8")
    command = ["env", "-i", *(f"{k}={v}" for k, v in env.items()), run.PYTHON, str(child), target, str(out), str(HERE)]
    base = ["tmux", "-L", server, "-f", "/dev/null"]
    subprocess.run([*base, "kill-server"], capture_output=True)
    subprocess.run([*base, "new-session", "-d", "-s", "m", "-x", "120", "-y", "35", *command], check=True)
    deadline = time.monotonic() + 30
    while subprocess.run([*base, "has-session", "-t", "m"], capture_output=True).returncode == 0:
        if time.monotonic() > deadline:
            raise SystemExit(f"{target}: no first frame within 30 s")
        time.sleep(0.05)  # polling another process


def main() -> int:
    runs, dbs = int(sys.argv[1]), sys.argv[2:]
    server = f"followup-frame-{os.getpid()}"
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        config = home / "config" / "followup-tui" / "config.toml"  # past the first run, as benchmarks/run.py
        config.parent.mkdir(parents=True)
        config.write_text('timezone = "UTC"\nuser_name = "Sam Rivera"\n', encoding="utf-8")
        env = run.app_env(home)
        results: dict[str, list[tuple[float, float]]] = {}
        try:
            for db in dbs:  # the first start leaves the preview the others paint from
                run_once(server, db, Path(folder) / "warm.txt", env)
            for _ in range(runs):
                for target in ["bare", *dbs]:
                    out = Path(folder) / f"{len(results.get(target, []))}-{Path(target).name}.txt"
                    run_once(server, target, out, env)
                    mount, start = map(float, out.read_text().split())
                    results.setdefault(target, []).append((mount, start))
        finally:
            subprocess.run(["tmux", "-L", server, "kill-server"], capture_output=True)
    print(f"{'':24} {'mount to first frame':>22} {'start to first frame':>22}   (medians of {runs}; load {os.getloadavg()[0]:.1f})")
    for target, values in results.items():
        mount = statistics.median(v[0] for v in values)
        start = statistics.median(v[1] for v in values)
        print(f"{Path(target).name:24} {mount:19.0f} ms {start:19.0f} ms   {[round(v[0]) for v in values]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
