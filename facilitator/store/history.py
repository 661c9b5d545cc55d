"""The revisions of records, and what each record shows from them: heads, merged states,
conflicts and their resolution (see docs/merge.md).

Pure functions of a record's set of revisions (``resolve_heads``), their reading and the
rewriting of the current rows from them (``recompute``, shared by the writer and by
``facilitator.merge``), and the records of a conflict (``Conflict``, ``Version``, ``Resolution``).
Loaded with the first write or the first question about conflicts, not with the event file:
opening a file to show it needs none of it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import MISSING, dataclass, fields
from typing import TYPE_CHECKING, Any

from facilitator.store import declaration
from facilitator.store.states import NoteState, ProposalState, SynthesisState

if TYPE_CHECKING:
    from sqlalchemy import Connection


@dataclass(frozen=True)
class Resolution:
    """A revision joining every head of a record (``parents``): a person's answer to a conflict."""

    revision: str
    parents: tuple[str, ...]
    state: Any  # NoteState | ProposalState | SynthesisState
    at: str
    device: str


# Fields compared together when heads are merged: a move is one change of place, a decision
# one change of (decision, reason, date), a validation one change of (by, at, fingerprint).
FIELD_GROUPS: dict[str, dict[str, tuple[str, ...]]] = {
    "note": {
        "place": ("workshop", "section", "parent_id", "position"),
        "text": ("text",), "urls": ("urls",), "contributor": ("contributor",),
        "commitments": ("commitments",), "votes": ("votes",), "deleted": ("deleted",),
    },
    "proposal": {
        "position": ("position",), "title": ("title",), "text": ("text",), "kind": ("kind",),
        "commitments": ("commitments",), "notes": ("notes",), "workshops": ("workshops",),
        "decision": ("decision", "decision_reason", "decision_date"), "deleted": ("deleted",),
    },
    "synthesis": {
        "object": ("object",), "intro": ("intro",), "feedback": ("feedback",), "date": ("date",),
        "validation": ("validated_by", "validated_at", "fingerprint"),
    },
}


@dataclass(frozen=True)
class Rev:
    """One revision as the merge sees it; ``state`` is the decoded JSON dict."""

    id: str
    parents: tuple[str, ...]
    device: str
    at: str
    state: dict


@dataclass(frozen=True)
class Resolved:
    """What a record shows, given all its revisions."""

    heads: tuple[str, ...]  # revisions no other revision descends from, sorted
    shown: str  # the head that stands for the record (next edits descend from it)
    state: dict
    conflict: str | None  # None, "edit" or "deleted-edited"
    fields: tuple[str, ...]  # the field groups in conflict
    created_at: str
    created_by: str
    modified_at: str


def _key(v: Any) -> str:
    return json.dumps(v, sort_keys=True, ensure_ascii=False)


def resolve_heads(kind: str, revs: list[Rev]) -> Resolved:
    """The state of a record from the set of its revisions (order of ``revs`` does not matter).

    One head: its state. Several heads (concurrent edits): each field group takes the value the
    heads changed it to relative to their latest common ancestor; two different changes of one
    group are a conflict ("edit"), shown with the latest head's value; a deletion concurrent with
    an edit keeps the record ("deleted-edited").
    """
    by_id = {r.id: r for r in revs}
    referenced = {p for r in revs for p in r.parents}
    order = lambda r: (r.at, r.id)  # noqa: E731
    heads = sorted((r for r in revs if r.id not in referenced), key=order) or [max(revs, key=order)]
    roots = [r for r in revs if not any(p in by_id for p in r.parents)] or list(revs)
    first = min(roots, key=order)
    latest = heads[-1]
    if len(heads) == 1:
        return Resolved((latest.id,), latest.id, latest.state, None, (), first.at, first.device, latest.at)

    def ancestry(r: Rev) -> set[str]:
        seen: set[str] = set()
        stack = [r.id]
        while stack:
            cur = stack.pop()
            if cur in seen or cur not in by_id:
                continue
            seen.add(cur)
            stack.extend(by_id[cur].parents)
        return seen

    lines = [ancestry(h) for h in heads]
    common = set.intersection(*lines)
    base: dict | None = None
    if common:
        base = max((by_id[c] for c in common), key=order).state
    else:  # the same record made on several laptops: a shared base if they started alike
        starts = {_key(by_id[x].state) for line in lines for x in line
                  if not any(p in by_id for p in by_id[x].parents)}
        if len(starts) == 1:
            base = json.loads(starts.pop())
    groups = FIELD_GROUPS[kind]
    alive = [h for h in heads if not h.state.get("deleted")] or heads
    preferred = alive[-1]
    merged = dict(preferred.state)
    conflicts: list[str] = []
    for name, keys in groups.items():
        base_v = _key([base.get(k) for k in keys]) if base is not None else None
        changed: dict[str, Rev] = {}
        for h in heads:
            v = _key([h.state.get(k) for k in keys])
            if v != base_v:
                changed.setdefault(v, h)
        if not changed:
            src = base
        elif len(changed) == 1:
            src = next(iter(changed.values())).state
        else:
            conflicts.append(name)
            src = preferred.state
        for k in keys:
            merged[k] = src.get(k) if src is not None else preferred.state.get(k)
    conflict = "edit" if conflicts else None
    if merged.get("deleted") and "deleted" in groups and "deleted" not in conflicts:
        edited = [h for h in heads if not h.state.get("deleted")
                  and (base is None or any(_key(h.state.get(k)) != _key(base.get(k))
                                           for g, ks in groups.items() if g != "deleted" for k in ks))]
        if edited:
            merged["deleted"] = False
            conflicts.append("deleted")
            conflict = "deleted-edited"
    elif "deleted" in conflicts:
        merged["deleted"] = False
        conflict = "deleted-edited" if conflicts == ["deleted"] else "edit"
    return Resolved(tuple(sorted(h.id for h in heads)), preferred.id, merged, conflict,
                    tuple(conflicts), first.at, first.device, latest.at)


HEADS_COLUMNS = declaration.TABLE["record_heads"].select()


@dataclass(frozen=True)
class Heads:
    """A row of ``record_heads`` (its columns, ``HEADS_COLUMNS``, in that order)."""

    kind: str
    record_id: str
    heads: str
    conflict: str | None
    fields: str


@dataclass(frozen=True)
class Version:
    """One head of a record in conflict: which laptop wrote it, when, and its state."""

    revision: str
    device: str
    at: str
    state: Any


@dataclass(frozen=True)
class Conflict:
    """A record with concurrent versions that a person has to choose between or combine."""

    kind: str  # "note", "proposal", "synthesis"
    record_id: str
    reason: str  # "edit" or "deleted-edited"
    fields: tuple[str, ...]  # field groups that differ ("text", "place", "deleted", …)
    shown: Any  # the state shown meanwhile (the latest version, never a deletion)
    versions: tuple[Version, ...]


DECODERS = {"note": NoteState.from_json, "proposal": ProposalState.from_json,
            "synthesis": SynthesisState.from_json}

_REVISIONS = {kind: ("SELECT r.id, r.{record}, r.parent_id, r.device, r.at, r.state FROM {table} r "
                     "JOIN _recompute_ids k ON r.{record} = k.id" + ("" if kind == "note" else " WHERE r.kind = ?"))
              .format(record="note_id" if kind == "note" else "record_id",
                      table="note_revision" if kind == "note" else "record_revision")
              for kind in declaration.RECORD_TABLE}


def _raw(con: Any) -> sqlite3.Connection:
    """The sqlite3 connection under a SQLAlchemy ``Connection`` (the same one: same transaction)."""
    return con if isinstance(con, sqlite3.Connection) else con.connection.driver_connection


def revisions_of(con: Any, kind: str, ids: Iterable[str]) -> dict[str, list[tuple]]:
    """``{record id: [(id, parents, device, at, state json), …]}`` for the given records.

    ``con``: the file's sqlite3 connection (a read) or the SQLAlchemy connection of a write.
    """
    con = _raw(con)
    ids = list(dict.fromkeys(ids))
    out: dict[str, list[tuple]] = {}
    if not ids:
        return out
    con.execute("CREATE TEMP TABLE IF NOT EXISTS _recompute_ids (id TEXT PRIMARY KEY)")
    con.execute("DELETE FROM _recompute_ids")
    con.executemany("INSERT OR IGNORE INTO _recompute_ids VALUES (?)", [(i,) for i in ids])
    rows = con.execute(_REVISIONS[kind], () if kind == "note" else (kind,)).fetchall()
    extra = _extra_parents(con)
    for rid, record, parent, device, at, state in rows:
        parents = ((parent,) if parent else ()) + tuple(sorted(extra.get(rid, ())))
        out.setdefault(record, []).append((rid, parents, device, at, state))
    return out


def _extra_parents(con: sqlite3.Connection) -> dict[str, list[str]]:
    extra: dict[str, list[str]] = {}
    for rid, pid in con.execute("SELECT revision_id, parent_id FROM revision_parent"):
        extra.setdefault(rid, []).append(pid)
    return extra
def _defaults(cls) -> dict[str, Any]:
    out = {}
    for f in fields(cls):
        if f.default is not MISSING:
            out[f.name] = f.default
        elif f.default_factory is not MISSING:
            out[f.name] = list(f.default_factory())
    return out


# the fields a state may leave out (written by an older version), with the value they stand for
_DEFAULTS = {kind: _defaults(cls) for kind, cls in (("note", NoteState), ("proposal", ProposalState),
                                                    ("synthesis", SynthesisState))}


def _state(kind: str, text: str | dict[str, Any]) -> dict[str, Any]:
    """A revision's state as a whole: a field it leaves out is its default, so that heads
    compared or merged field by field never meet a missing value (a NULL in a required column).
    ``text``: its JSON, or the dict a merge's validation already decoded from it."""
    return {**_DEFAULTS[kind], **(text if isinstance(text, dict) else json.loads(text))}


def _resolve(kind: str, revs: list[tuple]) -> Resolved:
    if len(revs) == 1:  # the common case, kept fast
        rid, _p, device, at, state = revs[0]
        return Resolved((rid,), rid, _state(kind, state), None, (), at, device, at)
    referenced = {p for r in revs for p in r[1]}
    heads = [r for r in revs if r[0] not in referenced]
    if len(heads) == 1:
        ids = {r[0] for r in revs}
        roots = [r for r in revs if not any(p in ids for p in r[1])] or revs
        first = min(roots, key=lambda r: (r[3], r[0]))
        h = heads[0]
        return Resolved((h[0],), h[0], _state(kind, h[4]), None, (), first[3], first[2], h[3])
    return resolve_heads(kind, [Rev(r[0], r[1], r[2], r[3], _state(kind, r[4])) for r in revs])


def recompute(conn: Connection, kind: str, ids: Iterable[str],
              known: dict[str, list[tuple]] | None = None) -> dict[str, Resolved]:
    """Rewrite the current rows (note / proposal / synthesis) and ``record_heads`` of ``ids`` from
    their revisions, inside the transaction of ``conn`` (SQLAlchemy Core statements built from
    the declaration); a pure function of the set of revisions, so merges commute.

    ``known``: records whose complete list of revisions ``(id, parent_id, device, at, state)``
    the caller already holds (a merge, for notes new to the target), so they are not read back;
    a state may be given decoded (the dict of its JSON), so that it is not decoded twice.
    """
    from sqlalchemy import bindparam, delete, insert

    from facilitator.store.schema import TABLES, bulk

    known = known or {}
    grouped = revisions_of(conn, kind, [i for i in ids if i not in known])
    if known:
        extra = _extra_parents(_raw(conn))
        for record, revs in known.items():
            grouped[record] = [(r[0], ((r[1],) if r[1] else ()) + tuple(sorted(extra.get(r[0], ()))), r[2], r[3], r[4])
                               for r in revs]
    results = {rid: _resolve(kind, revs) for rid, revs in grouped.items()}
    if not results:
        return results
    table = TABLES[kind]
    bulk(conn, insert(table).prefix_with("OR REPLACE"), [
        declaration.state_row(kind, r.state, id=int(rid) if kind == "synthesis" else rid, created_at=r.created_at,
                              modified_at=r.modified_at, device=r.created_by, revision=r.shown)
        for rid, r in results.items()])
    heads = TABLES["record_heads"]
    # only the records that had several heads have a row to replace (a small table, read once):
    # not one DELETE per recomputed record (a merge recomputes tens of thousands of new notes)
    had = {r[0] for r in _raw(conn).execute("SELECT record_id FROM record_heads WHERE kind = ?", (kind,))}
    bulk(conn, delete(heads).where(heads.c.kind == bindparam("k"), heads.c.record_id == bindparam("r")),
         [{"k": kind, "r": rid} for rid in grouped if rid in had])
    several = [{"kind": kind, "record_id": rid, "heads": json.dumps(list(r.heads)), "conflict": r.conflict,
                "fields": json.dumps(list(r.fields))} for rid, r in results.items() if len(r.heads) > 1]
    if several:
        conn.execute(insert(heads), several)
    return results
