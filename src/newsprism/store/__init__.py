"""Storage behind one interface. `open_store(url)` picks the backend from the database URL."""

from __future__ import annotations

from .base import Store
from .sqlite import SQLiteStore


def open_store(db: str) -> Store:
    """A file path (or ':memory:') opens SQLite; `postgresql://…` is reserved for the PostgreSQL store."""
    if db.startswith(("postgresql://", "postgres://")):
        from ..errors import StoreError

        raise StoreError("the PostgreSQL store is not available in this version; use a SQLite file path")
    return SQLiteStore(db)


__all__ = ["Store", "SQLiteStore", "open_store"]
