"""Applications in one TinyDB JSON file, safe across crashes and sessions.

Every operation is one *session*: take the OS file lock, read the file, let
TinyDB work on it in memory, and write it back atomically once at the end if
anything changed. TinyDB's own JSONStorage rewrites the file in place and its
caches assume a single process, so neither is used.

Reading is cheap when nothing changed: the repository keeps the document it
last parsed (or wrote) with the exact bytes of the file at that moment. Each
session still reads the file's bytes under the lock, and parses (and checks)
them again only when they differ, i.e. when another process wrote. Comparing
bytes, not a stat() token, keeps this exact whatever the file system's
timestamps and inode reuse do.
"""

from __future__ import annotations

import os
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from ..domain.errors import ConflictError, FollowupError, NotFoundError, StoreError, ValidationError
from ..domain.model import Application
from .atomic_file import (
    DIR_MODE,
    FILE_MODE,
    parse_json_document,
    read_bytes,
    remove_stale_temps,
    write_atomic,
)
from .file_records import FileChanged, FileRecord, RecordReader, encode_document_chunks, index_records
from .migrations import SCHEMA_VERSION, migrate
from .fast_decode import decode_as_written, index_as_written
from .special_files import check_file_mode, check_regular, resolve_data_path, tighten_folder
from .validation import check_document, schema_of

if TYPE_CHECKING:
    import hashlib

    from . import backups  # imported where used: hashlib and the rest load after the first paint

APPLICATIONS = "applications"
META = "_meta"
META_ID = 1
LOCK_TIMEOUT_SECONDS = 10.0
_MAKING_A_LOCK = threading.Lock()

Clock = Callable[[], datetime]


def os_reason(exc: OSError) -> str:
    """`strerror: filename`, without Python's `[Errno N]`."""
    reason = exc.strerror or str(exc)
    return f"{reason}: {exc.filename}" if exc.filename else reason


Digest = tuple[int, int, int, int, int]
READ_CHUNK = 1 << 20


def digest_of(raw: bytes, st: os.stat_result) -> Digest:
    """What tells this content from any other: its CRC-32 and length (2 ms
    for 17 MB; any change of up to 32 consecutive bits is always seen, any
    other with a chance of 1 in 4 billion of being missed), and the file's
    inode, mtime and ctime (which no program sets back: a change must also
    keep those to hide)."""
    return (len(raw), zlib.crc32(raw), st.st_ino, st.st_mtime_ns, st.st_ctime_ns)


@dataclass
class Snapshot:
    """The file as this repository last read or wrote it (checked as a whole).

    Its bytes are not kept (17 MB at 10,000 applications), only a digest of
    them: "did anyone else write?" compares the file's digest, computed while
    reading it in chunks (~5 ms at 10,000), so even a change that keeps size,
    mtime and inode is seen."""

    digest: Digest  # see digest_of
    # The document TinyDB works on, each application left in the file (a
    # FileRecord: where it is and its CRC-32, store/file_records.py: only the
    # records a session touches are read and parsed, a save copies the
    # others' bytes from the file); parsed (a migrated file, or one msgspec
    # cannot index) until it is first written; or None until a session needs
    # it (the file is then read again).
    data: dict | None = None
    migrated_from: int | None = None  # the file's older schema; `data` is migrated
    count: int = 0  # applications, when `data` is None


class SessionStorage(Storage):
    """TinyDB storage over one already-read document; writes stay in memory
    until the session commits them atomically."""

    def __init__(self, data: dict) -> None:
        self.data = data
        self.dirty = False

    def read(self) -> dict:
        return self.data

    def write(self, data: dict) -> None:
        self.data = data
        self.dirty = True


def _raw_table(table: Table) -> dict[str, dict | FileRecord]:
    """The table's documents as stored (str ids), without copying them; an
    untouched record may still be in the file only (see `_stored`)."""
    return table.storage.read().get(table.name, {})


class TinyDBRepository:
    """`ApplicationRepository` on a TinyDB JSON file."""

    def __init__(self, path: Path, clock: Clock | None = None) -> None:
        self.path = Path(path)
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self._snapshot: Snapshot | None = None  # touched only with the lock held
        # What open() decoded while checking the file, handed (once) to the
        # next load_all() if the file is still byte for byte that snapshot.
        self._decoded: tuple[Snapshot, list[Application]] | None = None
        self.notices: list[str] = []  # things the user should know, found while opening
        self.last_write: tuple[object, object] | None = None  # change tokens around our last save
        self._lock = None  # the FileLock, made at first use (see _file_lock)
        self._reader: RecordReader | None = None  # the file's records, during a session

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
                self._check_content(index=True)
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
                data = {META: {str(META_ID): {"schema": SCHEMA_VERSION, "next_id": 1}}, APPLICATIONS: {}}
                self._write(data)
                return
            if verify:
                self._check_content()
            else:
                check_file_mode(self.path)  # cheap: a read-only file is refused at once

    def _check_content(self, index: bool = False) -> None:
        """Read, check (and migrate) the file. Call with the lock held.
        With `index`, also note where each record is, while the bytes are in
        memory (the TUI's sessions follow: their first save reads nothing)."""
        raw = read_bytes(self.path)
        decoded = decode_as_written(self.path, raw)
        if decoded is not None:  # checked as a whole, at C speed: nothing to migrate
            self._snapshot = Snapshot(self._digest_of_read(raw), count=len(decoded[1]))
            if index:
                self._snapshot.data = self._document_of(raw)
            self._decoded = (self._snapshot, decoded[1])
            del raw
            check_file_mode(self.path)
            return
        snapshot = self._load(raw)
        if snapshot.migrated_from is not None:
            self._backup_copy(suffix=f".schema{snapshot.migrated_from}.bak")
            self._write(snapshot.data)
        check_file_mode(self.path)  # read-only: refused; 0644: made 0600

    def _schema_of(self, data: dict) -> int:
        return schema_of(self.path, data)

    def _file_digest(self, also: hashlib._Hash | None = None) -> Digest | None:
        """The digest of the file as it is now, read in chunks (no copy of it
        in memory), the chunks also fed to `also`; None when it cannot be
        read (read_bytes then says why)."""
        check_regular(self.path)  # a FIFO put there later must not hang us
        try:
            with open(self.path, "rb") as handle:
                st = os.fstat(handle.fileno())
                size = crc = 0
                while chunk := handle.read(READ_CHUNK):
                    size += len(chunk)
                    crc = zlib.crc32(chunk, crc)
                    if also is not None:
                        also.update(chunk)
        except OSError:
            return None
        return (size, crc, st.st_ino, st.st_mtime_ns, st.st_ctime_ns)

    def _digest_of_read(self, raw: bytes) -> Digest:
        try:
            st = self.path.stat()
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot read the data file ({os_reason(exc)})") from exc
        return digest_of(raw, st)

    def _load(self, raw: bytes | None = None, document: bool = False) -> Snapshot:
        """The file's current content, parsed and checked only if it changed
        since this object last read or wrote it; with `document`, its
        document is ready for a session. Call with the lock held."""
        snapshot = self._snapshot
        if raw is None:
            if snapshot is not None and (snapshot.data is not None or not document):
                if self._file_digest() == snapshot.digest:
                    return snapshot
            raw = read_bytes(self.path)
        digest = self._digest_of_read(raw)
        if snapshot is not None and snapshot.digest == digest:
            if snapshot.data is None and document:
                snapshot.data = self._document_of(raw)  # checked when it was read
            return snapshot
        self._snapshot = None
        decoded = decode_as_written(self.path, raw)  # checked as a whole, at C speed
        if decoded is not None:
            snapshot = Snapshot(digest, count=len(decoded[1]))
            del decoded
        else:
            data = parse_json_document(self.path, raw)
            # Whole-file validation (store/validation.py): once per change of the file.
            count = check_document(self.path, data)
            schema = self._schema_of(data)
            if schema < SCHEMA_VERSION:
                snapshot = Snapshot(digest, migrate(data), migrated_from=schema)
            else:
                snapshot = Snapshot(digest, count=count)
                if document:
                    snapshot.data = self._document_of(raw, parsed=data)
            del data
        if document and snapshot.data is None:
            snapshot.data = self._document_of(raw)
        self._snapshot = snapshot
        return snapshot

    def _document_of(self, raw: bytes, parsed: dict | None = None) -> dict:
        """The document of checked bytes, each application as its place in
        the file (store/file_records.py), nothing holding on to `raw`; parsed
        whole when msgspec cannot index it (a lone surrogate: Python's reader
        takes it)."""
        try:
            document = index_as_written(raw)
        except (msgspec.DecodeError, RecursionError):
            return parsed if parsed is not None else parse_json_document(self.path, raw)
        for name, table in document.items():
            if name == APPLICATIONS and isinstance(table, dict):
                document[name] = index_records(raw, table)
            elif isinstance(table, msgspec.Raw):  # a table not ours: kept as it is, but not `raw`
                document[name] = table.copy()
        return document

    def _write(self, data: dict) -> None:
        """Save `data` atomically and remember it as the file's content.
        Call with the lock held. Written record by record as it is encoded:
        no second copy of the file in memory. A record that cannot be written
        (UnicodeEncodeError) stops it before the file is replaced."""
        size = crc = 0
        # untouched records: copied from the file, checked against the digest it was read with
        reader = self._reader or RecordReader(self.path, digest=self._snapshot.digest if self._snapshot else None)
        placed: dict[str, dict[str, FileRecord]] = {APPLICATIONS: {}} if isinstance(data.get(APPLICATIONS), dict) else {}

        def chunks() -> Iterator[bytes]:
            nonlocal size, crc
            for chunk in encode_document_chunks(data, reader, placed):
                size += len(chunk)
                crc = zlib.crc32(chunk, crc)
                yield chunk

        try:
            write_atomic(self.path, chunks())
        finally:
            reader.close()  # the path is another file now: a later read opens that one
        st = self.path.stat()  # under the lock: the file we just put there
        data.update(placed)  # every application now in the new file: nothing parsed kept
        self._snapshot = Snapshot((size, crc, st.st_ino, st.st_mtime_ns, st.st_ctime_ns), data)

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
            snapshot = self._load(document=True)
            storage = SessionStorage(snapshot.data)
            db = TinyDB(storage=lambda: storage)  # type: ignore[arg-type]
            outer, self._reader = self._reader, RecordReader(self.path, digest=snapshot.digest)
            try:
                yield db.table(APPLICATIONS, cache_size=0), db.table(META, cache_size=0)
                if storage.dirty:
                    self._save(storage.data)
                    # Taken under the lock, so exact: a reader whose data matches
                    # `before` can apply just this write and be current at `after`.
                    self.last_write = (before, self.change_token())
            except BaseException as exc:
                # TinyDB changes the kept document in place: after a failed
                # write (or anything unexpected) it no longer matches the
                # file, so the next session reads the file again.
                if storage.dirty or not isinstance(exc, FollowupError) or isinstance(exc, FileChanged):
                    self._snapshot = None
                raise
            finally:
                self._reader.close()
                self._reader = outer  # a session opened inside another (same thread) gives it back

    def _save(self, data: dict) -> None:
        try:
            self._write(data)
        except UnicodeEncodeError as exc:
            # e.g. a command-line argument with bytes that are not UTF-8
            bad = exc.object[exc.start : exc.end]
            raise ValidationError("text", f"{bad!r} is not valid text (not UTF-8); nothing was saved") from exc
        except OSError as exc:  # e.g. disk full: the old file is still there
            raise StoreError(f"{self.path}: could not save ({os_reason(exc)}); the file was left as it was") from exc

    @staticmethod
    def _first_free_id(apps: Table, meta: Table) -> int:
        record = meta.get(doc_id=META_ID) or {}
        # max() guards against a hand-edited or older file whose counter lags.
        used = max((int(doc_id) for doc_id in _raw_table(apps)), default=0)
        return max(int(record.get("next_id", 1)), used + 1)

    def _stored(self, table: Table, doc_id: int | str) -> dict | None:
        """One stored record as a dict TinyDB can read and update in place (a
        record still in the file is read and parsed now, once), or None.
        In a session only."""
        records = _raw_table(table)
        key = str(int(doc_id))
        record = records.get(key)
        if record is not None and not isinstance(record, dict):
            assert self._reader is not None
            record = records[key] = self._reader.plain(record)
        return record

    def _to_app(self, doc_id: int | str, doc: dict) -> Application:
        try:
            return Application.from_dict(doc, app_id=int(doc_id))
        except ValidationError as exc:
            # a hand-edited or damaged record: say which file and which record
            raise StoreError(f"{self.path}: application {doc_id} is malformed ({exc}); left untouched") from exc

    # -- the repository interface ----------------------------------------------

    def list(self) -> list[Application]:
        return self.load_all()

    def load_all(self) -> list[Application]:
        """Every application, ordered by id, decoded and checked in one pass
        (store/fast_decode.py); a file that needs more (an older schema, a
        hand-edited one, a bad one) goes through the record-by-record check,
        which refuses it or builds the same objects. Takes the lock: never a
        half-written state. The objects are the caller's."""
        with self._locked():
            decoded, self._decoded = self._decoded, None
            if decoded is not None and decoded[0] is self._snapshot and self._file_digest() == decoded[0].digest:
                return decoded[1]
            raw = read_bytes(self.path)
            fast = decode_as_written(self.path, raw)
            if fast is not None:
                # checked: a session after this one need not check it again
                self._snapshot = Snapshot(self._digest_of_read(raw), count=len(fast[1]))
                return fast[1]
            table = self._load(raw, document=True).data.get(APPLICATIONS, {})
            with RecordReader(self.path, raw) as reader:
                return [self._to_app(doc_id, reader.plain(table[doc_id])) for doc_id in sorted(table, key=int)]

    def get(self, app_id: int) -> Application:
        with self._session() as (apps, _meta):
            doc = self._stored(apps, app_id)
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
                current = self._stored(apps, application.id)
                actual = None if current is None else int(current.get("rev", 0))
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
            current = self._stored(apps, application.id)
            actual = None if current is None else int(current.get("rev", 0))
            if actual != application.rev:
                raise ConflictError(application.id, application.rev, actual)
            stored = application.copy()
            stored.rev = application.rev + 1
            stored.updated = self.clock()
            apps.upsert(Document(stored.to_dict(), doc_id=application.id))
        return stored

    def modify(self, app_id: int, change: Callable[[Application], None]) -> Application:
        with self._session() as (apps, _meta):
            doc = self._stored(apps, app_id)
            if doc is None:
                raise NotFoundError(app_id)
            application = self._to_app(app_id, doc)
            change(application)
            application.validate()
            application.rev += 1
            application.updated = self.clock()
            apps.upsert(Document(application.to_dict(), doc_id=application.id))
        return application

    def delete(self, app_id: int, expected_rev: int | None = None) -> None:
        with self._session() as (apps, _meta):
            doc = self._stored(apps, app_id)
            if doc is None:
                raise NotFoundError(app_id)
            if expected_rev is not None and int(doc.get("rev", 0)) != expected_rev:
                raise ConflictError(app_id, expected_rev, int(doc.get("rev", 0)))
            apps.remove(doc_ids=[int(app_id)])

    def restore_deleted(self, application: Application) -> Application:
        """Undo a delete: the application back under its own id, only if no
        record holds that id now (checked under the lock, like every save)."""
        if application.id is None:
            raise ValidationError("id", "cannot restore an application that was never stored")
        application.validate()
        with self._session() as (apps, meta):
            current = self._stored(apps, application.id)
            if current is not None:
                raise ConflictError(application.id, application.rev, int(current.get("rev", 0)))
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
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    # -- backups (store/backups.py) ------------------------------------------------

    def list_backups(self) -> list[backups.Backup]:
        from . import backups

        return backups.list_backups(self.path, self.clock())

    def rotate_backups(self) -> Path | None:
        """Back up the file as it is now if it changed since the newest backup
        (thinning old ones); never a file that fails validation. Returns the new
        backup, or None when the newest one already holds this content.
        Raises StoreError when the copy cannot be written."""
        import hashlib

        from . import backups

        with self._locked():
            backups.remove_partials(self.path)
            # Streamed: the file's digest and its backup digest in one pass,
            # the copy (if one is made) in chunks; never its bytes in memory
            # unless it must be checked again (it changed since it was read).
            sha = hashlib.sha256()
            snapshot = self._snapshot
            if snapshot is None or self._file_digest(sha) != snapshot.digest:
                raw = read_bytes(self.path)
                snapshot = self._load(raw)  # checked as a whole
                sha = hashlib.sha256(raw)
                del raw
            count = snapshot.count if snapshot.data is None else len(snapshot.data.get(APPLICATIONS, {}))
            try:
                made = backups.save_backup(
                    self.path, self._checked_chunks(snapshot.digest), count, self.clock(), digest=sha.hexdigest()[:12]
                )
            except OSError as exc:
                raise StoreError(f"could not write a backup ({os_reason(exc)})") from exc
            return made.path if made else None

    def _checked_chunks(self, digest: Digest) -> Callable[[], Iterator[bytes]]:
        """The file's bytes in chunks, if they are still those of `digest`
        (checked as a whole): a change on the way raises FileChanged before
        the copy is put in place."""

        def chunks() -> Iterator[bytes]:
            size = crc = 0
            with open(self.path, "rb") as handle:
                while chunk := handle.read(READ_CHUNK):
                    size += len(chunk)
                    crc = zlib.crc32(chunk, crc)
                    yield chunk
            if (size, crc) != digest[:2]:
                raise FileChanged(f"{self.path}: the file changed while it was copied (another program wrote it)")

        return chunks

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
            count = check_document(source, parse_json_document(source, raw))
            kept: Path | None = None
            try:
                if self.path.exists():
                    current = self.path.read_bytes()
                    try:
                        count_now = check_document(self.path, parse_json_document(self.path, current))
                    except StoreError:
                        kept = backups.keep_damaged(self.path, current, self.clock())
                    else:
                        made = backups.save_backup(self.path, current, count_now, self.clock())
                        kept = made.path if made else backups.list_backups(self.path)[0].path
                write_atomic(self.path, raw)
            except OSError as exc:
                raise StoreError(f"{self.path}: could not restore ({os_reason(exc)}); the file was left as it was") from exc
            self._snapshot = None
            return kept, count

    def _backup_copy(self, suffix: str) -> Path:
        from . import backups

        target = self.path.with_name(self.path.name + suffix)
        backups.write_private(target, self._file_chunks())
        return target

    def _file_chunks(self) -> Iterator[bytes]:
        with open(self.path, "rb") as handle:
            while chunk := handle.read(READ_CHUNK):
                yield chunk
