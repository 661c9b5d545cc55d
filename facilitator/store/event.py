"""The event file: one SQLite file per event, holding a copy of its kit and everything captured.

Durability: WAL journal with ``synchronous=FULL``: each operation is one short transaction whose
commit returns only once it is on disk, so a killed process or a power cut never loses an
acknowledged change and never corrupts the file. On close the WAL is checkpointed and the file
switched back to a rollback journal, so that a closed event file is one self-contained file that
can be copied to a USB stick.

One connection per open file (``fileformat.connect``). Reads are plain SQL on it; writes go
through a SQLAlchemy session on the same connection (``orm.py``), created on the first write.
So opening a file and showing its notes never imports SQLAlchemy: the app's first window does
not wait for it (the app loads it in the background once the window is shown).

Every operation returns a ``Change`` (see ``states.py``); ``apply(change.inverse())`` undoes it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import os
import sqlite3
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator import config
from facilitator.errors import KitError, OperationError, StoreError
from facilitator.files import refuse_input, register_input, release_input, staged
from facilitator.i18n import tr
from facilitator.kit import cache as kit_cache
from facilitator.kit.model import Item, Kit
from facilitator.store.fileformat import (
    APPLICATION_ID,
    NOTE_COLUMNS,
    PROPOSAL_COLUMNS,
    SCHEMA_VERSION,
    SQLITE_HEADER,
    SYNTHESIS_COLUMNS,
    TABLES,
    connect,
    distrust_schema,
    fold,
    foreign_objects,
)
from facilitator.store.outline import tree_order
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

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from facilitator.store.history import Conflict, Resolution, Resolved, _Heads
    from facilitator.store.schema import Note, Proposal, RecordHeads
    from facilitator.store.timer import TimerRecord

__all__ = ["EventFile", "NoteRow", "ProposalRow", "fold", "inspect"]

NAMESPACE = "7b0f3c36-5d0e-4a43-9a43-1b7c8f0e6a11"  # of the ids of the kit's prepared items (uuid5)
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
        rows, tables, foreign = _quick_check(path)
    except sqlite3.DatabaseError as exc:
        raise StoreError(tr("store.corrupt", path=path, detail=str(exc))) from exc
    if foreign:  # only our schema is trusted: a planted trigger or view would run in our writes
        raise StoreError(tr("store.foreign_schema", path=path, objects=", ".join(foreign[:5])))
    if rows != [("ok",)]:
        detail = "; ".join(r[0] for r in rows[:3])
        raise StoreError(tr("store.corrupt", path=path, detail=detail))
    required = TABLES if version == SCHEMA_VERSION else {"meta", "note"}
    missing = sorted(required - tables)
    if missing:
        raise StoreError(tr("store.corrupt", path=path, detail=tr("store.missing_tables", tables=", ".join(missing))))
    return version


def _read_only(path: Path) -> sqlite3.Connection:
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
        if _sqlite_code(exc) != sqlite3.SQLITE_READONLY:
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
    con = _read_only(path)
    try:
        rows = con.execute("PRAGMA quick_check").fetchall()
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        foreign = foreign_objects(con)
    finally:
        con.close()
    return rows, tables, foreign


def _kit_copy(path: Path) -> Kit:
    """The kit kept in an event file, read without writing; ``StoreError`` if it is damaged."""
    try:
        con = _read_only(path)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'kit_source'").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(tr("store.corrupt", path=path, detail=str(exc))) from exc
    if not row or not row[0]:
        raise StoreError(tr("store.corrupt", path=path, detail=tr("store.kit_copy_missing")))
    try:
        return kit_cache.load_kit_text(row[0], name=f"{path} (kit)")
    except KitError as exc:
        first = exc.issues[0] if exc.issues else ""
        raise StoreError(tr("store.corrupt", path=path, detail=tr("store.kit_copy_broken", issue=first))) from exc


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _item_id(event_id: str, kit_sha: str, *parts: object) -> str:
    import uuid

    return str(uuid.uuid5(uuid.UUID(NAMESPACE), "/".join([event_id, kit_sha, *map(str, parts)])))


def _new_id() -> str:
    """A new random id (notes, proposals, revisions). ``uuid`` is imported on the first write,
    not with the module: opening a file to read it never needs it."""
    import uuid

    return str(uuid.uuid4())


def _db_errors() -> tuple[type[BaseException], ...]:
    """The errors of the database layer: sqlite3's, and SQLAlchemy's wrapper once it is loaded."""
    sa = sys.modules.get("sqlalchemy.exc")
    return (sqlite3.Error, sa.DBAPIError) if sa is not None else (sqlite3.Error,)


def _reads(method):
    """A read of the file: a failure of the disk under it becomes a French ``StoreError``; an
    ORM read transaction (the few reads left to the session) ends with the call, so no read
    snapshot outlives it."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except _db_errors() as exc:  # the disk went away under a read, …: a French message
            if self._orm is not None:
                self._orm.rollback()
            raise StoreError(_db_message(exc, self.path)) from exc
        finally:
            self._end_read()

    return wrapper


class EventFile:
    """An open event file. Use ``EventFile.create`` or ``EventFile.open``; close it after use."""

    def __init__(self, path: Path, device: str | None = None) -> None:
        self.path = Path(path)
        self.device = device or config.device_id()
        self._con = connect(self.path)  # WAL switch now: a full disk fails here, not later
        self._orm: Session | None = None  # see _session
        self._data_version: int | None = None
        self._closed = False
        self._input = register_input(self.path)  # no writer replaces the file while it is open
        self._kit: Kit | None = None
        self._identity: tuple[int, int] | None = None  # (device, inode) of the file when opened
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
        try:
            with staged(path) as tmp:
                ev = cls(tmp, device)
                try:
                    ev._initialise(kit, logo)
                finally:
                    ev.close()
        except OSError as exc:
            raise StoreError(_os_message(exc, path)) from exc
        except _db_errors() as exc:
            raise StoreError(_db_message(exc, path)) from exc
        return cls.open(path, device)

    @classmethod
    def open(cls, path: str | Path, device: str | None = None) -> EventFile:
        path = Path(path)
        version = inspect(path)
        kit = _kit_copy(path)  # read-only: a damaged file is refused before anything writes to it
        if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            raise StoreError(tr("store.read_only_open", path=path))
        try:
            ev = cls(path, device)
        except sqlite3.Error as exc:
            raise StoreError(_db_message(exc, path)) from exc
        ev._kit = kit
        ev._identity = _identity(path)
        try:
            if version < SCHEMA_VERSION:
                from facilitator.store import migrations

                migrations.upgrade(ev._session, version)
        except _db_errors() as exc:
            ev.close()
            raise StoreError(_db_message(exc, path)) from exc
        except BaseException:
            ev.close()
            raise
        return ev

    @property
    def _session(self) -> Session:
        """The ORM session of the writes, made on first use (it imports SQLAlchemy)."""
        if self._orm is None:
            if self._closed:
                raise StoreError(tr("store.closed", path=self.path))
            from facilitator.store.orm import session_on

            self._orm = session_on(self._con)
        return self._orm

    def forget(self) -> None:
        """Drop what the write session holds in memory: another connection changed the file."""
        if self._orm is not None:
            self._orm.expire_all()

    def _initialise(self, kit: Kit, logo: bytes | None) -> None:
        from facilitator.store.schema import Asset, Base, Meta, RecordRevision, Synthesis

        with self._session.begin():
            conn = self._session.connection()
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            Base.metadata.create_all(conn)
            conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
            import hashlib  # (creating a file, not opening one: not on the app's start-up)

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
            stamp = f"{kit.event.date.isoformat()}T00:00:00.000000+00:00"
            # the empty synthesis has the same first revision on every laptop of the event
            syn_rev = _item_id(kit.event.id, sha, "synthesis")
            self._session.add(Synthesis(id=1, modified_at=stamp, revision=syn_rev))
            self._session.add(RecordRevision(id=syn_rev, kind="synthesis", record_id="1", parent_id=None,
                                             device=KIT_DEVICE, at=stamp, state=SynthesisState().to_json()))
            for w in kit.workshops:
                for sid, items in w.prepared:
                    self._add_prepared(kit.event.id, sha, w.number, sid, items, None, (), stamp)
            self._session.flush()

    def _add_prepared(self, event_id, sha, workshop, section, items: Iterable[Item], parent, prefix, stamp):
        from facilitator.store.schema import NoteRevision

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
            self._session.add(_new_note(nid, state, stamp, KIT_DEVICE, rev))
            self._session.add(
                NoteRevision(id=rev, note_id=nid, parent_id=None, device=KIT_DEVICE, at=stamp, state=state.to_json())
            )
            self._add_prepared(event_id, sha, workshop, section, item.items, nid, path, stamp)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        release_input(self._input)
        try:
            if self._orm is not None:
                self._orm.close()  # ends its transaction: the pragmas below take effect
            self._con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._con.execute("PRAGMA journal_mode = DELETE")
        except _db_errors():
            pass  # another process still has it open, or the disk is gone: WAL stays valid
        finally:
            self._con.close()
            if self._orm is not None:
                self._orm.get_bind().dispose()

    def __enter__(self) -> EventFile:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def save_copy(self, target: str | Path) -> Path:
        """Write a consistent copy of everything stored to ``target`` (e.g. after the file was lost).

        The copy is made from the open connection (SQLite's backup API), so it rescues the event
        even when its file was deleted or moved while open; it is written under a temporary name
        beside ``target``, synced, then renamed. ``target`` must not exist.
        """
        target = Path(target)
        refuse_input(target)  # never over the open file itself (a link, a hard link)
        if target.exists():
            raise StoreError(tr("store.exists", path=target))
        self._end_read()
        try:
            with staged(target) as tmp:
                dest = sqlite3.connect(tmp)
                try:
                    self._con.backup(dest)
                    dest.execute("PRAGMA journal_mode = DELETE")
                finally:
                    dest.close()
        except OSError as exc:
            raise StoreError(_os_message(exc, target)) from exc
        except sqlite3.Error as exc:
            key = "store.disk_full" if _sqlite_code(exc) == sqlite3.SQLITE_FULL else "store.io"
            raise StoreError(tr(key, path=target, reason=str(exc))) from exc
        return target

    def _end_read(self) -> None:
        """End the read transaction that ORM queries open, so no snapshot is held between calls."""
        if self._orm is not None and self._orm.in_transaction():
            self._orm.commit()

    def _one(self, sql: str, params: Sequence = ()) -> tuple | None:
        return self._con.execute(sql, params).fetchone()

    def _all(self, sql: str, params: Sequence = ()) -> list[tuple]:
        return self._con.execute(sql, params).fetchall()

    # ---------------------------------------------------------------- facts of the file
    @_reads
    def meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return row[0] if row else None

    @property
    def kit(self) -> Kit:
        if self._kit is None:
            self._kit = kit_cache.load_kit_text(self.meta("kit_source") or "", name=f"{self.path} (kit)")
        return self._kit

    @property
    def event_id(self) -> str:
        return self.meta("event_id") or ""

    @property
    def kit_sha256(self) -> str:
        return self.meta("kit_sha256") or ""

    @_reads
    def asset(self, name: str) -> bytes | None:
        row = self._one("SELECT data FROM asset WHERE name = ?", (name,))
        return row[0] if row else None

    # ---------------------------------------------------------------- reading notes
    def _rows(self, where: str = "", params: Sequence = ()) -> list[NoteRow]:
        sql = f"SELECT {NOTE_COLUMNS} FROM note" + (f" WHERE {where}" if where else "")
        return [_note_row(r) for r in self._all(sql, params)]

    def _drop_stale(self) -> None:
        """Re-read the rows the write session holds (see ``orm._hold_loaded``) if another
        connection committed since the last look (a merge in a worker thread): they would
        otherwise be written back from memory."""
        if self._closed:
            return
        version = self._con.execute("PRAGMA data_version").fetchone()[0]
        if version != self._data_version:
            if self._data_version is not None:
                self.forget()
            self._data_version = version

    @_reads
    def note(self, note_id: str) -> NoteRow:
        rows = self._rows("id = ?", (note_id,))
        if not rows:
            raise OperationError(tr("store.unknown_note", id=note_id))
        return rows[0]

    @_reads
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

    @_reads
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

    @_reads
    def children(self, note_id: str | None, workshop: int, section: str) -> list[NoteRow]:
        rows = self._rows("workshop = ? AND section = ? AND parent_id IS ? AND deleted IS 0",
                          (workshop, section, note_id))
        return sorted(rows, key=lambda r: (r.position, r.id))

    @_reads
    def _sibling_positions(self, parent: str | None, workshop: int, section: str) -> list[_Sibling]:
        """``children`` as ``_slot`` reads it (id, position; a state only to renumber), without
        building 300 rows: a new note in a long section stays cheap."""
        rows = self._all(
            "SELECT id, position FROM note WHERE workshop = ? AND section = ? AND parent_id IS ? AND deleted IS 0",
            (workshop, section, parent))
        return [_Sibling(self, i, p) for i, p in sorted(rows, key=lambda r: (r[1], r[0]))]

    @_reads
    def revisions(self, note_id: str) -> list[tuple]:
        """The revisions of a note: ``(id, parent_id, device, at, state json)``, oldest first."""
        return self._all("SELECT id, parent_id, device, at, state FROM note_revision WHERE note_id = ? "
                         "ORDER BY at, id", (note_id,))

    @_reads
    def table_rows(self, table: str) -> list[dict[str, Any]]:
        """Every row of one table as ``{column: value}``, in primary-key order (JSON export)."""
        from sqlalchemy import select

        from facilitator.store.schema import Base

        t = Base.metadata.tables[table]
        stmt = select(t).order_by(*t.primary_key.columns)
        return [dict(r._mapping) for r in self._session.execute(stmt)]

    @_reads
    def count_notes(self) -> dict[tuple[int, str], int]:
        return {(w, s): n for w, s, n in self._all(
            "SELECT workshop, section, count(*) FROM note WHERE deleted IS 0 GROUP BY workshop, section")}

    @_reads
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

    # ---------------------------------------------------------------- applying changes
    def apply(self, change: Change) -> Change:
        """Write every ``after`` state of ``change`` in one transaction; return it."""
        if change.empty:
            return change
        change = self._with_reopening(change)
        for e in change.edits:
            if e.before != e.after:
                self._check_edit(e)
        stamp = now()
        self._end_read()
        self._drop_stale()
        if self._identity is not None and _identity(self.path) != self._identity:
            # deleted, moved or replaced while open: SQLite would go on writing into a file
            # nobody will find again. What is stored stays readable: see save_copy().
            raise _unsaved(StoreError(tr("store.gone", path=self.path)), change)
        try:
            with self._session.begin():
                for e in change.edits:
                    if e.before == e.after:
                        continue
                    writer = getattr(self, f"_write_{e.kind}")
                    writer(e.key, e.after, stamp)
        except _db_errors() as exc:
            self._session.rollback()
            raise _unsaved(StoreError(_db_message(exc, self.path)), change) from exc
        except OSError as exc:
            self._session.rollback()
            raise _unsaved(StoreError(_os_message(exc, self.path)), change) from exc
        for listener in list(self.listeners):
            listener(change)
        return change

    def _check_edit(self, e: Edit) -> None:
        """The one check of a record entering the file (``validation``): an ``OperationError``
        naming the record if its new state could not be stored or shown."""
        from facilitator.store import validation

        kind, key, state = e.kind, e.key, e.after
        if kind == "resolution":
            if state is None:
                return
            kind, key, state = key[0], key[1], state.state
        if state is None:
            return
        try:
            if kind == "laptop":  # a laptop's name checks itself (facilitator/store/laptops.py)
                problems = state.problems()
                if problems:
                    raise OperationError(tr("store.bad_laptop_name", fields=", ".join(problems)))
                return
            if kind == "timer":  # a phase timer checks itself (facilitator/store/timer.py)
                problems = state.problems()
                if problems:
                    raise OperationError(tr("store.bad_timer", fields=", ".join(problems)))
                return
            if kind == "participants":
                validation.check_participants(key[0], key[1], self.device, state, "now",
                                              rules=validation.Rules.of_kit(self.kit))
                return
            rules = validation.ANY
            if kind == "note":
                b = e.before if e.kind == "note" else None
                if b is None or (b.workshop, b.section) != (state.workshop, state.section):
                    rules = validation.Rules.of_kit(self.kit)  # a note placed: where the kit has room
            validation.check_state(kind, state, rules)
        except validation.Invalid as exc:
            what, shown = validation.describe(kind, key)
            raise OperationError(tr("record.refused_write", what=what, id=shown, problem=exc)) from None

    # The writers run inside ``apply``'s transaction, on the ORM session (SQLAlchemy is loaded).
    def _write_note(self, note_id: str, state: NoteState | None, stamp: str) -> None:
        from facilitator.store.schema import Note, NoteRevision, RecordHeads

        row = self._session.get(Note, note_id)
        if state is None:  # undo of an addition: a tombstone keeps the merge promise
            if row is None:
                return
            state = _orm_note(row).state.with_(deleted=True)
        rev = _new_id()
        heads = self._session.get(RecordHeads, ("note", note_id))
        parents = self._parents(row.revision if row is not None else None, heads)
        self._session.add(
            NoteRevision(id=rev, note_id=note_id, parent_id=parents[0] if parents else None,
                         device=self.device, at=stamp, state=state.to_json())
        )
        self._add_parents(rev, parents)
        if heads is not None:  # several heads: the revisions decide what the note shows
            self._recompute("note", [note_id])
            return
        if row is None:
            self._session.add(_new_note(note_id, state, stamp, self.device, rev))
        else:
            _fill(row, state)
            row.modified_at = stamp
            row.revision = rev

    def _write_participants(self, key: tuple[int, str], count: int | None, stamp: str) -> None:
        from facilitator.store.schema import Participants

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
        from facilitator.store.schema import Proposal

        row = self._session.get(Proposal, pid)
        if state is None:
            if row is None:
                return
            state = _orm_proposal(row).state.with_(deleted=True)
        if self._write_record("proposal", pid, row.revision if row is not None else None, state, stamp):
            return
        row = self._session.get(Proposal, pid)
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
        row.revision = self._last_revision

    def _write_synthesis(self, _key: int, state: SynthesisState, stamp: str) -> None:
        from facilitator.store.schema import Synthesis

        row = self._session.get(Synthesis, 1)
        if self._write_record("synthesis", "1", row.revision if row is not None else None, state, stamp):
            return
        if row is None:
            row = Synthesis(id=1)
            self._session.add(row)
        for k, v in vars(state).items():
            setattr(row, k, v)
        row.modified_at = stamp
        row.revision = self._last_revision

    # ---------------------------------------------------------------- revisions, heads, conflicts
    _last_revision: str | None = None

    def _parents(self, current: str | None, heads: RecordHeads | None) -> list[str]:
        """Parents of a new revision: the shown head; every head if they merged without conflict.

        While a record is in conflict, ordinary edits continue the shown version only, so the
        conflict stays until a person resolves it (``resolve_conflict``).
        """
        if current is None:
            return []
        if heads is not None and heads.conflict is None:
            return [current, *(h for h in json.loads(heads.heads) if h != current)]
        return [current]

    def _add_parents(self, rev: str, parents: list[str]) -> None:
        from facilitator.store.schema import RevisionParent

        for p in parents[1:]:
            self._session.add(RevisionParent(revision_id=rev, parent_id=p))

    def _write_record(self, kind: str, rid: str, current: str | None, state, stamp: str) -> bool:
        """Add a revision of a proposal or of the synthesis; True if the heads were recomputed."""
        from facilitator.store.schema import RecordHeads, RecordRevision

        heads = self._session.get(RecordHeads, (kind, rid))
        parents = self._parents(current, heads)
        rev = _new_id()
        self._session.add(RecordRevision(id=rev, kind=kind, record_id=rid,
                                         parent_id=parents[0] if parents else None,
                                         device=self.device, at=stamp, state=state.to_json()))
        self._add_parents(rev, parents)
        self._last_revision = rev
        if heads is not None:
            self._recompute(kind, [rid])
            return True
        return False

    def _write_resolution(self, key: tuple[str, str, str], res: Resolution | None, stamp: str) -> None:
        from facilitator.store.history import _load_revisions
        from facilitator.store.schema import NoteRevision, RecordRevision

        kind, rid, rev = key
        if res is not None:
            if kind == "note":
                self._session.add(NoteRevision(id=rev, note_id=rid, parent_id=res.parents[0], device=res.device,
                                               at=res.at, state=res.state.to_json()))
            else:
                self._session.add(RecordRevision(id=rev, kind=kind, record_id=rid, parent_id=res.parents[0],
                                                 device=res.device, at=res.at, state=res.state.to_json()))
            self._add_parents(rev, list(res.parents))
        else:  # undo: the resolution goes, with the edits made (and undone) after it
            self._session.flush()
            revs = _load_revisions(self._con, kind, [rid]).get(rid, [])
            gone = {rev}
            grew = True
            while grew:
                grew = False
                for r in revs:
                    if r[0] not in gone and any(p in gone for p in r[1]):
                        gone.add(r[0])
                        grew = True
            table = "note_revision" if kind == "note" else "record_revision"
            for g in gone:
                self._con.execute(f"DELETE FROM {table} WHERE id = ?", (g,))
                self._con.execute("DELETE FROM revision_parent WHERE revision_id = ?", (g,))
            self._session.expire_all()
        self._recompute(kind, [rid])

    def _recompute(self, kind: str, ids: Iterable[str]) -> dict[str, Resolved]:
        """Recompute what records show from their revisions (inside the current transaction)."""
        from facilitator.store.history import recompute

        self._session.flush()
        results = recompute(self._con, kind, ids)
        self._session.expire_all()
        return results

    def _with_reopening(self, change: Change) -> Change:
        """Add the reopening of a validated synthesis to a change of the event's content.

        Part of the same change, so undoing the change restores the validation too.
        """
        content = False
        for e in change.edits:
            if e.before == e.after:
                continue
            if e.kind in ("note", "proposal", "resolution"):
                content = True
            elif e.kind == "synthesis":
                b, a = e.before, e.after
                if (b is None or a is None or (b.validated_by, b.validated_at, b.fingerprint)
                        != (a.validated_by, a.validated_at, a.fingerprint)):
                    return change  # this change validates or reopens by itself (or undoes that)
                content = content or b.reopened() != a.reopened()
        if not content:
            return change
        current = self.synthesis()
        for e in change.edits:
            if e.kind == "synthesis" and e.after is not None:
                current = e.after
        if not current.validated:
            return change
        edits = (*change.edits, Edit("synthesis", 1, current, current.reopened()))
        return Change(change.label, edits, change.focus, change.focus_before, change.extra)

    @_reads
    def conflicts(self, kind: str | None = None) -> list[Conflict]:
        """Records in conflict after a merge (notes in outline order first), for a person to resolve."""
        from facilitator.store.history import _HEADS_COLUMNS, _Heads

        sql = f"SELECT {_HEADS_COLUMNS} FROM record_heads WHERE conflict IS NOT NULL"
        rows = self._all(sql, ()) if kind is None else self._all(sql + " AND kind = ?", (kind,))
        out = [self._conflict(_Heads(*r)) for r in rows]
        place = {}
        for i, (n, _d) in enumerate(self._ordered(self._rows(), True)):
            place[n.id] = i
        rank = {"note": 0, "proposal": 1, "synthesis": 2}
        return sorted(out, key=lambda c: (rank[c.kind], place.get(c.record_id, 0), c.record_id))

    @_reads
    def conflict(self, record_id: str, kind: str = "note") -> Conflict | None:
        from facilitator.store.history import _HEADS_COLUMNS, _Heads

        row = self._one(f"SELECT {_HEADS_COLUMNS} FROM record_heads WHERE kind = ? AND record_id = ?",
                        (kind, record_id))
        if row is None or row[3] is None:
            return None
        return self._conflict(_Heads(*row))

    def _conflict(self, row: _Heads) -> Conflict:
        from facilitator.store.history import _DECODERS, Conflict, Version, _load_revisions

        revs = _load_revisions(self._con, row.kind, [row.record_id]).get(row.record_id, [])
        heads = set(json.loads(row.heads))
        decode = _DECODERS[row.kind]
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
        res = Resolution(_new_id(), parents, state, now(), self.device)
        focus = record_id if kind == "note" else None
        return self.apply(Change("resolve_conflict", (Edit("resolution", (kind, record_id, res.revision), None, res),),
                                 focus=focus, focus_before=focus))

    @_reads
    def _shown_revision(self, kind: str, record_id: str) -> str:
        table = {"note": "note", "proposal": "proposal", "synthesis": "synthesis"}[kind]
        key = int(record_id) if kind == "synthesis" else record_id
        return self._one(f"SELECT revision FROM {table} WHERE id = ?", (key,))[0]

    # ---------------------------------------------------------------- validation of the synthesis
    @_reads
    def content_fingerprint(self) -> str:
        return self._fingerprint()

    def _fingerprint(self) -> str:
        """SHA-256 of the event's content: what a validation vouches for (see docs/merge.md).

        Canonical JSON (sorted keys, no spaces, UTF-8) of the event id, the kit's hash, every note
        not deleted (id and state: place, text, urls, contributor, commitments, votes), every
        proposal not deleted (id and state, decision included) and the synthesis' texts (object,
        intro, feedback, date). Timestamps, laptops, revisions and the validation are left out.
        """
        import hashlib  # (the fingerprint of a synthesis being validated: not at start-up)

        notes = []
        for n in self._rows("deleted IS 0 ORDER BY id"):
            d = dataclasses.asdict(n.state)
            d.pop("deleted")
            notes.append({"id": n.id, **d})
        proposals = []
        for p in self._proposal_rows("deleted IS 0 ORDER BY id"):
            d = dataclasses.asdict(p.state)
            d.pop("deleted")
            proposals.append({"id": p.id, **d})
        syn = self._synthesis()
        meta = dict(self._all("SELECT key, value FROM meta"))
        doc = {
            "format": "facilitator-fingerprint/1",
            "event_id": meta.get("event_id"),
            "kit_sha256": meta.get("kit_sha256"),
            "notes": notes,
            "proposals": proposals,
            "synthesis": {"object": syn.object, "intro": syn.intro, "feedback": syn.feedback, "date": syn.date},
        }
        text = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def validate_synthesis(self, by: str) -> Change:
        """Mark the synthesis "validée" by ``by``: date and fingerprint of the content are stored.
        Any later change of notes, proposals or synthesis reopens it (see ``apply``)."""
        by = (by or "").strip()
        if not by:
            raise OperationError(tr("synthesis.validator_required"))
        before = self.synthesis()
        after = before.with_(validated_by=by, validated_at=now(), fingerprint=self.content_fingerprint())
        return self.apply(Change("validate_synthesis", (Edit("synthesis", 1, before, after),)))

    def reopen_synthesis(self) -> Change:
        before = self.synthesis()
        return self.apply(Change("reopen_synthesis", (Edit("synthesis", 1, before, before.reopened()),)))

    # ---------------------------------------------------------------- note operations
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
        nid = note_id or _new_id()
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

        # depth first, in reading order, without recursion (a paste 2,000 levels deep)
        stack = [(item, parent, (i,), base + i + 1.0) for i, item in reversed(list(enumerate(items)))]
        while stack:
            item, parent_id, path, position = stack.pop()
            nid = id_for(path) if id_for else _new_id()
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
        sql = "SELECT workshop, contributor, device, count FROM participants"
        rows = self._all(sql) if workshop is None else self._all(sql + " WHERE workshop = ?", (workshop,))
        out: dict[int, dict[str, dict[str, int]]] = {}
        for w, contributor, device, count in rows:
            out.setdefault(w, {}).setdefault(contributor, {})[device] = count
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
        row = self._one("SELECT count FROM participants WHERE workshop = ? AND contributor = ? AND device = ?",
                        (workshop, contributor, self.device))
        before = row[0] if row else None
        return self.apply(Change("set_participants", (Edit("participants", (workshop, contributor), before, count),)))

    # ---------------------------------------------------------------- the phase timer
    @_reads
    def timer_state(self, workshop: int) -> TimerRecord | None:
        """The phase timer of ``workshop`` as last stored (``facilitator.store.timer``)."""
        from facilitator.store.timer import META_PREFIX, TimerRecord

        row = self._one("SELECT value FROM meta WHERE key = ?", (f"{META_PREFIX}{workshop}",))
        return TimerRecord.from_json(row[0]) if row else None

    def set_timer_state(self, workshop: int, record: TimerRecord | None) -> Change:
        """Store the phase timer of ``workshop`` (None: forget it)."""
        if self.kit.workshop(workshop) is None:
            raise OperationError(tr("store.unknown_workshop", number=workshop))
        if record is not None and record.problems():
            raise OperationError(tr("store.bad_timer", fields=", ".join(record.problems())))
        return self.apply(Change("set_timer_state", (Edit("timer", workshop, self.timer_state(workshop), record),)))

    def _write_timer(self, workshop: int, record: TimerRecord | None, _stamp: str) -> None:
        from facilitator.store.schema import Meta
        from facilitator.store.timer import META_PREFIX

        key = f"{META_PREFIX}{workshop}"
        row = self._session.get(Meta, key)
        if record is None:
            if row is not None:
                self._session.delete(row)
        elif row is None:
            self._session.add(Meta(key=key, value=record.to_json()))
        else:
            row.value = record.to_json()

    # ---------------------------------------------------------------- the laptops' names
    @_reads
    def laptop_names(self) -> dict[str, str]:
        """The human name of each laptop this file knows, by device id (``store.laptops``)."""
        from facilitator.store.laptops import META_PREFIX, newest

        rows = self._all("SELECT key, value FROM meta WHERE key LIKE ?", (f"{META_PREFIX}%",))
        return {device: found.name for device, found in newest(rows).items()}

    def set_laptop_name(self, name: str) -> Change:
        """Name this laptop (``self.device``) in the event file; a merge carries the name along."""
        from facilitator.store.laptops import LaptopName

        record = LaptopName.now(name)
        if record.problems():
            raise OperationError(tr("store.bad_laptop_name", fields=", ".join(record.problems())))
        before = self.laptop_names().get(self.device)
        if before == record.name:
            return Change("set_laptop_name")
        return self.apply(Change("set_laptop_name", (Edit("laptop", self.device, None, record),)))

    def _write_laptop(self, device: str, record, _stamp: str) -> None:
        from facilitator.store.laptops import META_PREFIX
        from facilitator.store.schema import Meta

        key = f"{META_PREFIX}{device}"
        row = self._session.get(Meta, key)
        if record is None:
            return  # (a name is never taken back: undoing nothing)
        if row is None:
            self._session.add(Meta(key=key, value=record.to_json()))
        else:
            row.value = record.to_json()

    # ---------------------------------------------------------------- synthesis and proposals
    @_reads
    def synthesis(self) -> SynthesisState:
        return self._synthesis()

    def _synthesis(self) -> SynthesisState:
        row = self._one(f"SELECT {SYNTHESIS_COLUMNS} FROM synthesis WHERE id = 1")
        return SynthesisState(*row) if row is not None else SynthesisState()

    def edit_synthesis(self, **fields: Any) -> Change:
        before = self.synthesis()
        after = before.with_(**fields)
        return self.apply(Change("edit_synthesis", (Edit("synthesis", 1, before, after),)))

    def _proposal_rows(self, where: str = "", params: Sequence = ()) -> list[ProposalRow]:
        sql = f"SELECT {PROPOSAL_COLUMNS} FROM proposal" + (f" WHERE {where}" if where else "")
        return [_proposal_row(r) for r in self._all(sql, params)]

    @_reads
    def proposals(self, include_deleted: bool = False) -> list[ProposalRow]:
        rows = self._proposal_rows("" if include_deleted else "deleted IS 0")
        return sorted(rows, key=lambda r: (r.position, r.id))

    @_reads
    def proposal(self, pid: str) -> ProposalRow:
        rows = self._proposal_rows("id = ?", (pid,))
        if not rows:
            raise OperationError(tr("store.unknown_proposal", id=pid))
        return rows[0]

    def _clean_proposal(self, fields: dict[str, Any]) -> dict[str, Any]:
        out = dict(fields)
        if "kind" in out and out["kind"] not in PROPOSAL_KINDS:
            raise OperationError(tr("store.bad_kind", value=out["kind"]))
        if out.get("decision") not in (None, *DECISIONS):
            raise OperationError(tr("store.bad_decision", value=out["decision"]))
        for key in ("commitments", "notes"):
            if key in out:
                out[key] = tuple(dict.fromkeys(str(c) for c in out[key]))
        plan = self.kit.plan
        for c in out.get("commitments", ()):
            if plan is None or plan.commitment(c) is None:
                raise OperationError(tr("synthesis.unknown_commitment", id=c))
        for n in out.get("notes", ()):
            self.note(n)  # raises for an unknown note
        if "workshops" in out:
            out["workshops"] = tuple(int(w) for w in out["workshops"])
        return out

    def add_proposal(self, title: str = "", text: str = "", kind: str = "other", *,
                     proposal_id: str | None = None, **fields: Any) -> Change:
        fields = self._clean_proposal({"kind": kind, **fields})
        existing = self.proposals()
        position = (existing[-1].position + 1.0) if existing else 1.0
        pid = proposal_id or _new_id()
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


class _Sibling:
    """A sibling of a note being placed: its id and position (its state is read only if needed)."""

    __slots__ = ("_ev", "id", "position")

    def __init__(self, ev: EventFile, note_id: str, position: float) -> None:
        self._ev, self.id, self.position = ev, note_id, position

    @property
    def state(self) -> NoteState:
        return self._ev.note(self.id).state


def _new_note(nid: str, state: NoteState, stamp: str, device: str, rev: str) -> Note:
    from facilitator.store.schema import Note

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


def _note_row(r: Sequence) -> NoteRow:
    """A note from the values of ``fileformat.NOTE_COLUMNS``, in that order."""
    nid, workshop, section, parent, position, text, urls, contributor, commitments, votes, deleted = r[:11]
    state = NoteState(workshop, section, parent, position, text, tuple(json.loads(urls)), contributor,
                      tuple(json.loads(commitments)), votes, bool(deleted))
    return NoteRow(nid, state, *r[11:])


def _orm_note(n: Note) -> NoteRow:
    return _note_row([getattr(n, c) for c in NOTE_COLUMNS.split(", ")])


def _proposal_row(r: Sequence) -> ProposalRow:
    """A proposal from the values of ``fileformat.PROPOSAL_COLUMNS``, in that order."""
    (pid, position, title, text, kind, commitments, notes, workshops, decision, reason, date, deleted,
     created_at, modified_at, device) = r
    state = ProposalState(
        position=position, title=title, text=text, kind=kind, commitments=tuple(json.loads(commitments)),
        notes=tuple(json.loads(notes)), workshops=tuple(json.loads(workshops)), decision=decision,
        decision_reason=reason, decision_date=date, deleted=bool(deleted),
    )
    return ProposalRow(pid, state, created_at, modified_at, device)


def _orm_proposal(p: Proposal) -> ProposalRow:
    return _proposal_row([getattr(p, c) for c in PROPOSAL_COLUMNS.split(", ")])


def _unsaved(error: StoreError, change: Change) -> StoreError:
    """The error of a write that failed, carrying the change that was not stored.

    The app keeps it to apply again once the problem is solved, or to a copy (``save_copy``).
    """
    error.change = change
    return error



def _os_message(exc: OSError, path: Path) -> str:
    import errno

    if exc.errno == errno.ENOSPC:
        return tr("store.disk_full", path=path)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return tr("store.read_only", path=path)
    return tr("store.unwritable", path=path, reason=exc.strerror or str(exc))


def _sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of an error (``SQLITE_FULL``…), through SQLAlchemy's wrapper;
    errors are told apart by it, never by their English text."""
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _db_message(exc: BaseException, path: Path) -> str:
    orig = getattr(exc, "orig", None)  # SQLAlchemy's DBAPIError wraps sqlite3's error
    text = str(orig) if orig is not None else str(exc)
    code = _sqlite_code(exc)
    if isinstance(orig or exc, sqlite3.ProgrammingError):  # used after close(): nothing read or written
        return tr("store.closed", path=path)
    if not path.exists():
        return tr("store.gone", path=path)
    if code == sqlite3.SQLITE_FULL:
        return tr("store.disk_full", path=path)
    if code == sqlite3.SQLITE_READONLY:
        return tr("store.read_only", path=path)
    return tr("store.io", path=path, reason=text)
