"""The cyclic garbage collector held off while a screen is made.

Opening a screen makes tens of thousands of objects that all live as long
as it does (widgets, their styles, render caches), and almost no garbage;
the collector would walk them again and again as they are made: headless
at 10,000 applications, 70-115 ms of a form's opening (about a tenth).
The app holds it off from a screen's push to that screen's first paint,
one second at most. Only what was paused here is resumed: the start-up
pause (cli/tui.py) and anyone else's stay theirs.
"""

from __future__ import annotations

import gc

AT_MOST = 1.0  # seconds: the collector runs again even if the screen never paints


class CollectorPause:
    def __init__(self) -> None:
        self._paused = False

    def pause(self) -> None:
        if gc.isenabled():
            gc.disable()
            self._paused = True

    def resume(self) -> None:
        if self._paused:
            self._paused = False
            gc.enable()
