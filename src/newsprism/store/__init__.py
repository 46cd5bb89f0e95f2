"""Storage behind one interface. `open_store(url)` picks the backend from the database URL."""

from __future__ import annotations

from .base import Store
from .sqlite import SQLiteStore


def open_store(db: str) -> Store:
    """A file path (or ':memory:') opens SQLite; `postgresql://…` (or `postgres://…`) opens PostgreSQL."""
    if db.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore  # psycopg is an optional dependency: import it only when asked

        return PostgresStore(db)
    return SQLiteStore(db)


__all__ = ["Store", "SQLiteStore", "open_store"]
