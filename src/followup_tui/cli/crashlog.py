"""After a crash: the traceback (never its local variables, which hold the
user's data) goes to a private log file in the data directory, and the user
gets one line naming that file."""

from __future__ import annotations

import os
import tempfile
import traceback
from datetime import datetime, timezone
from pathlib import Path

LOG_PREFIX = "crash-"


def write_crash_log(directory: Path, error: BaseException) -> Path | None:
    """Write the traceback of `error` to a new 0600 file; None if nowhere could take it."""
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    for folder in (directory, Path(tempfile.gettempdir())):
        try:
            fd, name = tempfile.mkstemp(prefix=f"{LOG_PREFIX}{stamp}-", suffix=".log", dir=folder)
        except OSError:
            continue
        try:
            with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write(f"followup-tui crashed at {stamp}\n{text}")
        except OSError:
            continue
        return Path(name)
    return None


def crash_line(error: BaseException, log: Path | None) -> str:
    where = f"the details are in {log}" if log else "no log file could be written"
    return f"crashed ({type(error).__name__}); {where}"
