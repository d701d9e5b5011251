"""Checks that the installed app still works: every module of the package imports
in this fresh interpreter and `followup --help` runs. `.ci/run` calls it after the
suite, so a test that writes into the source tree (such as truncated bytecode from
a subprocess under a file-size limit) turns CI red instead of breaking the app."""

from __future__ import annotations

import importlib
import pathlib
import pkgutil
import shutil
import subprocess
import sys

import followup_tui


def main() -> int:
    failed = []
    names = [m.name for m in pkgutil.walk_packages(followup_tui.__path__, "followup_tui.")
             if not m.name.endswith("__main__")]  # it would start the app
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - every failure is reported
            failed.append(f"{name}: {type(exc).__name__}: {exc}")
    exe = shutil.which("followup", path=str(pathlib.Path(sys.executable).parent))
    done = subprocess.run([exe or "followup", "--help"], capture_output=True, text=True, timeout=60)
    if done.returncode != 0 or "Usage:" not in done.stdout:
        failed.append(f"followup --help: exit {done.returncode}: {(done.stdout + done.stderr).strip()[:200]}")
    for line in failed:
        print(f"check_install: {line}", file=sys.stderr)
    if not failed:
        print(f"check_install: {len(names)} modules import, followup --help works")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
