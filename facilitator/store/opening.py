"""What an event file is before it is opened: its identity (``inspect``: an SQLite file of ours,
of a version this program reads, whole, with only our schema objects), its kit read without
writing, and the ids derived from the kit for the items it prepares.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from facilitator.errors import KitError, StoreError
from facilitator.files import is_input
from facilitator.i18n import tr
from facilitator.kit import cache as kit_cache
from facilitator.kit.model import Kit
from facilitator.store.access import sqlite_code
from facilitator.store.fileformat import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    SQLITE_HEADER,
    TABLES,
    distrust_schema,
    foreign_objects,
)

NAMESPACE = "7b0f3c36-5d0e-4a43-9a43-1b7c8f0e6a11"  # of the ids of the kit's prepared items (uuid5)
KIT_DEVICE = "kit"  # author of the notes prepared in the kit (identical on every laptop)


def inspect(path: Path) -> int:
    """Check that ``path`` is an event file this version can open; return its schema version.

    Reads only; raises ``StoreError`` with a French message otherwise.
    """
    if not path.exists():
        raise StoreError(tr("store.not_found", path=path))
    facts = _header_through_sqlite(path) if is_input(path) else None
    if facts is None:
        try:
            with open(path, "rb") as fh:
                header = fh.read(100)
        except OSError as exc:
            raise StoreError(tr("store.unwritable", path=path, reason=exc.strerror)) from exc
        if len(header) < 100 or not header.startswith(SQLITE_HEADER):
            raise StoreError(tr("store.not_sqlite", path=path))
        facts = int.from_bytes(header[68:72], "big"), int.from_bytes(header[60:64], "big")
    app_id, version = facts
    if app_id != APPLICATION_ID:
        raise StoreError(tr("store.foreign", path=path))
    if version > SCHEMA_VERSION:
        raise StoreError(tr("store.newer", path=path, found=version, supported=SCHEMA_VERSION))
    try:
        rows, tables, foreign = _quick_check(path)
    except UnicodeDecodeError as exc:  # damaged text in the schema itself
        raise StoreError(tr("store.corrupt", path=path, detail=tr("store.not_utf8"))) from exc
    except sqlite3.DatabaseError as exc:
        raise StoreError(tr("store.corrupt", path=path, detail=tr("store.sqlite_says", reason=exc))) from exc
    if foreign:  # only our schema is trusted: a planted trigger or view would run in our writes
        raise StoreError(tr("store.foreign_schema", path=path, objects=", ".join(foreign[:5])))
    if rows != [("ok",)]:
        detail = "; ".join(r[0] for r in rows[:3])
        raise StoreError(tr("store.corrupt", path=path, detail=tr("store.sqlite_says", reason=detail)))
    required = TABLES if version == SCHEMA_VERSION else {"meta", "note"}
    missing = sorted(required - tables)
    if missing:
        raise StoreError(tr("store.corrupt", path=path, detail=tr("store.missing_tables", tables=", ".join(missing))))
    return version


def _header_through_sqlite(path: Path) -> tuple[int, int] | None:
    """The header's application id and schema version of a file this process has open, read
    through SQLite; ``None`` if SQLite cannot read them (the header is then read as bytes).

    Never through a descriptor of our own: POSIX locks belong to the process, and closing any
    descriptor of the file drops every lock this process's SQLite connections hold on it. Another
    program closing its last connection then believes it is the last one, checkpoints and
    deletes the WAL and its index while they are in use here: this process's connections go on
    reading a frozen file and writing into a deleted WAL (a ``sync --watch`` stopped seeing what
    the app typed; https://www.sqlite.org/howtocorrupt.html, section 2.2)."""
    try:
        con = read_only(path)
    except sqlite3.Error:
        return None
    try:
        return (con.execute("PRAGMA application_id").fetchone()[0],
                con.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error:
        return None
    finally:
        con.close()


def read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection; after a crash, the WAL left behind is recovered first.

    Recovering a WAL (rebuilding its index in ``-shm``) needs a connection allowed to write, so a
    read-only one fails with SQLITE_READONLY until it is done: an ordinary connection does it
    (replaying committed transactions, which is what the crash left to do) and is closed.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    con = sqlite3.connect(uri, uri=True)
    try:
        distrust_schema(con)
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return con
    except sqlite3.OperationalError as exc:
        con.close()
        if sqlite_code(exc) != sqlite3.SQLITE_READONLY:
            raise
        # (also when a kill landed in the switch back to a rollback journal: header in WAL
        # mode, -wal already gone, -shm stale)
        try:
            rw = sqlite3.connect(path)
            distrust_schema(rw)
            try:
                rw.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                rw.close()
        except sqlite3.Error:
            raise exc from None
    con = sqlite3.connect(uri, uri=True)
    distrust_schema(con)
    return con


def _quick_check(path: Path) -> tuple[list, set[str], list[str]]:
    con = read_only(path)
    try:
        rows = con.execute("PRAGMA quick_check").fetchall()
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        foreign = foreign_objects(con)
    finally:
        con.close()
    return rows, tables, foreign


def kit_copy(path: Path) -> Kit:
    """The kit kept in an event file, read without writing; ``StoreError`` if it is damaged."""
    try:
        con = read_only(path)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'kit_source'").fetchone()
        finally:
            con.close()
    except UnicodeDecodeError as exc:
        raise StoreError(tr("store.corrupt", path=path, detail=tr("store.not_utf8"))) from exc
    except sqlite3.DatabaseError as exc:
        raise StoreError(tr("store.corrupt", path=path, detail=tr("store.sqlite_says", reason=exc))) from exc
    if not row or not row[0]:
        raise StoreError(tr("store.corrupt", path=path, detail=tr("store.kit_copy_missing")))
    try:
        return kit_cache.load_kit_text(row[0], name=f"{path} (kit)")
    except KitError as exc:
        first = exc.issues[0] if exc.issues else ""
        raise StoreError(tr("store.corrupt", path=path, detail=tr("store.kit_copy_broken", issue=first))) from exc


def file_identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def item_id(event_id: str, kit_sha: str, *parts: object) -> str:
    import uuid

    return str(uuid.uuid5(uuid.UUID(NAMESPACE), "/".join([event_id, kit_sha, *map(str, parts)])))
