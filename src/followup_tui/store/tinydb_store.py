"""Applications in one TinyDB JSON file, safe across crashes and sessions.

Every operation is one *session*: take the OS file lock, read the file
(checked: store/locked_file.py), let TinyDB do the table work (documents,
ids, inserts, updates, removals) on it through `SessionStorage`, and write
it back atomically once at the end if anything changed. TinyDB's own
JSONStorage rewrites the file in place and its caches assume a single
process, so neither is used; the file stays one that plain TinyDB opens.

Targets (benchmarks/run.py, issue 19): a save at 10,000 applications within
100 ms p50; the TUI's peak memory at 10,000 within 110 MB, which is why a
session on a file known here reads its records from the file as TinyDB
asks for them and a save copies the untouched ones from the old file
(store/file_layout.py) instead of holding the whole file; `followup due
--json` at 10,000 within 2x a plain `json.load` of the same file (the read
here is one msgspec pass, about as fast as `json.load` alone; most of the
rest is the cadence).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.errors import ConflictError, NotFoundError, StoreError, ValidationError
from ..domain.model import Application
from .atomic_file import write_atomic
from .locked_file import LockedFile, digest_of, os_reason  # noqa: F401  (digest_of: re-exported)
from .migrations import SCHEMA_VERSION
from .special_files import resolve_data_path

# TinyDB (and the file's decoders and checks, store/data_file.py) load with
# the first session or read, not at open: the TUI paints a big file's board
# before that.
if TYPE_CHECKING:
    from tinydb.table import Table

    from . import backups  # imported where used: hashlib and the rest load after the first paint

__all__ = ["SCHEMA_VERSION", "TinyDBRepository"]

META_ID = 1

Clock = Callable[[], datetime]


def __getattr__(name: str):
    if name == "FileChanged":  # (re-exported)
        from .file_layout import FileChanged

        return FileChanged
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _document(application: Application):
    """The application as TinyDB stores it, under its id."""
    from tinydb.table import Document

    return Document(application.to_dict(), doc_id=application.id)


def _raw_table(table: Table) -> dict[str, Any]:
    """The table's documents as stored (str ids), without parsing them."""
    return table.storage.read().get(table.name, {})


class TinyDBRepository:
    """`ApplicationRepository` on a TinyDB JSON file."""

    def __init__(self, path: Path, clock: Clock | None = None) -> None:
        self.path = Path(path)
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self.file = LockedFile(self.path)
        self.notices = self.file.notices  # things the user should know, found while opening
        self.last_write: tuple[object, object] | None = None  # change tokens around our last save

    # -- opening ------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, clock: Clock | None = None, *, verify: bool = True) -> TinyDBRepository:
        """Open (creating if missing) and verify the file; raises StoreError.

        With `verify=False` the content is not read yet (the TUI opens a big
        file this way to paint first): call `verify()` before anything else
        uses it, as the TUI's session does in its start-up thread."""
        repo = cls(resolve_data_path(Path(path)), clock)  # a symlink is followed
        try:
            repo.file.prepare(verify)
        except OSError as exc:  # e.g. the parent is a file, or no permission
            raise StoreError(f"{path}: cannot use the data file ({os_reason(exc)})") from exc
        return repo

    def verify(self) -> None:
        """Read and check the whole file (and migrate an older one, keeping a
        copy): what `open` does unless told not to. Raises StoreError."""
        self.file.verify()

    # -- sessions -----------------------------------------------------------

    @contextmanager
    def _session(self) -> Iterator[tuple[Table, Table]]:
        """Locked read-modify-write; the write is done when this exits."""
        from tinydb import TinyDB

        from .data_file import APPLICATIONS, META
        from .session_storage import SessionStorage

        with self.file.locked():
            before = self.change_token()
            with self.file.tables() as (document, read_as):
                storage = SessionStorage(document)
                db = TinyDB(storage=lambda: storage)  # type: ignore[arg-type]
                yield db.table(APPLICATIONS, cache_size=0), db.table(META, cache_size=0)
                if storage.dirty:
                    self.file.save(storage.data, read_as)
                    # Taken under the lock, so exact: a reader whose data matches
                    # `before` can apply just this write and be current at `after`.
                    self.last_write = (before, self.change_token())

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
        with self.file.locked():
            return self.file.applications()

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
            apps.insert_multiple([_document(stored) for stored in prepared])
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
            documents = [_document(a) for a in [*stored_changes, *prepared]]
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
        apps.upsert(_document(application))

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
            apps.insert(_document(stored))
            meta.update({"next_id": max(next_id, stored.id + 1)}, doc_ids=[META_ID])
        return stored

    def change_token(self) -> object:
        return self.file.change_token()

    # -- backups (store/backups.py) ------------------------------------------------

    def list_backups(self) -> list[backups.Backup]:
        from . import backups

        return backups.list_backups(self.path, self.clock())

    def rotate_backups(self) -> Path | None:
        """Back up the file as it is now if it changed since the newest backup
        (thinning old ones); never a file that fails validation. Returns the new
        backup, or None when the newest one already holds this content.
        Raises StoreError when the copy cannot be written."""
        from . import backups

        with self.file.locked():
            backups.remove_partials(self.path)
            raw, _token = self.file.read()
            assert self.file.checked is not None
            self.file.lay_out(raw)  # the TUI's start: its saves then never hold the whole file
            try:
                made = backups.save_backup(self.path, raw, self.file.checked[1], self.clock())
            except OSError as exc:
                raise StoreError(f"could not write a backup ({os_reason(exc)})") from exc
            return made.path if made else None

    def restore(self, source: Path) -> tuple[Path | None, int]:
        """Put the backup `source` in place of the data file, after backing up
        the current file (or, when it is damaged, keeping it aside in the
        backups folder). Works when the current file does not validate.
        Returns (where the current file went, applications restored)."""
        from . import backups
        from .data_file import check_file

        with self.file.locked():
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
            self.file.forget()
            return kept, count
