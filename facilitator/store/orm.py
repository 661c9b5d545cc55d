"""The SQLAlchemy side of an open event file: its writes go through an ORM session bound to the
file's one connection (``fileformat.connect``).

Imported on the first write, or ahead of it by the app once its window is shown (``preload``):
never on the path from launching the app to its first window, which SQLAlchemy's import (about
half a second on a modest laptop) would double. Reads do not need it (``event.py``).
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session, configure_mappers
from sqlalchemy.pool import StaticPool

from facilitator.store.schema import Note, Synthesis


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

    session = Session(engine, expire_on_commit=False, autoflush=False)
    _hold_loaded(session)
    return session


def preload() -> None:
    """Import and configure everything the first write needs (the mappers are built lazily;
    a write recomputes its record from its revisions: facilitator.store.history)."""
    import facilitator.store.history  # noqa: F401

    configure_mappers()


def _hold_loaded(session: Session) -> None:
    """Keep the notes and the synthesis a session has loaded strongly referenced.

    The identity map is weak: without this, each ``session.get(Note, id)`` of a write (several
    per keystroke) emits a SELECT and rebuilds the object. Held objects are still expired by
    ``expire_all`` (a merge, a recompute, a rollback) and then re-read on access, as before.
    SQLAlchemy's documented "strong reference" recipe.
    """
    held = session.info["held"] = set()

    @event.listens_for(session, "loaded_as_persistent")
    @event.listens_for(session, "pending_to_persistent")
    @event.listens_for(session, "detached_to_persistent")
    @event.listens_for(session, "deleted_to_persistent")
    def _hold(_session, obj) -> None:
        if isinstance(obj, (Note, Synthesis)):
            held.add(obj)

    @event.listens_for(session, "persistent_to_detached")
    @event.listens_for(session, "persistent_to_deleted")
    @event.listens_for(session, "persistent_to_transient")
    def _release(_session, obj) -> None:
        held.discard(obj)
