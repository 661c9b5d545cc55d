"""Notes: reading them (one, a section's outline, a search) and the outline operations (add,
edit, vote, delete, move, indent…). A part of ``EventFile`` (``event.py``): each operation reads
what the file holds, builds a ``Change`` and hands it to ``apply`` (``changes.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from facilitator.errors import OperationError
from facilitator.i18n import tr
from facilitator.kit.model import Item
from facilitator.store.access import new_id, operation, reads
from facilitator.store.fileformat import NOTE_COLUMNS, fold
from facilitator.store.outline import tree_order
from facilitator.store.rows import NoteRow, note_row
from facilitator.store.states import CONTRIBUTORS, Change, Edit, NoteState

if TYPE_CHECKING:
    from facilitator.store.event import EventFile


class Notes:
    """The notes of an event file (a part of ``EventFile``)."""

    def _rows(self, where: str = "", params: Sequence = ()) -> list[NoteRow]:
        sql = f"SELECT {NOTE_COLUMNS} FROM note" + (f" WHERE {where}" if where else "")
        return [note_row(r) for r in self._all(sql, params)]

    @reads
    def note(self, note_id: str) -> NoteRow:
        rows = self._rows("id = ?", (note_id,))
        if not rows:
            raise OperationError(tr("store.unknown_note", id=note_id))
        return rows[0]

    @reads
    def notes(self, workshop: int | None = None, section: str | None = None,
              include_deleted: bool = False) -> list[NoteRow]:
        """Notes in outline order: by atelier (kit order), section (kit order), then tree order."""
        where, params = [], []
        if workshop is not None:
            where.append("workshop = ?")
            params.append(workshop)
        if section is not None:
            where.append("section = ?")
            params.append(section)
        rows = self._rows(" AND ".join(where), params)
        return [r for r, _depth in self._ordered(rows, include_deleted)]

    @reads
    def outline(self, workshop: int, section: str) -> list[tuple[NoteRow, int]]:
        """The visible notes of one atelier section, in order, with their depth (0 = top)."""
        return self._ordered(self._rows("workshop = ? AND section = ?", (workshop, section)), False)

    def _ordered(self, rows: list[NoteRow], include_deleted: bool) -> list[tuple[NoteRow, int]]:
        """Notes by atelier and section in kit order, each outline in tree order."""
        kit = self.kit
        w_order = {w.number: i for i, w in enumerate(kit.workshops)}
        s_order = {s.id: i for i, s in enumerate(kit.sections)}
        places: dict[tuple[int, str], list[NoteRow]] = {}
        for r in rows:
            if include_deleted or not r.deleted:
                places.setdefault((r.workshop, r.section), []).append(r)
        out: list[tuple[NoteRow, int]] = []
        for place in sorted(places, key=lambda p: (w_order.get(p[0], 10**6), p[0], s_order.get(p[1], 10**6), p[1])):
            out.extend(tree_order(places[place]))
        return out

    @reads
    def children(self, note_id: str | None, workshop: int, section: str) -> list[NoteRow]:
        rows = self._rows("workshop = ? AND section = ? AND parent_id IS ? AND deleted IS 0",
                          (workshop, section, note_id))
        return sorted(rows, key=lambda r: (r.position, r.id))

    @reads
    def _sibling_positions(self, parent: str | None, workshop: int, section: str) -> list[_Sibling]:
        """``children`` as ``_slot`` reads it (id, position; a state only to renumber), without
        building 300 rows: a new note in a long section stays cheap."""
        rows = self._all(
            "SELECT id, position FROM note WHERE workshop = ? AND section = ? AND parent_id IS ? AND deleted IS 0",
            (workshop, section, parent))
        return [_Sibling(self, i, p) for i, p in sorted(rows, key=lambda r: (r[1], r[0]))]

    @reads
    def revisions(self, note_id: str) -> list[tuple]:
        """The revisions of a note: ``(id, parent_id, device, at, state json)``, oldest first."""
        return self._all("SELECT id, parent_id, device, at, state FROM note_revision WHERE note_id = ? "
                         "ORDER BY at, id", (note_id,))

    @reads
    def count_notes(self) -> dict[tuple[int, str], int]:
        return {(w, s): n for w, s, n in self._all(
            "SELECT workshop, section, count(*) FROM note WHERE deleted IS 0 GROUP BY workshop, section")}

    @reads
    def search(self, text: str, workshop: int | None = None, contributor: str | None = None,
               commitment: str | int | None = None) -> list[NoteRow]:
        """Visible notes whose text or links contain ``text``, ignoring case and accents.

        Optional filters: an atelier number, a contributor type, a commitment id. The result is
        in outline order (atelier, section, then tree order among the notes found).
        """
        where, params = ["deleted IS 0"], []
        needle = fold(text.strip())
        if needle:
            where.append("instr(fold(text || ' ' || urls), ?) > 0")
            params.append(needle)
        if workshop is not None:
            where.append("workshop = ?")
            params.append(workshop)
        if contributor is not None:
            where.append("contributor = ?")
            params.append(contributor)
        rows = self._rows(" AND ".join(where), params)
        if commitment is not None:
            rows = [r for r in rows if str(commitment) in r.commitments]
        return [r for r, _depth in self._ordered(rows, False)]

    def _check_place(self, workshop: int, section: str) -> None:
        if self.kit.workshop(workshop) is None:
            raise OperationError(tr("store.unknown_workshop", number=workshop))
        if self.kit.section(section) is None:
            raise OperationError(tr("store.unknown_section", id=section))

    def _clean_fields(self, fields: dict[str, Any]) -> dict[str, Any]:
        out = dict(fields)
        if "urls" in out:
            from facilitator.kit.spec import url_problem

            urls = tuple(u.strip() for u in out["urls"] if u and u.strip())
            for u in urls:
                problem = url_problem(u)
                if problem:
                    raise OperationError(tr("store.bad_url", value=u))
            out["urls"] = urls
        if "contributor" in out:
            if out["contributor"] in ("", None):
                out["contributor"] = None
            elif out["contributor"] not in CONTRIBUTORS:
                raise OperationError(tr("store.bad_contributor", value=out["contributor"]))
        if "commitments" in out:
            out["commitments"] = tuple(str(c) for c in out["commitments"])
        if "votes" in out:
            out["votes"] = max(0, int(out["votes"]))
        return out

    @operation
    def add_note(self, workshop: int, section: str, text: str = "", *, after: str | None = None,
                 parent: str | None = None, note_id: str | None = None, focus_before: str | None = None,
                 **fields: Any) -> Change:
        """A new note: after the sibling ``after``, else last child of ``parent`` (None: top level)."""
        self._check_place(workshop, section)
        fields = self._clean_fields(fields)
        if after is not None:
            ref = self.note(after)
            parent = ref.parent_id
            siblings = self._sibling_positions(parent, workshop, section)
            idx = next((i for i, s in enumerate(siblings) if s.id == after), len(siblings) - 1)
            edits, position = self._slot(siblings, idx + 1)
        else:
            siblings = self._sibling_positions(parent, workshop, section)
            edits, position = self._slot(siblings, len(siblings))
        nid = note_id or new_id()
        state = NoteState(workshop, section, parent, position, text, **fields)
        edits.append(Edit("note", nid, None, state))
        return self.apply(Change("add_note", tuple(edits), focus=nid, focus_before=focus_before or after))

    @operation
    def add_items(self, workshop: int, section: str, items: Iterable[Item], *, parent: str | None = None,
                  id_for=None) -> Change:
        """Add a tree of items (kit item format) as notes, in one change (paste, demo, import).

        ``id_for(path)`` gives each note's id from its index path, for reproducible ids.
        """
        self._check_place(workshop, section)
        siblings = self.children(parent, workshop, section)
        edits: list[Edit] = []
        base = siblings[-1].position if siblings else 0.0

        # depth first, in reading order, without recursion (a paste 2,000 levels deep)
        stack = [(item, parent, (i,), base + i + 1.0) for i, item in reversed(list(enumerate(items)))]
        while stack:
            item, parent_id, path, position = stack.pop()
            nid = id_for(path) if id_for else new_id()
            state = NoteState(workshop, section, parent_id, position, item.text,
                              urls=(item.url,) if item.url else ())
            edits.append(Edit("note", nid, None, state))
            stack.extend((child, nid, (*path, i), i + 1.0) for i, child in reversed(list(enumerate(item.items))))
        first = edits[0].key if edits else None
        return self.apply(Change("add_items", tuple(edits), focus=first))

    def _slot(self, siblings: list[NoteRow], index: int) -> tuple[list[Edit], float]:
        """A position for a note inserted at ``index`` among ``siblings`` (renumbering if needed)."""
        before = siblings[index - 1].position if index > 0 else None
        after = siblings[index].position if index < len(siblings) else None
        if before is None and after is None:
            return [], 1.0
        if after is None:
            return [], before + 1.0
        if before is None:
            return [], after - 1.0
        mid = (before + after) / 2
        if before < mid < after:
            return [], mid
        # floats exhausted between two neighbours: renumber the siblings
        edits = []
        for i, s in enumerate(siblings):
            new_pos = float(i + 1 if i < index else i + 2)
            if new_pos != s.position:
                edits.append(Edit("note", s.id, s.state, s.state.with_(position=new_pos)))
        return edits, float(index + 1)

    @operation
    def edit_note(self, note_id: str, **fields: Any) -> Change:
        row = self.note(note_id)
        fields = self._clean_fields(fields)
        new = row.state.with_(**fields)
        return self.apply(Change("edit_note", (Edit("note", note_id, row.state, new),), note_id, note_id))

    @operation
    def vote(self, note_id: str, delta: int = 1) -> Change:
        row = self.note(note_id)
        new = row.state.with_(votes=max(0, row.votes + delta))
        return self.apply(Change("vote", (Edit("note", note_id, row.state, new),), note_id, note_id))

    @operation
    def delete_note(self, note_id: str) -> Change:
        """Delete a note and what is nested under it (tombstones: undo brings them back)."""
        row = self.note(note_id)
        edits = []
        for r in [row, *self._descendants(row)]:
            edits.append(Edit("note", r.id, r.state, r.state.with_(deleted=True)))
        visible = [r for r, _ in self.outline(row.workshop, row.section)]
        ids = [r.id for r in visible]
        focus = None
        if note_id in ids:
            i = ids.index(note_id)
            focus = ids[i - 1] if i > 0 else (ids[i + 1 + len(edits) - 1] if i + len(edits) < len(ids) else None)
        return self.apply(Change("delete_note", tuple(edits), focus=focus, focus_before=note_id))

    def _descendants(self, row: NoteRow) -> list[NoteRow]:
        out = []
        stack = [row]
        while stack:
            cur = stack.pop()
            kids = self.children(cur.id, cur.workshop, cur.section)
            out.extend(kids)
            stack.extend(kids)
        return out

    @operation
    def move_to(self, note_id: str, parent: str | None, index: int, section: str | None = None) -> Change:
        """Move a note (with what is nested under it) to be child ``index`` of ``parent``."""
        row = self.note(note_id)
        section = section or row.section
        self._check_place(row.workshop, section)
        siblings = [s for s in self.children(parent, row.workshop, section) if s.id != note_id]
        index = max(0, min(index, len(siblings)))
        edits, position = self._slot(siblings, index)
        new = row.state.with_(parent_id=parent, position=position, section=section)
        edits.append(Edit("note", note_id, row.state, new))
        if section != row.section:
            for d in self._descendants(row):
                edits.append(Edit("note", d.id, d.state, d.state.with_(section=section)))
        return self.apply(Change("move_note", tuple(edits), note_id, note_id))

    def _siblings_of(self, row: NoteRow) -> tuple[list[NoteRow], int]:
        sibs = self.children(row.parent_id, row.workshop, row.section)
        return sibs, next(i for i, s in enumerate(sibs) if s.id == row.id)

    @operation
    def indent(self, note_id: str) -> Change:
        """Make the note the last child of the sibling above it (no change if there is none)."""
        row = self.note(note_id)
        sibs, i = self._siblings_of(row)
        if i == 0:
            return Change("indent", focus=note_id, focus_before=note_id)
        new_parent = sibs[i - 1].id
        kids = self.children(new_parent, row.workshop, row.section)
        return self._relabel(self.move_to(note_id, new_parent, len(kids)), "indent")

    @operation
    def outdent(self, note_id: str) -> Change:
        """Make the note the sibling just after its parent (no change at the top level)."""
        row = self.note(note_id)
        if row.parent_id is None:
            return Change("outdent", focus=note_id, focus_before=note_id)
        parent = self.note(row.parent_id)
        psibs, pi = self._siblings_of(parent)
        return self._relabel(self.move_to(note_id, parent.parent_id, pi + 1), "outdent")

    @operation
    def move_up(self, note_id: str) -> Change:
        row = self.note(note_id)
        sibs, i = self._siblings_of(row)
        if i == 0:
            return Change("move_up", focus=note_id, focus_before=note_id)
        return self._relabel(self.move_to(note_id, row.parent_id, i - 1), "move_up")

    @operation
    def move_down(self, note_id: str) -> Change:
        row = self.note(note_id)
        sibs, i = self._siblings_of(row)
        if i == len(sibs) - 1:
            return Change("move_down", focus=note_id, focus_before=note_id)
        return self._relabel(self.move_to(note_id, row.parent_id, i + 1), "move_down")

    @staticmethod
    def _relabel(change: Change, label: str) -> Change:
        return Change(label, change.edits, change.focus, change.focus_before)


class _Sibling:
    """A sibling of a note being placed: its id and position (its state is read only if needed)."""

    __slots__ = ("_ev", "id", "position")

    def __init__(self, ev: EventFile, note_id: str, position: float) -> None:
        self._ev, self.id, self.position = ev, note_id, position

    @property
    def state(self) -> NoteState:
        return self._ev.note(self.id).state
