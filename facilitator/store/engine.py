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

    # SQLAlchemy's documented pysqlite recipe ("Serializable isolation / Savepoints /
    # Transactional DDL"): pysqlite's own transaction handling is off (the connection is in
    # autocommit mode, ``isolation_level=None``) and SQLAlchemy emits BEGIN itself.
    # IMMEDIATE: a write transaction takes the file's write lock at its start, waiting for
    # another writer (another window, ``facilitator merge``) up to the busy timeout; a deferred
    # BEGIN upgraded to a write once another connection has committed fails at once instead
    # (SQLITE_BUSY_SNAPSHOT), whatever the timeout. The one read left to the session
    # (``EventFile.table_rows``) asks for a plain BEGIN with the execution option ``read_only``.
    @event.listens_for(engine, "begin")
    def _begin(conn):
        read = conn.get_execution_options().get("read_only", False)
        conn.exec_driver_sql("BEGIN" if read else "BEGIN IMMEDIATE")

    return Session(engine, expire_on_commit=False, autoflush=False)


def preload() -> None:
    """Import everything the first write needs: the writer and what it loads (the tables, the
    revisions' machinery: facilitator.store.history)."""
    import facilitator.store.writer  # noqa: F401
