"""Starting the full-screen app (on demo data: demo.py)."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from pathlib import Path

from ..domain.errors import FollowupError
from ..settings.paths import config_path
from .context import CliContext, clock_from_env, fail, say
from .crashlog import crash_line, write_crash_log

NO_TERMINAL = (
    "the full-screen app needs a terminal on its input and output "
    "(over SSH use `ssh -t`); the subcommands work without one (followup --help)"
)


def has_terminal() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


def demo_notice(kept_in: Path | None) -> str:
    """What the demo's header says about its data."""
    if kept_in is None:
        return "DEMO: data deleted on quit (keep it: followup demo --keep DIR)"
    return f"DEMO: data kept in {kept_in}"


def pause_collector() -> Callable[[], None]:
    """Python's cyclic garbage collector off until the board is painted;
    returns what turns it back on (once: later calls do nothing).

    Start-up makes some 60,000 long-lived objects (Textual's modules, the
    styles, the board) and almost no garbage; the collector would sweep them
    again and again while they are made: measured at 1,000 applications, a
    quarter of the CPU time to the first paint. Once the board is painted,
    everything made so far is frozen out of the collector's sweeps (it lives
    as long as the app; the few start-up cycles left unreachable, some 7,000
    small objects, stay too) and the collector runs as usual from then on."""
    was_on = gc.isenabled()
    gc.disable()

    def back_on() -> None:
        if was_on and not gc.isenabled():
            gc.freeze()
            gc.enable()

    return back_on


def give_big_buffers_back() -> None:
    """Have the C allocator hand every block over 128 KB back to the system
    when it is freed (glibc; elsewhere nothing to do).

    The TUI reads and writes the whole data file (17 MB at 10,000
    applications) in worker threads. By default glibc raises its mmap
    threshold to the size of the largest block freed so far, so after the
    first such read the next ones come from the heap of the thread's arena
    and stay there once freed: some 45 MB of RSS that nothing uses at
    10,000 (issue 19). A fixed threshold keeps them out of the heaps."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # a C library without mallopt
        return
    mallopt(M_MMAP_THRESHOLD, BIG_BUFFER_BYTES)


M_MMAP_THRESHOLD = -3  # glibc's malloc.h
BIG_BUFFER_BYTES = 128 * 1024  # glibc's default, kept fixed


def launch(ctx: CliContext, db: Path, need_terminal: bool = True, notice: str | None = None,
           first_run: bool = False, web: bool = False) -> None:
    """Run the TUI on `db`; `need_terminal` is False only for a browser tab
    (`followup serve`), whose terminal is the web driver. `first_run` offers
    the first-run screen when there is no config file yet (not in the demo)."""
    if need_terminal and not has_terminal():
        fail(NO_TERMINAL)  # at once: no spinning without a terminal, nothing outlives the connection
    collector_back_on = pause_collector()  # before Textual is imported
    try:
        from ..factory import build_app  # textual is imported only when the TUI runs
        from ..ui.textual_private.crash_guard import install
        from ..ui.terminal_watch import EXIT_HANGUP, TerminalWatch

        settings = ctx.settings
        try:
            app = build_app(db, settings, clock_from_env, config_file=config_path(ctx.config_option), first_run=first_run,
                            web=web)
        except FollowupError as exc:
            fail(str(exc))
        if notice:
            app.sub_title = notice  # in the header, on every screen
        crashes = install(app, lambda error: crash_line(error, write_crash_log(db.parent, error)))
        app.after_first_paint(collector_back_on)
        app.after_first_paint(give_big_buffers_back)  # before a big file is read (ctypes: not before the paint)
        watch = TerminalWatch(app.call_from_thread, lambda: app.terminal_lost(EXIT_HANGUP))
        if need_terminal:
            watch.start()
        try:
            app.run()
        finally:
            watch.stop()
    finally:
        collector_back_on()  # the app stopped before its first paint (or failed to start)
    if app.refused:  # a big file is checked after the first paint
        fail(app.refused)
    if crashes:
        say(f"followup: {crashes[0]}")
        sys.exit(1)
    if app.return_code:
        sys.exit(app.return_code)


def run_tui(ctx: CliContext) -> None:
    launch(ctx, ctx.db, first_run=True)
