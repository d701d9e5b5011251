"""Applications in one TinyDB JSON file, safe across crashes and sessions.

Every operation is one *session*: take the OS file lock, read the file, let
TinyDB do the table work (documents, ids, inserts, updates, removals) on it
through `SessionStorage`, and write it back atomically once at the end if
anything changed (temp file, fsync, os.replace, fsync the folder). TinyDB's
own JSONStorage rewrites the file in place and its caches assume a single
process, so neither is used.

Nothing of the file is kept between sessions: each reads it again, so
another process's write is always seen. What is remembered is a digest of
the content last checked (or written) here: the whole file is checked again
(store/data_file.py) only when its bytes differ from that, i.e. when
another process wrote.

Targets (benchmarks/run.py, issue 19): a save at 10,000 applications no
slower than the byte-range copying this replaced (40 ms p50 on a quiet
machine); `followup due --json` at 10,000 within 2x a plain `json.load` of
the same file (the read here is one msgspec pass, about as fast as
`json.load` alone; the rest is the cadence).
"""

from __future__ import annotations

import os
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from ..domain.errors import ConflictError, NotFoundError, StoreError, ValidationError
from ..domain.model import Application
from .atomic_file import DIR_MODE, FILE_MODE, read_bytes, remove_stale_temps, write_atomic
from .data_file import APPLICATIONS, META, CheckedFile, Records, check_file, encode, tables_of
from .migrations import SCHEMA_VERSION
from .special_files import check_file_mode, check_regular, resolve_data_path, tighten_folder

if TYPE_CHECKING:
    from . import backups  # imported where used: hashlib and the rest load after the first paint

__all__ = ["SCHEMA_VERSION", "TinyDBRepository"]

META_ID = 1
LOCK_TIMEOUT_SECONDS = 10.0
_MAKING_A_LOCK = threading.Lock()

Clock = Callable[[], datetime]
Digest = tuple[int, int]


def os_reason(exc: OSError) -> str:
    """`strerror: filename`, without Python's `[Errno N]`."""
    reason = exc.strerror or str(exc)
    return f"{reason}: {exc.filename}" if exc.filename else reason


def digest_of(raw: bytes) -> Digest:
    """What tells this content from any other: its length and CRC-32 (5 ms
    for 17 MB; any change of up to 32 consecutive bits is always seen, any
    other with a chance of 1 in 4 billion of being missed)."""
    return (len(raw), zlib.crc32(raw))


def _stat_token(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class FileChanged(StoreError):
    """Another program wrote the file (without the lock) during a session:
    nothing is saved over its change."""


class SessionStorage(Storage):
    """TinyDB storage over one already-read document; writes stay in memory
    until the session commits them atomically."""

    def __init__(self, data: dict) -> None:
        self.data = data
        self.dirty = False

    def read(self) -> dict:
        return self.data

    def write(self, data: dict) -> None:
        if APPLICATIONS in data and not isinstance(data[APPLICATIONS], Records):
            data[APPLICATIONS] = Records(data[APPLICATIONS])  # TinyDB hands back a plain dict
        self.data = data
        self.dirty = True


def _raw_table(table: Table) -> dict[str, Any]:
    """The table's documents as stored (str ids), without parsing them."""
    return table.storage.read().get(table.name, {})


class TinyDBRepository:
    """`ApplicationRepository` on a TinyDB JSON file."""

    def __init__(self, path: Path, clock: Clock | None = None) -> None:
        self.path = Path(path)
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        # The content last checked or written here, and how many applications it holds.
        self._checked: tuple[Digest, int] | None = None  # touched only with the lock held
        # What open() decoded while checking the file, handed (once) to the
        # next load_all() if the file is still byte for byte the same.
        self._decoded: tuple[Digest, list[Application]] | None = None
        self.notices: list[str] = []  # things the user should know, found while opening
        self.last_write: tuple[object, object] | None = None  # change tokens around our last save
        self._lock = None  # the FileLock, made at first use (see _file_lock)

    # -- opening ------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, clock: Clock | None = None, *, verify: bool = True) -> TinyDBRepository:
        """Open (creating if missing) and verify the file; raises StoreError.

        With `verify=False` the content is not read yet (the TUI opens a big
        file this way to paint first): call `verify()` before anything else
        uses it, as the TUI's session does in its start-up thread."""
        repo = cls(resolve_data_path(Path(path)), clock)  # a symlink is followed
        try:
            repo._prepare(verify)
        except OSError as exc:  # e.g. the parent is a file, or no permission
            raise StoreError(f"{path}: cannot use the data file ({os_reason(exc)})") from exc
        return repo

    def verify(self) -> None:
        """Read and check the whole file (and migrate an older one, keeping a
        copy): what `open` does unless told not to. Raises StoreError."""
        try:
            with self._locked():
                remove_stale_temps(self.path)
                self._check_now()
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot use the data file ({os_reason(exc)})") from exc

    def _prepare(self, verify: bool = True) -> None:
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
        with self._locked():
            remove_stale_temps(self.path)
            if not self.path.exists():
                self._write({META: {str(META_ID): {"schema": SCHEMA_VERSION, "next_id": 1}}, APPLICATIONS: {}})
            elif verify:
                self._check_now()

    def _check_now(self) -> None:
        """Check (and migrate) the file, keeping what was decoded for the
        next load_all. Call with the lock held."""
        raw = read_bytes(self.path)
        checked = self._check(raw, force=True)
        if checked is not None and checked.migrated_from is None:
            self._decoded = (digest_of(raw), checked.applications)
        check_file_mode(self.path)  # read-only: refused; 0644: made 0600

    def _check(self, raw: bytes, force: bool = False) -> CheckedFile | None:
        """Check `raw` (the file's bytes, read under the lock) unless it is
        the content last checked or written here; an older schema is brought
        up to date and written, keeping a copy of the old file. Returns what
        was checked, or None when nothing needed to be."""
        digest = digest_of(raw)
        if not force and self._checked is not None and self._checked[0] == digest:
            return None
        self._checked = None
        checked = check_file(self.path, raw)
        if checked.migrated_from is not None:
            from . import backups

            backups.write_private(self.path.with_name(f"{self.path.name}.schema{checked.migrated_from}.bak"), raw)
            self._write(checked.document)
        else:
            self._checked = (digest, len(checked.applications))
        return checked

    # -- sessions -----------------------------------------------------------

    def _file_lock(self):
        """The OS file lock beside the data file: one object per repository,
        made (and filelock imported) when first taken, by whichever thread."""
        with _MAKING_A_LOCK:
            if self._lock is None:
                from filelock import FileLock

                self._lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT_SECONDS, mode=FILE_MODE)
            return self._lock

    @contextmanager
    def _locked(self) -> Iterator[None]:
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

    @contextmanager
    def _session(self) -> Iterator[tuple[Table, Table]]:
        """Locked read-modify-write; the write is done when this exits."""
        with self._locked():
            before = self.change_token()
            raw = read_bytes(self.path)
            read_as = before
            checked = self._check(raw)
            if checked is not None and checked.migrated_from is not None:
                raw, read_as = read_bytes(self.path), self.change_token()  # the file as migrated
            storage = SessionStorage(tables_of(self.path, raw))
            db = TinyDB(storage=lambda: storage)  # type: ignore[arg-type]
            yield db.table(APPLICATIONS, cache_size=0), db.table(META, cache_size=0)
            if storage.dirty:
                self._save(storage.data, read_as)
                # Taken under the lock, so exact: a reader whose data matches
                # `before` can apply just this write and be current at `after`.
                self.last_write = (before, self.change_token())

    def _save(self, data: dict, read_as: object) -> None:
        try:
            if self.change_token() != read_as:  # a program that does not take the lock wrote meanwhile
                raise FileChanged(
                    f"{self.path}: the file changed while it was being read (another program wrote it); "
                    "nothing was saved, try again"
                )
            self._write(data)
        except UnicodeEncodeError as exc:
            # e.g. a command-line argument with bytes that are not UTF-8
            bad = exc.object[exc.start : exc.end]
            raise ValidationError("text", f"{bad!r} is not valid text (not UTF-8); nothing was saved") from exc
        except OSError as exc:  # e.g. disk full: the old file is still there
            raise StoreError(f"{self.path}: could not save ({os_reason(exc)}); the file was left as it was") from exc

    def _write(self, data: dict) -> None:
        """Save `data` atomically (call with the lock held); it is then the
        content checked. Encoded first: text that cannot be written stops it
        before any file is made."""
        raw = encode(data)
        write_atomic(self.path, raw)
        self._checked = (digest_of(raw), len(data.get(APPLICATIONS, ())))

    @staticmethod
    def _first_free_id(apps: Table, meta: Table) -> int:
        record = meta.get(doc_id=META_ID) or {}
        # max() guards against a hand-edited or older file whose counter lags.
        used = max((int(doc_id) for doc_id in _raw_table(apps)), default=0)
        return max(int(record.get("next_id", 1)), used + 1)

    def _to_app(self, doc_id: int | str, doc: dict) -> Application:
        try:
            return Application.from_dict(doc, app_id=int(doc_id))
        except ValidationError as exc:  # checked with the file: only if the rules changed under us
            raise StoreError(f"{self.path}: application {doc_id} is malformed ({exc}); left untouched") from exc

    @staticmethod
    def _rev_of(apps: Table, app_id: int) -> int | None:
        doc = apps.get(doc_id=int(app_id))
        return None if doc is None else int(doc.get("rev", 0))

    # -- the repository interface ----------------------------------------------

    def list(self) -> list[Application]:
        return self.load_all()

    def load_all(self) -> list[Application]:
        """Every application, ordered by id, decoded and checked in one pass
        (store/data_file.py). Takes the lock: never a half-written state.
        The objects are the caller's."""
        with self._locked():
            raw = read_bytes(self.path)
            decoded, self._decoded = self._decoded, None
            if decoded is not None and decoded[0] == digest_of(raw):
                return decoded[1]
            checked = self._check(raw, force=True)
            if checked is None or checked.migrated_from is not None:  # (an older file put there meanwhile)
                checked = check_file(self.path, read_bytes(self.path))
            return checked.applications

    def get(self, app_id: int) -> Application:
        with self._session() as (apps, _meta):
            doc = apps.get(doc_id=int(app_id))
            if doc is None:
                raise NotFoundError(app_id)
            return self._to_app(app_id, doc)

    def _stamp_new(self, application: Application) -> Application:
        application.validate()
        stored = application.copy()
        now = self.clock()
        stored.created = stored.created or now
        stored.updated = now
        stored.rev = 1
        return stored

    def add(self, application: Application) -> Application:
        return self.add_many([application])[0]

    def add_many(self, applications: Iterable[Application]) -> list[Application]:
        prepared = [self._stamp_new(app) for app in applications]  # validate all first
        with self._session() as (apps, meta):
            # ids for the whole batch at once, and one table update: linear
            first = self._first_free_id(apps, meta)
            for offset, stored in enumerate(prepared):
                stored.id = first + offset
            apps.insert_multiple([Document(stored.to_dict(), doc_id=stored.id) for stored in prepared])
            meta.update({"next_id": first + len(prepared)}, doc_ids=[META_ID])
        return prepared

    def add_and_update(
        self, new: Iterable[Application], changed: Iterable[Application]
    ) -> tuple[list[Application], list[Application]]:
        """Store new applications and changes to stored ones in one locked
        write (an import): all or nothing, every change rev-checked. Linear,
        like add_many: TinyDB rewrites its table once for the removals and
        once for the inserts."""
        prepared = [self._stamp_new(app) for app in new]
        changed = list(changed)
        for application in changed:
            if application.id is None:
                raise ValidationError("id", "cannot update an application that was never stored")
            application.validate()
        with self._session() as (apps, meta):
            stored_changes = []
            for application in changed:
                actual = self._rev_of(apps, application.id)
                if actual != application.rev:
                    raise ConflictError(application.id, application.rev, actual)
                stored = application.copy()
                stored.rev = application.rev + 1
                stored.updated = self.clock()
                stored_changes.append(stored)
            first = self._first_free_id(apps, meta)
            for offset, stored in enumerate(prepared):
                stored.id = first + offset
            if stored_changes:
                apps.remove(doc_ids=[a.id for a in stored_changes])
            documents = [Document(a.to_dict(), doc_id=a.id) for a in [*stored_changes, *prepared]]
            if documents:
                apps.insert_multiple(documents)
            if prepared:
                meta.update({"next_id": first + len(prepared)}, doc_ids=[META_ID])
        return prepared, stored_changes

    def update(self, application: Application) -> Application:
        if application.id is None:
            raise ValidationError("id", "cannot update an application that was never stored")
        application.validate()
        with self._session() as (apps, _meta):
            actual = self._rev_of(apps, application.id)
            if actual != application.rev:
                raise ConflictError(application.id, application.rev, actual)
            stored = application.copy()
            stored.rev = application.rev + 1
            stored.updated = self.clock()
            self._replace(apps, stored)
        return stored

    @staticmethod
    def _replace(apps: Table, application: Application) -> None:
        apps.upsert(Document(application.to_dict(), doc_id=application.id))

    def modify(self, app_id: int, change: Callable[[Application], None]) -> Application:
        with self._session() as (apps, _meta):
            doc = apps.get(doc_id=int(app_id))
            if doc is None:
                raise NotFoundError(app_id)
            application = self._to_app(app_id, doc)
            change(application)
            application.validate()
            application.rev += 1
            application.updated = self.clock()
            self._replace(apps, application)
        return application

    def delete(self, app_id: int, expected_rev: int | None = None) -> None:
        with self._session() as (apps, _meta):
            actual = self._rev_of(apps, app_id)
            if actual is None:
                raise NotFoundError(app_id)
            if expected_rev is not None and actual != expected_rev:
                raise ConflictError(app_id, expected_rev, actual)
            apps.remove(doc_ids=[int(app_id)])

    def restore_deleted(self, application: Application) -> Application:
        """Undo a delete: the application back under its own id, only if no
        record holds that id now (checked under the lock, like every save)."""
        if application.id is None:
            raise ValidationError("id", "cannot restore an application that was never stored")
        application.validate()
        with self._session() as (apps, meta):
            actual = self._rev_of(apps, application.id)
            if actual is not None:
                raise ConflictError(application.id, application.rev, actual)
            stored = application.copy()
            stored.rev = application.rev + 1  # a new revision: readers of the old one reload
            stored.updated = self.clock()
            next_id = self._first_free_id(apps, meta)  # computed before: never reused
            apps.insert(Document(stored.to_dict(), doc_id=stored.id))
            meta.update({"next_id": max(next_id, stored.id + 1)}, doc_ids=[META_ID])
        return stored

    def change_token(self) -> object:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        # os.replace gives every save a new inode, so this catches every change.
        return _stat_token(st)

    # -- backups (store/backups.py) ------------------------------------------------

    def list_backups(self) -> list[backups.Backup]:
        from . import backups

        return backups.list_backups(self.path)

    def rotate_backups(self) -> Path | None:
        """Back up the file as it is now if it changed since the newest backup
        (thinning old ones); never a file that fails validation. Returns the new
        backup, or None when the newest one already holds this content.
        Raises StoreError when the copy cannot be written."""
        from . import backups

        with self._locked():
            backups.remove_partials(self.path)
            raw = read_bytes(self.path)
            checked = self._check(raw)
            if checked is not None and checked.migrated_from is not None:  # back up the file as migrated
                raw = read_bytes(self.path)
            assert self._checked is not None
            try:
                made = backups.save_backup(self.path, raw, self._checked[1], self.clock())
            except OSError as exc:
                raise StoreError(f"could not write a backup ({os_reason(exc)})") from exc
            return made.path if made else None

    def restore(self, source: Path) -> tuple[Path | None, int]:
        """Put the backup `source` in place of the data file, after backing up
        the current file (or, when it is damaged, keeping it aside in the
        backups folder). Works when the current file does not validate.
        Returns (where the current file went, applications restored)."""
        from . import backups

        with self._locked():
            try:
                raw = source.read_bytes()
            except OSError as exc:
                raise StoreError(f"{source}: cannot read the backup ({os_reason(exc)})") from None
            count = len(check_file(source, raw).applications)
            kept: Path | None = None
            try:
                if self.path.exists():
                    current = self.path.read_bytes()
                    try:
                        count_now = len(check_file(self.path, current).applications)
                    except StoreError:
                        kept = backups.keep_damaged(self.path, current, self.clock())
                    else:
                        made = backups.save_backup(self.path, current, count_now, self.clock())
                        kept = made.path if made else backups.list_backups(self.path)[0].path
                write_atomic(self.path, raw)
            except OSError as exc:
                raise StoreError(f"{self.path}: could not restore ({os_reason(exc)}); the file was left as it was") from exc
            self._checked = None
            return kept, count
