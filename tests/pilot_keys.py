"""Pilot's key presses, without its wait for the CPU to go idle after each key.

`pilot.press` waits twice per key for the process to spend under 1 ms of CPU
in a 20 ms sleep (textual._wait.wait_for_idle): 70 ms a key on average here,
half of the UI tests' time, and longer when any thread of the process is
busy. What a test needs after a key is that the key was handled, with what it
set off in the app and the current screen's widgets: this waits for that,
turn by turn (the queues of the focused widget, its parents, the screen
and the app; three rounds for the messages that messages post), and returns as soon as it is done. A test that needs more (a
worker, a timer, a thread) waits on its condition, as every test here must."""

from __future__ import annotations

import asyncio

import textual.app
from textual._context import active_app

ROUNDS = 3
ROUND_TIMEOUT = 1.0  # s: as Textual's own wait, never longer than this for a round


def _resolve(done: asyncio.Future) -> None:
    if not done.done():
        done.set_result(None)


async def _round(nodes) -> None:
    loop = asyncio.get_running_loop()
    waiting = []
    for node in nodes:
        done = loop.create_future()
        # A Python function, not the future's own set_result: Textual reads
        # the signature of each callback it calls, and a builtin method's
        # (parsed from its text signature, never cached) cost 180 us a node
        # and round, a tenth of the UI tests' time; a function's, 20 us.
        if node.call_later(_resolve, done):
            waiting.append(done)
    if waiting:
        await asyncio.wait(waiting, timeout=ROUND_TIMEOUT)


async def key_handled(min_sleep: float = 0, max_sleep: float = 1) -> None:
    """Until what was queued when it was called, and what that posted in
    turn, has been handled by the app and its current screen."""
    del min_sleep, max_sleep  # the signature of the wait it stands in for
    app = active_app.get()
    await _round([app])  # the key itself: forwarded to the screen, the focused widget
    for _ in range(ROUNDS):
        try:
            screen = app.screen
        except Exception:  # no screen (the app is closing)
            return
        # where a key's messages go: the focused widget and up its parents to
        # the screen (every widget of a screen would cost more than the wait saves)
        focused = screen.focused
        await _round([app, screen, *(focused.ancestors_with_self if focused is not None else ())])


def install(monkeypatch) -> None:
    monkeypatch.setattr(textual.app, "wait_for_idle", key_handled)
