"""The TinyDB file backend behind `domain.repository.ApplicationRepository`."""

from .tinydb_store import SCHEMA_VERSION, TinyDBRepository

__all__ = ["SCHEMA_VERSION", "TinyDBRepository"]
