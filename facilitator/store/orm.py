"""The SQLAlchemy side of an open event file: its writes are Core statements (``writer.py``) run in
the transactions of a session bound to the file's one connection (``fileformat.connect``).

Imported on the first write, or ahead of it by the app once its window is shown (``preload``):
never on the path from launching the app to its first window, which SQLAlchemy's import (about
half a second on a modest laptop) would double. Reads do not need it (``event.py``).
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool


def session_on(con: sqlite3.Connection) -> Session:
    """An ORM session whose engine uses ``con`` and nothing else."""
    engine = create_engine("sqlite://", creator=lambda: con, poolclass=StaticPool)

    # SQLAlchemy's documented recipe: let SQLAlchemy emit BEGIN itself (pysqlite's own
    # transaction handling is off since the connection is in autocommit mode).
    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN")

    return Session(engine, expire_on_commit=False, autoflush=False)


def preload() -> None:
    """Import everything the first write needs: the writer and what it loads (the tables, the
    revisions' machinery: facilitator.store.history)."""
    import facilitator.store.writer  # noqa: F401
