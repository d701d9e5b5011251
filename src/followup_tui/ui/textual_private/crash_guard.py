"""A crash in the full-screen app: log it, say one line, exit non-zero.

Textual renders an unhandled exception as a traceback *with local variables*
(the user's applications) and the process exits 0. Textual has no public hook
for this, so the one private one (named in textual_compat.py, the one module
that touches Textual's private API) is wrapped here and checked by
tests/ui/test_textual_compat.py and tests/adversarial/test_process.py, which
fail loudly if an upgrade drops it.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App

from .textual_compat import CRASH_HOOK as HOOK


def install(app: App, on_crash: Callable[[BaseException], str]) -> list[str]:
    """Replace Textual's crash report (a traceback with locals) by
    `on_crash(error)`, which logs it and returns the one line to show after
    the app has left the screen; returns the list those lines are kept in."""
    if not callable(getattr(app, HOOK, None)):
        raise RuntimeError(f"textual.App.{HOOK} is gone: update followup_tui/ui/textual_private/crash_guard.py")
    crashes: list[str] = []

    def handle(error: Exception) -> None:
        if not crashes:
            crashes.append(on_crash(error))
            app.panic()  # public: leave the screen, print nothing of the error


    setattr(app, HOOK, handle)
    return crashes
