"""The TinyDB file backend behind `domain.repository.ApplicationRepository`.

The repository is imported when first asked for, so a module of this package
that does not need it (the mail sync's state file, the backups' names) does
not pay for msgspec, TinyDB and the model at start (`followup mail sync`
with nothing new: issue 20, under 0.5 s)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .tinydb_store import SCHEMA_VERSION, TinyDBRepository

__all__ = ["SCHEMA_VERSION", "TinyDBRepository"]


def __getattr__(name: str):
    if name in __all__:
        from . import tinydb_store

        return getattr(tinydb_store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
