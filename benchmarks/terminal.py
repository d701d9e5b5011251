"""Timing a full-screen program from outside, in a real terminal: a pane of a
private tmux server (`tmux -L followup-bench`), driven through one control-mode
client so that polling the screen costs a round trip, not a new process.

Times are taken by this process: just before a key (or the program) is sent,
and when a capture of the pane first shows what was waited for. A capture
round trip is well under a millisecond when the machine is idle; it is the
resolution of every figure.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Callable

# One private server per run: two people benchmarking at once never kill each other's panes.
SERVER = f"followup-bench-{os.getpid()}"
SESSION = "bench"
PANE = f"{SESSION}:0.0"


class TmuxError(RuntimeError):
    pass


class Terminal:
    """One tmux pane of a fixed size, and the control client that drives it."""

    def __init__(self, width: int = 120, height: int = 35) -> None:
        self.width, self.height = width, height
        base = ["tmux", "-L", SERVER, "-f", "/dev/null"]
        subprocess.run([*base, "kill-server"], capture_output=True)
        subprocess.run(
            [*base, "new-session", "-d", "-s", SESSION, "-x", str(width), "-y", str(height), "sleep 1000000"],
            check=True,
            capture_output=True,
        )
        self.client = subprocess.Popen(
            [*base, "-C", "attach-session", "-t", SESSION, "-f", "no-output"],  # no pane output streamed
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
        )
        self._buffer = b""
        while not self._line().startswith(b"%end"):  # the block answering the attach itself
            pass
        self.command("set-option -g window-size manual")
        self.command(f"resize-window -t {SESSION} -x {width} -y {height}")
        self.command("set-option -g remain-on-exit on")

    # -- control mode ------------------------------------------------------------

    def _line(self) -> bytes:
        while b"\n" not in self._buffer:
            chunk = os.read(self.client.stdout.fileno(), 1 << 16)
            if not chunk:
                raise TmuxError("the tmux control client went away")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line

    def command(self, line: str) -> list[str]:
        """Run one tmux command; its output lines."""
        self.client.stdin.write(line.encode() + b"\n")
        while not self._line().startswith(b"%begin"):
            pass  # notifications between blocks
        out: list[bytes] = []
        while True:
            row = self._line()
            if row.startswith(b"%end") or row.startswith(b"%error"):
                if row.startswith(b"%error"):
                    raise TmuxError(f"{line}: {b' '.join(out).decode(errors='replace')}")
                return [r.decode("utf-8", errors="replace") for r in out]
            out.append(row)

    def screen(self, styled: bool = False) -> str:
        """What the pane shows now (with colours and attributes if `styled`)."""
        return "\n".join(self.command(f"capture-pane -p {'-e ' if styled else ''}-t {PANE}"))

    # -- programs and keys -------------------------------------------------------

    def start(self, argv: list[str], env: dict[str, str]) -> float:
        """Start `argv` in the pane (replacing what ran there); returns the
        moment it was asked for."""
        words = " ".join(_plain(a) for a in ["exec", "env", *(f"{k}={v}" for k, v in env.items()), *argv])
        started = time.perf_counter()
        self.command(f"respawn-pane -k -t {PANE} '{words}'")
        return started

    def pid(self) -> int:
        return int(self.command(f"display-message -p -t {PANE} '#{{pane_pid}}'")[0])

    def dead(self) -> bool:
        return self.command(f"display-message -p -t {PANE} '#{{pane_dead}}'")[0] == "1"

    def keys(self, *keys: str) -> float:
        """Send keys (tmux names: j, L, Escape, Enter...); returns when."""
        sent = time.perf_counter()
        self.command(f"send-keys -t {PANE} " + " ".join(_quote(k) for k in keys))
        return sent

    def type_text(self, text: str) -> None:
        """Type `text` as it is (letters, digits, spaces)."""
        assert re.fullmatch(r"[\w .-]+", text), text
        self.command(f"send-keys -t {PANE} -l '{text}'")

    def wait_for(self, test: Callable[[str], bool], timeout: float = 60.0, styled: bool = False) -> float:
        """Poll until `test(screen)` holds; returns the moment of that capture."""
        deadline = time.perf_counter() + timeout
        while True:
            shown = self.screen(styled)
            now = time.perf_counter()
            if test(shown):
                return now
            if now > deadline:
                raise TmuxError(f"timed out; the pane shows:\n{shown}")

    def settle(self, quiet: float = 0.25, timeout: float = 30.0, styled: bool = True) -> str:
        """Wait until the screen has not changed for `quiet` seconds."""
        deadline = time.perf_counter() + timeout
        last, since = self.screen(styled), time.perf_counter()
        while time.perf_counter() - since < quiet:
            time.sleep(0.02)
            shown = self.screen(styled)
            if shown != last:
                last, since = shown, time.perf_counter()
            if time.perf_counter() > deadline:
                break
        return last

    def key_to_change(
        self, key: str, styled: bool = True, part: Callable[[str], str] | None = None, timeout: float = 30.0
    ) -> float:
        """Seconds from sending `key` to the first capture that differs (in
        `part` of the screen only, if given: a toast fading elsewhere is not
        the answer to the key)."""
        part = part or (lambda shown: shown)
        self.settle(styled=styled)
        before = part(self.screen(styled))
        sent = self.keys(key)
        return self.wait_for(lambda shown: part(shown) != before, timeout, styled) - sent

    def key_to(self, key: str, test: Callable[[str], bool], timeout: float = 30.0) -> float:
        """Seconds from sending `key` until the screen passes `test`."""
        self.settle()
        sent = self.keys(key)
        return self.wait_for(test, timeout) - sent

    def stop(self, timeout: float = 15.0) -> None:
        """End what runs in the pane (tmux hangs it up) and wait until it has
        exited, as a user's shell would before the next command: a start
        timed while the last session still shuts down (saving its board
        preview, flushing its saves) measured the two sharing the machine."""
        pid = self.pid()
        self.command(f"respawn-pane -k -t {PANE} 'sleep 1000000'")
        deadline = time.perf_counter() + timeout
        while os.path.exists(f"/proc/{pid}") and time.perf_counter() < deadline:
            time.sleep(0.01)

    def close(self) -> None:
        try:
            self.command("kill-server")
        except TmuxError:
            pass
        self.client.kill()
        self.client.wait()


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    return _status_mb(pid, "VmHWM")


def rss_mb(pid: int) -> float:
    """The process's resident memory now (VmRSS), in MB."""
    return _status_mb(pid, "VmRSS")


def _status_mb(pid: int, field: str) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field}")


_SAFE = re.compile(r"^[\w@%+=:,./-]+$")


def _plain(word: str) -> str:
    """A word that needs no quoting, for tmux's parser or the shell."""
    if not _SAFE.match(word):
        raise ValueError(f"{word!r}: use paths and values without spaces or quotes")
    return word


def _quote(word: str) -> str:
    """A key name for send-keys."""
    return word if _SAFE.match(word) else "'" + word + "'"
