"""A lost terminal ends the app, whatever happens to SIGHUP.

When the terminal goes away (an SSH connection drops, a terminal window
closes) the kernel hangs it up: SIGHUP for the session, then every read
returns nothing at once. Under `su -c`, `runuser`, `nohup` or some SSH
setups SIGHUP never arrives (or is ignored), and Textual's input thread
then reads "nothing" in a tight loop forever, a core at 100%. So this asks
the kernel directly: a thread polls the terminal for hang-up or error (poll
with no events requested reports only those) and, like a SIGHUP we handle,
hands the app one `terminal_lost` call: unsaved text is kept as drafts and
the app exits. If the app cannot finish within a grace period (its output
has nowhere to go), the process ends anyway: never an orphan spinning.
"""

from __future__ import annotations

import os
import select
import signal
import sys
import threading
from collections.abc import Callable

EXIT_HANGUP = 128 + signal.SIGHUP  # what a shell reports for a process ended by a hang-up
GRACE_SECONDS = 2.0


class TerminalWatch:
    """Watches the terminal's file descriptors on a daemon thread; calls
    `on_lost` once (through `call_soon`, which runs it on the app's loop)
    when the terminal hangs up or SIGHUP arrives."""

    def __init__(self, call_soon: Callable[[Callable[[], None]], None], on_lost: Callable[[], None],
                 fds: tuple[int, ...] | None = None) -> None:
        self._call_soon = call_soon
        self._on_lost = on_lost
        self._fds = fds if fds is not None else _terminal_fds()
        self._lost = threading.Event()
        self._stopped = threading.Event()

    def start(self) -> None:
        if not self._fds:
            return
        threading.Thread(target=self._watch, name="terminal-watch", daemon=True).start()
        if signal.getsignal(signal.SIGHUP) is signal.SIG_DFL:  # ignored by whoever started us: stay ignored
            # the handler runs on the app's own thread: hand over to another, which may wait for the app
            signal.signal(signal.SIGHUP, lambda _signum, _frame: threading.Thread(target=self.lost, daemon=True).start())

    def stop(self) -> None:
        self._stopped.set()

    def lost(self) -> None:
        """The terminal is gone: let the app keep what it can and exit; end
        the process if that has not happened within the grace period."""
        if self._lost.is_set():
            return
        self._lost.set()
        deadline = threading.Timer(GRACE_SECONDS, self._end_process)
        deadline.daemon = True
        deadline.start()
        try:
            self._call_soon(self._on_lost)
        except Exception:  # the app's loop is gone already
            self._end_process()

    def _end_process(self) -> None:
        if not self._stopped.is_set():
            os._exit(EXIT_HANGUP)

    def _watch(self) -> None:
        poller = select.poll()
        for fd in self._fds:
            poller.register(fd, 0)  # nothing asked: only POLLHUP, POLLERR and POLLNVAL are reported
        while not self._stopped.is_set():
            if poller.poll(250):
                self.lost()
                return


def _terminal_fds() -> tuple[int, ...]:
    found = []
    for stream in (sys.__stdin__, sys.__stdout__):
        try:
            if stream is not None and os.isatty(stream.fileno()):
                found.append(stream.fileno())
        except (OSError, ValueError):
            continue
    return tuple(dict.fromkeys(found))
