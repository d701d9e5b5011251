"""The data file under the OS file lock: read, checked as a whole (again only
when its bytes changed), written atomically.

Nothing of the file's content is kept between reads: each locked step
reads it again, so another process's write is always seen. What is
remembered is a digest of the content last checked (or written) here, so
the whole file is checked again (store/data_file.py) only when another
process wrote, and where its records lie (store/file_layout.py), so a
session on it reads the file through without keeping it and a save copies
the untouched records from it.
"""

from __future__ import annotations

import os
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from typing import TYPE_CHECKING

from ..domain.errors import StoreError, ValidationError
from .atomic_file import DIR_MODE, FILE_MODE, read_bytes, remove_stale_temps, write_atomic
from .special_files import check_file_mode, check_regular, tighten_folder

# What reads, checks, lays out and writes the content (msgspec's decoders,
# the record checks) is imported when the content is first read or written:
# the TUI paints a big file's board before that (`prepare(verify=False)`).
if TYPE_CHECKING:
    from ..domain.model import Application
    from .data_file import CheckedFile
    from .file_layout import FileRecords, Layout

LOCK_TIMEOUT_SECONDS = 10.0
_MAKING_A_LOCK = threading.Lock()

Digest = tuple[int, int]


def __getattr__(name: str):
    if name == "FileChanged":  # (re-exported)
        from .file_layout import FileChanged

        return FileChanged
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def check_file(path: Path, raw: bytes) -> CheckedFile:
    """data_file.check_file, imported at the first check."""
    from .data_file import check_file

    return check_file(path, raw)


def os_reason(exc: OSError) -> str:
    """`strerror: filename`, without Python's `[Errno N]`."""
    reason = exc.strerror or str(exc)
    return f"{reason}: {exc.filename}" if exc.filename else reason


def digest_of(raw: bytes) -> Digest:
    """What tells this content from any other: its length and CRC-32 (5 ms
    for 17 MB; any change of up to 32 consecutive bits is always seen, any
    other with a chance of 1 in 4 billion of being missed)."""
    return (len(raw), zlib.crc32(raw))


class LockedFile:
    """One data file, for one repository."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.notices: list[str] = []  # things the user should know, found while opening
        # The content last checked or written here, and how many applications it holds.
        self.checked: tuple[Digest, int] | None = None  # touched only with the lock held
        # What verify() decoded, handed (once) to the next `applications()`
        # if the file is still byte for byte the same.
        self._decoded: tuple[Digest, list[Application]] | None = None
        # Where the records lie in the content last checked or written here.
        self.layout: Layout | None = None  # touched only with the lock held
        self._lock = None  # the FileLock, made at first use (see _file_lock)

    def prepare(self, verify: bool) -> None:
        """Make the folder (private), create a missing file, and unless told
        not to, check the file (see `verify`). Raises StoreError or OSError."""
        parent = self.path.parent
        if not parent.exists():
            parent.mkdir(parents=True, mode=DIR_MODE, exist_ok=True)  # another process may race us
        elif notice := tighten_folder(parent, self.path.name):
            self.notices.append(notice)
        check_regular(self.path)  # a FIFO or a device: refused before anything opens it
        if not verify and self.path.exists():
            # The TUI on a big file paints before anything is read: no lock
            # yet (nor filelock's import, ~10 ms); verify() takes it and
            # removes stale temp files, in the session's start-up thread.
            check_file_mode(self.path)  # cheap: a read-only file is refused at once
            return
        with self.locked():
            remove_stale_temps(self.path)
            if not self.path.exists():
                from .data_file import APPLICATIONS, META
                from .migrations import SCHEMA_VERSION

                self.write({META: {"1": {"schema": SCHEMA_VERSION, "next_id": 1}}, APPLICATIONS: {}})
            elif verify:
                self._verify()

    def verify(self) -> None:
        """Read and check the whole file (and migrate an older one, keeping a
        copy). Raises StoreError."""
        try:
            with self.locked():
                remove_stale_temps(self.path)
                self._verify()
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot use the data file ({os_reason(exc)})") from exc

    def _verify(self) -> None:
        raw = read_bytes(self.path)
        checked = self.check(raw, force=True)
        if checked is not None and checked.migrated_from is None and self.checked is not None:
            self._decoded = (self.checked[0], checked.applications)  # (the digest check() took of raw)
        check_file_mode(self.path)  # read-only: refused; 0644: made 0600

    # -- under the lock -------------------------------------------------------------

    def _file_lock(self):
        """The OS file lock beside the data file: one object per file, made
        (and filelock imported) when first taken, by whichever thread."""
        with _MAKING_A_LOCK:
            if self._lock is None:
                from filelock import FileLock

                self._lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT_SECONDS, mode=FILE_MODE)
            return self._lock

    @contextmanager
    def locked(self) -> Iterator[None]:
        from filelock import Timeout

        lock = self._file_lock()
        try:
            lock.acquire()
        except Timeout as exc:
            raise StoreError(
                f"{self.path}: another followup session has held the lock for over "
                f"{LOCK_TIMEOUT_SECONDS:.0f} s; try again"
            ) from exc
        except OSError as exc:  # e.g. the folder was removed while the app ran
            raise StoreError(f"{self.path}: cannot take the lock file ({os_reason(exc)})") from exc
        try:
            yield
        finally:
            lock.release()

    def read(self) -> tuple[bytes, object]:
        """The file's bytes, checked (only if they changed since last checked
        here; an older schema is brought up to date first), and its change
        token taken before they were read (for `save`). With the lock held."""
        token = self.change_token()
        raw = read_bytes(self.path)
        checked = self.check(raw)
        if checked is not None and checked.migrated_from is not None:
            token = self.change_token()
            raw = read_bytes(self.path)
        return raw, token

    def lay_out(self, raw: bytes) -> None:
        """Take down where the records lie in `raw`, the content just read
        and checked (with the lock held), unless that is known already: the
        next sessions then read the file without holding it. (A session that
        reads the file whole, after another program wrote it, works on those
        bytes instead; its save takes down the layout of what it writes.)"""
        if self.checked is not None and (self.layout is None or self.layout.digest != self.checked[0]):
            from .file_layout import layout_of

            self.layout = layout_of(raw, self.checked[0])

    @contextmanager
    def tables(self) -> Iterator[tuple[dict, object]]:
        """The document for a session, with the lock held, and its change
        token (for `save`). While the file is the content laid out here (read
        through and its digest compared first), each application is read
        from the file when it is used and copied from it by the save;
        otherwise (another program wrote it, or no layout is known yet) the
        file is read whole, checked, and held for the session."""
        token = self.change_token()
        if self.layout is not None and self.checked is not None and self.layout.digest == self.checked[0]:
            source = self._records(self.layout)
            if source is not None:
                with source:
                    if source.holds_digest():
                        yield self.layout.tables(source), token
                        return
        raw, token = self.read()
        from .data_file import tables_of

        yield tables_of(self.path, raw), token

    def _records(self, layout: Layout) -> FileRecords | None:
        """The file opened for reading its records (None when it cannot be:
        the whole read then says why)."""
        from .file_layout import FileRecords

        try:
            check_regular(self.path)  # a FIFO put there meanwhile must not hang us
            return FileRecords(self.path, layout)
        except (OSError, StoreError):
            return None

    def applications(self) -> list[Application]:
        """Every application, ordered by id, decoded and checked in one pass.
        With the lock held."""
        raw = read_bytes(self.path)
        decoded, self._decoded = self._decoded, None
        if decoded is not None and decoded[0] == digest_of(raw):
            return decoded[1]
        checked = self.check(raw, force=True)
        if checked is None or checked.migrated_from is not None:  # (an older file put there meanwhile)
            checked = check_file(self.path, read_bytes(self.path))
        return checked.applications

    def check(self, raw: bytes, force: bool = False) -> CheckedFile | None:
        """Check `raw` (the file's bytes, read under the lock) unless it is
        the content last checked or written here; an older schema is brought
        up to date and written, keeping a copy of the old file. Returns what
        was checked, or None when nothing needed to be."""
        digest = digest_of(raw)
        if not force and self.checked is not None and self.checked[0] == digest:
            return None
        self.checked = None
        checked = check_file(self.path, raw)
        if checked.migrated_from is not None:
            from . import backups

            backups.write_private(self.path.with_name(f"{self.path.name}.schema{checked.migrated_from}.bak"), raw)
            self.write(checked.document)
        else:
            self.checked = (digest, len(checked.applications))
        return checked

    def save(self, data: dict, read_as: object) -> None:
        """`write`, unless the file is no longer the one read at `read_as`
        (its change token); every failure a StoreError or ValidationError."""
        from .file_layout import FileChanged

        try:
            if self.change_token() != read_as:  # a program that does not take the lock wrote meanwhile
                raise FileChanged(
                    f"{self.path}: the file changed while it was being read (another program wrote it); "
                    "nothing was saved, try again"
                )
            self.write(data)
        except UnicodeEncodeError as exc:
            # e.g. a command-line argument with bytes that are not UTF-8
            bad = exc.object[exc.start : exc.end]
            raise ValidationError("text", f"{bad!r} is not valid text (not UTF-8); nothing was saved") from exc
        except OSError as exc:  # e.g. disk full: the old file is still there
            raise StoreError(f"{self.path}: could not save ({os_reason(exc)}); the file was left as it was") from exc

    def write(self, data: dict) -> None:
        """Save `data` atomically (temp file, fsync, os.replace, fsync the
        folder), written as it is encoded; it is then the content checked.
        Text that cannot be written stops it before the file is replaced."""
        from .data_file import APPLICATIONS, encode_chunks
        from .file_layout import LayoutBuilder

        size = crc = 0
        layout = LayoutBuilder()
        copied_from = getattr(data.get(APPLICATIONS), "source", None)  # records still in the file

        def counted() -> Iterator[bytes]:  # the digest of what is written, as it is written
            nonlocal size, crc
            for chunk in encode_chunks(data, layout):
                size += len(chunk)
                crc = zlib.crc32(chunk, crc)
                yield chunk
            if copied_from is not None:
                copied_from.finish()  # FileChanged unless the old file is still the one checked

        write_atomic(self.path, counted())
        self.checked = ((size, crc), len(data.get(APPLICATIONS, ())))
        self.layout = layout.layout((size, crc))

    def change_token(self) -> object:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        # os.replace gives every save a new inode, so this catches every change.
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def forget(self) -> None:
        """Another content was put in place (a restore): check it when next read."""
        self.checked = None
        self._decoded = None
        self.layout = None
