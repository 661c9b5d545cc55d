"""Conflicts left by a merge: listing them with their versions, and a person's resolution (one
undoable change: a revision whose parents are every head). A part of ``EventFile`` (``event.py``).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from facilitator.errors import OperationError
from facilitator.i18n import tr
from facilitator.store.access import new_id, now, operation, reads
from facilitator.store.states import Change, Edit

if TYPE_CHECKING:
    from facilitator.store.history import Conflict, Heads


class Conflicts:
    """The conflicts of an event file (a part of ``EventFile``)."""

    @reads
    def revision_index(self) -> dict[str, tuple[str, str]]:
        """Every revision of the file: ``{revision id: (record kind, record id)}``."""
        return {rid: (kind, record) for rid, kind, record in self._all(
            "SELECT id, 'note', note_id FROM note_revision UNION ALL SELECT id, kind, record_id FROM record_revision")}

    @reads
    def conflicts(self, kind: str | None = None) -> list[Conflict]:
        """Records in conflict after a merge (notes in outline order first), for a person to resolve."""
        from facilitator.store.history import HEADS_COLUMNS, Heads

        sql = f"SELECT {HEADS_COLUMNS} FROM record_heads WHERE conflict IS NOT NULL"
        rows = self._all(sql, ()) if kind is None else self._all(sql + " AND kind = ?", (kind,))
        out = [self._conflict(Heads(*r)) for r in rows]
        place = {}
        for i, (n, _d) in enumerate(self._ordered(self._rows(), True)):
            place[n.id] = i
        rank = {"note": 0, "proposal": 1, "synthesis": 2}
        return sorted(out, key=lambda c: (rank[c.kind], place.get(c.record_id, 0), c.record_id))

    @reads
    def conflict(self, record_id: str, kind: str = "note") -> Conflict | None:
        from facilitator.store.history import HEADS_COLUMNS, Heads

        row = self._one(f"SELECT {HEADS_COLUMNS} FROM record_heads WHERE kind = ? AND record_id = ?",
                        (kind, record_id))
        if row is None or row[3] is None:
            return None
        return self._conflict(Heads(*row))

    def _conflict(self, row: Heads) -> Conflict:
        from facilitator.store.history import DECODERS, Conflict, Version, revisions_of

        revs = revisions_of(self._con, row.kind, [row.record_id]).get(row.record_id, [])
        heads = set(json.loads(row.heads))
        decode = DECODERS[row.kind]
        versions = tuple(sorted((Version(r[0], r[2], r[3], decode(r[4])) for r in revs if r[0] in heads),
                                key=lambda v: (v.at, v.revision)))
        if row.kind == "note":
            shown = self.note(row.record_id).state
        elif row.kind == "proposal":
            shown = self.proposal(row.record_id).state
        else:
            shown = self.synthesis()
        return Conflict(row.kind, row.record_id, row.conflict or "", tuple(json.loads(row.fields)), shown,
                        versions)

    @operation
    def resolve_conflict(self, record_id: str, state: Any = None, *, revision: str | None = None,
                         kind: str = "note") -> Change:
        """Resolve a conflict: keep one version (``revision``, a head's id or its first characters),
        or a combined ``state`` (by default the state shown now). One undoable change: a new
        revision whose parents are all the heads."""
        from facilitator.store.history import Resolution

        found = self.conflict(record_id, kind)
        if found is None:
            raise OperationError(tr("merge.no_conflict", id=record_id))
        if revision is not None:
            matches = [v for v in found.versions if v.revision.startswith(revision)]
            if len(matches) != 1:
                raise OperationError(tr("merge.unknown_version", id=revision))
            state = matches[0].state
        if state is None:
            state = found.shown
        shown_rev = self._shown_revision(kind, record_id)
        heads = [v.revision for v in found.versions]
        parents = (shown_rev, *sorted(h for h in heads if h != shown_rev))
        res = Resolution(new_id(), parents, state, now(), self.device)
        focus = record_id if kind == "note" else None
        return self.apply(Change("resolve_conflict", (Edit("resolution", (kind, record_id, res.revision), None, res),),
                                 focus=focus, focus_before=focus))

    @reads
    def _shown_revision(self, kind: str, record_id: str) -> str:
        table = {"note": "note", "proposal": "proposal", "synthesis": "synthesis"}[kind]
        key = int(record_id) if kind == "synthesis" else record_id
        return self._one(f"SELECT revision FROM {table} WHERE id = ?", (key,))[0]
