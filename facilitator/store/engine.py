"""The SQLAlchemy side of an open event file: one Core ``Connection`` on the file's one sqlite3
connection (``fileformat.connect``), whose transactions carry every write (``writer.py``, the
merge, the migrations, the JSON import's new file). No ORM session: one write path.

Imported on the first write, or ahead of it by the app once its window is shown (``preload``):
never on the path from launching the app to its first window, which SQLAlchemy's import (about
half a second on a modest laptop) would double. Reads do not need it (``event.py``).

Errors: a transaction run through ``transaction`` raises sqlite3's own error, never
SQLAlchemy's wrapper (``DBAPIError``): the event file's callers catch one family of database
errors (``access.DB_ERRORS``) whether SQLAlchemy is loaded or not.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from sqlalchemy import Connection, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool

_READ = "facilitator.read_only"  # key of Connection.info: the transaction being begun only reads


def connection_on(con: sqlite3.Connection) -> Connection:
    """A SQLAlchemy Core connection whose engine uses ``con`` and nothing else."""
    engine = create_engine("sqlite://", creator=lambda: con, poolclass=StaticPool)

    # SQLAlchemy's documented pysqlite recipe ("Serializable isolation / Savepoints /
    # Transactional DDL"): pysqlite's own transaction handling is off (the connection is in
    # autocommit mode, ``isolation_level=None``) and SQLAlchemy emits BEGIN itself.
    # IMMEDIATE: a write transaction takes the file's write lock at its start, waiting for
    # another writer (another window, ``facilitator merge``) up to the busy timeout; a deferred
    # BEGIN upgraded to a write once another connection has committed fails at once instead
    # (SQLITE_BUSY_SNAPSHOT), whatever the timeout. A read (``reading``) begins with a plain BEGIN.
    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN" if conn.info.get(_READ) else "BEGIN IMMEDIATE")

    with _sqlite_errors():
        return engine.connect()


@contextlib.contextmanager
def _sqlite_errors() -> Iterator[None]:
    """SQLAlchemy's wrapper of a database error replaced by sqlite3's own error."""
    try:
        yield
    except DBAPIError as exc:
        if isinstance(exc.orig, sqlite3.Error):
            raise exc.orig from exc
        raise


@contextlib.contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """One write transaction (``BEGIN IMMEDIATE``) on ``conn``: committed at the end, rolled back
    on any error; a database error comes out as sqlite3's own."""
    with _sqlite_errors(), conn.begin():
        yield conn


@contextlib.contextmanager
def reading(conn: Connection) -> Iterator[Connection]:
    """One read transaction (a plain ``BEGIN``: no write lock) on ``conn``, ended with the block."""
    conn.info[_READ] = True
    try:
        with transaction(conn):
            conn.info[_READ] = False  # (BEGIN is emitted on entering)
            yield conn
    finally:
        conn.info[_READ] = False


def close(conn: Connection) -> None:
    """End ``conn`` (any transaction of it rolled back). Its engine is not disposed: that would
    close the sqlite3 connection, which its owner still uses (to checkpoint the WAL) and closes."""
    with _sqlite_errors():
        conn.close()


def preload() -> None:
    """Import everything the first write needs: the writer and what it loads (the tables, the
    revisions' machinery: facilitator.store.history)."""
    import facilitator.store.writer  # noqa: F401
