"""The event file: one SQLite file per event, holding a copy of its kit and everything captured.

Durability: WAL journal with ``synchronous=FULL``: each operation is one short transaction whose
commit returns only once it is on disk, so a killed process or a power cut never loses an
acknowledged change and never corrupts the file. On close the WAL is checkpointed and the file
switched back to a rollback journal, so that a closed event file is one self-contained file that
can be copied to a USB stick.

Every operation returns a ``Change`` (see ``states.py``); ``apply(change.inverse())`` undoes it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from facilitator import config
from facilitator.errors import OperationError, StoreError
from facilitator.i18n import tr
from facilitator.kit import Kit, load_kit_text
from facilitator.kit.model import Item
from facilitator.kit.spec import url_problem
from facilitator.store import migrations
from facilitator.store.schema import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    Asset,
    Base,
    Meta,
    Note,
    NoteRevision,
    Participants,
    Proposal,
    Synthesis,
)
from facilitator.store.states import (
    CONTRIBUTORS,
    DECISIONS,
    PROPOSAL_KINDS,
    Change,
    Edit,
    NoteState,
    ProposalState,
    SynthesisState,
)

SQLITE_HEADER = b"SQLite format 3\x00"
NAMESPACE = uuid.UUID("7b0f3c36-5d0e-4a43-9a43-1b7c8f0e6a11")
KIT_DEVICE = "kit"  # author of the notes prepared in the kit (identical on every laptop)


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class NoteRow:
    """A note as read: its id, current state, and bookkeeping."""

    id: str
    state: NoteState
    created_at: str
    modified_at: str
    device: str
    revision: str

    def __getattr__(self, name: str) -> Any:  # row.text, row.workshop, … read the state
        return getattr(self.__dict__["state"], name)


@dataclass(frozen=True)
class ProposalRow:
    id: str
    state: ProposalState
    created_at: str
    modified_at: str
    device: str

    def __getattr__(self, name: str) -> Any:
        return getattr(self.__dict__["state"], name)


# --------------------------------------------------------------------------------------------
# file identity


def inspect(path: Path) -> int:
    """Check that ``path`` is an event file this version can open; return its schema version.

    Reads only; raises ``StoreError`` with a French message otherwise.
    """
    if not path.exists():
        raise StoreError(tr("store.not_found", path=path))
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise StoreError(tr("store.unwritable", path=path, reason=exc.strerror)) from exc
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise StoreError(tr("store.not_sqlite", path=path))
    app_id = int.from_bytes(header[68:72], "big")
    version = int.from_bytes(header[60:64], "big")
    if app_id != APPLICATION_ID:
        raise StoreError(tr("store.foreign", path=path))
    if version > SCHEMA_VERSION:
        raise StoreError(tr("store.newer", path=path, found=version, supported=SCHEMA_VERSION))
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = con.execute("PRAGMA quick_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(tr("store.corrupt", path=path, detail=str(exc))) from exc
    if rows != [("ok",)]:
        detail = "; ".join(r[0] for r in rows[:3])
        raise StoreError(tr("store.corrupt", path=path, detail=detail))
    return version


def _engine(path: Path):
    def connect() -> sqlite3.Connection:
        con = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        con.execute("PRAGMA busy_timeout = 5000")
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = FULL")
        return con

    engine = create_engine("sqlite://", creator=connect, poolclass=StaticPool)

    # SQLAlchemy's documented recipe: let SQLAlchemy emit BEGIN itself (pysqlite's own
    # transaction handling is off since isolation_level=None above).
    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN")

    return engine


def _item_id(event_id: str, kit_sha: str, *parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join([event_id, kit_sha, *map(str, parts)])))


def _reads(method):
    """Queries end their implicit transaction, so no read snapshot outlives the call."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        finally:
            self._end_read()

    return wrapper


class EventFile:
    """An open event file. Use ``EventFile.create`` or ``EventFile.open``; close it after use."""

    def __init__(self, path: Path, device: str | None = None) -> None:
        self.path = Path(path)
        self.device = device or config.device_id()
        self._engine = _engine(self.path)
        self._session = Session(self._engine, expire_on_commit=False, autoflush=False)
        self._closed = False
        self._kit: Kit | None = None
        self.listeners: list = []  # callables(change) told after each applied change

    # ---------------------------------------------------------------- open / create / close
    @classmethod
    def create(cls, path: str | Path, kit: Kit, device: str | None = None, logo: bytes | None = None) -> EventFile:
        """Make a new event file from ``kit`` (its prepared items become the starting notes).

        The file is built under a temporary name beside the target and renamed at the end: no
        half-made event file ever appears under the chosen name.
        """
        path = Path(path)
        if path.exists():
            raise StoreError(tr("store.exists", path=path))
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            ev = cls(tmp, device)
            try:
                ev._initialise(kit, logo)
            finally:
                ev.close()
            os.replace(tmp, path)
        except OSError as exc:
            _cleanup(tmp)
            raise StoreError(_os_message(exc, path)) from exc
        except BaseException:
            _cleanup(tmp)
            raise
        return cls.open(path, device)

    @classmethod
    def open(cls, path: str | Path, device: str | None = None) -> EventFile:
        path = Path(path)
        version = inspect(path)
        if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            raise StoreError(tr("store.read_only", path=path))
        ev = cls(path, device)
        try:
            if version < SCHEMA_VERSION:
                migrations.upgrade(ev._session, version)
            ev.kit  # noqa: B018 — load the kit copy now, so a broken copy fails at open
        except BaseException:
            ev.close()
            raise
        return ev

    def _initialise(self, kit: Kit, logo: bytes | None) -> None:
        with self._session.begin():
            conn = self._session.connection()
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            Base.metadata.create_all(conn)
            conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
            sha = hashlib.sha256(kit.source.encode("utf-8")).hexdigest()
            created = now()
            for key, value in {
                "format": "facilitator-event",
                "event_id": kit.event.id,
                "kit_source": kit.source,
                "kit_sha256": sha,
                "created_at": created,
                "created_by": self.device,
            }.items():
                self._session.add(Meta(key=key, value=value))
            if logo is None and kit.logo_path is not None and kit.logo_path.is_file():
                logo = kit.logo_path.read_bytes()
            if logo is not None and kit.event.logo:
                self._session.add(Asset(name="logo", data=logo))
            self._session.add(Synthesis(id=1, modified_at=created))
            stamp = f"{kit.event.date.isoformat()}T00:00:00.000000+00:00"
            for w in kit.workshops:
                for sid, items in w.prepared:
                    self._add_prepared(kit.event.id, sha, w.number, sid, items, None, (), stamp)
            self._session.flush()

    def _add_prepared(self, event_id, sha, workshop, section, items: Iterable[Item], parent, prefix, stamp):
        for i, item in enumerate(items):
            path = (*prefix, i)
            nid = _item_id(event_id, sha, workshop, section, *path)
            state = NoteState(
                workshop=workshop,
                section=section,
                parent_id=parent,
                position=float(i + 1),
                text=item.text,
                urls=(item.url,) if item.url else (),
            )
            rev = _item_id(event_id, sha, "rev", workshop, section, *path)
            self._session.add(_note_row(nid, state, stamp, KIT_DEVICE, rev))
            self._session.add(
                NoteRevision(id=rev, note_id=nid, parent_id=None, device=KIT_DEVICE, at=stamp, state=state.to_json())
            )
            self._add_prepared(event_id, sha, workshop, section, item.items, nid, path, stamp)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._session.close()
            with self._engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.exec_driver_sql("PRAGMA journal_mode = DELETE")
        except DBAPIError:
            pass  # another process still has it open, or the disk is gone: WAL stays valid
        finally:
            self._engine.dispose()

    def __enter__(self) -> EventFile:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _end_read(self) -> None:
        """End the read transaction that queries open, so no snapshot is held between calls."""
        if self._session.in_transaction():
            self._session.commit()

    # ---------------------------------------------------------------- facts of the file
    @_reads
    def meta(self, key: str) -> str | None:
        row = self._session.get(Meta, key)
        return row.value if row else None

    @property
    def kit(self) -> Kit:
        if self._kit is None:
            self._kit = load_kit_text(self.meta("kit_source") or "", name=f"{self.path} (kit)")
        return self._kit

    @property
    def event_id(self) -> str:
        return self.meta("event_id") or ""

    @property
    def kit_sha256(self) -> str:
        return self.meta("kit_sha256") or ""

    @_reads
    def asset(self, name: str) -> bytes | None:
        row = self._session.get(Asset, name)
        return row.data if row else None

    # ---------------------------------------------------------------- reading notes
    def _rows(self, stmt) -> list[NoteRow]:
        return [_to_row(n) for n in self._session.scalars(stmt)]

    @_reads
    def note(self, note_id: str) -> NoteRow:
        n = self._session.get(Note, note_id)
        if n is None:
            raise OperationError(tr("store.unknown_note", id=note_id))
        return _to_row(n)

    @_reads
    def notes(self, workshop: int | None = None, section: str | None = None,
              include_deleted: bool = False) -> list[NoteRow]:
        """Notes in outline order: by atelier (kit order), section (kit order), then tree order."""
        stmt = select(Note)
        if workshop is not None:
            stmt = stmt.where(Note.workshop == workshop)
        if section is not None:
            stmt = stmt.where(Note.section == section)
        rows = self._rows(stmt)
        return [r for r, _depth in self._ordered(rows, include_deleted)]

    @_reads
    def outline(self, workshop: int, section: str) -> list[tuple[NoteRow, int]]:
        """The visible notes of one atelier section, in order, with their depth (0 = top)."""
        stmt = select(Note).where(Note.workshop == workshop, Note.section == section)
        return self._ordered(self._rows(stmt), False)

    def _ordered(self, rows: list[NoteRow], include_deleted: bool) -> list[tuple[NoteRow, int]]:
        kit = self.kit
        w_order = {w.number: i for i, w in enumerate(kit.workshops)}
        s_order = {s.id: i for i, s in enumerate(kit.sections)}
        visible = {r.id: r for r in rows if include_deleted or not r.deleted}
        children: dict[tuple, list[NoteRow]] = {}
        for r in visible.values():
            parent = r.parent_id if r.parent_id in visible else None  # orphans go to the top
            children.setdefault((r.workshop, r.section, parent), []).append(r)
        for lst in children.values():
            lst.sort(key=lambda r: (r.position, r.id))
        out: list[tuple[NoteRow, int]] = []
        places = sorted(
            {(r.workshop, r.section) for r in visible.values()},
            key=lambda p: (w_order.get(p[0], 10**6), p[0], s_order.get(p[1], 10**6), p[1]),
        )
        for w, s in places:
            stack = [(r, 0) for r in reversed(children.get((w, s, None), []))]
            while stack:
                r, depth = stack.pop()
                out.append((r, depth))
                stack.extend((c, depth + 1) for c in reversed(children.get((w, s, r.id), [])))
        return out

    @_reads
    def children(self, note_id: str | None, workshop: int, section: str) -> list[NoteRow]:
        stmt = select(Note).where(
            Note.workshop == workshop, Note.section == section, Note.parent_id == note_id,
            Note.deleted.is_(False),
        )
        return sorted(self._rows(stmt), key=lambda r: (r.position, r.id))

    @_reads
    def revisions(self, note_id: str) -> list[NoteRevision]:
        return list(self._session.scalars(select(NoteRevision).where(NoteRevision.note_id == note_id)))

    @_reads
    def count_notes(self) -> dict[tuple[int, str], int]:
        out: dict[tuple[int, str], int] = {}
        for n in self._session.scalars(select(Note).where(Note.deleted.is_(False))):
            out[(n.workshop, n.section)] = out.get((n.workshop, n.section), 0) + 1
        return out

    # ---------------------------------------------------------------- applying changes
    def apply(self, change: Change) -> Change:
        """Write every ``after`` state of ``change`` in one transaction; return it."""
        if change.empty:
            return change
        stamp = now()
        self._end_read()
        try:
            with self._session.begin():
                for e in change.edits:
                    if e.before == e.after:
                        continue
                    writer = getattr(self, f"_write_{e.kind}")
                    writer(e.key, e.after, stamp)
        except DBAPIError as exc:
            self._session.rollback()
            raise StoreError(_db_message(exc, self.path)) from exc
        except OSError as exc:
            self._session.rollback()
            raise StoreError(_os_message(exc, self.path)) from exc
        for listener in list(self.listeners):
            listener(change)
        return change

    def _write_note(self, note_id: str, state: NoteState | None, stamp: str) -> None:
        row = self._session.get(Note, note_id)
        if state is None:  # undo of an addition: a tombstone keeps the merge promise
            if row is None:
                return
            state = _to_row(row).state.with_(deleted=True)
        rev = str(uuid.uuid4())
        parent_rev = row.revision if row is not None else None
        self._session.add(
            NoteRevision(id=rev, note_id=note_id, parent_id=parent_rev, device=self.device, at=stamp,
                         state=state.to_json())
        )
        if row is None:
            self._session.add(_note_row(note_id, state, stamp, self.device, rev))
        else:
            _fill(row, state)
            row.modified_at = stamp
            row.revision = rev

    def _write_participants(self, key: tuple[int, str], count: int | None, stamp: str) -> None:
        workshop, contributor = key
        row = self._session.get(Participants, (workshop, contributor, self.device))
        if count is None:
            if row is not None:
                self._session.delete(row)
            return
        if row is None:
            self._session.add(Participants(workshop=workshop, contributor=contributor, device=self.device,
                                           count=count, at=stamp))
        else:
            row.count, row.at = count, stamp

    def _write_proposal(self, pid: str, state: ProposalState | None, stamp: str) -> None:
        row = self._session.get(Proposal, pid)
        if state is None:
            if row is None:
                return
            row.deleted, row.modified_at = True, stamp
            return
        if row is None:
            row = Proposal(id=pid, created_at=stamp, device=self.device)
            self._session.add(row)
        row.position = state.position
        row.title, row.text, row.kind = state.title, state.text, state.kind
        row.commitments = json.dumps(list(state.commitments), ensure_ascii=False)
        row.notes = json.dumps(list(state.notes))
        row.workshops = json.dumps(list(state.workshops))
        row.decision, row.decision_reason, row.decision_date = (
            state.decision, state.decision_reason, state.decision_date)
        row.deleted = state.deleted
        row.modified_at = stamp

    def _write_synthesis(self, _key: int, state: SynthesisState, stamp: str) -> None:
        row = self._session.get(Synthesis, 1)
        if row is None:
            row = Synthesis(id=1)
            self._session.add(row)
        for k, v in vars(state).items():
            setattr(row, k, v)
        row.modified_at = stamp

    # ---------------------------------------------------------------- note operations
    def _check_place(self, workshop: int, section: str) -> None:
        if self.kit.workshop(workshop) is None:
            raise OperationError(tr("store.unknown_workshop", number=workshop))
        if self.kit.section(section) is None:
            raise OperationError(tr("store.unknown_section", id=section))

    def _clean_fields(self, fields: dict[str, Any]) -> dict[str, Any]:
        out = dict(fields)
        if "urls" in out:
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

    def add_note(self, workshop: int, section: str, text: str = "", *, after: str | None = None,
                 parent: str | None = None, note_id: str | None = None, focus_before: str | None = None,
                 **fields: Any) -> Change:
        """A new note: after the sibling ``after``, else last child of ``parent`` (None: top level)."""
        self._check_place(workshop, section)
        fields = self._clean_fields(fields)
        if after is not None:
            ref = self.note(after)
            parent = ref.parent_id
            siblings = self.children(parent, workshop, section)
            idx = next((i for i, s in enumerate(siblings) if s.id == after), len(siblings) - 1)
            edits, position = self._slot(siblings, idx + 1)
        else:
            siblings = self.children(parent, workshop, section)
            edits, position = self._slot(siblings, len(siblings))
        nid = note_id or str(uuid.uuid4())
        state = NoteState(workshop, section, parent, position, text, **fields)
        edits.append(Edit("note", nid, None, state))
        return self.apply(Change("add_note", tuple(edits), focus=nid, focus_before=focus_before or after))

    def add_items(self, workshop: int, section: str, items: Iterable[Item], *, parent: str | None = None,
                  id_for=None) -> Change:
        """Add a tree of items (kit item format) as notes, in one change (paste, demo, import).

        ``id_for(path)`` gives each note's id from its index path, for reproducible ids.
        """
        self._check_place(workshop, section)
        siblings = self.children(parent, workshop, section)
        edits: list[Edit] = []
        base = siblings[-1].position if siblings else 0.0

        def walk(entries, parent_id, prefix, start):
            for i, item in enumerate(entries):
                path = (*prefix, i)
                nid = id_for(path) if id_for else str(uuid.uuid4())
                state = NoteState(workshop, section, parent_id, start + i + 1.0, item.text,
                                  urls=(item.url,) if item.url else ())
                edits.append(Edit("note", nid, None, state))
                walk(item.items, nid, path, 0.0)

        walk(items, parent, (), base)
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

    def edit_note(self, note_id: str, **fields: Any) -> Change:
        row = self.note(note_id)
        fields = self._clean_fields(fields)
        new = row.state.with_(**fields)
        return self.apply(Change("edit_note", (Edit("note", note_id, row.state, new),), note_id, note_id))

    def vote(self, note_id: str, delta: int = 1) -> Change:
        row = self.note(note_id)
        new = row.state.with_(votes=max(0, row.votes + delta))
        return self.apply(Change("vote", (Edit("note", note_id, row.state, new),), note_id, note_id))

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

    def indent(self, note_id: str) -> Change:
        """Make the note the last child of the sibling above it (no change if there is none)."""
        row = self.note(note_id)
        sibs, i = self._siblings_of(row)
        if i == 0:
            return Change("indent", focus=note_id, focus_before=note_id)
        new_parent = sibs[i - 1].id
        kids = self.children(new_parent, row.workshop, row.section)
        return self._relabel(self.move_to(note_id, new_parent, len(kids)), "indent")

    def outdent(self, note_id: str) -> Change:
        """Make the note the sibling just after its parent (no change at the top level)."""
        row = self.note(note_id)
        if row.parent_id is None:
            return Change("outdent", focus=note_id, focus_before=note_id)
        parent = self.note(row.parent_id)
        psibs, pi = self._siblings_of(parent)
        return self._relabel(self.move_to(note_id, parent.parent_id, pi + 1), "outdent")

    def move_up(self, note_id: str) -> Change:
        row = self.note(note_id)
        sibs, i = self._siblings_of(row)
        if i == 0:
            return Change("move_up", focus=note_id, focus_before=note_id)
        return self._relabel(self.move_to(note_id, row.parent_id, i - 1), "move_up")

    def move_down(self, note_id: str) -> Change:
        row = self.note(note_id)
        sibs, i = self._siblings_of(row)
        if i == len(sibs) - 1:
            return Change("move_down", focus=note_id, focus_before=note_id)
        return self._relabel(self.move_to(note_id, row.parent_id, i + 1), "move_down")

    @staticmethod
    def _relabel(change: Change, label: str) -> Change:
        return Change(label, change.edits, change.focus, change.focus_before)

    # ---------------------------------------------------------------- participants
    @_reads
    def participants(self, workshop: int | None = None) -> dict[int, dict[str, dict[str, int]]]:
        """Counts by atelier, contributor type and laptop: ``{workshop: {type: {device: n}}}``.

        Counts typed on different laptops are kept side by side, never summed.
        """
        stmt = select(Participants)
        if workshop is not None:
            stmt = stmt.where(Participants.workshop == workshop)
        out: dict[int, dict[str, dict[str, int]]] = {}
        for p in self._session.scalars(stmt):
            out.setdefault(p.workshop, {}).setdefault(p.contributor, {})[p.device] = p.count
        return out

    def participant_counts(self, workshop: int) -> dict[str, int]:
        """This laptop's counts for an atelier (what its form shows), falling back to another's."""
        out: dict[str, int] = {}
        for contributor, by_device in self.participants(workshop).get(workshop, {}).items():
            out[contributor] = by_device.get(self.device, max(by_device.values()))
        return out

    def participants_total(self) -> dict[str, int]:
        """Event totals by type (for each atelier, this laptop's count or the largest)."""
        totals = dict.fromkeys(CONTRIBUTORS, 0)
        for w in self.kit.workshops:
            for k, v in self.participant_counts(w.number).items():
                totals[k] = totals.get(k, 0) + v
        return totals

    def set_participants(self, workshop: int, contributor: str, count: int | None) -> Change:
        if self.kit.workshop(workshop) is None:
            raise OperationError(tr("store.unknown_workshop", number=workshop))
        if contributor not in CONTRIBUTORS:
            raise OperationError(tr("store.bad_contributor", value=contributor))
        if count is not None and count < 0:
            raise OperationError(tr("store.negative_count"))
        row = self._session.get(Participants, (workshop, contributor, self.device))
        before = row.count if row else None
        return self.apply(Change("set_participants", (Edit("participants", (workshop, contributor), before, count),)))

    # ---------------------------------------------------------------- synthesis and proposals
    @_reads
    def synthesis(self) -> SynthesisState:
        row = self._session.get(Synthesis, 1)
        if row is None:
            return SynthesisState()
        return SynthesisState(row.object, row.intro, row.feedback, row.date, row.validated_by,
                              row.validated_at, row.fingerprint)

    def edit_synthesis(self, **fields: Any) -> Change:
        before = self.synthesis()
        after = before.with_(**fields)
        return self.apply(Change("edit_synthesis", (Edit("synthesis", 1, before, after),)))

    @_reads
    def proposals(self, include_deleted: bool = False) -> list[ProposalRow]:
        rows = [_to_proposal(p) for p in self._session.scalars(select(Proposal))]
        rows = [r for r in rows if include_deleted or not r.deleted]
        return sorted(rows, key=lambda r: (r.position, r.id))

    @_reads
    def proposal(self, pid: str) -> ProposalRow:
        p = self._session.get(Proposal, pid)
        if p is None:
            raise OperationError(tr("store.unknown_proposal", id=pid))
        return _to_proposal(p)

    def _clean_proposal(self, fields: dict[str, Any]) -> dict[str, Any]:
        out = dict(fields)
        if "kind" in out and out["kind"] not in PROPOSAL_KINDS:
            raise OperationError(tr("store.bad_kind", value=out["kind"]))
        if out.get("decision") not in (None, *DECISIONS):
            raise OperationError(tr("store.bad_decision", value=out["decision"]))
        for key in ("commitments", "notes"):
            if key in out:
                out[key] = tuple(str(c) for c in out[key])
        if "workshops" in out:
            out["workshops"] = tuple(int(w) for w in out["workshops"])
        return out

    def add_proposal(self, title: str = "", text: str = "", kind: str = "other", *,
                     proposal_id: str | None = None, **fields: Any) -> Change:
        fields = self._clean_proposal({"kind": kind, **fields})
        existing = self.proposals()
        position = (existing[-1].position + 1.0) if existing else 1.0
        pid = proposal_id or str(uuid.uuid4())
        state = ProposalState(position, title, text, **fields)
        return self.apply(Change("add_proposal", (Edit("proposal", pid, None, state),), focus=pid))

    def edit_proposal(self, pid: str, **fields: Any) -> Change:
        row = self.proposal(pid)
        new = row.state.with_(**self._clean_proposal(fields))
        return self.apply(Change("edit_proposal", (Edit("proposal", pid, row.state, new),), pid, pid))

    def decide(self, pid: str, decision: str | None, reason: str = "", date: str | None = None) -> Change:
        return self.edit_proposal(pid, decision=decision, decision_reason=reason, decision_date=date)

    def delete_proposal(self, pid: str) -> Change:
        row = self.proposal(pid)
        new = row.state.with_(deleted=True)
        return self.apply(Change("delete_proposal", (Edit("proposal", pid, row.state, new),), None, pid))

    # ---------------------------------------------------------------- transactions for bulk work
    @contextmanager
    def batch(self, label: str = "batch") -> Iterator[list[Change]]:
        """Group several operations; yields the list they are appended to (for a grouped undo)."""
        changes: list[Change] = []
        yield changes


def _note_row(nid: str, state: NoteState, stamp: str, device: str, rev: str) -> Note:
    row = Note(id=nid, created_at=stamp, modified_at=stamp, device=device, revision=rev)
    _fill(row, state)
    return row


def _fill(row: Note, s: NoteState) -> None:
    row.workshop, row.section, row.parent_id, row.position = s.workshop, s.section, s.parent_id, s.position
    row.text = s.text
    row.urls = json.dumps(list(s.urls), ensure_ascii=False)
    row.contributor = s.contributor
    row.commitments = json.dumps(list(s.commitments), ensure_ascii=False)
    row.votes = s.votes
    row.deleted = s.deleted


def _to_row(n: Note) -> NoteRow:
    state = NoteState(
        workshop=n.workshop,
        section=n.section,
        parent_id=n.parent_id,
        position=n.position,
        text=n.text,
        urls=tuple(json.loads(n.urls)),
        contributor=n.contributor,
        commitments=tuple(json.loads(n.commitments)),
        votes=n.votes,
        deleted=bool(n.deleted),
    )
    return NoteRow(n.id, state, n.created_at, n.modified_at, n.device, n.revision)


def _to_proposal(p: Proposal) -> ProposalRow:
    state = ProposalState(
        position=p.position, title=p.title, text=p.text, kind=p.kind,
        commitments=tuple(json.loads(p.commitments)), notes=tuple(json.loads(p.notes)),
        workshops=tuple(json.loads(p.workshops)), decision=p.decision,
        decision_reason=p.decision_reason, decision_date=p.decision_date, deleted=bool(p.deleted),
    )
    return ProposalRow(p.id, state, p.created_at, p.modified_at, p.device)


def _cleanup(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{path}{suffix}")
        except OSError:
            pass


def _os_message(exc: OSError, path: Path) -> str:
    import errno

    if exc.errno == errno.ENOSPC:
        return tr("store.disk_full", path=path)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return tr("store.read_only", path=path)
    return tr("store.unwritable", path=path, reason=exc.strerror or str(exc))


def _db_message(exc: DBAPIError, path: Path) -> str:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    low = text.lower()
    if "full" in low:
        return tr("store.disk_full", path=path)
    if "readonly" in low or "read-only" in low:
        return tr("store.read_only", path=path)
    if "disk i/o" in low or "unable to open" in low or "no such table" in low:
        if not path.exists():
            return tr("store.gone", path=path)
    return tr("store.io", path=path, reason=text)
