"""TinyDB's storage for one repository session (tinydb_store.py): imported
with the first session, so that a big file's board paints before TinyDB
and the file's decoders load (the TUI opens it with `verify=False`)."""

from __future__ import annotations

from tinydb.storages import Storage

from .data_file import APPLICATIONS, Records


class SessionStorage(Storage):
    """TinyDB storage over one already-read document; writes stay in memory
    until the session commits them atomically."""

    def __init__(self, data: dict) -> None:
        self.data = data
        self.source = getattr(data.get(APPLICATIONS), "source", None)  # where untouched records are read from
        self.dirty = False

    def read(self) -> dict:
        return self.data

    def write(self, data: dict) -> None:
        if APPLICATIONS in data and not isinstance(data[APPLICATIONS], Records):
            data[APPLICATIONS] = Records(data[APPLICATIONS], self.source)  # TinyDB hands back a plain dict
        self.data = data
        self.dirty = True
