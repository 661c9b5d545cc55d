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

from sqlalchemy.orm import Session

from facilitator.store.event import NAMESPACE
from facilitator.store.schema import (
    SCHEMA_VERSION,
    Base,
    RecordHeads,
    RecordRevision,
    RevisionParent,
)

STEPS: dict[int, Callable[[Session], None]] = {}

# the same namespace as the ids of prepared items (event.py), so every laptop derives the same ids
_NAMESPACE = uuid.UUID(NAMESPACE)
_PROPOSAL_COLUMNS = ("id, position, title, text, kind, commitments, notes, workshops, decision, "
                     "decision_reason, decision_date, deleted, created_at, modified_at, device")
_SYNTHESIS_COLUMNS = "id, object, intro, feedback, date, validated_by, validated_at, fingerprint, modified_at"


def legacy_records(fetch: Callable[[str], list[tuple]]) -> list[tuple]:
    """Revisions standing for the proposals and synthesis of a version-1 file (which had none).

    ``fetch(sql)`` runs a query on that file. Returns rows of ``record_revision``
    ``(id, kind, record_id, parent_id, device, at, state)``; ids are derived from the content,
    so two laptops upgrading copies of one file get the same revisions, and a merge reading a
    version-1 file directly gets the ones its upgrade would have made.
    """
    out = []
    for r in fetch(f"SELECT {_PROPOSAL_COLUMNS} FROM proposal"):
        state = {
            "position": r[1], "title": r[2] or "", "text": r[3] or "", "kind": r[4] or "other",
            "commitments": json.loads(r[5] or "[]"), "notes": json.loads(r[6] or "[]"),
            "workshops": json.loads(r[7] or "[]"), "decision": r[8], "decision_reason": r[9] or "",
            "decision_date": r[10], "deleted": bool(r[11]),
        }
        out.append(_legacy("proposal", str(r[0]), state, r[13], r[14]))
    for r in fetch(f"SELECT {_SYNTHESIS_COLUMNS} FROM synthesis"):
        state = {"object": r[1] or "", "intro": r[2] or "", "feedback": r[3] or "", "date": r[4],
                 "validated_by": r[5], "validated_at": r[6], "fingerprint": r[7]}
        out.append(_legacy("synthesis", str(r[0]), state, r[8], "v1"))
    return out


def _legacy(kind: str, rid: str, state: dict, at: str, device: str) -> tuple:
    text = json.dumps(state, ensure_ascii=False, sort_keys=True)
    rev = str(uuid.uuid5(_NAMESPACE, f"v1/{kind}/{rid}/{at}/{device}/{text}"))
    return (rev, kind, rid, None, device, at, text)


def _v1_to_v2(session: Session) -> None:
    conn = session.connection()
    Base.metadata.create_all(conn, tables=[RecordRevision.__table__, RevisionParent.__table__,
                                           RecordHeads.__table__])
    conn.exec_driver_sql("ALTER TABLE proposal ADD COLUMN revision VARCHAR")
    conn.exec_driver_sql("ALTER TABLE synthesis ADD COLUMN revision VARCHAR")
    rows = legacy_records(lambda sql: conn.exec_driver_sql(sql).fetchall())
    if rows:
        conn.exec_driver_sql("INSERT OR IGNORE INTO record_revision (id, kind, record_id, parent_id, device, at, state) "
                             "VALUES (?,?,?,?,?,?,?)", rows)
    for rev, kind, rid, *_ in rows:
        if kind == "proposal":
            conn.exec_driver_sql("UPDATE proposal SET revision = ? WHERE id = ?", (rev, rid))
        else:
            conn.exec_driver_sql("UPDATE synthesis SET revision = ? WHERE id = ?", (rev, int(rid)))


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


def upgrade(session: Session, version: int, raw: sqlite3.Connection) -> None:
    """Bring the file of ``session`` (whose connection is ``raw``) from ``version`` to the
    current one, each step in its own write transaction, after a backup of the file."""
    if version < SCHEMA_VERSION:
        _backup(raw, version)
    while version < SCHEMA_VERSION:
        step = STEPS[version]
        with session.begin():
            conn = session.connection()
            step(session)
            version += 1
            conn.exec_driver_sql(f"PRAGMA user_version = {version}")
