"""What may stand at the data path, and the modes around it.

- A symbolic link is followed: the store works on its target (written
  atomically in the target's own folder, locked there). A dangling link (a
  sync folder not mounted) is refused, never replaced by a new empty file.
- Anything but a regular file (a FIFO, a device, a socket) is refused before
  it is opened, so nothing hangs on it with the lock held.
- A read-only data file is refused, not made writable behind the user's back.
- A folder of ours that others can read is tightened to 0700, with a notice.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..domain.errors import StoreError
from .atomic_file import DIR_MODE, FILE_MODE

KIND_NAMES = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a character device",
              stat.S_IFBLK: "a block device", stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a directory"}


def resolve_data_path(path: Path) -> Path:
    """The file the store should work on: `path`, or the target of a link."""
    try:
        if not path.is_symlink():
            return path
    except OSError as exc:  # e.g. a folder on the way that we may not enter
        raise StoreError(f"{path}: cannot use the data file ({exc.strerror})") from None
    target = Path(os.path.realpath(path))
    if not target.exists():
        raise StoreError(
            f"{path}: is a link to {target}, which does not exist (a folder not mounted?); "
            "refusing to create a new data file there"
        )
    return target


def check_regular(path: Path) -> None:
    """StoreError unless `path` is missing or a regular file (never opens it)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"{path}: cannot use the data file ({exc.strerror})") from None
    if not stat.S_ISREG(mode):
        kind = KIND_NAMES.get(stat.S_IFMT(mode), "not a regular file")
        raise StoreError(f"{path}: is {kind}, not a data file; left untouched")


def check_file_mode(path: Path) -> None:
    """Refuse a read-only data file; take group/other permissions away."""
    mode = stat.S_IMODE(os.stat(path).st_mode)
    if not mode & stat.S_IWUSR:
        raise StoreError(
            f"{path}: is read-only (mode {mode:04o}); left as it is. Make it writable "
            "(chmod 600) to use it, or pass another --db"
        )
    if mode != FILE_MODE:
        os.chmod(path, FILE_MODE)


OUR_NAMES = (".lock", ".backups", ".tmp-", ".bak", "crash-", "exports", ".partial")


def tighten_folder(folder: Path, data_name: str) -> str | None:
    """Make the data folder 0700 when it is ours; returns a notice, or None."""
    try:
        st = os.stat(folder)
    except OSError:
        return None
    mode = stat.S_IMODE(st.st_mode)
    if not mode & 0o077:
        return None
    others = [p.name for p in folder.iterdir()
              if not p.name.startswith((data_name, "." + data_name)) and not any(k in p.name for k in OUR_NAMES)]
    if st.st_uid == os.geteuid() and not others:
        os.chmod(folder, DIR_MODE)
        return f"{folder}: was readable by others (mode {mode:04o}); made private (0700)"
    return f"{folder}: others can read this folder (mode {mode:04o}); keep the data file in a private folder"
