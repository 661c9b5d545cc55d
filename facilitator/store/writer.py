"""The one writer of the event file: every edit that enters it (an operation, an undo, a
resolution) is written here, as SQLAlchemy Core statements built from the declaration
(``schema.TABLES``), on the connection of the transaction it is given (``EventFile.apply``).

A record's edit adds a revision (its parents: the shown head, or every head when they merged
without conflict) and rewrites its current row; when the record has several heads, the row is
recomputed from the revisions (``history.recompute``, which the merge uses too). Nothing is held
in memory between two writes: each reads what it needs from the file, inside its transaction.

Loaded with the first write (it imports SQLAlchemy), never on the way to the app's first window.
"""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from facilitator.store import declaration, history
from facilitator.store.schema import TABLES
from facilitator.store.states import Edit, EditKey, EditValue, State

if TYPE_CHECKING:
    from facilitator.store.history import Resolution
    from facilitator.store.timer import TimerRecord

_HEADS = TABLES["record_heads"]
_PARENTS = TABLES["revision_parent"]

# the statements, built once (their values are bound parameters: SQLAlchemy compiles each once)
_INSERT = {name: insert(t) for name, t in TABLES.items()}
_ROW = {kind: select(TABLES[kind]).where(TABLES[kind].c.id == bindparam("row_key"))
        for kind in declaration.RECORD_TABLE}
_UPDATE = {kind: update(TABLES[kind]).where(TABLES[kind].c.id == bindparam("row_key"))
           for kind in declaration.RECORD_TABLE}
_HEADS_OF = select(_HEADS.c.heads, _HEADS.c.conflict).where(
    _HEADS.c.kind == bindparam("kind"), _HEADS.c.record_id == bindparam("rid"))
_PEOPLE = TABLES["participants"]
_DELETE_COUNT = delete(_PEOPLE).where(_PEOPLE.c.workshop == bindparam("w"), _PEOPLE.c.contributor == bindparam("c"),
                                      _PEOPLE.c.device == bindparam("d"))
_META = TABLES["meta"]
_DELETE_META = delete(_META).where(_META.c.key == bindparam("k"))


def new_id() -> str:
    return str(uuid.uuid4())


class Writer:
    """Writes edits made on laptop ``device`` at time ``stamp`` through ``conn``."""

    def __init__(self, conn: Connection, device: str, stamp: str) -> None:
        self.conn, self.device, self.stamp = conn, device, stamp
        self.written: list[str] = []  # the revisions written (the event file keeps its own)
        self._by_kind = {"note": self.record, "proposal": self.record, "synthesis": self.record,
                         "participants": self.participants, "timer": self.timer,
                         "resolution": self.resolution, "laptop": self.laptop}

    def write(self, edit: Edit) -> None:
        """Write the ``after`` of ``edit``."""
        self._by_kind[edit.kind](edit.kind, edit.key, edit.after)

    # ------------------------------------------------------------------ records with revisions
    def record(self, kind: str, key: EditKey, state: EditValue) -> None:
        """A new revision of a note, a proposal or the synthesis; None (the undo of an addition)
        writes a tombstone, which keeps the merge promise."""
        rid = str(key)
        row_key = int(rid) if kind == "synthesis" else rid
        row = self.conn.execute(_ROW[kind], {"row_key": row_key}).mappings().first()
        if state is None:
            if row is None:
                return
            state = declaration.state_of(kind, row).with_(deleted=True)
        heads = self.conn.execute(_HEADS_OF, {"kind": kind, "rid": rid}).first()
        parents = _parents(row["revision"] if row is not None else None, heads)
        rev = new_id()
        self._revision(kind, rid, rev, parents, self.device, self.stamp, state)
        if heads is not None:  # several heads: the revisions decide what the record shows
            history.recompute(self.conn, kind, [rid])
            return
        values = declaration.state_row(kind, state, modified_at=self.stamp, revision=rev)
        if row is None:
            self.conn.execute(_INSERT[kind], declaration.encode(
                kind, {**values, "id": row_key, "created_at": self.stamp, "device": self.device}))
        else:
            self.conn.execute(_UPDATE[kind], {**values, "row_key": row_key})

    def _revision(self, kind: str, rid: str, rev: str, parents: list[str] | tuple[str, ...], device: str,
                  at: str, state: State) -> None:
        first = parents[0] if parents else None
        self.written.append(rev)
        values = {"id": rev, "parent_id": first, "device": device, "at": at, "state": state.to_json()}
        if kind == "note":
            self.conn.execute(_INSERT["note_revision"], {**values, "note_id": rid})
        else:
            self.conn.execute(_INSERT["record_revision"], {**values, "kind": kind, "record_id": rid})
        if len(parents) > 1:
            self.conn.execute(_INSERT["revision_parent"], [{"revision_id": rev, "parent_id": p} for p in parents[1:]])

    def resolution(self, _kind: str, key: EditKey, res: Resolution | None) -> None:
        """A person's answer to a conflict: a revision whose parents are every head. None (its
        undo) removes it, with the edits made (and undone) after it."""
        kind, rid, rev = key  # type: ignore[misc]
        if res is not None:
            self._revision(kind, rid, rev, res.parents, res.device, res.at, res.state)
        else:
            revs = history.revisions_of(self.conn, kind, [rid]).get(rid, [])
            gone = {rev}
            grew = True
            while grew:
                grew = False
                for r in revs:
                    if r[0] not in gone and any(p in gone for p in r[1]):
                        gone.add(r[0])
                        grew = True
            table = TABLES["note_revision" if kind == "note" else "record_revision"]
            self.conn.execute(delete(table).where(table.c.id.in_(gone)))
            self.conn.execute(delete(_PARENTS).where(_PARENTS.c.revision_id.in_(gone)))
        history.recompute(self.conn, kind, [rid])

    # ------------------------------------------------------------------ rows of this laptop
    def participants(self, _kind: str, key: EditKey, count: EditValue) -> None:
        workshop, contributor = key  # type: ignore[misc]
        self.conn.execute(_DELETE_COUNT, {"w": workshop, "c": contributor, "d": self.device})
        if count is not None:
            self.conn.execute(_INSERT["participants"], {"workshop": workshop, "contributor": contributor,
                                                        "device": self.device, "count": count, "at": self.stamp})

    def laptop(self, _kind: str, device: EditKey, record) -> None:
        """A laptop's human name (``store.laptops``); None: nothing (a name is never taken back)."""
        from facilitator.store.laptops import META_PREFIX

        if record is not None:
            key = f"{META_PREFIX}{device}"
            self.conn.execute(_DELETE_META, {"k": key})
            self.conn.execute(_INSERT["meta"], {"key": key, "value": record.to_json()})

    def timer(self, _kind: str, workshop: EditKey, record: TimerRecord | None) -> None:
        from facilitator.store.timer import META_PREFIX

        key = f"{META_PREFIX}{workshop}"
        self.conn.execute(_DELETE_META, {"k": key})
        if record is not None:
            self.conn.execute(_INSERT["meta"], {"key": key, "value": record.to_json()})


def _parents(current: str | None, heads) -> list[str]:
    """Parents of a new revision: the shown head; every head if they merged without conflict.

    While a record is in conflict, ordinary edits continue the shown version only, so the
    conflict stays until a person resolves it (``resolve_conflict``).
    """
    if current is None:
        return []
    if heads is not None and heads.conflict is None:
        return [current, *(h for h in json.loads(heads.heads) if h != current)]
    return [current]
