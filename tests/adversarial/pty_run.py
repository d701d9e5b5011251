"""The real `followup` command in a real pseudo-terminal: what it writes to
the terminal, byte for byte, and how it exits."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

DEADLINE_SECONDS = 30.0


class PtyProcess:
    def __init__(self, argv: list[str], env: dict[str, str], cols: int = 100, rows: int = 30) -> None:
        import fcntl
        import struct
        import termios

        import pyte

        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.master = master
        self.output = bytearray()
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, close_fds=True
        )
        os.close(slave)

    def _pump(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: the other side closed
            return False
        if not chunk:
            return False
        self.output += chunk
        self.stream.feed(chunk)
        return True

    def text(self) -> str:
        """What the terminal shows now (pyte renders the bytes), lines joined."""
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for_text(self, needle: str, timeout: float = DEADLINE_SECONDS) -> None:
        """Read until `needle` is visible on the screen (joined across lines too)."""
        end = time.monotonic() + timeout
        while True:
            shown = self.text()
            if needle in shown or needle in " ".join(" ".join(shown.split()).split("│")):
                return
            if time.monotonic() > end:
                raise AssertionError(f"{needle!r} never shown; screen:\n{shown}")
            if not self._pump(0.1) and self.proc.poll() is not None:
                raise AssertionError(f"exited {self.proc.returncode} before {needle!r}; screen:\n{shown}")

    def wait_for(self, needle: bytes, timeout: float = DEADLINE_SECONDS, start: int = 0) -> int:
        """Read until `needle` appears after offset `start`; returns its end offset."""
        end = time.monotonic() + timeout
        while True:
            found = self.output.find(needle, start)
            if found >= 0:
                return found + len(needle)
            if time.monotonic() > end:
                raise AssertionError(f"{needle!r} never appeared; got {bytes(self.output[-2000:])!r}")
            if not self._pump(0.1) and self.proc.poll() is not None:
                raise AssertionError(f"exited {self.proc.returncode} before {needle!r}: {bytes(self.output[-2000:])!r}")

    def wait_until_gone(self, needle: str, timeout: float = DEADLINE_SECONDS) -> None:
        end = time.monotonic() + timeout
        while needle in self.text():
            if time.monotonic() > end:
                raise AssertionError(f"{needle!r} still shown; screen:\n{self.text()}")
            self._pump(0.05)

    def send(self, keys: str | bytes) -> None:
        os.write(self.master, keys.encode() if isinstance(keys, str) else keys)

    def finish(self, timeout: float = DEADLINE_SECONDS) -> int:
        end = time.monotonic() + timeout
        while self.proc.poll() is None or self._pump(0):
            if time.monotonic() > end:
                self.kill()
                raise AssertionError(f"still running after {timeout} s: {bytes(self.output[-2000:])!r}")
            if not self._pump(0.05) and self.proc.poll() is not None:
                break
        os.close(self.master)
        return self.proc.returncode

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


def followup_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "followup_tui", *args]


def clean_env(home: Path, past_first_run: bool = True, **extra: str) -> dict[str, str]:
    """A user's environment in `home`. `past_first_run`: a config file that
    sets user_name (empty: every setting at its default) exists, as for anyone
    past the first-run screen, so `followup` opens on the board."""
    if past_first_run:
        config = home / "config" / "followup-tui" / "config.toml"
        if not config.exists():
            config.parent.mkdir(parents=True, exist_ok=True)
            config.write_text('user_name = ""\n', encoding="utf-8")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "LANG": "C.UTF-8",
        "TZ": "UTC",
        "FOLLOWUP_NOW": "2026-11-25T15:00:00Z",
        # a subprocess never writes into the source tree (truncated bytecode under a limit)
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.update(extra)
    return env
