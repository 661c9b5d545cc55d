"""Upgrades of event files written by older versions, one function per schema version step.

``STEPS[n]`` takes a file from version ``n`` to ``n + 1`` inside one transaction; a file is
upgraded only when it is opened for writing, and a copy of it is kept beside it first
(``NAME.vN.bak``, made with SQLite's backup API) so an upgrade can never cost an event its notes.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, insert, update

from facilitator.store import declaration, engine
from facilitator.store.opening import NAMESPACE
from facilitator.store.schema import SCHEMA_VERSION, TABLES, metadata

STEPS: dict[int, Callable[[Connection], None]] = {}

# the same namespace as the ids of prepared items (event.py), so every laptop derives the same ids
_NAMESPACE = uuid.UUID(NAMESPACE)
# what version 1 had of the proposal and synthesis tables: all but the ``revision`` of version 2
_V1 = {kind: declaration.TABLE[kind].select(without=("revision",)) for kind in ("proposal", "synthesis")}


def legacy_records(fetch: Callable[[str], list[tuple]]) -> list[tuple]:
    """Revisions standing for the proposals and synthesis of a version-1 file (which had none).

    ``fetch(sql)`` runs a query on that file. Returns rows of ``record_revision``
    ``(id, kind, record_id, parent_id, device, at, state)``; ids are derived from the content,
    so two laptops upgrading copies of one file get the same revisions, and a merge reading a
    version-1 file directly gets the ones its upgrade would have made.
    """
    out = []
    for kind, columns in _V1.items():
        for r in fetch(f"SELECT {columns} FROM {kind}"):
            row = declaration.decode(kind, r, columns.split(", "))
            state = {k: row[k] for k in declaration.STATE_FIELDS[kind]}
            device = row["device"] if kind == "proposal" else "v1"
            out.append(_legacy(kind, str(row["id"]), state, row["modified_at"], device))
    return out


def _legacy(kind: str, rid: str, state: dict, at: str, device: str) -> tuple:
    text = json.dumps(state, ensure_ascii=False, sort_keys=True)
    rev = str(uuid.uuid5(_NAMESPACE, f"v1/{kind}/{rid}/{at}/{device}/{text}"))
    return (rev, kind, rid, None, device, at, text)


def _v1_to_v2(conn: Connection) -> None:
    metadata.create_all(conn, tables=[TABLES[n] for n in ("record_revision", "revision_parent", "record_heads")])
    for kind in ("proposal", "synthesis"):
        column = TABLES[kind].c.revision
        conn.exec_driver_sql(f"ALTER TABLE {kind} ADD COLUMN {column.name} {column.type.compile(conn.dialect)}")
    rows = legacy_records(lambda sql: conn.exec_driver_sql(sql).fetchall())
    names = declaration.TABLE["record_revision"].names
    if rows:
        conn.execute(insert(TABLES["record_revision"]).prefix_with("OR IGNORE"),
                     [dict(zip(names, r, strict=True)) for r in rows])
    for rev, kind, rid, *_ in rows:
        table = TABLES[kind]
        conn.execute(update(table).where(table.c.id == (int(rid) if kind == "synthesis" else rid)).values(revision=rev))


STEPS[1] = _v1_to_v2


def _backup(raw: sqlite3.Connection, version: int) -> None:
    """A copy of the file before its upgrade (SQLite's backup API), made outside any
    transaction: a backup read from the connection that holds the write lock of a
    ``BEGIN IMMEDIATE`` would wait for that lock, that is for itself."""
    name = raw.execute("PRAGMA database_list").fetchone()[2]
    if not name:
        return
    path = Path(name)
    dest = path.with_name(f"{path.name}.v{version}.bak")
    if dest.exists():
        return
    target = sqlite3.connect(str(dest))
    try:
        raw.backup(target)
    finally:
        target.close()


def upgrade(conn: Connection, version: int, raw: sqlite3.Connection) -> None:
    """Bring the file of ``conn`` (whose sqlite3 connection is ``raw``) from ``version`` to the
    current one, each step in its own write transaction, after a backup of the file."""
    if version < SCHEMA_VERSION:
        _backup(raw, version)
    while version < SCHEMA_VERSION:
        step = STEPS[version]
        with engine.transaction(conn):
            step(conn)
            version += 1
            conn.exec_driver_sql(f"PRAGMA user_version = {version}")
